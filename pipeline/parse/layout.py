"""Reading order of a page laid out partly in two columns side by side.

Vietnamese administrative documents put the issuing body and the symbol on the left and
the national motto and the place-date on the right of the same lines; the signature block
pairs `Nơi nhận` with the signer the same way. Read line by line, the two columns
interleave (`ỦY BAN NHÂN DÂN CỘNG HÒA XÃ HỘI ...`). `column_bands` finds the runs of lines
that have a gutter, so each can be read left column first, then right. It works on word
boxes (`x0`, `x1`, `top`, `bottom`), from pdfplumber's text layer or from Tesseract.
"""
from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

Box = Mapping[str, float]


def lines_of(words: Sequence[Box], tolerance: float) -> list[list[Box]]:
    """Words grouped into lines, each left to right: a word joins the line above when its
    middle lies within that line's height or its top is within `tolerance` of the line's
    (a dash sits lower than the words around it)."""
    lines: list[list[Box]] = []
    spans: list[list[float]] = []  # top, bottom of each line
    for w in sorted(words, key=lambda w: (w["top"], w["x0"])):
        middle = (w["top"] + w["bottom"]) / 2
        if lines and (spans[-1][0] <= middle <= spans[-1][1] or abs(spans[-1][0] - w["top"]) < tolerance):
            lines[-1].append(w)
            spans[-1][1] = max(spans[-1][1], w["bottom"])
        else:
            lines.append([w])
            spans.append([w["top"], w["bottom"]])
    return [sorted(line, key=lambda w: w["x0"]) for line in lines]


def column_bands(words: Sequence[Box], left: float, right: float, tolerance: float,
                 min_gap: float) -> list[tuple[float, float, float | None]]:
    """(top, bottom, x of the gutter or None) for runs of lines, top to bottom.

    A line splits when a gap of `min_gap` or more in the middle 40% of the width has words
    on both sides. A line with words on one side only goes with the band just above it,
    unless it is centred (a title such as `KẾ HOẠCH` ends the two-column header) or set
    off by more than half a line of space."""
    if not words:
        return []
    lo, hi = left + 0.3 * (right - left), left + 0.7 * (right - left)
    middle = (left + right) / 2
    bands: list[list] = []  # [top, bottom, free interval or None]
    for line in lines_of(words, tolerance):
        top, bottom = min(w["top"] for w in line), max(w["bottom"] for w in line)
        free = _free_interval(line, lo, hi, min_gap, bands[-1][2] if bands and bands[-1][2] else None)
        one_sided = free is not None and (
            all(w["x1"] <= free[0] for w in line) or all(w["x0"] >= free[1] for w in line))
        # a title crosses the middle of the page; a short line of a column stays on its side
        centred = line[0]["x0"] < middle < line[-1]["x1"] and abs(
            (line[0]["x0"] + line[-1]["x1"]) / 2 - middle) < 0.1 * (right - left)
        set_off = bool(bands) and top - bands[-1][1] > 0.5 * (bottom - top)
        if bands and bands[-1][2] is not None and free is not None and not (one_sided and (centred or set_off)):
            both = (max(bands[-1][2][0], free[0]), min(bands[-1][2][1], free[1]))
            if both[1] - both[0] >= min_gap / 2:
                bands[-1][1], bands[-1][2] = bottom, both
                continue
        if free is not None and not one_sided:
            bands.append([top, bottom, free])
        elif bands and bands[-1][2] is None:
            bands[-1][1] = bottom
        else:
            bands.append([top, bottom, None])
    out: list[tuple[float, float, float | None]] = []
    for i, (top, bottom, free) in enumerate(bands):
        start = top - 1 if i == 0 else out[-1][1]
        end = bottom + 1 if i == len(bands) - 1 else (bottom + bands[i + 1][0]) / 2
        out.append((start, end, (free[0] + free[1]) / 2 if free else None))
    return out


