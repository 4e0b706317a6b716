"""Numeric targets: quantities a text sets as goals.

`phấn đấu trong năm 2020 có ít nhất 80% số sản phẩm đạt hạng 3 sao trở lên` gives
`{"value": 80, "unit": "%", "comparator": ">=", "year": 2020,
  "subject": "sản phẩm đạt hạng 3 sao trở lên"}`.

A number is a candidate when it counts something (a percentage or a counted noun). It is
a target when a goal governs it and no report of a result does:

- a goal cue before it in its sentence (`mục tiêu`, `phấn đấu`, `kế hoạch`, `sẽ`,
  `đến năm 2025`), or a weaker one in its clause (`hỗ trợ`, `ít nhất`, `mỗi năm`), or the
  goal context it stands in: a `Mục tiêu` section, a list introduced by a goal line
  ending in `:`, a `Trong đó` sentence continuing a goal;
- a result cue before it in its clause (`đã`, `đến nay`, `hiện có`) vetoes it, unless a
  strong goal cue comes after that cue (`đã đề ra mục tiêu ... 60 sản phẩm`); so does a
  comparison with the plan after it (`vượt 13 sản phẩm so với kế hoạch`).

Star ratings (`3 sao`), budgets, scopes (`tại 217 xã`) and numbers inside dates and
symbols are not targets. A target a headline repeats from the body is kept once.
"""
from __future__ import annotations

import re
from functools import lru_cache

from underthesea.pipeline.sent_tokenize import sent_tokenize

from .spans import Span
from .vietnamese import VI_UPPER, clean_number, parse_number

LABEL = "TARGET"

UNITS = (
    "sản phẩm", "chủ thể", "tổ chức kinh tế", "hợp tác xã", "HTX", "doanh nghiệp", "xã", "huyện",
    "đơn vị", "cán bộ", "công chức", "tỷ đồng", "triệu đồng", "điểm", "mô hình", "làng nghề",
    "trung tâm", "lần", "ý tưởng", "cơ sở", "hộ", "lao động", "người", "lượt", "lớp", "sự kiện",
    "chuỗi", "gian hàng", "cửa hàng", "thôn", "bản", "khu", "vùng", "hội chợ", "đợt", "chương trình",
    "hồ sơ", "tổ hợp tác", "ha", "tấn", "website", "trang", "làng", "cuộc",
)
# Counted in words in running text (`bốn sản phẩm mới hạng bốn sao`); `một` is left out
# because of the programme's own name, `mỗi xã một sản phẩm`.
NUMBER_WORDS = {"hai": 2, "ba": 3, "bốn": 4, "tư": 4, "năm": 5, "sáu": 6, "bảy": 7, "tám": 8, "chín": 9, "mười": 10}
_COUNTED = ("sản phẩm", "chủ thể", "mô hình", "điểm", "trung tâm", "hợp tác xã", "doanh nghiệp", "làng nghề")

_UNIT_RE = "|".join(re.escape(u) for u in sorted(UNITS, key=len, reverse=True))
_NUM = r"\d{1,3}(?:[.,]\d{3})+(?!\d)|\d+(?:,\d+)?"
_CANDIDATE = re.compile(
    # A digit glued to a lower-case word (`phấn đấu100%`) is a typo, not part of a symbol.
    rf"(?<![\w/.,-])(?P<num>{_NUM})|(?<=[a-zà-ỹđ])(?P<glued>{_NUM})(?=\s*%)"
)
_AFTER_NUMBER = re.compile(
    rf"(?:\s*(?:[-–]|đến|tới)\s*(?P<upper>{_NUM}))?\s*(?P<unit>%|phần trăm|(?:{_UNIT_RE})(?!\w))"
)
_WORD_CANDIDATE = re.compile(
    rf"(?<!\w)(?P<word>{'|'.join(NUMBER_WORDS)})\s+(?P<unit>{'|'.join(_COUNTED)})(?!\w)"
)
# A range in words may start at `một` (`từ một đến hai sản phẩm`): no programme name reads so.
_WORD_RANGE = re.compile(
    rf"(?<!\w)(?P<word>một|{'|'.join(NUMBER_WORDS)})\s*(?:[-–]|đến|tới)\s*(?P<upper>{'|'.join(NUMBER_WORDS)})"
    rf"\s+(?P<unit>{'|'.join(_COUNTED)})(?!\w)"
)

