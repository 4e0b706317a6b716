"""OCR of PDF pages with Tesseract's Vietnamese model (Debian's tesseract-ocr-vie).

A page is rendered with pypdfium2 (PDFium, Chromium's PDF engine), straightened (a scan
is often a degree or two off), and read by pytesseract word by word, so each page comes
with Tesseract's mean word confidence. Ruled tables, which Tesseract's layout analysis
mostly skips, are found from their rules and read cell by cell into pipe rows
(`| 1 | Huyện Ba Tri | 29 |`), as the text-layer parser writes them; the rules are
erased from the rest of the page before it is read.
"""
from __future__ import annotations

import os
import shutil
from dataclasses import dataclass

import numpy as np

from .common import ParseError
from .layout import reading_order

# Tesseract's OpenMP threads cost more than they give here (one page: 6.9 s with them,
# 1.3 s without, measured on 2 cores); pages run in parallel across processes instead.
os.environ.setdefault("OMP_THREAD_LIMIT", "1")

DPI = 300  # Tesseract reads body text best at 300 dpi
LANG = "vie"
PAGE_TIMEOUT = 120  # seconds per Tesseract call
_DARK = 160  # grey level below which a pixel is ink


@dataclass
class OcrPage:
    text: str
    confidence: float | None  # mean word confidence, 0-100; None when no word was read
    skew: float = 0.0  # degrees the page was turned back


@dataclass
class _Grid:
    top: int
    bottom: int
    rows: list[int]  # y of each horizontal rule, top to bottom
    cols: list[int]  # x of each vertical rule, left to right


def available() -> str | None:
    """None when OCR can run, else what to install."""
    if shutil.which("tesseract") is None:
        return "tesseract is not installed (Debian: apt-get install tesseract-ocr tesseract-ocr-vie)"
    import pytesseract

    if LANG not in pytesseract.get_languages(config=""):
        return "Tesseract's Vietnamese model is missing (Debian: apt-get install tesseract-ocr-vie)"
    return None


def render_page(data: bytes, page_index: int, dpi: int = DPI):  # noqa: ANN201 - a PIL image
    import pypdfium2

    pdf = pypdfium2.PdfDocument(data)
    try:
        return pdf[page_index].render(scale=dpi / 72, grayscale=True).to_pil()
    finally:
        pdf.close()


def ocr_pdf_page(data: bytes, page_index: int) -> OcrPage:
    """Render page `page_index` (0-based) of the PDF in `data` and read it."""
    missing = available()
    if missing:
        raise ParseError(f"page {page_index + 1} needs OCR, but {missing}")
    return ocr_image(render_page(data, page_index))


def ocr_image(image) -> OcrPage:  # noqa: ANN001 - a PIL image
    from PIL import Image, ImageFilter

    # A 3-pixel median takes out a scanner's speckle (CER 7% → 2% on a speckled page) and
    # costs nothing on a clean one.
    image = image.convert("L").filter(ImageFilter.MedianFilter(3))
    skew = _skew_angle(image)
    if abs(skew) >= 0.4:  # Tesseract reads a smaller tilt as well as none
        image = image.rotate(skew, resample=Image.BICUBIC, expand=False, fillcolor=255)
    ink = np.asarray(image) < _DARK
    h_rules, v_rules = _rules(ink)
    grids = _grids(h_rules, v_rules, ink.shape)
    clean = Image.fromarray(np.where(_erase(ink, h_rules, v_rules), 0, 255).astype(np.uint8))
    width, height = clean.size
    parts: list[str] = []
    confidences: list[float] = []
    top = 0
    for grid in grids:
        if grid.top - top > 10:
            parts.append(_read(clean.crop((0, top, width, grid.top)), confidences))
        parts.append(_read_grid(clean, grid, confidences))
        top = grid.bottom
    if height - top > 10:
        parts.append(_read(clean.crop((0, top, width, height)), confidences))
    confidence = round(sum(confidences) / len(confidences), 1) if confidences else None
    return OcrPage("\n".join(p for p in parts if p.strip()), confidence, round(skew, 2))


def _tesseract(image, psm: int) -> dict:  # noqa: ANN001
    import pytesseract

    try:
        return pytesseract.image_to_data(image, lang=LANG, config=f"--psm {psm}",
                                         output_type=pytesseract.Output.DICT, timeout=PAGE_TIMEOUT)
    except RuntimeError as err:  # pytesseract's timeout
        raise ParseError(f"OCR gave up after {PAGE_TIMEOUT} s: {err}") from err


