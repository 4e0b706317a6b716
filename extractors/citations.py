"""Cited documents: a symbol linked to its own date and issuer by the citation phrase.

`Quyết định số 490/QĐ-TTg ngày 07/5/2018 của Thủ tướng Chính phủ` gives
`{"number": "490/QĐ-TTg", "date": "2018-05-07", "issuer": "Thủ tướng Chính phủ"}`.
The date must follow the symbol (`ngày ...`, `ban hành ngày ...`); the issuer follows
as `của <body>` / `do <body> ban hành`, or precedes as the subject of an issuing verb
(`UBND huyện Thanh Oai có Văn bản số 1682/UBND-KT`). Nothing is guessed from the
symbol's code alone.
"""
from __future__ import annotations

import re

from .bodies import committee_named_at
from .issuing import ASIDE, ASPECT, DOCUMENT_TYPE, ISSUING, PERSON_NAME
from .spans import Span

LABEL = "CITATION"

# What may stand between a symbol and its date: `, ngày`, `ban hành ngày`, `ký ngày`.
# PDF text loses letters of a font it cannot map (`ny` for `ngày`, `ca` for `của`).
_TO_DATE = re.compile(r"[\s,(]*(?:(?:được\s+)?(?:ban hành|ký|phê duyệt)\s+)?(?:vào\s+)?(?:(?:ngày|ngy|ny)\s+)?$", re.I)
# `của Thủ tướng Chính phủ`, `của Bộ trưởng Bộ Tài chính` (a minister signs for the ministry),
# `Hội nghị Ban chấp hành Đảng bộ tỉnh` (a resolution of the committee's plenum)
_SIGNER_TITLE = r"(?:Bộ trưởng|Chủ tịch|Giám đốc|Trưởng ban|Thủ trưởng)"
_TO_ISSUER = re.compile(
    rf"^[\s,)]*(?:(?:của|cua|ca|do)\s*(?:{_SIGNER_TITLE}\s+)?|(?:của\s+)?Hội nghị\s+)$", re.I
)
# `UBND huyện Thanh Oai có Văn bản số`, `được UBND tỉnh phê duyệt tại Quyết định số`,
# `Sở NN&PTNT tại Tờ trình số`: what stands between an issuing subject and the symbol.
_ISSUE_VERB = re.compile(
    rf"^\s*{ASIDE}?(?-i:{PERSON_NAME})?"
    rf"(?:tại\s+(?=\w+(?:\s\w+)?\s+số)|(?:{ISSUING}|{ASPECT})\s+(?:(?:tại|theo)\s+)?){DOCUMENT_TYPE}",
    re.I,
)
_SENTENCE_DATE = re.compile(r"(?i)(?:^|[.\n]\s*|-\s+)(?:ngày|vào ngày)\s")


def find_citations(
    text: str,
    numbers: list[Span],
    dates: list[Span],
    bodies: list[Span],
    own_number: str | None = None,
) -> list[Span]:
    """One CITATION span per symbol occurrence other than the document's own.

    `value` is `{"number", "date", "issuer"}`; date and issuer are None when the
    phrase does not give them.
    """
    out = []
    subject_issued: list[bool] = []  # was the issuer the subject before the symbol?
    for sym in numbers:
        if own_number and sym.value == own_number:
            continue
        named = committee_named_at(text, sym.end) if sym.value.upper().endswith("UBND") else None
        if named:  # `2495/QĐ-UBND tỉnh Lào Cai ngày 26/9/2012`
            sym = Span(sym.start, named[1], sym.label, sym.value)
        date = _date_after(text, sym, dates)
        before = None
        issuer = (named[0] if named else None) or _issuer_after(text, sym, date, bodies)
        if issuer is None:
            issuer = before = _issuer_before(text, sym, bodies)
        issuer = issuer or _issuer_of_parenthesis(text, sym, bodies)
        if date is None and issuer is not None:
            date = _sentence_date_before(text, sym, dates)
        value = {"number": sym.value, "date": date.value if date else None, "issuer": issuer}
        out.append(Span(sym.start, (date.end if date and date.start > sym.start else sym.end), LABEL, value))
        subject_issued.append(before is not None)
    _share_trailing_issuer(text, out)
    _share_leading_issuer(text, out, subject_issued)
    return out


_LIST_GAP = re.compile(
    r"^[\s,;]*(?:và|,)?\s*(?:(?:Quyết\s+định|Kế\s+hoạch|Nghị\s+quyết|Nghị\s+định|Thông\s+tư|Chỉ\s+thị|Công\s+văn|Văn\s+bản)\s+)?"
    r"(?:số\s*)?$",
    re.I,
)


