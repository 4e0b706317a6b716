"""OCR of PDF pages with Tesseract's Vietnamese model (Debian's tesseract-ocr-vie).

A page is rendered with pypdfium2 (PDFium, Chromium's PDF engine) at 300 dpi,
straightened (a scan is often a degree or two off), reduced to ink and paper, and read
by Tesseract once, word by word, so each page comes with Tesseract's mean word confidence.
Tesseract is called through its C++ API (tesserocr, the model loaded once a thread) where
that is installed, else as the `tesseract` command (pytesseract).
Ruled tables, which Tesseract's layout analysis mostly skips, are found from their
rules; the rules are erased before the page is read, and the words read inside a
table's cells are written as pipe rows (`| 1 | Huyện Ba Tri | 29 |`), as the text-layer
parser writes them.
"""
from __future__ import annotations

import functools
import os
import re
import shutil
import subprocess
import tempfile
import threading
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

import numpy as np

from .common import ParseError
from .layout import lines_of, reading_order

# Tesseract's OpenMP threads cost more than they give here (one page: 6.9 s with them,
# 1.3 s without, measured on 2 cores); pages run in parallel across processes instead.
os.environ.setdefault("OMP_THREAD_LIMIT", "1")

DPI = 300  # Tesseract reads body text best at 300 dpi (a 200-dpi scan too: CER 0.2% at 200, 0 at 300)
LANG = "vie"
PAGE_TIMEOUT = 120  # seconds per Tesseract call
_DARK = 160  # grey level below which a pixel is ink
# Page segmentation with layout analysis (our reading order works on its word boxes); no
# second reading of lines as inverted text (Tesseract 5 tries it where confidence is low:
# on black ink on white it never helps, and it costs).
_CONFIG = "--psm 3 -c tessedit_do_invert=0"


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


def threads() -> int:
    """Pages of one PDF read at once: `OCOP_OCR_THREADS`, else one a core (a build's
    worker processes set it to their share of the cores)."""
    return max(1, int(os.environ.get("OCOP_OCR_THREADS") or os.cpu_count() or 1))


_pool: tuple[int, int, ThreadPoolExecutor] | None = None  # (process id, threads, the pool)


def pool() -> ThreadPoolExecutor:
    """The threads a process reads scanned pages in, kept from one PDF to the next (each
    thread keeps its Tesseract model loaded). A forked process makes its own: the threads
    of its parent's pool did not come with it."""
    global _pool
    size = threads()
    if _pool is None or _pool[0] != os.getpid() or _pool[1] != size:
        _pool = (os.getpid(), size, ThreadPoolExecutor(max_workers=size, thread_name_prefix="ocr"))
    return _pool[2]


@functools.cache  # asked for every page; Tesseract and its models do not come and go during a run
def available() -> str | None:
    """None when OCR can run, else what to install."""
    if _tesserocr():  # the API and the Vietnamese model: the command is not needed
        return None
    if shutil.which("tesseract") is None:
        return "tesseract is not installed (Debian: apt-get install tesseract-ocr tesseract-ocr-vie)"
    import pytesseract

    if LANG not in pytesseract.get_languages(config=""):
        return "Tesseract's Vietnamese model is missing (Debian: apt-get install tesseract-ocr-vie)"
    return None


def render_page(page, dpi: int = DPI):  # noqa: ANN001, ANN201 - a pypdfium2 page; a PIL image
    """The page as a grey image. PDFium smooths a scan drawn larger than it was scanned;
    without it (`no_smoothimage`, twice as fast) a table's thin rules break (CER 0.1% → 12%)."""
    return page.render(scale=dpi / 72, grayscale=True).to_pil()


def ocr_image(image) -> OcrPage:  # noqa: ANN001 - a PIL image
    from PIL import Image

    image = image.convert("L")
    skew = _skew_angle(image)
    if abs(skew) >= 0.4:  # Tesseract reads a smaller tilt as well as none
        image = image.rotate(skew, resample=Image.BILINEAR, expand=False, fillcolor=255)
    # A 3-pixel median takes out a scanner's speckle (CER 7% → 2% on a speckled page). On
    # ink and paper it is a majority of the 3×3 neighbourhood: the same pixels as PIL's
    # median filter before the threshold, in a tenth of its time.
    ink = _majority(np.asarray(image) < _DARK)
    h_rules, v_rules = _rules(ink)
    grids = _grids(h_rules, v_rules, ink.shape)
    clean = _erase(ink, h_rules, v_rules)
    words = _words(clean)
    confidences = [w["conf"] for w in words if w["conf"] >= 0]
    parts: list[str] = []
    top = 0
    width = ink.shape[1]
    # at 300 dpi: a line is ~50 px high, a column gutter ~50 px wide or more
    for grid in grids:
        above = [w for w in words if top <= _middle(w) < grid.top]
        parts.append("\n".join(reading_order(above, 0, width, tolerance=20, min_gap=50)))
        parts.append(_grid_text(grid, words, tolerance=20))
        top = grid.bottom
    rest = [w for w in words if _middle(w) >= top]
    parts.append("\n".join(reading_order(rest, 0, width, tolerance=20, min_gap=50)))
    confidence = round(sum(confidences) / len(confidences), 1) if confidences else None
    return OcrPage("\n".join(p for p in parts if p.strip()), confidence, round(skew, 2))


