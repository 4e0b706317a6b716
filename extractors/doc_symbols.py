"""Document symbols (số, ký hiệu): `1599/QĐ-UBND`, `30/2020/NĐ-CP`, `26-NQ/TW`, `1682/UBND-KT`.

Written back in the standard form of Decree 30/2020/NĐ-CP: `Ð` read as `Đ`, spaces and
line breaks inside the symbol dropped, dashes made plain, and a hyphen that PDF
extraction lost put back where a known type code meets a known body code
(`1040/QĐUBND` → `1040/QĐ-UBND`).
"""
from __future__ import annotations

import re

import regex  # whole-text scans opening on a lookbehind: see bodies._COMMITTEE_RE

from .spans import Span
from .vietnamese import DASHES

LABEL = "DOC_NUMBER"

# Type abbreviations (Decree 30/2020, appendix) and the legal-document ones.
TYPE_CODES: dict[str, str] = {
    "NQ": "Nghị quyết", "QĐ": "Quyết định", "CT": "Chỉ thị", "QC": "Quy chế",
    "QyĐ": "Quy định", "TC": "Thông cáo", "TB": "Thông báo", "HD": "Hướng dẫn",
    "CTr": "Chương trình", "KH": "Kế hoạch", "PA": "Phương án", "ĐA": "Đề án",
    "DA": "Dự án", "BC": "Báo cáo", "BB": "Biên bản", "TTr": "Tờ trình",
    "HĐ": "Hợp đồng", "CĐ": "Công điện", "BGN": "Bản ghi nhớ", "GM": "Giấy mời",
    "NĐ": "Nghị định", "TT": "Thông tư", "TTLT": "Thông tư liên tịch", "L": "Luật",
    "CV": "Công văn", "KL": "Kết luận", "TTRa": "Thanh tra",
}
# Body codes that can follow a type code; used only to restore a lost hyphen.
BODY_CODES = (
    "UBND", "HĐND", "TTg", "CP", "VPCP", "BNNPTNT", "BNN", "BTC", "BCT", "BKHĐT",
    "SNNPTNT", "SNN", "BCĐTW", "BCĐ", "TU", "TW", "HU", "TƯ", "VP", "STC", "SCT",
)

_SEP = rf"[ \t]*[{DASHES}][ \t]*\n?[ \t]*"  # a dash, maybe with spaces or a line break
_CODE = r"[A-ZĐÐ][A-Za-zĐđÐ&]{0,11}"  # one code: QĐ, UBND, TTg, BNNPTNT, KTHT, ...
_NUM = r"\d{1,5}[a-z]?"

_ADMIN = regex.compile(
    rf"(?<![\w/.-])(?P<num>{_NUM})[ \t]*/[ \t]*(?:(?P<year>(?:19|20)\d\d)[ \t]*/[ \t]*)?"
    rf"(?P<codes>{_CODE}(?:{_SEP}{_CODE}){{0,3}})(?![\w/])"
)
_PARTY = regex.compile(
    rf"(?<![\w/.-])(?P<num>{_NUM}){_SEP}(?P<type>{_CODE})[ \t]*/[ \t]*(?P<body>{_CODE}(?:{_SEP}{_CODE})?)(?![\w/])"
)
_ASSEMBLY = regex.compile(r"(?<![\w/.-])(?P<num>\d{1,4})/(?P<year>(?:19|20)\d\d)/(?P<body>QH\d{1,2})(?![\w/])")


def _split_codes(raw: str) -> list[str] | None:
    codes = [c for c in re.split(rf"[\s{DASHES}]+", raw) if c]
    if not codes:
        return None
    first = codes[0].replace("Ð", "Đ")
    # A lost hyphen: a type code glued to a body code (`QĐUBND`).
    if len(codes) == 1:
        for type_code in sorted(TYPE_CODES, key=len, reverse=True):
            rest = first[len(type_code):]
            if first.startswith(type_code) and rest and any(rest.startswith(b) for b in BODY_CODES):
                return [type_code, rest]
    return [c.replace("Ð", "Đ") for c in codes]


def _plausible(codes: list[str]) -> bool:
    """Symbols are upper-case codes; `km/h`, `đồng/kg` and page counters are not."""
    joined = "".join(codes)
    uppers = sum(1 for ch in joined if ch.isupper())
    if uppers < 2 and joined not in TYPE_CODES:
        return False
    # Every code starts upper-case and is mostly upper-case (TTg, TTr and CTr are the exceptions).
    return all(c[0].isupper() and sum(ch.isupper() for ch in c) * 2 >= len(c) for c in codes)


def find_doc_numbers(text: str) -> list[Span]:
    """Every document symbol in `text`, with its standard form as the value."""
    found: list[Span] = []
    taken: list[tuple[int, int]] = []

    def add(start: int, end: int, value: str) -> None:
        if any(s < end and start < e for s, e in taken):
            return
        taken.append((start, end))
        found.append(Span(start, end, LABEL, value))

    for m in _ASSEMBLY.finditer(text):
        add(m.start(), m.end(), f"{m['num']}/{m['year']}/{m['body']}")
    for m in _PARTY.finditer(text):
        codes = [m["type"].replace("Ð", "Đ"), *(_split_codes(m["body"]) or [])]
        if _plausible(codes):
            add(m.start(), m.end(), f"{m['num']}-{codes[0]}/{'-'.join(codes[1:])}")
    for m in _ADMIN.finditer(text):
        codes = _split_codes(m["codes"])
        if not codes or not _plausible(codes):
            continue
        year = f"{m['year']}/" if m["year"] else ""
        add(m.start(), m.end(), f"{m['num']}/{year}{'-'.join(codes)}")
    return sorted(found, key=lambda s: s.start)


def type_of_symbol(symbol: str) -> str | None:
    """The document type a symbol's type code names (`1599/QĐ-UBND` → `Quyết định`).

    A dispatch symbol has no type code (`1682/UBND-KT`): that is a `Công văn`.
    """
    m = re.match(r"\d+[a-z]?-(?P<t>[^/]+)/", symbol)
    if m:
        return TYPE_CODES.get(m["t"])
    parts = symbol.split("/")
    codes = parts[-1].split("-")
    if codes[0] in TYPE_CODES:
        return TYPE_CODES[codes[0]]
    if codes[0] in ("UBND", "SNN", "BNN", "VPCP", "BNNPTNT", "SNNPTNT") or len(codes) >= 2:
        return "Công văn"
    return None
