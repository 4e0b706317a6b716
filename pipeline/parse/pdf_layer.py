"""A PDF page's text layer read with PDFium (pypdfium2), in reading order.

PDFium segments a page's text into runs, each a stretch of one line in one text object,
with its box (`FPDFText_CountRects`/`GetRect`): some 40 calls a page where a
character-level reader makes thousands. The layout work is done
on those runs with `layout.py`, as for OCR's words: the two-column header and signature
block read left column first, a two-column page column by column, the lines a paragraph
wrapped joined. The raw API is called directly: the page's text is read in one call
and cut at PDFium's line breaks, where asking for each run's text by its rectangle
scans the page's characters once a run.

`page_objects` tells, from the page's drawing objects alone, whether a page may hold a
ruled table (thin paths or rectangles crossing) or an image: only such a page is handed
to pdfplumber's table finder (`pdf.py`), and only a page with an image can be a scan.
"""
from __future__ import annotations

import ctypes
from dataclasses import dataclass

import pypdfium2.raw as pdfium_c

from .layout import column_bands, join_wrapped, lines_of

# A page's drawing objects, by FPDFPageObj_GetType
_TEXT, _PATH, _IMAGE, _FORM = (pdfium_c.FPDF_PAGEOBJ_TEXT, pdfium_c.FPDF_PAGEOBJ_PATH,
                               pdfium_c.FPDF_PAGEOBJ_IMAGE, pdfium_c.FPDF_PAGEOBJ_FORM)
_THIN = 2.0  # points: a path this thin is a rule
_MIN_RULE = 8.0  # points: shorter than this it is a dash or a bullet, not a table's rule


@dataclass
class PageObjects:
    has_images: bool
    may_have_table: bool  # rules that cross, or ruled cells: worth pdfplumber's table finder


def page_objects(page) -> PageObjects:  # noqa: ANN001 - a pypdfium2 PdfPage
    """Images and table rules among the page's top-level objects (a form XObject, which
    may hold either, counts as both: its page goes the thorough way)."""
    raw = page.raw
    left, bottom, right, top = (ctypes.c_float() for _ in range(4))
    horizontal = vertical = boxes = 0
    has_images = False
    for i in range(pdfium_c.FPDFPage_CountObjects(raw)):
        obj = pdfium_c.FPDFPage_GetObject(raw, i)
        kind = pdfium_c.FPDFPageObj_GetType(obj)
        if kind == _IMAGE:
            has_images = True
        elif kind == _FORM:
            return PageObjects(True, True)
        elif kind == _PATH and pdfium_c.FPDFPageObj_GetBounds(obj, left, bottom, right, top):
            width, height = right.value - left.value, top.value - bottom.value
            if height <= _THIN and width >= _MIN_RULE:
                horizontal += 1
            elif width <= _THIN and height >= _MIN_RULE:
                vertical += 1
            elif width >= _MIN_RULE and height >= _MIN_RULE:
                boxes += 1  # a cell's rectangle, or a table's outline drawn as one path
    return PageObjects(has_images, (horizontal >= 2 and vertical >= 2) or boxes >= 2)


def page_runs(textpage, page_height: float) -> list[dict]:  # noqa: ANN001 - a PdfTextPage
    """The page's text runs as boxes with `text`, `x0`, `x1`, `top`, `bottom` (from the
    top of the page, as pdfplumber and Tesseract give them).

    The page's text is read once; PDFium breaks it into lines (`\\r\\n`) and a line
    into rectangles, each a run of one text object. A line of one rectangle (most) is
    that run; a longer line is split by its characters' boxes (`_split_line`)."""
    raw = textpage.raw
    chars = pdfium_c.FPDFText_CountChars(raw)
    if chars <= 0:
        return []
    buffer = (ctypes.c_ushort * (chars + 1))()
    pdfium_c.FPDFText_GetText(raw, 0, chars, buffer)
    # one UTF-16 unit per character index: a character outside the BMP is a surrogate
    # pair in PDFium's text too, so indices and units stay aligned
    text = ctypes.string_at(buffer, 2 * chars).decode("utf-16-le", "surrogatepass")
    if len(text) != chars:  # never seen: a line's characters are then found by their boxes
        return _without_repeats(_split_line(raw, 0, text.replace("\r\n", "  "), page_height))
    runs: list[dict] = []
    start = 0
    for line in text.split("\r\n"):
        end = start + len(line)
        if line.strip():
            runs.extend(_line_runs(raw, start, end, line, page_height))
        start = end + 2
    return _without_repeats(runs)


_left, _top, _right, _bottom = (ctypes.c_double() for _ in range(4))