def _majority(ink: np.ndarray) -> np.ndarray:
    """Each pixel ink when 5 or more of its 3×3 neighbourhood are."""
    padded = np.pad(ink, 1).astype(np.uint8)
    height, width = ink.shape
    count = np.zeros(ink.shape, dtype=np.uint8)
    for dy in range(3):
        for dx in range(3):
            count += padded[dy:dy + height, dx:dx + width]
    return count >= 5


def _middle(word: dict) -> float:
    return (word["top"] + word["bottom"]) / 2


def _words(ink: np.ndarray) -> list[dict]:
    """Every word Tesseract reads on the page, with its box and confidence: one call a
    page, on the ink alone (black on white, so Tesseract has no thresholding to do),
    cropped to where there is ink (a page's blank margins are a quarter of its pixels)."""
    rows, cols = np.flatnonzero(ink.any(axis=1)), np.flatnonzero(ink.any(axis=0))
    if not len(rows):
        return []
    margin = 30
    top, left = max(0, rows[0] - margin), max(0, cols[0] - margin)
    bottom, right = min(ink.shape[0], rows[-1] + margin), min(ink.shape[1], cols[-1] + margin)
    page = ink[top:bottom, left:right]
    read = _words_by_api(page) if _tesserocr() else _words_by_command(page)
    for word in read:
        word["x0"] += left
        word["x1"] += left
        word["top"] += top
        word["bottom"] += top
    return read


_per_thread = threading.local()


def _words_by_api(ink: np.ndarray) -> list[dict]:
    """Tesseract's C++ API through tesserocr: the model loaded once a thread, the pixels
    handed over as they are (no file, no process): a third faster than the command."""
    import tesserocr

    api = getattr(_per_thread, "api", None)
    if api is None:
        api = tesserocr.PyTessBaseAPI(path=_tessdata(), lang=LANG, psm=tesserocr.PSM.AUTO)
        api.SetVariable("tessedit_do_invert", "0")
        _per_thread.api = api
    height, width = ink.shape
    api.SetImageBytes(np.where(ink, 0, 255).astype(np.uint8).tobytes(), width, height, 1, width)
    if not api.Recognize(PAGE_TIMEOUT * 1000):
        raise ParseError(f"OCR gave up after {PAGE_TIMEOUT} s")
    level, words = tesserocr.RIL.WORD, []
    for word in tesserocr.iterate_level(api.GetIterator(), level):
        text, box = word.GetUTF8Text(level), word.BoundingBox(level)
        if text and text.strip() and box:
            x0, y0, x1, y1 = box
            words.append({"text": text.strip(), "x0": x0, "x1": x1, "top": y0, "bottom": y1,
                          "conf": float(word.Confidence(level))})
    api.Clear()
    return words


def _words_by_command(ink: np.ndarray) -> list[dict]:
    """The `tesseract` command through pytesseract (where tesserocr has no wheel). The image
    goes as an uncompressed PBM file: pytesseract would write a PNG, compressing megapixels
    for Tesseract to uncompress."""
    import pytesseract
    from PIL import Image

    with tempfile.TemporaryDirectory(prefix="ocop-ocr-") as folder:
        path = os.path.join(folder, "page.pbm")
        Image.fromarray(~ink).save(path)
        try:
            data = pytesseract.image_to_data(path, lang=LANG, config=_CONFIG,
                                             output_type=pytesseract.Output.DICT, timeout=PAGE_TIMEOUT)
        except RuntimeError as err:  # pytesseract's timeout
            raise ParseError(f"OCR gave up after {PAGE_TIMEOUT} s: {err}") from err
    words = []
    for i, word in enumerate(data["text"]):
        if word.strip():
            x, y, width, height = (data[k][i] for k in ("left", "top", "width", "height"))
            words.append({"text": word, "x0": x, "x1": x + width, "top": y, "bottom": y + height,
                          "conf": float(data["conf"][i])})
    return words


@functools.cache
def _tesserocr() -> bool:
    try:
        import tesserocr  # noqa: F401
    except ImportError:
        return False
    return _tessdata() is not None


