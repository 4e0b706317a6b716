import pytest

from extractors.doc_symbols import find_doc_numbers, type_of_symbol


@pytest.mark.parametrize(
    "sentence, expected",
    [
        ("tại Quyết định số 1599/QĐ-UBND ngày 22/5/2018", ["1599/QĐ-UBND"]),
        ("Quyết định số 1040/2019/QĐ-UBND của UBND tỉnh", ["1040/2019/QĐ-UBND"]),
        ("UBND huyện Thanh Oai có Văn bản số 1682/UBND-KT về việc", ["1682/UBND-KT"]),
        ("Nghị quyết số 26-NQ/TW của Ban Chấp hành Trung ương", ["26-NQ/TW"]),
        ("Căn cứ Nghị định số 30/2020/NĐ-CP ngày 05/3/2020", ["30/2020/NĐ-CP"]),
        ("tại Tờ trình số 728/TTr-SNN ngày 10/5/2018", ["728/TTr-SNN"]),
        ("Quyết định số 01/QĐ-BCĐTW ngày 22/8/2018", ["01/QĐ-BCĐTW"]),
        ("Quyết định số 512/QĐ-UBND-NC", ["512/QĐ-UBND-NC"]),
        ("Nghị quyết số 88/2019/QH14 của Quốc hội", ["88/2019/QH14"]),
        # repaired: lost hyphen, Icelandic eth, spaces, a line break inside the symbol
        ("Quyết định số 1045/QĐUBND ngày 15/8/2021", ["1045/QĐ-UBND"]),
        ("Quyết định số 1599/QÐ-UBND", ["1599/QĐ-UBND"]),
        ("Quyết định số 1599 / QĐ - UBND", ["1599/QĐ-UBND"]),
        ("Quyết định số 1599/QĐ-\nUBND ngày", ["1599/QĐ-UBND"]),
        # not symbols
        ("ngày 22/5/2018 và giai đoạn 2018-2020", []),
        ("tốc độ 60 km/h, giá 20.000 đồng/kg", []),
        ("trang 1/3", []),
    ],
)
def test_symbols(sentence: str, expected: list[str]) -> None:
    assert [s.value for s in find_doc_numbers(sentence)] == expected


def test_span_points_at_the_symbol() -> None:
    text = "Căn cứ Quyết định số 919/QĐ-TTg ngày 01/8/2022"
    (span,) = find_doc_numbers(text)
    assert text[span.start:span.end] == "919/QĐ-TTg"


@pytest.mark.parametrize(
    "symbol, doc_type",
    [("1599/QĐ-UBND", "Quyết định"), ("1366/KH-UBND", "Kế hoạch"), ("1682/UBND-KT", "Công văn"),
     ("26-NQ/TW", "Nghị quyết"), ("30/2020/NĐ-CP", "Nghị định"), ("53/2022/TT-BTC", "Thông tư")],
)
def test_type_of_symbol(symbol: str, doc_type: str) -> None:
    assert type_of_symbol(symbol) == doc_type