# Cues. Strong goal cues govern a whole sentence and override an earlier result cue;
# weak ones count only inside their clause and only when no result cue precedes them.
_STRONG_GOAL = re.compile(
    r"(?i)mục tiêu|phấn đấu|chỉ tiêu|(?<!so với )(?<!vượt )kế hoạch|dự kiến|(?<!\w)sẽ(?!\w)|đề ra|đặt ra|"
    r"(?<!\w)phải(?!\w)|(?<!\w)cần(?!\w)|(?:đến|tới)(?: hết| cuối)? năm 20\d\d|định hướng|tầm nhìn"
)
_WEAK_GOAL = re.compile(
    r"(?i)hỗ trợ|phát triển mới|phát triển thêm|nâng cấp|tiêu chuẩn hóa|củng cố|ít nhất|tối thiểu|"
    # (not a bare `thêm`: `có thêm`, `công nhận thêm 9 sản phẩm` report results)
    r"hằng năm|hàng năm|mỗi năm|trong năm|triển khai thực hiện|xây dựng|lựa chọn|"
    # a plan's work on people (`đào tạo, tập huấn cho 200 cán bộ`, `tuyên truyền để 100% chủ thể`)
    r"đào tạo|tập huấn|bồi dưỡng|tuyên truyền|"
    # a plan's verb right before its figure (`đăng ký phát triển 18 sản phẩm`); searched up
    # to the figure, so `$` is where the figure starts
    r"phát triển\s+(?:khoảng\s+|từ\s+|ít nhất\s+|tối thiểu\s+)?$"
)
_ACHIEVED = re.compile(
    r"(?i)(?<!\w)đã(?!\w)|đang có|hiện có|hiện nay|hiện tại|đến nay|tới nay|tính đến|vừa qua|năm qua|"
    r"trước đó|kết quả|(?<!\w)vừa(?!\w)|(?<!\w)vượt(?!\w)|so với (?:năm|cùng kỳ)|mới đây|gần đây"
)
_ACHIEVED_AFTER = re.compile(r"(?i)^[^;]{0,80}?so với (?:kế hoạch|mục tiêu|chỉ tiêu)|^\s*,?\s*chiếm")
_BUDGET = re.compile(r"(?i)kinh phí|chi phí|tổng vốn|ngân sách|dự toán|nguồn vốn|vốn đầu tư|giá trị")
_SCOPE_BEFORE = re.compile(r"(?i)(?:(?<!\w)tại|thuộc|trên địa bàn|(?<!\w)của|(?<!\w)ở)\s*$")
_NOT_QUANTITY_BEFORE = re.compile(r"(?i)(?:năm|giai đoạn|Điều|khoản|số|ngày|tháng|lần thứ|hạng|mục|điểm)\s*$")
_CONTINUES = re.compile(
    r"(?i)^\W*(?:trong đó|trong số (?:này|đó)|cụ thể|bao gồm|gồm|bên cạnh đó|đồng thời|ngoài ra|cùng (?:với )?đó|"
    # a sub-topic of the plan being listed (`Về công nhận, chứng nhận sản phẩm OCOP: Có 8 - 10 ...`)
    r"về [^:.;]{1,60}:)"
)
# A photo caption is page furniture: it repeats the headline or shows a product, and stands
# between paragraphs it does not interrupt (`Chăm sóc bưởi ở Bình Phước. (Ảnh: Báo Bình
# Phước)`, `... năm 2024- Ảnh 1.`, `Ảnh minh họa`).
_CAPTION = re.compile(
    r"(?i)\(ảnh\b[^()]{0,60}\)\W*$|(?<!\w)ảnh\s*(?:\d{1,2}|:[^.:]{1,40})\.?\s*$|^\W*ảnh(?:\s+minh\s+h[oọ][aạ]|\s*:)"
)
_BREAKDOWN = re.compile(r"(?i)^\W*(?:trong đó|cụ thể|bao gồm|gồm)")
# An item of a breakdown by place whose unit is written once for the list (`Trong đó, Đại Lộc
# có 3 sản phẩm, Hội An: 9; Điện Bàn: 6, ... và Phước Sơn: 5 sản phẩm`): a place name, `:` or
# `có`, and a bare number closed by the list's punctuation.
_NAMED_ITEM = re.compile(
    rf"(?:^|[,;:]\s*|\svà\s+)(?P<name>[{VI_UPPER}]\w*(?:\s+[{VI_UPPER}]\w*){{0,3}})\s*(?::|\scó)\s*"
    rf"(?P<num>\d{{1,4}})(?=\s*(?:[,;.]|\svà\s|$))"
)