def _line_runs(raw, start: int, end: int, line: str, page_height: float) -> list[dict]:  # noqa: ANN001
    if pdfium_c.FPDFText_CountRects(raw, start, end - start) != 1:
        return _split_line(raw, start, line, page_height)
    pdfium_c.FPDFText_GetRect(raw, 0, _left, _top, _right, _bottom)
    text = _single_struck(" ".join(line.split()))
    return [{"text": text, "x0": _left.value, "x1": _right.value,
             "top": page_height - _top.value, "bottom": page_height - _bottom.value}] if text else []


def _split_line(raw, start: int, line: str, page_height: float) -> list[dict]:  # noqa: ANN001
    """A line PDFium drew as several rectangles (a font change, characters placed one by
    one, or two columns' text on one line), from its characters' boxes: one run, or one
    on each side of a gap wider than the line is high (a column's gutter, not a space)."""
    boxes: list[tuple[int, float, float, float, float]] = []  # offset in line, left, right, bottom, top
    for offset, char in enumerate(line):
        if char.isspace():
            continue
        if pdfium_c.FPDFText_GetCharBox(raw, start + offset, _left, _right, _bottom, _top):
            boxes.append((offset, _left.value, _right.value, _bottom.value, _top.value))
    if not boxes:
        return []
    groups: list[list[tuple[int, float, float, float, float]]] = [[boxes[0]]]
    for box in boxes[1:]:
        prev = groups[-1][-1]
        height = max(prev[4] - prev[3], box[4] - box[3], 1.0)
        if box[1] - prev[2] > height or box[1] < prev[1] - height:  # a gutter, or back to the left
            groups.append([box])
        else:
            groups[-1].append(box)
    runs = []
    for group in groups:
        text = _single_struck(" ".join(line[group[0][0]:group[-1][0] + 1].split()))
        if text:
            runs.append({"text": text, "x0": min(b[1] for b in group), "x1": max(b[2] for b in group),
                         "top": page_height - max(b[4] for b in group),
                         "bottom": page_height - min(b[3] for b in group)})
    return runs


def _without_repeats(runs: list[dict]) -> list[dict]:
    """Faux bold drawn as the same run printed again a hair to the side: once."""
    out: list[dict] = []
    for run in runs:
        if not (out and _same_run(out[-1], run)):
            out.append(run)
    return out


def _single_struck(text: str) -> str:
    """Faux bold printed character by character twice (`QQUUYYẾẾTT`) → `QUYẾT`."""
    if len(text) >= 4 and len(text) % 2 == 0 and text[0::2] == text[1::2]:
        return text[0::2]
    return text


def _same_run(a: dict, b: dict) -> bool:
    return a["text"] == b["text"] and abs(a["x0"] - b["x0"]) < 2 and abs(a["top"] - b["top"]) < 2


def reading_order(runs: list[dict], left: float, right: float) -> str:
    """The runs as lines of text in reading order: each run of lines laid out in two
    columns read left column first, then right; a header or signature block column (a
    few short lines) as it is, a column of body text (six lines or more) and full-width
    text with the lines a paragraph wrapped joined."""
    if _one_run_a_line(runs):  # most pages of a body text: no two runs share a line
        lines = [(r["text"], r["x0"], r["x1"]) for r in sorted(runs, key=lambda r: r["top"])]
        return "\n".join(line for line in join_wrapped(lines, tolerance=12) if line.strip())
    out: list[str] = []
    for top, bottom, split in column_bands(runs, left, right, tolerance=3, min_gap=12):
        band = [r for r in runs if top <= (r["top"] + r["bottom"]) / 2 < bottom]
        sides = [band] if split is None else [[r for r in band if r["x0"] < split],
                                                [r for r in band if r["x0"] >= split]]
        for side in sides:
            lines = [_line(line) for line in lines_of(side, tolerance=3)]
            if split is not None and len(lines) < 6:
                out.extend(text for text, _, _ in lines)
            else:
                out.extend(join_wrapped(lines, tolerance=12))
    return "\n".join(line for line in out if line.strip())


def _one_run_a_line(runs: list[dict]) -> bool:
    """No run stands beside another (their heights overlap by half the smaller one):
    a page of one column, read top to bottom with no layout to work out."""
    ordered = sorted(runs, key=lambda r: r["top"])
    for above, below in zip(ordered, ordered[1:], strict=False):
        overlap = above["bottom"] - below["top"]
        if overlap > 0.5 * min(above["bottom"] - above["top"], below["bottom"] - below["top"]):
            return False
    return True


def _line(runs: list[dict]) -> tuple[str, float, float]:
    """One line's runs, left to right, spaced where there is space between them (a run
    ends where the font changes, which may be inside a word)."""
    text = runs[0]["text"]
    for prev, run in zip(runs, runs[1:], strict=False):
        gap = run["x0"] - prev["x1"]
        text += (" " if gap > 0.15 * (prev["bottom"] - prev["top"]) else "") + run["text"]
    return text, runs[0]["x0"], max(r["x1"] for r in runs)
