"""Numeric targets: quantities a text sets as goals.

`phấn đấu trong năm 2020 có ít nhất 80% số sản phẩm đạt hạng 3 sao trở lên` gives
`{"value": 80, "unit": "%", "comparator": ">=", "year": 2020,
  "subject": "sản phẩm đạt hạng 3 sao trở lên"}`.

A number is a target when it counts something (a percentage or a counted noun) inside
a clause that sets a goal (`mục tiêu`, `phấn đấu`, `chỉ tiêu`, `đến năm 2025`, a list
under a `Mục tiêu` heading). Figures already achieved (`đang có 120 sản phẩm`), budgets,
star ratings (`3 sao`) and numbers inside dates and symbols are not targets.
"""
from __future__ import annotations

import re

from .spans import Span
from .vietnamese import clean_number, parse_number

LABEL = "TARGET"

UNITS = (
    "sản phẩm", "chủ thể", "tổ chức kinh tế", "hợp tác xã", "HTX", "doanh nghiệp", "xã", "huyện",
    "đơn vị", "cán bộ", "công chức", "tỷ đồng", "triệu đồng", "điểm", "mô hình", "làng nghề",
    "trung tâm", "lần", "ý tưởng", "cơ sở", "hộ", "lao động", "người", "lượt", "lớp", "sự kiện",
    "chuỗi", "gian hàng", "cửa hàng", "thôn", "bản", "khu", "vùng", "hội chợ", "đợt", "chương trình",
    "hồ sơ", "tổ hợp tác", "nhóm", "ha", "tấn", "website", "trang",
)
_UNIT_RE = "|".join(re.escape(u) for u in sorted(UNITS, key=len, reverse=True))
_NUM = r"\d{1,3}(?:[.,]\d{3})+(?!\d)|\d+(?:,\d+)?"
_TARGET = re.compile(
    rf"(?<![\w/.,-])(?P<num>{_NUM})(?:\s*[-–]\s*(?P<upper>{_NUM}))?\s*(?P<unit>%|phần trăm|(?:{_UNIT_RE})(?!\w))"
)
_GOAL = re.compile(
    r"(?i)mục tiêu|phấn đấu|chỉ tiêu|đến năm|đến hết năm|đến cuối năm|kế hoạch|dự kiến|hỗ trợ phát triển|"
    r"phát triển mới|ít nhất|tối thiểu|trở lên|nâng cấp|mỗi năm|hằng năm|hàng năm|sẽ|cần|phải|tiếp tục|"
    r"giai đoạn|trong năm"
)
_ACHIEVED = re.compile(
    r"(?i)đang có|hiện có|đã có|đã đạt|đạt được|đã được|đã công nhận|đã tổ chức|đến nay|hiện nay|tính đến|"
    r"kết quả|đã hỗ trợ|đã triển khai|năm qua|vừa qua|trước đó|đã phê duyệt"
)
_BUDGET = re.compile(r"(?i)kinh phí|chi phí|tổng vốn|ngân sách|dự toán|nguồn vốn|vốn đầu tư")
_HEADING_GOAL = re.compile(r"(?i)^\W*(?:[\dIVX]+[.)]\s*)*(?:[\w ]*mục tiêu|chỉ tiêu)")
_HEADING_OTHER = re.compile(
    r"(?i)^\W*(?:[IVX]+[.)]|Điều \d+|(?:\d+[.)]\s*)?(?:nhiệm vụ|giải pháp|tổ chức thực hiện|kinh phí|nội dung))"
)
_YEAR_DUE = re.compile(r"(?i)(?:đến|đến hết|đến cuối|trong|vào|cuối|hết)\s+năm\s+(?P<y>20\d\d)|năm\s+(?P<y2>20\d\d)")
_PERIOD = re.compile(r"(?i)(?:giai đoạn|thời kỳ)?\s*20\d\d\s*[-–]\s*(?P<y>20\d\d)")
_CMP_BEFORE = [
    (re.compile(r"(?i)(?:ít nhất|tối thiểu|không dưới|không ít hơn)(?:\s+(?:là|có|đạt|được))?\s*$"), ">="),
    (re.compile(r"(?i)(?:tối đa|không quá|không vượt quá|dưới)\s*$"), "<="),
    (re.compile(r"(?i)(?<!\w)(?:trên|hơn|vượt)\s*$"), ">"),
]
_CLAUSE_END = re.compile(r"[;\n]|\.(?:\s|$)")


def _clauses(text: str) -> list[tuple[int, int]]:
    out, start = [], 0
    for m in _CLAUSE_END.finditer(text):
        if m.start() > start:
            out.append((start, m.start()))
        start = m.end()
    if start < len(text):
        out.append((start, len(text)))
    return out


def _due_year(sentence: str, fallback: int | None) -> int | None:
    """The year a heading or title sets for its goals (`MỤC TIÊU NĂM 2024`, `giai đoạn 2021-2025`);
    an orientation year (`định hướng đến năm 2030`) is not one."""
    years = [int(m["y"] or m["y2"]) for m in _YEAR_DUE.finditer(sentence) if not _oriented(sentence, m.start())]
    periods = [int(m["y"]) for m in _PERIOD.finditer(sentence) if not _oriented(sentence, m.start())]
    if years:
        return max(years + periods) if periods and max(periods) > max(years) else years[-1]
    if periods:
        return max(periods)
    return fallback


