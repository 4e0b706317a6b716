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

import contextlib
import io
import re

import pdfplumber
from pdfminer.pdfdocument import PDFPasswordIncorrect

from . import ocr
from .common import Parsed, ParseError, repair_vietnamese
from .layout import NEW_BLOCK, column_bands, join_wrapped
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
        # pdfplumber wraps pdfminer's password error in its own exception
        wrapped = [*err.args, err.__cause__]
        if any(isinstance(a, PDFPasswordIncorrect) for a in wrapped):
            raise ParseError("encrypted PDF: a password is needed to read it") from err
        raise ParseError(f"corrupt PDF: {type(err).__name__}: {err}") from err
    pages_text: list[str] = []
    warnings: list[str] = []
    ocr_confidences: list[float] = []
    try:
        try:
            pages = list(pdf.pages)
            title = (pdf.metadata or {}).get("Title")
        except Exception as err:  # a broken page tree or info dictionary
            raise ParseError(f"corrupt PDF: {type(err).__name__}: {err}") from err
        if len(pages) > MAX_PAGES:
            raise ParseError(f"PDF has {len(pages)} pages, more than the limit of {MAX_PAGES}")
        for page in pages:
            # A broken page (bad font, bad stream) must not lose the others: it is noted and skipped.
            try:
                text = _page_text(page.dedupe_chars())
                has_images = bool(page.images)
            except Exception as err:
                text, has_images = "", False
                warnings.append(f"page {page.page_number} unreadable: {type(err).__name__}")
            reason = _needs_ocr(text, has_images)
            if reason:
                try:
                    text = _ocr(data, page.page_number, reason, text, warnings, ocr_confidences)
                except ParseError:
                    raise
                except Exception as err:  # PDFium could not render the page either
                    warnings.append(f"page {page.page_number}: {reason}, and OCR failed: {type(err).__name__}")
            pages_text.append(text)
        parsed = _finish(pages_text, title if isinstance(title, str | bytes) else None, len(pages), warnings)
    finally:
        with contextlib.suppress(Exception):  # closing a broken file can fail too; nothing to lose
            pdf.close()
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
    first, then right. Lines a paragraph wrapped are joined again."""
    bands = column_bands(region.extract_words(), region.bbox[0], region.bbox[2], tolerance=3, min_gap=12)
    if not any(split for _, _, split in bands):
        return _unwrapped(region)
    x0, _, x1, _ = region.bbox
    out = []
    for top, bottom, split in bands:
        top, bottom = max(top, region.bbox[1]), min(bottom, region.bbox[3])
        if split is None:
            out.append(_unwrapped(region.crop((x0, top, x1, bottom))))
        else:
            for side in (region.crop((x0, top, split, bottom)), region.crop((split, top, x1, bottom))):
                out.append(_side_text(side))
    return "\n".join(t for t in out if t.strip())


def _side_text(side) -> str:  # noqa: ANN001
    """One column of a two-column run: a header or signature block (a few short lines, none
    wrapped) as it is; a column of body text (six lines or more) with its wrapped lines joined."""
    lines = side.extract_text_lines()
    if len(lines) < 6:
        return side.extract_text() or ""
    return "\n".join(join_wrapped([(line["text"], line["x0"], line["x1"]) for line in lines], tolerance=12))


def _unwrapped(region) -> str:  # noqa: ANN001
    """The region's lines, each wrapped paragraph joined into one line."""
    lines = region.extract_text_lines()
    return "\n".join(join_wrapped([(line["text"], line["x0"], line["x1"]) for line in lines], tolerance=12))


def _row_line(row: list[str | None]) -> str:
    return "| " + " | ".join(" ".join((cell or "").split()) for cell in row) + " |"


def _finish(pages_text: list[str], title: str | None, pages: int, warnings: list[str]) -> Parsed:
    pages_text = _drop_running_lines([_drop_page_number(p) for p in pages_text])
    extracted = _rejoin_lines("\n\n".join(pages_text))
    text, notes, original = repair_vietnamese(extracted)
    warnings = warnings + notes
    if not text:
        reasons = "; ".join(warnings) or "no text on any page"
        raise ParseError(f"no text could be read from the PDF: {reasons}")
    if isinstance(title, bytes):
        title = title.decode("utf-8", "replace")
    return Parsed(text=text, format="pdf", title=title or text.split("\n", 1)[0][:300], pages=pages, warnings=warnings,
                  original=original)


_PAGE_NUMBER = re.compile(r"\s*(?:Trang\s*)?[-–]?\s*\d{1,4}(?:\s*/\s*\d{1,4})?\s*[-–]?\s*")


def _drop_page_number(page_text: str) -> str:
    """A page number alone on the page's first line (where Decree 30 puts it, from page 2)
    or last line."""
    lines = page_text.strip("\n").split("\n")
    if lines and _PAGE_NUMBER.fullmatch(lines[-1]):
        lines.pop()
    if len(lines) > 1 and _PAGE_NUMBER.fullmatch(lines[0]):
        lines.pop(0)
    return "\n".join(lines)


def _drop_running_lines(pages_text: list[str]) -> list[str]:
    """A running header or footer: a first or last line that recurs (digits aside) on at
    least two pages and half of them."""
    if len(pages_text) < 2:
        return pages_text

    def key(line: str) -> str:
        return re.sub(r"\d+", "#", line.strip())

    counts: dict[str, int] = {}
    for page in pages_text:
        lines = [ln for ln in page.split("\n") if ln.strip()]
        for line in {key(lines[0]), key(lines[-1])} if lines else ():
            counts[line] = counts.get(line, 0) + 1
    running = {k for k, n in counts.items() if k and n >= 2 and n >= len(pages_text) / 2}
    if not running:
        return pages_text
    out = []
    for page in pages_text:
        lines = page.split("\n")
        while lines and key(lines[0]) in running:
            lines.pop(0)
        while lines and key(lines[-1]) in running:
            lines.pop()
        out.append("\n".join(lines))
    return out


# Words a sentence does not end on: a line ending with one runs on into the next.
_RUNS_ON = {"của", "và", "các", "theo", "về", "số", "ngày", "tại", "cho", "với", "trong", "đến", "những",
            "được", "là", "có", "do", "từ", "để", "thuộc", "tháng", "năm", "giai", "đoạn", "tỉnh", "huyện", "xã"}


def _rejoin_lines(text: str) -> str:
    """What the layout pass cannot see: a line ending on a word no sentence ends on
    (`của\nThủ tướng Chính phủ`) or a word hyphen (`1599/QĐ-\nUBND`) across a page break
    or a short line, joined to the next."""
    out: list[str] = []
    for line in text.split("\n"):
        prev = out[-1] if out else ""
        if prev and line.strip() and not prev.startswith("|") and not NEW_BLOCK.match(line):
            if re.search(r"\w-$", prev) and re.match(r"\s*\w", line):
                out[-1] = prev + line.strip()
                continue
            last_word = prev.rsplit(None, 1)[-1].lower() if prev.split() else ""
            if len(prev) >= 40 and last_word in _RUNS_ON:
                out[-1] = prev.rstrip() + " " + line.strip()
                continue
        out.append(line)
    return "\n".join(out)
