"""Documents named without their symbol, as news writes them: by type, date and issuer.

`Theo Kế hoạch ngày 05/10/2024 của UBND tỉnh Quảng Nam` and `Ngày 12/7/2021, UBND tỉnh
Quảng Nam đã ban hành Quyết định phê duyệt Đề án ...` give
`{"type": "Kế hoạch", "date": "2024-10-05", "issuer": "UBND tỉnh Quảng Nam"}`. All three
must be there, the date read as a full date, and no symbol between the type and the date
(a symbol makes it a citation: `citations.py`). The store links a mention to the one
document of the database with that type, date and issuer, and to none when it fits more.
"""
from __future__ import annotations

import re

from .issuing import DOCUMENT_TYPE
from .spans import Span

LABEL = "MENTION"

# `Kế hoạch [thực hiện Chương trình OCOP năm 2024] ngày`: the type, a few words of title
# (no sentence end, no symbol), then the date (its `ngày` before it or inside its span).
_TYPE_BEFORE_DATE = re.compile(rf"(?i)\b({DOCUMENT_TYPE})\b[^.;:\n()]{{0,80}}?\s(?:ban hành\s+)?(?:vào\s+)?(?:ngày\s*)?$")
_NGAY = re.compile(r"(?i)(?:^|\s)ngày\s*$")
_OF_BODY = re.compile(r"(?i)^\s*,?\s*(?:của|do)\s+$")
# `Ngày 12/7/2021, UBND tỉnh Quảng Nam [đã|vừa] ban hành Quyết định`: a news lede.
_SENTENCE_START = re.compile(r"(?i)(?:^|[.\n])\s*(?:(?:vào\s+)?ngày\s*)?$")
_BODY_ISSUED = re.compile(rf"(?i)\s*(?:đã\s+|vừa\s+|mới\s+)?(?:ký\s+)?(?:ban hành|phê duyệt)\s+({DOCUMENT_TYPE})\b")


def find_mentions(text: str, numbers: list[Span], dates: list[Span], bodies: list[Span]) -> list[Span]:
    """One MENTION span per document named by type, date and issuer without its symbol."""
    out = []
    body_at = {b.start: b for b in bodies}
    symbol_starts = [n.start for n in numbers]
    for date in dates:
        if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", str(date.value)):
            continue
        window = text[max(0, date.start - 120):date.start]
        said_ngay = bool(_NGAY.search(window)) or text[date.start:date.start + 4].lower() == "ngày"
        before = _TYPE_BEFORE_DATE.search(window) if said_ngay else None
        if before:
            type_start = date.start - len(window) + before.start(1)
            body = _body_after(text, date.end, body_at)
            if body and not any(type_start < s < date.start for s in symbol_starts):
                out.append(Span(type_start, body.end, LABEL,
                                {"type": _canonical(before.group(1)), "date": date.value, "issuer": body.value}))
            continue
        if not said_ngay or not _SENTENCE_START.search(text[max(0, date.start - 14):date.start]):
            continue
        lede = re.match(r"\s*,\s*", text[date.end:date.end + 4])
        body = body_at.get(date.end + lede.end()) if lede else None
        issued = _BODY_ISSUED.match(text, body.end) if body else None
        if body and issued and not any(issued.end() <= s < issued.end() + 12 for s in symbol_starts):
            out.append(Span(date.start, issued.end(1), LABEL,
                            {"type": _canonical(issued.group(1)), "date": date.value, "issuer": body.value}))
    return out


def _body_after(text: str, end: int, body_at: dict[int, Span]) -> Span | None:
    for start, body in body_at.items():
        if end < start <= end + 12 and _OF_BODY.match(text[end:start]):
            return body
    return None


def _canonical(doc_type: str) -> str:
    """`kế hoạch`, `KẾ HOẠCH` → `Kế hoạch`, as the header reader names a type."""
    return doc_type[0].upper() + doc_type[1:].lower()
