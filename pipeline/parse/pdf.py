"""PDF files: the text layer, page by page, with pdfplumber.

Faux-bold characters printed twice are collapsed (`dedupe_chars`). A ruled table is read
with pdfplumber's table finder and written in its place as one line per row, cells
between pipes (`| 1 | Huyện Ba Tri | 29 |`), so a row stays a row for the extractors
(the plain text layer would run a header cell over two lines). A PDF that is encrypted,
corrupt or unreadable gives a clear `ParseError`.

A page with no text layer (a scan), or whose text layer is gibberish (a font without a
Unicode map gives letters that form no Vietnamese syllables, even after the legacy
TCVN3/VNI conversion), is read by OCR (`ocr.py`), and the confidence is recorded.
"""
from __future__ import annotations

import io
import re

import pdfplumber
from pdfminer.pdfdocument import PDFPasswordIncorrect

from . import ocr
from .common import Parsed, ParseError, repair_vietnamese
from .legacy import repair_legacy, syllable_share

MAX_PAGES = 500
MIN_TEXT = 20  # characters: less on a page means it has no text layer
MIN_SYLLABLES = 0.5  # share of words that are Vietnamese syllables, below which a text layer is gibberish


def parse_pdf(data: bytes, content_type: str | None = None) -> Parsed:
    if not data.startswith(b"%PDF"):
        raise ParseError("not a PDF: the file does not start with %PDF")
    try:
        pdf = pdfplumber.open(io.BytesIO(data))
    except PDFPasswordIncorrect as err:
        raise ParseError("encrypted PDF: a password is needed to read it") from err
    except Exception as err:  # pdfminer raises many kinds of error on a broken file
        raise ParseError(f"corrupt PDF: {type(err).__name__}: {err}") from err
    pages_text: list[str] = []
    warnings: list[str] = []
    ocr_confidences: list[float] = []
    with pdf:
        if len(pdf.pages) > MAX_PAGES:
            raise ParseError(f"PDF has {len(pdf.pages)} pages, more than the limit of {MAX_PAGES}")
        title = (pdf.metadata or {}).get("Title")
        for page in pdf.pages:
            try:
                text = _page_text(page.dedupe_chars())
            except Exception as err:  # a broken page must not lose the others
                text = ""
                warnings.append(f"page {page.page_number} unreadable: {type(err).__name__}")
            reason = _needs_ocr(text, bool(page.images))
            if reason:
                text = _ocr(data, page.page_number, reason, text, warnings, ocr_confidences)
            pages_text.append(text)
        parsed = _finish(pages_text, title, len(pdf.pages), warnings)
    parsed.ocr_pages = len(ocr_confidences)
    if ocr_confidences:
        parsed.ocr_confidence = round(sum(ocr_confidences) / len(ocr_confidences), 1)
    return parsed


def _needs_ocr(text: str, has_images: bool) -> str | None:
    """Why a page's text layer cannot be used, if it cannot (a page with little text and
    no image is just a short page)."""
    if len(text.strip()) < MIN_TEXT:
        return "no text layer" if has_images else None
    converted, _ = repair_legacy(text)
    if len(converted.split()) >= 20 and syllable_share(converted) < MIN_SYLLABLES:
        return "text layer is gibberish"
    return None


def _ocr(data: bytes, number: int, reason: str, text: str, warnings: list[str], confidences: list[float]) -> str:
    """The page read by OCR; the text layer stays when OCR cannot run (and says why)."""
    missing = ocr.available()
    if missing:
        warnings.append(f"page {number}: {reason}, not read: {missing}")
        return text
    page = ocr.ocr_pdf_page(data, number - 1)
    warnings.append(f"page {number}: {reason}, read by OCR (confidence {page.confidence}, turned {page.skew}°)")
    if page.confidence is not None:
        confidences.append(page.confidence)
    return page.text


def _page_text(page) -> str:  # noqa: ANN001 - a pdfplumber page
    """The page's text from top to bottom, each ruled table as pipe rows where it stands."""
    tables = sorted(page.find_tables(), key=lambda t: t.bbox[1])
    parts, top = [], page.bbox[1]
    for table in tables:
        x0, t_top, x1, t_bottom = table.bbox
        if t_top > top:
            parts.append(_flow_text(page.crop((page.bbox[0], top, page.bbox[2], t_top))))
        parts.append("\n".join(_row_line(row) for row in table.extract() if any(row)))
        top = max(top, t_bottom)
    if top < page.bbox[3]:
        parts.append(_flow_text(page.crop((page.bbox[0], top, page.bbox[2], page.bbox[3])) if top > page.bbox[1]
                                else page))
    return "\n".join(p for p in parts if p.strip())


