"""Complete calendar dates: `22/5/2018`, `08-7-2019`, `ngày 17 tháng 12 năm 2019`,
a dateline `(16:23 04/11/2019)`, and `Ngày 01-11` when the year is certain.

Only real days count (no 31/02). Month-year (`tháng 5-2018`), bare years and periods
(`2018-2020`) are not dates. A day and month without a year take the year of the
document's own date, passed in as `year_hint`; with no hint they are skipped.
"""
from __future__ import annotations

import datetime as dt

import regex  # whole-text scans opening on a lookbehind: see bodies._COMMITTEE_RE

from .spans import Span

LABEL = "DATE"

_WORDS = regex.compile(
    r"(?i)(?<!\w)(?:ngày\s+)?(?P<d>\d{1,2})\s+tháng\s+(?P<m>\d{1,2})\s*(?:năm\s+|[/-]\s*)(?P<y>(?:19|20)\d\d)(?!\d)"
)
_NUMERIC = regex.compile(r"(?<![\w/.,-])(?P<d>\d{1,2})(?P<sep>[/.-])(?P<m>\d{1,2})(?P=sep)(?P<y>(?:19|20)\d\d)(?![\w/]|[.-]\d)")
# `Ngày 01-11`, `ngày 30/9`, `Ngày 30.9`: only after the word `ngày`, and not followed by a year.
_NO_YEAR = regex.compile(r"(?i)(?<!\w)ngày\s+(?P<d>\d{1,2})(?P<sep>[/.-])(?P<m>\d{1,2})(?![\w/-]|[.,]\d)")


def _date(y: int, m: int, d: int) -> str | None:
    try:
        return dt.date(y, m, d).isoformat()
    except ValueError:
        return None


def find_dates(text: str, year_hint: int | None = None) -> list[Span]:
    """Every complete date in `text`; `value` is `YYYY-MM-DD`."""
    spans: list[Span] = []
    taken: list[tuple[int, int]] = []
    for pattern in (_WORDS, _NUMERIC):
        for m in pattern.finditer(text):
            if any(s < m.end() and m.start() < e for s, e in taken):
                continue
            value = _date(int(m["y"]), int(m["m"]), int(m["d"]))
            if value:
                taken.append((m.start(), m.end()))
                spans.append(Span(m.start(), m.end(), LABEL, value))
    if year_hint:
        for m in _NO_YEAR.finditer(text):
            if any(s < m.end() and m.start() < e for s, e in taken):
                continue
            value = _date(year_hint, int(m["m"]), int(m["d"]))
            if value:
                spans.append(Span(m.start(), m.end(), LABEL, value))
    return sorted(spans, key=lambda s: s.start)


def parse_date(text: str) -> str | None:
    """The first complete date in a short string, or None."""
    found = find_dates(text)
    return found[0].value if found else None
