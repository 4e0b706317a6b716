"""What a text says about itself: is it an official document, and if so its type,
number, date, place and signer, read from the administrative header
(`Số: 1599/QĐ-UBND`, `Quảng Nam, ngày 22 tháng 5 năm 2018`) and the signature block."""
from __future__ import annotations

import re
from dataclasses import dataclass, field

import regex  # whole-text scans opening on a lookbehind: see bodies._COMMITTEE_RE

from .dates import find_dates
from .doc_symbols import find_doc_numbers, type_of_symbol
from .signature import find_signature
from .spans import Span
from .vietnamese import VI_UPPER, new_tone_placement, title_case_name

HEADER_CHARS = 1500  # the header of a real document fits well inside this

_NUMBER_LINE = regex.compile(r"(?i)(?<!\w)Số\s*(?:[:.]|hiệu:?)?\s*")
_MOTTO = re.compile(r"(?i)CỘNG\s+H[ÒO]À?\s+XÃ\s+HỘI\s+CHỦ\s+NGHĨA|Độc lập\s*[-–]\s*Tự do")
_PLACE_DATE = re.compile(
    # One space between a place's words: a wider gap is the header's column break
    # (`Số: 977/UBND-NN      Bắc Trà My, ngày`), and a place never runs on from a symbol.
    rf"(?<![\w/-])(?P<place>[{VI_UPPER}][\w.]*(?: [{VI_UPPER}][\w.]*){{0,3}})[ \t]*,\s*ngày\s+\d{{1,2}}\s+tháng\s+\d{{1,2}}\s+năm\s+\d{{4}}"
)
_TITLES = {
    "QUYẾT ĐỊNH": "Quyết định", "KẾ HOẠCH": "Kế hoạch", "CHỈ THỊ": "Chỉ thị", "NGHỊ QUYẾT": "Nghị quyết",
    "THÔNG BÁO": "Thông báo", "BÁO CÁO": "Báo cáo", "TỜ TRÌNH": "Tờ trình", "HƯỚNG DẪN": "Hướng dẫn",
    "ĐỀ ÁN": "Đề án", "CHƯƠNG TRÌNH": "Chương trình", "THÔNG TƯ": "Thông tư", "NGHỊ ĐỊNH": "Nghị định",
    "CÔNG VĂN": "Công văn", "QUY ĐỊNH": "Quy định", "KẾT LUẬN": "Kết luận",
}
_TITLE_RE = re.compile(r"(?m)^[ \t|]*(?P<t>" + "|".join(_TITLES) + r")[ \t|:]*$")
@dataclass
class SelfDescription:
    kind: str  # "official" or "news"
    doc_type: str | None = None
    number: str | None = None
    number_span: tuple[int, int] | None = None
    date: str | None = None
    date_span: tuple[int, int] | None = None
    place: str | None = None  # the place of the place-date line: a province or district name
    signer: str | None = None  # the signer's name, from the signature block
    signer_title: str | None = None  # their own title (`Phó Chủ tịch`), and whom they sign for
    signature: list[Span] = field(default_factory=list)  # the SIGNER span over the name


def describe(text: str) -> SelfDescription:
    """Read the header: an official document has a `Số:` symbol near the top together
    with the national motto or a place-date line."""
    head = text[:HEADER_CHARS]
    number = number_span = None
    for m in _NUMBER_LINE.finditer(head):
        found = find_doc_numbers(head[m.end(): m.end() + 60])
        if found and found[0].start == 0:
            number = found[0].value
            number_span = (m.end() + found[0].start, m.end() + found[0].end)
            break
    place_date = _PLACE_DATE.search(head)
    if not number or not (_MOTTO.search(head) or place_date):
        return SelfDescription(kind="news")
    desc = SelfDescription(kind="official", number=number, number_span=number_span)
    if place_date:
        desc.place = new_tone_placement(title_case_name(place_date["place"]))
        dates = find_dates(place_date.group())
        if dates:
            desc.date = dates[0].value
            desc.date_span = (place_date.start() + dates[0].start, place_date.start() + dates[0].end)
    desc.doc_type = type_of_symbol(number)
    if not desc.doc_type:
        title = _TITLE_RE.search(head)
        desc.doc_type = _TITLES[title["t"]] if title else None
    desc.signature = find_signature(text)
    if desc.signature:
        signed = desc.signature[0].value
        desc.signer = signed["name"]
        desc.signer_title = f"{signed['title']} ({signed['for']})" if signed["for"] else signed["title"]
    return desc