@functools.cache
def _tessdata() -> str | None:
    """The folder of Tesseract's models, holding the Vietnamese one: `TESSDATA_PREFIX`, else
    where the `tesseract` command says, else Debian's and the usual places."""
    candidates = [os.environ.get("TESSDATA_PREFIX")]
    if shutil.which("tesseract"):
        listed = subprocess.run(["tesseract", "--list-langs"], capture_output=True, text=True).stdout
        found = re.search(r'"([^"]+)"', listed)
        candidates.append(found[1] if found else None)
    candidates += ["/usr/share/tesseract-ocr/5/tessdata", "/usr/share/tesseract-ocr/4.00/tessdata",
                   "/usr/share/tessdata", "/usr/local/share/tessdata"]
    for folder in candidates:
        if folder and os.path.isfile(os.path.join(folder, f"{LANG}.traineddata")):
            return folder.rstrip("/") + "/"
    return None


def _grid_text(grid: _Grid, words: list[dict], tolerance: float) -> str:
    """A table's rows as pipe rows: each cell the words whose middle lies in it, in the
    order Tesseract read them (line by line)."""
    rows = []
    for y0, y1 in zip(grid.rows, grid.rows[1:], strict=False):
        in_row = [w for w in words if y0 <= _middle(w) < y1]
        cells = []
        for x0, x1 in zip(grid.cols, grid.cols[1:], strict=False):
            cell = [w for w in in_row if x0 <= (w["x0"] + w["x1"]) / 2 < x1]
            lines = lines_of(cell, tolerance)
            cells.append(" ".join(str(w["text"]) for line in lines for w in line))
        if any(cells):
            rows.append("| " + " | ".join(cells) + " |")
    return "\n".join(rows)


def _skew_angle(image) -> float:  # noqa: ANN001
    """The small rotation (±3°, to the quarter degree) that makes text lines horizontal:
    the angle whose row profile of ink is sharpest. Each angle's profile is counted from
    the ink of a small copy sheared by it (for so small an angle a shear is the rotation,
    to the pixel), not by turning an image 25 times."""
    small = np.asarray(image.reduce(4)) < _DARK
    ys, xs = np.nonzero(small)
    if not len(ys):
        return 0.0
    best, best_score = 0.0, -1.0
    for angle in np.arange(-3.0, 3.01, 0.25):
        # PIL's rotate(angle) turns the page counter-clockwise: a line that falls to the
        # right by tan(angle) per pixel comes level
        rows = np.round(ys - xs * np.tan(np.radians(angle))).astype(np.int64)
        profile = np.bincount(rows - rows.min()).astype(float)
        score = float(np.sum(np.diff(profile) ** 2))
        if score > best_score:
            best, best_score = float(angle), score
    return best


def _runs(line: np.ndarray, min_len: int) -> list[tuple[int, int]]:
    edges = np.diff(np.concatenate(([0], line.astype(np.int8), [0])))
    starts, ends = np.where(edges == 1)[0], np.where(edges == -1)[0]
    return [(int(s), int(e)) for s, e in zip(starts, ends, strict=True) if e - s >= min_len]


def _rules(ink: np.ndarray) -> tuple[list[tuple[int, int, int]], list[tuple[int, int, int]]]:
    """Long straight runs of ink: horizontal rules (y, x0, x1) and vertical ones (x, y0, y1).
    Only the rows (columns) that hold a long enough run of solid 8-pixel blocks are looked
    at pixel by pixel: a line of text has much ink but no such run."""
    height, width = ink.shape
    h = [(y, s, e) for y in _candidates(ink, width // 5) for s, e in _runs(ink[y], width // 5)]
    v = [(x, s, e) for x in _candidates(ink.T, height // 40) for s, e in _runs(ink[:, x], height // 40)]
    return h, v


def _candidates(ink: np.ndarray, min_len: int, block: int = 8) -> np.ndarray:
    """Rows of `ink` that may hold a run of `min_len` pixels: a run of solid blocks of
    `block` pixels covering most of that length."""
    rows, cols = ink.shape
    usable = cols - cols % block
    if usable == 0:
        return np.array([], dtype=np.int64)
    solid = ink[:, :usable].reshape(rows, usable // block, block).all(axis=2)
    need = max(1, min_len // block - 2)
    enough = np.flatnonzero(solid.sum(axis=1) >= need)
    return np.array([r for r in enough if _runs(solid[r], need)], dtype=np.int64)


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
    slack = 8
    rows = _merge([y for y, _, _ in h_rules])
    grids: list[_Grid] = []
    group: list[int] = [rows[0]]
    for y in rows[1:]:
        # two rules belong to one table when a vertical rule runs between them
        if any(y0 <= group[-1] + slack and y1 >= y - slack for _, y0, y1 in v_rules):
            group.append(y)
        else:
            grids.extend(_grid(group, v_rules, slack))
            group = [y]
    grids.extend(_grid(group, v_rules, slack))
    return grids


def _grid(rows: list[int], v_rules: list, slack: int = 8) -> list[_Grid]:
    if len(rows) < 2:
        return []
    top, bottom = rows[0], rows[-1]
    cols = _merge([x for x, y0, y1 in v_rules if y0 <= top + slack and y1 >= bottom - slack])
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