_HEADING_GOAL = re.compile(
    r"(?i)^\W*(?:[\dIVXa-z]{1,4}[.)]\s*)*(?:các |một số |những )?(?:mục tiêu|chỉ tiêu)"
)
_HEADING_OTHER = re.compile(
    r"(?i)^\W*(?:[IVX]+[.)]|Điều \d+|(?:\d+[.)]\s*)?(?:nhiệm vụ|giải pháp|tổ chức thực hiện|kinh phí|nội dung|"
    r"kết quả|đánh giá|tình hình))"
)
_LIST_ITEM = re.compile(r"^\s*(?:[-–+•*]|[a-zđ][.)]|\d{1,2}[.)](?!\d))")

_YEAR_DUE = re.compile(
    r"(?i)(?:(?:đến|tới)(?:\s+hết|\s+cuối)?|trong|vào|cuối|hết)\s+(?:năm\s+)?(?P<y>20\d\d)(?![\d/-])|năm\s+(?P<y2>20\d\d)"
)
_PERIOD = re.compile(r"(?i)(?:giai đoạn|thời kỳ)?\s*20\d\d\s*(?:[-–]|đến|tới)\s*(?:năm\s*)?(?P<y>20\d\d)")
_ORIENTATION = re.compile(r"(?i)(?:định hướng|tầm nhìn)\s*(?:đến\s*)?(?:năm\s*)?$")
# `ích nhất` is a common misspelling of `ít nhất`.
_AT_LEAST = "ít nhất|ích nhất|tối thiểu"
_CMP_BEFORE = [
    (re.compile(rf"(?i)(?:{_AT_LEAST}|không dưới|không ít hơn)(?:\s+(?:là|có|đạt|được|từ))?\s*$"), ">="),
    (re.compile(r"(?i)(?:tối đa|không quá|không vượt quá)\s*$"), "<="),
    (re.compile(r"(?i)(?<!\w)dưới\s*$"), "<"),
    (re.compile(r"(?i)(?<!\w)(?:trên|hơn)\s*$"), ">"),
]
_MAY_COUNT = re.compile(rf"\d|(?<!\w)(?:{'|'.join(NUMBER_WORDS)})\s")
_SENTENCE_END = re.compile(r"[.!?…](?=\s+|$)|\.(?=[A-ZĐ][a-zà-ỹ])")


def find_targets(
    text: str, skip: list[Span] | None = None, default_year: int | None = None, doc_year: int | None = None
) -> list[Span]:
    """Every target in `text`. `skip` holds spans (dates, symbols) whose numbers are not
    quantities; `default_year` is the year of the document's plan, used when neither the
    sentence nor its section gives one (else the year the text names for its plan, see
    `text_plan_year`); `doc_year` is the year the text was written: a year before it is
    past, never a due year (`Đến cuối năm 2023, tỉnh có 395 sản phẩm` in a 2024 article
    reports a result)."""
    skip = skip or []
    default_year = default_year or text_plan_year(text, doc_year)
    spans: list[Span] = []
    in_goals = False  # inside a `Mục tiêu` section or a list introduced by a goal line
    context_year: int | None = None
    last_goal_year: int | None = None  # the year of the latest goal sentence with one
    previous: tuple[bool, int | None] = (False, None)  # the last sentence: goal?, year
    for line_start, line_end in _line_ranges(text):
        line = text[line_start:line_end]
        stripped = line.strip()
        if not stripped or ("ảnh" in stripped.lower() and _CAPTION.search(stripped)):
            continue
        is_item = bool(_LIST_ITEM.match(line))
        if _HEADING_OTHER.match(line) and len(line) < 150 and not _STRONG_GOAL.search(line[:40]):
            in_goals = False
        elif not is_item and stripped.endswith(":") and not _STRONG_GOAL.search(line):
            in_goals = False
        if _HEADING_GOAL.match(line) and (len(stripped) < 150 or stripped.endswith(":")):
            in_goals, context_year = True, _due_year(line, None) or context_year
        elif stripped.endswith(":") and _STRONG_GOAL.search(line):
            in_goals, context_year = True, _due_year(line, None) or context_year
        elif not is_item and in_goals and _ACHIEVED.search(line[:60]):
            in_goals = False
        if not _MAY_COUNT.search(line):  # most lines: nothing counted, no sentence to split
            if not _CONTINUES.match(line):
                previous = (False, None)
            continue
        for s_start, s_end in _sentences(line):
            continues = bool(_CONTINUES.match(line[s_start:s_end]))
            sentence_goal = False
            sentence_year: int | None = None
            candidates = [c for c in _candidates(line, s_start, s_end)
                          if not any(s.start <= line_start + c[0] < s.end for s in skip)]
            for num_start, num_end, unit, value, upper in candidates:
                c_start, c_end = _clause(line, s_start, s_end, num_start)
                # Result cues after an earlier number of the clause describe that number
                # (`50% làng nghề ... đã và đang phát triển, 100% xã`); those before it govern both.
                earlier = [c[0] for c in candidates if c_start <= c[0] < num_start]
                cue_to = earlier[0] if earlier else num_start
                decision = _governed_by_goal(line, s_start, c_start, cue_to, c_end, num_start, num_end, doc_year)
                if decision is None:
                    decision = in_goals or sentence_goal or (continues and previous[0])
                if not decision:
                    continue
                # A new item of a list written inline (`…; Củng cố …`) starts afresh: the year
                # an earlier item named (`Trong đó, năm 2023 …`) was that item's.
                fresh = _fresh_item(line, c_start)
                inherited = (None if fresh else sentence_year) or (previous[1] if continues else None)
                fallback = inherited or context_year or default_year or last_goal_year
                year = _year_at(line, c_start if fresh else s_start, num_start, (c_start, c_end), candidates,
                                fallback, doc_year)
                target = _target(line, s_start, c_end, num_start, num_end, unit, value, upper, year)
                if target:
                    spans.append(Span(line_start + num_start, line_start + num_end, LABEL, target))
                    sentence_goal, sentence_year = True, year
            if sentence_goal:
                previous = (True, sentence_year)
                last_goal_year = sentence_year or last_goal_year
            elif not continues:
                previous = (False, None)
    return _drop_restatements(text, _share_comparators(text, _drop_headline_repeats(text, spans)))