def _share_trailing_issuer(text: str, citations: list[Span]) -> None:
    """`Quyết định số A ngày .., Quyết định số B ngày .. và Quyết định số C ngày .. của Thủ tướng Chính phủ`:
    the issuer written once after a list of citations belongs to each of them."""
    for i in range(len(citations) - 2, -1, -1):
        here, nxt = citations[i], citations[i + 1]
        if here.value["issuer"] or not nxt.value["issuer"]:
            continue
        if _LIST_GAP.match(text[here.end:nxt.start]):
            here.value["issuer"] = nxt.value["issuer"]


def _share_leading_issuer(text: str, citations: list[Span], subject_issued: list[bool]) -> None:
    """`Ban Xây dựng nông thôn mới tại Tờ trình số A ngày .. và văn bản số B ngày ..`: the
    subject that issued the first document of a list issued the next ones too."""
    for i in range(1, len(citations)):
        here, prev = citations[i], citations[i - 1]
        if here.value["issuer"] or not subject_issued[i - 1]:
            continue
        if _LIST_GAP.match(text[prev.end:here.start]):
            here.value["issuer"] = prev.value["issuer"]
            subject_issued[i] = True


def _date_after(text: str, sym: Span, dates: list[Span]) -> Span | None:
    for d in dates:
        if sym.end <= d.start <= sym.end + 40:
            gap = text[sym.end:d.start]
            # `ngày` may be inside the date span (long form) or in the gap
            if _TO_DATE.match(gap) and "\n\n" not in gap:
                return d
            return None
    return None


def _issuer_after(text: str, sym: Span, date: Span | None, bodies: list[Span]) -> str | None:
    anchor = date.end if date and date.start > sym.start else sym.end
    for b in bodies:
        if b.start < anchor:
            continue
        if b.start > anchor + 25:
            break
        gap = text[anchor:b.start]
        if _TO_ISSUER.match(gap) and b.value:
            return b.value
        break
    # `... số 1600/QĐ-TTg năm 2016 ... do Thủ tướng Chính phủ ban hành`
    tail = text[anchor:anchor + 250].split("\n", 1)[0]
    m = re.search(rf"(?<!\w)do\s+(?:{_SIGNER_TITLE}\s+)?", tail)
    if m and re.search(r"ban hành\s*$|ban hành[;.,]", tail[m.end():] + ";"):
        start = anchor + m.end()
        for b in bodies:
            if start <= b.start <= start + 3 and b.value:
                return b.value
    return None


def _issuer_before(text: str, sym: Span, bodies: list[Span]) -> str | None:
    """`UBND huyện Thanh Oai có Văn bản số 1682/UBND-KT`, `được UBND tỉnh phê duyệt tại Quyết định số ...`."""
    window_start = max(0, sym.start - 120)
    candidates = [b for b in bodies if window_start <= b.start and b.end <= sym.start and b.value]
    for b in reversed(candidates):
        between = text[b.end:sym.start]
        if "\n" in between or ";" in between or ". " in between:
            continue
        if _ISSUE_VERB.match(between) and len(between) < 90:
            return b.value
    return None


_SUBJECT_VERB = re.compile(rf"^\s*{ISSUING}\s", re.I)


def _issuer_of_parenthesis(text: str, sym: Span, bodies: list[Span]) -> str | None:
    """`Sở NN&PTNT vừa có Công văn về ... (Công văn số 1465/SNN-PTNT, ngày 7/11/2019)`: a symbol
    given in parentheses names the document the sentence's subject issued."""
    open_paren = text.rfind("(", max(0, sym.start - 25), sym.start)
    if open_paren < 0 or not re.fullmatch(r"\(\s*(?:\w+(?:\s\w+)?\s+)?số\s*", text[open_paren:sym.start]):
        return None
    sentence_start = max(text.rfind("\n", 0, open_paren), text.rfind(". ", 0, open_paren)) + 1
    for b in bodies:
        if sentence_start <= b.start < open_paren and b.value and _SUBJECT_VERB.match(text[b.end:b.end + 40]):
            return b.value
    return None


def _sentence_date_before(text: str, sym: Span, dates: list[Span]) -> Span | None:
    """`Ngày 01-11, UBND huyện Thanh Oai có Văn bản số 1682/UBND-KT`: the sentence's date."""
    for d in reversed(dates):
        if d.end <= sym.start and sym.start - d.end < 90:
            before = text[max(0, d.start - 12):d.start + 5]
            between = text[d.end:sym.start]
            if _SENTENCE_DATE.search(before) and "\n" not in between and ". " not in between:
                return d
            return None
    return None


def merge(citations: list[Span]) -> list[dict]:
    """One reference per symbol, the first date and issuer any of its citations gave."""
    merged: dict[str, dict] = {}
    for c in citations:
        ref = merged.setdefault(c.value["number"], {"number": c.value["number"], "date": None, "issuer": None})
        ref["date"] = ref["date"] or c.value["date"]
        ref["issuer"] = ref["issuer"] or c.value["issuer"]
    return list(merged.values())