def _free_intervals(line: Sequence[Box], lo: float, hi: float, min_gap: float) -> list[tuple[float, float]]:
    """The stretches of [lo, hi] no word of the line covers, `min_gap` wide or more."""
    covered = sorted((max(lo, w["x0"]), min(hi, w["x1"])) for w in line if w["x1"] > lo and w["x0"] < hi)
    out, pos = [], lo
    for a, b in [*covered, (hi, hi)]:
        if a - pos >= min_gap:
            out.append((pos, a))
        pos = max(pos, b)
    return out


def _free_interval(line: Sequence[Box], lo: float, hi: float, min_gap: float,
                   gutter: tuple[float, float] | None = None) -> tuple[float, float] | None:
    """The free stretch of the line that continues `gutter` (the run's gutter so far), else
    the widest one."""
    free = _free_intervals(line, lo, hi, min_gap)
    if not free:
        return None
    if gutter is not None:
        overlapping = [f for f in free if min(f[1], gutter[1]) - max(f[0], gutter[0]) >= min_gap / 2]
        if overlapping:
            return overlapping[0]
    return max(free, key=lambda f: f[1] - f[0])


def reading_order(words: Sequence[Box], left: float, right: float, tolerance: float, min_gap: float) -> list[str]:
    """Lines of text (words joined by spaces) in reading order: each two-column run left
    column first; in full-width runs, lines a paragraph wrapped joined (`join_wrapped`).
    Words need a `text` key."""
    out: list[str] = []
    for top, bottom, split in column_bands(words, left, right, tolerance, min_gap):
        band = [w for w in words if top <= (w["top"] + w["bottom"]) / 2 < bottom]
        sides = [band] if split is None else [[w for w in band if w["x0"] < split],
                                                [w for w in band if w["x0"] >= split]]
        for side in sides:
            lines = [(" ".join(str(w["text"]) for w in line), line[0]["x0"], max(w["x1"] for w in line))
                     for line in lines_of(side, tolerance)]
            out.extend(join_wrapped(lines, 2 * min_gap) if split is None else [text for text, _, _ in lines])
    return out


def join_wrapped(lines: Sequence[tuple[str, float, float]], tolerance: float) -> list[str]:
    """Lines (text, left edge, right edge) with each line that a paragraph wrapped joined
    to the next. A line was wrapped when it starts at the left edge of the text and the
    next line's first word would not have fitted after it (the test a word processor
    applies): so justified lines and ragged-right ones alike, but not a heading, a short
    last line or a centred title. A line ending in a word hyphen joins without a space
    (`1599/QĐ-` + `UBND`). A list item, a heading or a table row keeps its own line."""
    if not lines:
        return []
    left, right = min(x0 for _, x0, _ in lines), max(x1 for _, _, x1 in lines)
    out: list[str] = []
    for i, (text, _, _) in enumerate(lines):
        prev = lines[i - 1] if i else None
        # `150` + `- 200 sản phẩm` is a range wrapped, not a list item
        continues = not NEW_BLOCK.match(text) or (re.match(r"\s*[-–]\s*\d", text) and out and out[-1][-1:].isdigit())
        if prev is not None and _wrapped(prev, text, left, right, tolerance) and text.strip() and continues:
            glue = "" if out[-1].endswith("-") and out[-1][-2:-1].isalnum() else " "
            out[-1] = out[-1].rstrip() + glue + text.strip()
        else:
            out.append(text)
    return out


def _wrapped(line: tuple[str, float, float], next_text: str, left: float, right: float, tolerance: float) -> bool:
    text, x0, x1 = line
    words = next_text.split()
    if not words or not text.strip() or text.startswith("|") or x0 > left + tolerance:
        return False
    char = (x1 - x0) / max(1, len(text))  # the line's mean character width
    return x1 + char * (len(words[0]) + 1) > right + tolerance / 2


NEW_BLOCK = re.compile(r"^\s*(?:[-–+•*|]|[a-zđ][.)]\s|\d{1,2}[.)]\s|[IVX]+\.\s|Điều\s+\d|Căn cứ|Xét đề nghị|Nơi nhận)")