def _line_ranges(text: str) -> list[tuple[int, int]]:
    out, pos = [], 0
    for line in text.split("\n"):
        out.append((pos, pos + len(line)))
        pos += len(line) + 1
    return out


def _sentences(line: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence of a line, split by underthesea (which knows `TP. Hà
    Nội` is no sentence end); our own splitter where its output cannot be aligned."""
    out, pos = [], 0
    for sentence in sent_tokenize(line):
        sentence = sentence.strip().rstrip(".!?…")
        if not sentence:
            continue
        start = line.find(sentence, pos)
        if start < 0:
            return _split_sentences(line)
        out.append((start, start + len(sentence)))
        pos = start + len(sentence)
    return out


def _split_sentences(line: str) -> list[tuple[int, int]]:
    out, start = [], 0
    for m in _SENTENCE_END.finditer(line):
        if m.start() > start:
            out.append((start, m.start()))
        start = m.end()
    if start < len(line):
        out.append((start, len(line)))
    return out


def _clause(line: str, s_start: int, s_end: int, pos: int) -> tuple[int, int]:
    """The `;`-bounded part of the sentence around `pos`."""
    start = line.rfind(";", s_start, pos) + 1 or s_start
    start = max(start, s_start)
    end = line.find(";", pos, s_end)
    return start, (end if end >= 0 else s_end)


def _candidates(line: str, s_start: int, s_end: int) -> list[tuple[int, int, str, float, str | None]]:
    """(start, end, unit, value, upper bound) of each counted number in the sentence; the
    upper bound of a range (`15 - 20 sản phẩm`) is not a number of its own."""
    sentence = line[s_start:s_end]
    out = []
    consumed = 0
    for m in _CANDIDATE.finditer(sentence):
        if m.start() < consumed:
            continue
        raw = m["num"] or m["glued"]
        tail = _AFTER_NUMBER.match(sentence, m.end())
        if not tail:
            continue
        value = parse_number(raw)
        if value is None:
            continue
        consumed = tail.end()
        unit = "%" if tail["unit"] in ("%", "phần trăm") else tail["unit"]
        out.append((s_start + m.start(), s_start + tail.end(), unit, value, tail["upper"]))
    if _BREAKDOWN.match(sentence) and out:
        out += _named_items(sentence, s_start, out)
    ranges = []
    for m in _WORD_RANGE.finditer(sentence):
        if re.search(r"(?i)(?:năm|hạng)\s*$", sentence[: m.start()]):
            continue
        lower = 1.0 if m["word"].lower() == "một" else float(NUMBER_WORDS[m["word"].lower()])
        ranges.append((s_start + m.start(), s_start + m.end(), m["unit"], lower, str(NUMBER_WORDS[m["upper"].lower()])))
    out += ranges
    for m in _WORD_CANDIDATE.finditer(sentence):
        if re.search(r"(?i)(?:năm|mỗi xã|hạng|lên|từ)\s*$", sentence[: m.start()]):
            continue
        if any(r[0] <= s_start + m.start() < r[1] for r in ranges):
            continue
        out.append((s_start + m.start(), s_start + m.end(), m["unit"], float(NUMBER_WORDS[m["word"].lower()]), None))
    return sorted(out)


def _named_items(sentence: str, s_start: int, found: list[tuple]) -> list[tuple[int, int, str, float, None]]:
    """The bare figures of a breakdown by place, each with the unit the list writes once
    (the next figure's that has one, else the last before it)."""
    items = []
    for m in _NAMED_ITEM.finditer(sentence):
        pos = s_start + m.start("num")
        if any(c[0] <= pos < c[1] for c in found):
            continue
        after = [c for c in found if c[0] > pos]
        unit = after[0][2] if after else found[-1][2]
        items.append((pos, s_start + m.end("num"), unit, float(m["num"]), None))
    return items


def _governed_by_goal(
    line: str, s_start: int, c_start: int, cue_to: int, c_end: int, pos: int, end: int, doc_year: int | None
) -> bool | None:
    """True when a goal cue governs the number, False when a result cue does, None when
    the sentence says neither (the context decides). Result cues count up to `cue_to`;
    `đến năm 2023` before the year the text was written is a result cue, not a goal's."""
    # a result cue in brackets is an aside's (`(bao gồm cả các sản phẩm đã được công nhận) là
    # 250 sản phẩm`), unless the figure is inside them too
    achieved = [m.end() for m in _ACHIEVED.finditer(line, c_start, cue_to) if _governs(line, m.start(), pos)]
    # a year before the one the text was written, before the figure in its clause, reports it
    # (`Trong năm 2021, Nghệ An có thêm 140 sản phẩm` in 2022)
    if doc_year:
        achieved += [p for p, y in _year_phrases(line) if c_start <= p < cue_to and y < doc_year]
        achieved.sort()
    strong = []
    for m in _STRONG_GOAL.finditer(line, s_start, pos):
        if _past_deadline(m, doc_year):
            if m.start() >= c_start:
                achieved.append(m.end())
        else:
            strong.append(m.end())
    if _ACHIEVED_AFTER.search(line[end:c_end]):
        return False
    if achieved and not (strong and strong[-1] > achieved[-1]):
        return False
    if strong or _WEAK_GOAL.search(line, s_start, pos) or _goal_after(line, pos, c_end, doc_year):
        return True
    return None


def _goal_after(line: str, pos: int, c_end: int, doc_year: int | None) -> bool:
    """A goal cue after the number in its clause (`... 20 sản phẩm vào năm 2025`)."""
    return any(not _past_deadline(m, doc_year) for m in _STRONG_GOAL.finditer(line, pos, c_end))


def _past_deadline(cue: re.Match[str], doc_year: int | None) -> bool:
    """Is a goal cue a deadline before the year the text was written (`đến năm 2023` in 2024)?"""
    year = re.search(r"20\d\d$", cue.group())
    return bool(year and doc_year and int(year.group()) < doc_year)


# How a text names the year of its plan: the year close after a plan word (`kế hoạch ...
# năm 2021`, `đặt mục tiêu năm 2022`), a sentence opening on a year with a goal verb
# (`Năm 2023, Hà Nội sẽ ...`), or a deadline (`đến hết năm 2025`). Not the national
# programme's name (`Chương trình mục tiêu quốc gia ... giai đoạn 2021-2025`), nor an
# orientation (`định hướng đến năm 2030`).
_PLAN_NAMES_YEAR = re.compile(
    r"(?i)(?:(?<!so với )(?<!vượt )kế hoạch|mục tiêu(?! quốc gia)|phấn đấu|chỉ tiêu|đề ra|đặt ra|dự kiến)"
    r"[^.;:\n]{0,80}?(?=(?:năm|giai đoạn|đến|tới)\s*20\d\d)"
)
_GOAL_VERB = r"(?:(?<!\w)sẽ(?!\w)|phấn đấu|mục tiêu|đặt ra|dự kiến)"
_YEAR_OPENS_GOAL = re.compile(rf"(?i)^\W*(?:trong |vào )?(?=năm 20\d\d\b[^.;\n]{{0,60}}?{_GOAL_VERB})")
_THIS_YEAR = re.compile(rf"(?i)(?<!\w)năm nay(?!\w)[^.;\n]{{0,60}}?{_GOAL_VERB}")


def text_plan_year(text: str, doc_year: int | None = None) -> int | None:
    """The year a text names for its plan (see `_PLAN_NAMES_YEAR`), or `năm nay` (this year)
    with a goal verb in a text of known date: a news report on one year's plan gives that
    year to the figures it quotes without one. The first such phrase decides; a past year
    (before `doc_year`) is no plan's."""
    for line_start, line_end in _line_ranges(text):
        line = text[line_start:line_end]
        if not _MAY_NAME_YEAR.search(line):
            continue
        for s_start, s_end in _split_sentences(line):
            sentence = line[s_start:s_end]
            mentions = _year_mentions(sentence, doc_year)
            if not mentions:
                if doc_year and _THIS_YEAR.search(sentence):
                    return doc_year
                continue
            # the year phrases that start where a plan word's reach ends (the patterns' lookaheads)
            starts = [m.end() for m in _PLAN_NAMES_YEAR.finditer(sentence) if not _enclosed(sentence, m.end())]
            opens = _YEAR_OPENS_GOAL.match(sentence)
            if opens:
                starts.append(opens.end())
            found = [(p, y) for p, y in mentions
                     if any(0 <= p - start <= 2 for start in starts)
                     or (re.match(r"(?i)(?:đến|tới)", sentence[p:]) and not _enclosed(sentence, p))]
            if found:
                return found[0][1]
            if doc_year and _THIS_YEAR.search(sentence):
                return doc_year
    return None


_MAY_NAME_YEAR = re.compile(r"20\d\d|(?i:năm nay)")


def _due_year(sentence: str, fallback: int | None) -> int | None:
    """The year a heading or title sets for its goals (`MỤC TIÊU NĂM 2024`, `giai đoạn 2021-2025`);
    an orientation year (`định hướng đến năm 2030`) is not one."""
    mentions = _year_mentions(sentence)
    years = [y for p, y in mentions if not _enclosed(sentence, p)]
    return max(years) if years else fallback


def plan_year(title: str) -> int | None:
    """The due year a document's title gives its goals (`Kế hoạch ... năm 2020`,
    `giai đoạn 2021-2025`), if any."""
    return _due_year(re.sub(r"\s+", " ", title), None)


def _oriented(line: str, pos: int) -> bool:
    return bool(_ORIENTATION.search(line[max(0, pos - 25):pos]))


def _year_mentions(line: str, doc_year: int | None = None) -> list[tuple[int, int]]:
    """(position, year) of every due-year phrase in a line; periods give their last year.
    Not due years: an orientation (`định hướng đến năm 2030`), a year before the one the text
    was written in. (A year in brackets or quotes is one for what stands inside them only:
    the callers ask `_enclosed`/`_governs`.)"""
    found = _year_phrases(line)
    return [(pos, y) for pos, y in found if y >= doc_year] if doc_year else list(found)


@lru_cache(maxsize=256)
def _year_phrases(line: str) -> tuple[tuple[int, int], ...]:
    """Every year phrase of a line that is no orientation, past or not: computed once a line
    (the target finder asks for a line's years for each figure on it)."""
    period_matches = list(_PERIOD.finditer(line))
    found = [(m.start(), int(m["y"])) for m in period_matches]
    periods = [(m.start(), m.end()) for m in period_matches]
    for m in _YEAR_DUE.finditer(line):
        if not any(start - 6 <= m.start() < end for start, end in periods):
            found.append((m.start(), int(m["y"] or m["y2"])))
    return tuple(sorted((pos, y) for pos, y in found if not _oriented(line, pos)))


_QUOTES = '"“”'


def _enclosed(line: str, pos: int) -> bool:
    """Is `pos` inside brackets or quotation marks (an aside, or a name: `Đề án "Phát triển
    sản phẩm OCOP giai đoạn 2022-2025"`)?"""
    before = line[max(0, pos - 150):pos]
    return before.rfind("(") > before.rfind(")") or sum(before.count(q) for q in _QUOTES) % 2 == 1


def _governs(line: str, mention: int, pos: int) -> bool:
    """Can the year phrase at `mention` give its year to the number at `pos`? Not from
    inside brackets or quotes the number is not inside too."""
    if not _enclosed(line, mention):
        return True
    lo, hi = sorted((mention, pos))
    return _enclosed(line, pos) and not re.search(r"[()" + _QUOTES + "]", line[lo:hi])


def _fresh_item(line: str, c_start: int) -> bool:
    """Does the `;`-clause at `c_start` open a new item of an inline list (a capital after `;`)?"""
    return c_start > 0 and line[c_start - 1] == ";" and line[c_start:].lstrip()[:1].isupper()


def _year_at(
    line: str, s_start: int, pos: int, clause: tuple[int, int], candidates: list[tuple], fallback: int | None,
    doc_year: int | None = None,
) -> int | None:
    """The due year nearest a target: the last year phrase before it in its sentence (not
    one inside an earlier target's words in another clause), else the first one after it
    in its clause, else the context's (continued sentence, section, document)."""
    def describes_earlier(p: int) -> bool:
        c_start, c_end = _clause(line, s_start, len(line), p)
        return not (c_start <= pos < c_end) and any(c_start <= c[0] < p for c in candidates)

    mentions = _year_mentions(line, doc_year)
    before = [y for p, y in mentions if s_start <= p < pos and not describes_earlier(p) and _governs(line, p, pos)]
    if before:
        return before[-1]
    after = [y for p, y in mentions if pos <= p < clause[1] and _governs(line, p, pos)]
    return after[0] if after else fallback


def _target(
    line: str, s_start: int, c_end: int, pos: int, end: int, unit: str, value: float, upper: str | None,
    year: int | None,
) -> dict | None:
    after = line[end:c_end]
    before = line[s_start:pos]
    clause_before = before[before.rfind(";") + 1:]
    if re.match(r"\s*(?:sao|xem\b|truy cập)", after) or re.search(r"(?i)hạng\s*$", before):
        return None
    if unit in ("tỷ đồng", "triệu đồng") and _BUDGET.search(clause_before + after):
        return None
    if unit == "điểm" and not re.match(r"\s*(?:giới thiệu|bán|trưng bày|du lịch|tiêu thụ|kinh doanh)", after):
        return None
    if _NOT_QUANTITY_BEFORE.search(before) or _SCOPE_BEFORE.search(before):
        return None
    comparator = "="
    for pattern, symbol in _CMP_BEFORE:
        if pattern.search(before[-30:]):
            comparator = symbol
            break
    if upper:
        comparator = ">="
    if comparator == "=" and re.match(r"\s*(?:\w+\s+)?trở lên", after):
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
        "per": _per(clause_before, after),
        "value_max": clean_number(parse_number(upper)) if upper else None,
    }


# The units a figure can be set for each of (`mỗi xã`, `bình quân mỗi huyện`, `5 sản phẩm/huyện`).
# Not a time (`mỗi năm`, `/năm`: a rate), nor the programme's name (`mỗi xã một sản phẩm`).
_PER_UNITS = (
    "thị xã", "thị trấn", "thành phố", "xã", "phường", "huyện", "quận", "tỉnh", "thôn", "bản", "làng nghề",
    "chủ thể", "hợp tác xã", "HTX", "doanh nghiệp", "cơ sở", "đơn vị", "địa phương",
)
_PER_RE = "|".join(re.escape(u) for u in sorted(_PER_UNITS, key=len, reverse=True))
# `đơn vị` before the unit is its classifier (`mỗi đơn vị xã, thị trấn`: each commune).
_PER_BEFORE = re.compile(rf"(?i)(?<!\w)mỗi\s+(?:đơn vị\s+)?(?P<per>{_PER_RE})(?!\w)(?!\s+một\s+sản phẩm)")
_PER_AFTER = re.compile(rf"(?i)^\s*(?:/\s*|\s(?:ở |tại |cho |của )?mỗi\s+)(?P<per>{_PER_RE})(?!\w)")


def _per(clause_before: str, after: str) -> str | None:
    """The unit the figure is set for each of: `mỗi X` in its clause before it with no other
    figure between, or `/X`, `mỗi X` right after it; a list of units gives its first
    (`mỗi huyện, thị xã` is `huyện`). None for a total."""
    m = _PER_AFTER.match(after)
    if m:
        return m["per"].lower()
    near = clause_before[-90:]
    near = near[max(near.rfind(d) for d in "0123456789") + 1:]  # after the last figure (rfind: -1 if none)
    found = list(_PER_BEFORE.finditer(near))
    return found[-1]["per"].lower() if found else None


def _headline(text: str, pos: int) -> bool:
    """Is `pos` on a headline: a short line with no closing full stop, among the first
    lines or repeating one of them (portals print the title twice)?"""
    line_start = text.rfind("\n", 0, pos) + 1
    line_end = text.find("\n", pos)
    line = text[line_start:line_end if line_end >= 0 else len(text)].strip()
    if len(line) > 220 or line.endswith((".", ";", ":")):
        return False
    head = [ln.strip() for ln in text[:line_start].split("\n") if ln.strip()]
    return len(head) < 3 or line in head


def _drop_headline_repeats(text: str, spans: list[Span]) -> list[Span]:
    """A headline restates a target of the body: keep the body's one, which has the
    comparator and subject in full."""
    out = []
    for s in spans:
        key = (s.value["value"], s.value["unit"])
        if _headline(text, s.start) and any(
            o is not s and (o.value["value"], o.value["unit"]) == key and not _headline(text, o.start) for o in spans
        ):
            continue
        if _headline(text, s.start) and any(
            o.start < s.start and (o.value["value"], o.value["unit"]) == key and _headline(text, o.start) for o in out
        ):
            continue
        out.append(s)
    return out


_CLAUSE_END = re.compile(r"[;.\n]")


def _drop_restatements(text: str, spans: list[Span]) -> list[Span]:
    """A goal stated again in a later paragraph or a summary (`Phấn đấu có ít nhất 70% số sản
    phẩm … đạt hạng 3 sao trở lên, trong đó có từ 15-20 sản phẩm đạt 4 sao.` twice) counts once:
    the same figure, comparator, year and scope, written with the same words up to the end
    of its clause. Two goals of one figure say different things after it (`100% cán bộ …`,
    `100% chủ thể …`)."""
    def key(s: Span) -> tuple:
        after = text[s.end:s.end + 160]
        end = _CLAUSE_END.search(after)
        words = tuple(re.findall(r"\w+", (after[:end.start()] if end else after).lower()))
        v = s.value
        return (v["value"], v["unit"], v["comparator"], v["year"], v.get("per"), v.get("value_max"), words)

    seen: set[tuple] = set()
    out = []
    for s in spans:
        k = key(s)
        if len(k[-1]) >= 2 and k in seen:
            continue
        seen.add(k)
        out.append(s)
    return out


def _share_comparators(text: str, spans: list[Span]) -> list[Span]:
    """`ít nhất 60% chủ thể là hợp tác xã, 20% chủ thể là doanh nghiệp`: the comparator
    before the first item of a comma list governs the items after it."""
    out: list[Span] = []
    for s in spans:
        prev = out[-1] if out else None
        if (
            prev is not None
            and s.value["comparator"] == "="
            and prev.value["comparator"] == ">="
            and prev.value["unit"] == s.value["unit"]
            and re.search(rf"(?i)(?:{_AT_LEAST})\s*(?:là|có|đạt|được|từ)?\s*$", text[max(0, prev.start - 30):prev.start])
        ):
            between = text[prev.end:s.start]
            # The figures of a list follow a comma or `và` (`ít nhất 23 sản phẩm đạt 3 sao
            # và 2 sản phẩm đạt 4 sao`), with at most a word or two before each.
            last_item = re.split(r",|\svà\s", between)[-1]
            if (
                re.search(r",|\svà\s", between)
                and len(last_item.split()) <= 2
                and not re.search(r"[;.\n]|khoảng|trên|hơn|tối đa|trở lên", between)
                and len(between) < 70
            ):
                s = Span(s.start, s.end, s.label, {**s.value, "comparator": ">="})
        out.append(s)
    return out


_COMPARATOR_WORDS = {">=": "ít nhất", ">": "trên", "<=": "tối đa", "<": "dưới"}


def reading(target: dict, level: str | None = None) -> str:
    """A target as a reader says it: `mỗi xã ít nhất 1 sản phẩm`, `1–2 sản phẩm đạt 5 sao`,
    `toàn tỉnh 150 sản phẩm` (a total, `level` being the level of the body that set it)."""
    def figure(x: float) -> str:
        return f"{x:g}".replace(".", ",") if x != int(x) else str(int(x))

    value, upper = target["value"], target.get("value_max")
    number = f"{figure(value)}–{figure(upper)}" if upper is not None else figure(value)
    subject = target.get("subject") or target["unit"]
    unit = target["unit"]
    if unit == "%":
        counted = f"{number}% {subject}".strip()
    elif subject.startswith(unit):
        counted = f"{number} {subject}"
    else:
        counted = f"{number} {unit} {subject}"
    words = [] if upper is not None else [_COMPARATOR_WORDS.get(target.get("comparator") or "=", "")]
    if target.get("per"):
        scope = f"mỗi {target['per']}"
    elif level in ("tỉnh", "huyện", "xã") and unit != "%":
        scope = f"toàn {level}"
    else:
        scope = ""
    return " ".join(w for w in (scope, *words, counted) if w)

