"""Targets set in a table, one row per place: `| 1 | Huyện Ba Tri | 29 |` under a header
`| STT | Đơn vị | Số sản phẩm OCOP đạt 3 sao trở lên đến năm 2025 |` gives
`{"value": 29, "unit": "sản phẩm", "comparator": "=", "year": 2025,
  "subject": "sản phẩm OCOP đạt 3 sao trở lên của huyện Ba Tri", "district": "Ba Tri"}`.

Tables reach the text as pipe rows (the parse stage writes them so). A table sets
targets when it stands in a goal section, after a goal sentence (`Phấn đấu ... chi tiết
theo từng địa phương như sau:`) or under a header that names a goal. A column counts
when its header names a unit and its cells are numbers; the unit, the due year and the
subject come from that header, the place from the row's label. A total row repeats the
text's own target and is skipped when that target is already found.
"""
from __future__ import annotations

import re

from . import gazetteer
from .spans import Span
from .targets import _HEADING_GOAL, _HEADING_OTHER, _STRONG_GOAL, _UNIT_RE, LABEL, plan_year
from .vietnamese import clean_number, new_tone_placement, parse_number

_ROW = re.compile(r"^[ \t]*\|(.*)\|[ \t]*$")
_NUMBER_CELL = re.compile(r"^\s*(\d{1,3}(?:[.,]\d{3})+|\d+(?:,\d+)?)\s*$")
_HEADER_UNIT = re.compile(rf"(?:^|\s)(?:số\s+|tổng số\s+)?(?P<unit>{_UNIT_RE})(?!\w)|(?P<pct>%|tỷ lệ)", re.I)
_TOTAL = re.compile(r"(?i)^\s*(?:tổng|cộng|toàn tỉnh|toàn thành phố)")
_PLACE = re.compile(r"(?i)^\s*(?P<level>huyện|quận|thị xã|thành phố|tp\.?)\s+(?P<name>.+?)\s*$")
_NOT_SUBJECT = re.compile(r"(?i)(?:đến|trong|năm|giai đoạn)\s*(?:hết\s+)?(?:năm\s+)?20\d\d(?:\s*[-–]\s*20\d\d)?|^\s*số\s+")


def find_table_targets(text: str, found: list[Span], default_year: int | None = None) -> list[Span]:
    """Target spans from every goal table in `text`; `found` holds the targets already read
    from its sentences (a total row repeating one of them is not read twice)."""
    out: list[Span] = []
    for table in _tables(text):
        out.extend(_read_table(text, table, found, default_year))
    return out


def _tables(text: str) -> list[list[tuple[int, list[tuple[int, int]]]]]:
    """Runs of pipe rows: each row as (line start, [(cell start, cell end), ...])."""
    tables, current, pos = [], [], 0
    for line in text.split("\n"):
        m = _ROW.match(line)
        if m:
            cells, start = [], pos + m.start(1)
            for part in m.group(1).split("|"):
                cells.append((start, start + len(part)))
                start += len(part) + 1
            current.append((pos, cells))
        elif current:
            tables.append(current)
            current = []
        pos += len(line) + 1
    if current:
        tables.append(current)
    return tables


def _context(text: str, table_start: int) -> tuple[str, str]:
    """The sentence that introduces the table and the heading of its section."""
    lines = [ln.strip() for ln in text[:table_start].split("\n") if ln.strip()]
    intro = lines[-1] if lines else ""
    heading = next((ln for ln in reversed(lines) if len(ln) < 150 and (_HEADING_GOAL.match(ln)
                                                                        or _HEADING_OTHER.match(ln))), "")
    return intro, heading


def _read_table(text: str, rows: list, found: list[Span], default_year: int | None) -> list[Span]:
    cell_text = [[" ".join(text[a:b].split()) for a, b in cells] for _, cells in rows]
    header_count = next((i for i, row in enumerate(cell_text) if any(_NUMBER_CELL.match(c) for c in row[1:])), 0)
    if header_count == 0:
        return []
    header = [" ".join(row[i] for row in cell_text[:header_count] if i < len(row)).strip()
              for i in range(max(len(r) for r in cell_text))]
    intro, heading = _context(text, rows[0][0])
    goal = bool(_STRONG_GOAL.search(" ".join(header)) or _STRONG_GOAL.search(intro)
                or (heading and _HEADING_GOAL.match(heading)))
    if not goal:
        return []
    table_year = plan_year(intro) or plan_year(heading) or default_year
    data = list(zip(rows[header_count:], cell_text[header_count:], strict=True))
    label_col = next((i for i in range(len(header))
                      if sum(1 for _, cells in data if i < len(cells) and re.search(r"[^\W\d_]", cells[i])) > len(data) / 2),
                     None)
    if label_col is None:
        return []
    spans = []
    for col, head in enumerate(header):
        unit_match = _HEADER_UNIT.search(head)
        if col == label_col or not unit_match:
            continue
        unit = "%" if unit_match["pct"] else unit_match["unit"].lower()
        year = plan_year(head) or table_year
        comparator = ">=" if re.search(r"(?i)ít nhất|tối thiểu", head) else "="
        subject = _NOT_SUBJECT.sub(" ", head[unit_match.start("unit"):] if unit_match["unit"] else head)
        subject = " ".join(subject.split())
        for (_, cells), values in data:
            if col >= len(values) or not _NUMBER_CELL.match(values[col]):
                continue
            value = clean_number(parse_number(values[col]))
            label = values[label_col]
            if _TOTAL.match(label):
                if any(s.value["value"] == value and s.value["unit"] == unit for s in found):
                    continue
                place, district = "toàn tỉnh", None
            else:
                place, district = _place(label)
            start = cells[col][0] + (len(text[cells[col][0]:cells[col][1]]) - len(text[cells[col][0]:cells[col][1]].lstrip()))
            end = start + len(values[col])
            spans.append(Span(start, end, LABEL, {
                "value": value, "unit": unit, "comparator": comparator, "year": year,
                "subject": f"{subject} của {place}" if subject else place, "per": None, "value_max": None,
                "district": district,
            }))
    return spans


def _place(label: str) -> tuple[str, str | None]:
    """`Huyện Ba Tri` → (`huyện Ba Tri`, `Ba Tri`); a label that names no district stays as written."""
    m = _PLACE.match(label)
    if not m:
        return label, None
    level = m["level"].lower().replace("tp.", "thành phố").replace("tp", "thành phố")
    name = new_tone_placement(m["name"])
    known = [d for d in gazetteer.districts_by_name().get(name, ()) if d.level == level]
    return f"{level} {m['name']}", (name if known else None)