def _flow_text(region) -> str:  # noqa: ANN001 - a pdfplumber page or crop
    """Text in reading order where the region is laid out in two columns side by side
    (the administrative header: body on the left, quốc hiệu and place-date on the right;
    the signature block; a two-column page): each run of such lines is read left column
    first, then right."""
    bands = _column_bands(region)
    if not any(split for _, _, split in bands):
        return region.extract_text() or ""
    x0, _, x1, _ = region.bbox
    out = []
    for top, bottom, split in bands:
        if split is None:
            out.append(region.crop((x0, top, x1, bottom)).extract_text() or "")
        else:
            out.append(region.crop((x0, top, split, bottom)).extract_text() or "")
            out.append(region.crop((split, top, x1, bottom)).extract_text() or "")
    return "\n".join(t for t in out if t.strip())


def _column_bands(region) -> list[tuple[float, float, float | None]]:  # noqa: ANN001
    """(top, bottom, x of the gutter or None) for runs of lines, top to bottom. A line splits
    when a gap of 12 pt or more in the middle 40% of the width has words on both sides;
    a line with words on one side only goes with the band it does not cross."""
    words = region.extract_words()
    if not words:
        return []
    x0, _, x1, _ = region.bbox
    lo, hi = x0 + 0.3 * (x1 - x0), x0 + 0.7 * (x1 - x0)
    lines: list[list[dict]] = []
    for w in sorted(words, key=lambda w: (round(w["top"]), w["x0"])):
        if lines and abs(lines[-1][0]["top"] - w["top"]) < 3:
            lines[-1].append(w)
        else:
            lines.append([w])
    bands: list[list] = []  # [top, bottom, free interval or None]
    for line in lines:
        top, bottom = min(w["top"] for w in line), max(w["bottom"] for w in line)
        free = _free_interval(line, lo, hi)
        one_sided = free is not None and (
            all(w["x1"] <= free[0] for w in line) or all(w["x0"] >= free[1] for w in line))
        if bands and bands[-1][2] is not None and free is not None:
            both = (max(bands[-1][2][0], free[0]), min(bands[-1][2][1], free[1]))
            if both[1] - both[0] >= 6:
                bands[-1][1], bands[-1][2] = bottom, both
                continue
        if free is not None and not one_sided:
            bands.append([top, bottom, free])
        elif bands and bands[-1][2] is None:
            bands[-1][1] = bottom
        else:
            bands.append([top, bottom, None])
    out = []
    for i, (top, bottom, free) in enumerate(bands):
        start = top - 1 if i == 0 else out[-1][1]
        end = bottom + 1 if i == len(bands) - 1 else (bottom + bands[i + 1][0]) / 2
        out.append((max(start, region.bbox[1]), min(end, region.bbox[3]), (free[0] + free[1]) / 2 if free else None))
    return out


def _free_interval(line: list[dict], lo: float, hi: float) -> tuple[float, float] | None:
    """The widest stretch of [lo, hi] no word of the line covers, if 12 pt or more."""
    covered = sorted((max(lo, w["x0"]), min(hi, w["x1"])) for w in line if w["x1"] > lo and w["x0"] < hi)
    best, pos = None, lo
    for a, b in covered + [(hi, hi)]:
        if a - pos >= 12 and (best is None or a - pos > best[1] - best[0]):
            best = (pos, a)
        pos = max(pos, b)
    return best


def _row_line(row: list[str | None]) -> str:
    return "| " + " | ".join(" ".join((cell or "").split()) for cell in row) + " |"


def _finish(pages_text: list[str], title: str | None, pages: int, warnings: list[str]) -> Parsed:
    extracted = "\n\n".join(_drop_page_number(p) for p in pages_text)
    text, notes, original = repair_vietnamese(extracted)
    warnings = warnings + notes
    if not text:
        reasons = "; ".join(warnings) or "no text on any page"
        raise ParseError(f"no text could be read from the PDF: {reasons}")
    if isinstance(title, bytes):
        title = title.decode("utf-8", "replace")
    return Parsed(text=text, format="pdf", title=title or text.split("\n", 1)[0][:300], pages=pages, warnings=warnings,
                  original=original)


def _drop_page_number(page_text: str) -> str:
    lines = page_text.rstrip().split("\n")
    if lines and re.fullmatch(r"\s*(?:Trang\s*)?\d{1,4}(?:\s*/\s*\d{1,4})?\s*", lines[-1]):
        lines.pop()
    return "\n".join(lines)
