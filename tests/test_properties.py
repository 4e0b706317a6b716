"""Property tests (hypothesis): whatever text comes in, the extractors do not raise, every
span lies inside the text and says what the text says there, and numbers and dates written
the Vietnamese way read back as written."""
from __future__ import annotations

import datetime as dt

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from extractors import extract
from extractors.dates import find_dates
from extractors.vietnamese import nfc, parse_number

# Vietnamese-looking text: letters with marks, digits, the punctuation of symbols and dates,
# line breaks, and words the extractors react to.
WORDS = ["Quyết định", "số", "ngày", "tháng", "năm", "UBND", "tỉnh", "Quảng Nam", "huyện", "QĐ-UBND", "KH-UBND",
         "/", "-", "phấn đấu", "ít nhất", "sản phẩm", "%", "đến năm 2025", "của", "Thủ tướng Chính phủ",
         "\n", "|", ";", ".", ":", "(", ")", "Điều 1.", "MỤC TIÊU", "đã", "Trong đó,", "xã", "OCOP", "3 sao"]
text = st.lists(st.one_of(st.sampled_from(WORDS), st.integers(0, 99999).map(str),
                          st.text(alphabet="aăâbcdđeêghiklmnoôơpqrstuưvxyàáảãạấầẩẫậếềểễệốồổỗộớờởỡợứừửữự ",
                                  max_size=12)), max_size=80).map(" ".join)

SETTINGS = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(text)
def test_extract_never_raises_and_spans_stay_inside_the_text(sample: str) -> None:
    result = extract(sample)
    assert result.text == nfc(sample)
    for span in result.spans:
        assert 0 <= span.start <= span.end <= len(result.text)
    for target in result.record["targets"]:
        assert target["comparator"] in ("=", ">=", ">", "<=", "<")
        assert isinstance(target["value"], (int, float))


@SETTINGS
@given(st.text(max_size=300))
def test_extract_never_raises_on_any_unicode(sample: str) -> None:
    extract(sample)


@given(st.integers(0, 10**7))
def test_numbers_with_thousands_dots_read_back(n: int) -> None:
    written = f"{n:,}".replace(",", ".")
    assert parse_number(written) == n


@given(st.integers(0, 999), st.integers(1, 9))
def test_decimal_commas_read_back(whole: int, tenth: int) -> None:
    assert parse_number(f"{whole},{tenth}") == whole + tenth / 10


@given(st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2035, 12, 31)), st.sampled_from(["/", "-"]))
def test_dates_read_back(day: dt.date, sep: str) -> None:
    for written in (f"ngày {day.day}{sep}{day.month}{sep}{day.year}",
                    f"ngày {day.day:02d} tháng {day.month:02d} năm {day.year}"):
        assert [s.value for s in find_dates(written)] == [day.isoformat()]