_ORIENTATION = re.compile(r"(?i)(?:định hướng|tầm nhìn)\s*(?:đến\s*)?(?:năm\s*)?$")


def _oriented(line: str, pos: int) -> bool:
    return bool(_ORIENTATION.search(line[max(0, pos - 25):pos]))


def _year_mentions(line: str) -> list[tuple[int, int]]:
    """(position, year) of every due-year phrase in a line; periods give their last year;
    an orientation (`định hướng đến năm 2030`) is not a due year."""
    found = []
    for m in _PERIOD.finditer(line):
        found.append((m.start(), int(m["y"])))
    for m in _YEAR_DUE.finditer(line):
        if not any(start <= m.start() < start + 12 for start, _ in found):
            found.append((m.start(), int(m["y"] or m["y2"])))
    found = [(pos, y) for pos, y in found if not _oriented(line, pos)]
    return sorted(found)


def _year_at(line: str, pos: int, clause: tuple[int, int], fallback: int | None) -> int | None:
    """The due year nearest a target: the last year phrase before it in its line, else the
    first one after it in its clause, else the section's or document's year."""
    mentions = _year_mentions(line)
    before = [y for p, y in mentions if p < pos]
    if before:
        return before[-1]
    after = [y for p, y in mentions if clause[0] <= p < clause[1]]
    return after[0] if after else fallback


def find_targets(text: str, skip: list[Span] | None = None, default_year: int | None = None) -> list[Span]:
    """Every target in `text`. `skip` holds spans (dates, symbols) whose numbers are not
    quantities; `default_year` is the year of the document's plan, used when a goal
    section gives none."""
    skip = skip or []
    spans: list[Span] = []
    in_goals = False
    section_year: int | None = None
    for line_start, line_end in _line_ranges(text):
        line = text[line_start:line_end]
        if _HEADING_OTHER.match(line) and len(line) < 120 and not _GOAL.search(line[:40]):
            in_goals = False
        if _HEADING_GOAL.match(line) or re.search(r"(?i)mục tiêu cụ thể|chỉ tiêu cụ thể|phấn đấu", line):
            in_goals = True
            section_year = _due_year(line, None) or section_year
        for c_start, c_end in _clauses(line):
            clause = line[c_start:c_end]
            goal = bool(_GOAL.search(clause))
            if not (goal or in_goals):
                continue
            if _ACHIEVED.search(clause) and not re.search(r"(?i)mục tiêu|phấn đấu|chỉ tiêu|đến năm", clause):
                continue
            for m in _TARGET.finditer(clause):
                year = _year_at(line, c_start + m.start(), (c_start, c_end), section_year or default_year)
                start = line_start + c_start + m.start()
                end = line_start + c_start + m.end()
                if any(s.start <= start < s.end for s in skip):
                    continue
                span = _target(clause, m, year)
                if span:
                    spans.append(Span(start, end, LABEL, span))
    return spans


def _line_ranges(text: str) -> list[tuple[int, int]]:
    out, pos = [], 0
    for line in text.split("\n"):
        out.append((pos, pos + len(line)))
        pos += len(line) + 1
    return out


def _target(clause: str, m: re.Match[str], year: int | None) -> dict | None:
    after = clause[m.end():]
    before = clause[: m.start()]
    unit = "%" if m["unit"] in ("%", "phần trăm") else m["unit"]
    if re.match(r"\s*sao", after) or re.search(r"(?i)hạng\s*$", before):
        return None
    if unit in ("tỷ đồng", "triệu đồng") and _BUDGET.search(clause):
        return None
    if unit == "điểm" and not re.match(r"\s*(?:giới thiệu|bán|trưng bày|du lịch|tiêu thụ|kinh doanh)", after):
        return None
    if re.search(r"(?i)(?:năm|giai đoạn|Điều|khoản|số|ngày|tháng|lần thứ)\s*$", before):
        return None
    value = parse_number(m["num"])
    if value is None:
        return None
    comparator = "="
    for pattern, symbol in _CMP_BEFORE:
        if pattern.search(before[-30:]):
            comparator = symbol
            break
    if m["upper"]:
        comparator = ">="
    if comparator == "=" and re.match(r"\s*(?:\S+\s+){0,1}trở lên", after) and not re.match(r"\s*sao", after):
        comparator = ">="
    subject_tail = re.split(r"[,;:()]|\s[-–]\s", after, maxsplit=1)[0]
    subject_tail = re.sub(r"^\s*(?:số|các|tổng số)\s+", " ", subject_tail)
    words = subject_tail.split()[:14]
    subject = " ".join(([unit] if unit != "%" else []) + words).strip()
    return {
        "value": clean_number(value),
        "unit": unit,
        "comparator": comparator,
        "year": year,
        "subject": subject or None,
    }
