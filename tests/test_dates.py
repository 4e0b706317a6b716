import pytest

from extractors.dates import find_dates


@pytest.mark.parametrize(
    "sentence, year_hint, expected",
    [
        ("Quyết định số 490/QĐ-TTg ngày 07/5/2018", None, ["2018-05-07"]),
        ("Quyết định số 3629/QĐ-UBND, ngày 08-7-2019, của UBND", None, ["2019-07-08"]),
        ("Quảng Nam, ngày 22 tháng 5 năm 2018", None, ["2018-05-22"]),
        ("Điện Biên, ngày\n24 tháng 02 năm 2021", None, ["2021-02-24"]),
        ("(16:23 04/11/2019)", None, ["2019-11-04"]),
        ("Ngày 01-11, UBND huyện Thanh Oai có Văn bản", 2019, ["2019-11-01"]),
        # without a year the day-month needs the document's year
        ("Ngày 01-11, UBND huyện Thanh Oai có Văn bản", None, []),
        # not dates: month-year, periods, impossible days, numbers inside symbols
        ("trong tháng 5-2018 và giai đoạn 2018-2020", None, []),
        ("ngày 31/02/2019", None, []),
        ("Nghị định số 30/2020/NĐ-CP", None, []),
    ],
)
def test_dates(sentence: str, year_hint: int | None, expected: list[str]) -> None:
    assert [s.value for s in find_dates(sentence, year_hint)] == expected