def _read(image, confidences: list[float], psm: int = 3) -> str:  # noqa: ANN001
    """Text of an image region, lines in reading order (two-column runs left first)."""
    data = _tesseract(image, psm)
    words = []
    for i, word in enumerate(data["text"]):
        if not word.strip():
            continue
        left, top, width, height = (data[k][i] for k in ("left", "top", "width", "height"))
        words.append({"text": word, "x0": left, "x1": left + width, "top": top, "bottom": top + height})
        if float(data["conf"][i]) >= 0:
            confidences.append(float(data["conf"][i]))
    # at 300 dpi: a line is ~50 px high, a column gutter ~50 px wide or more
    return "\n".join(reading_order(words, 0, image.width, tolerance=20, min_gap=50))


def _read_grid(image, grid: _Grid, confidences: list[float]) -> str:  # noqa: ANN001
    rows = []
    for y0, y1 in zip(grid.rows, grid.rows[1:], strict=False):
        cells = []
        for x0, x1 in zip(grid.cols, grid.cols[1:], strict=False):
            crop = image.crop((x0 + 4, y0 + 4, x1 - 4, y1 - 4))
            cells.append(" ".join(_read(crop, confidences, psm=6).split()) if _has_ink(crop) else "")
        if any(cells):
            rows.append("| " + " | ".join(cells) + " |")
    return "\n".join(rows)


def _has_ink(image) -> bool:  # noqa: ANN001
    return bool((np.asarray(image) < _DARK).sum() > 20)


def _skew_angle(image) -> float:  # noqa: ANN001
    """The small rotation (±3°) that makes text lines horizontal: the angle whose row
    profile of ink is sharpest."""
    from PIL import Image

    small = image.resize((image.width // 4, image.height // 4))
    best, best_score = 0.0, -1.0
    for angle in np.arange(-3.0, 3.01, 0.25):
        turned = small.rotate(float(angle), resample=Image.BILINEAR, fillcolor=255)
        profile = (np.asarray(turned) < _DARK).sum(axis=1).astype(float)
        score = float(np.sum(np.diff(profile) ** 2))
        if score > best_score:
            best, best_score = float(angle), score
    return best


def _runs(line: np.ndarray, min_len: int) -> list[tuple[int, int]]:
    edges = np.diff(np.concatenate(([0], line.astype(np.int8), [0])))
    starts, ends = np.where(edges == 1)[0], np.where(edges == -1)[0]
    return [(int(s), int(e)) for s, e in zip(starts, ends, strict=True) if e - s >= min_len]


def _rules(ink: np.ndarray) -> tuple[list[tuple[int, int, int]], list[tuple[int, int, int]]]:
    """Long straight runs of ink: horizontal rules (y, x0, x1) and vertical ones (x, y0, y1)."""
    height, width = ink.shape
    h = [(y, s, e) for y in np.where(ink.sum(axis=1) >= width // 5)[0] for s, e in _runs(ink[y], width // 5)]
    v = [(x, s, e) for x in np.where(ink.sum(axis=0) >= height // 40)[0] for s, e in _runs(ink[:, x], height // 40)]
    return h, v


def _merge(positions: list[int], gap: int = 6) -> list[int]:
    """Adjacent pixel rows/columns of one thick rule → its middle."""
    out: list[list[int]] = []
    for p in sorted(set(positions)):
        if out and p - out[-1][-1] <= gap:
            out[-1].append(p)
        else:
            out.append([p])
    return [group[len(group) // 2] for group in out]


def _grids(h_rules: list, v_rules: list, shape: tuple[int, int]) -> list[_Grid]:
    """Tables: horizontal rules joined by vertical rules that span them."""
    if len(h_rules) < 2 or len(v_rules) < 2:
        return []
    rows = _merge([y for y, _, _ in h_rules])
    grids: list[_Grid] = []
    group: list[int] = [rows[0]]
    for y in rows[1:]:
        # two rules belong to one table when a vertical rule runs between them
        if any(y0 <= group[-1] + 8 and y1 >= y - 8 for _, y0, y1 in v_rules):
            group.append(y)
        else:
            grids.extend(_grid(group, v_rules))
            group = [y]
    grids.extend(_grid(group, v_rules))
    return grids


def _grid(rows: list[int], v_rules: list) -> list[_Grid]:
    if len(rows) < 2:
        return []
    top, bottom = rows[0], rows[-1]
    cols = _merge([x for x, y0, y1 in v_rules if y0 <= top + 8 and y1 >= bottom - 8])
    if len(cols) < 2:
        cols = _merge([x for x, y0, y1 in v_rules if y0 < bottom and y1 > top and y1 - y0 > (bottom - top) // 2])
    if len(cols) < 2:
        return []
    return [_Grid(top, bottom, rows, cols)]


def _erase(ink: np.ndarray, h_rules: list, v_rules: list) -> np.ndarray:
    out = ink.copy()
    for y, x0, x1 in h_rules:
        out[max(0, y - 1):y + 2, x0:x1] = False
    for x, y0, y1 in v_rules:
        out[y0:y1, max(0, x - 1):x + 2] = False
    return out
