"""PDF files: the text layer, page by page, read with PDFium (pypdfium2).

Each page's text runs are put in reading order on their boxes (`pdf_layer.py`): the
two-column header and signature block left column first, wrapped lines joined. A page
whose drawing objects look like a ruled table goes to pdfplumber's table finder
(`pdf_tables.py`), which writes each table as pipe rows; no other page pays for it.
Page numbers and running headers are dropped, lines split across a page joined. A PDF
that is encrypted, corrupt or unreadable gives a clear `ParseError`; a broken page is
noted and the others read.

A page with no text layer (a scan), or whose text layer is gibberish (a font without a
Unicode map gives letters that form no Vietnamese syllables, even after the legacy
TCVN3/VNI conversion), is read by OCR (`ocr.py`), and the confidence is recorded.
"""
from __future__ import annotations

import contextlib
import re
from collections.abc import Iterator
from concurrent.futures import FIRST_COMPLETED, Future, wait
from typing import Any

import pypdfium2

from . import ocr, pdf_tables
from .common import Parsed, ParseError, repair_vietnamese
from .layout import NEW_BLOCK
from .legacy import repair_legacy, syllable_share
from .pdf_layer import page_objects, page_runs, reading_order

MAX_PAGES = 500
MIN_TEXT = 20  # characters: less on a page means it has no text layer
MIN_SYLLABLES = 0.5  # share of words that are Vietnamese syllables, below which a text layer is gibberish


def parse_pdf(data: bytes, content_type: str | None = None) -> Parsed:
    if not data.startswith(b"%PDF"):
        raise ParseError("not a PDF: the file does not start with %PDF")
    try:
        pdf = pypdfium2.PdfDocument(data)
    except pypdfium2.PdfiumError as err:
        if "password" in str(err).lower():
            raise ParseError("encrypted PDF: a password is needed to read it") from err
        raise ParseError(f"corrupt PDF: {err}") from err
    pages_text: list[str] = []
    warnings: list[str] = []
    ocr_confidences: list[float] = []
    plumber: Any = None  # opened at the first page that may hold a table, if any does
    scans = _ScanReader()
    try:
        count = len(pdf)
        if count > MAX_PAGES:
            raise ParseError(f"PDF has {count} pages, more than the limit of {MAX_PAGES}")
        try:
            title = pdf.get_metadata_value("Title")
        except pypdfium2.PdfiumError:
            title = None
        for index in range(count):
            # A broken page (bad font, bad stream) must not lose the others: it is noted and skipped.
            page = None
            try:
                page = pdf[index]
                objects = page_objects(page)
                if objects.may_have_table:
                    plumber = plumber or pdf_tables.open_pdf(data)
                    text = pdf_tables.page_text(plumber.pages[index])
                else:
                    width, height = page.get_size()
                    textpage = page.get_textpage()
                    try:
                        text = reading_order(page_runs(textpage, height), 0, width)
                    finally:
                        textpage.close()
                has_images = objects.has_images
            except Exception as err:
                text, has_images = "", False
                warnings.append(f"page {index + 1} unreadable: {type(err).__name__}")
            reason = _needs_ocr(text, has_images)
            if reason and page is not None:
                scans.add(page, index, reason, warnings)
            if page is not None:
                page.close()
            pages_text.append(text)
        for index, read in scans.results(warnings):
            pages_text[index] = read.text
            if read.confidence is not None:
                ocr_confidences.append(read.confidence)
        parsed = _finish(pages_text, title if isinstance(title, str) else None, count, warnings)
    finally:
        scans.close()
        with contextlib.suppress(Exception):  # closing a broken file can fail too; nothing to lose
            if plumber is not None:
                plumber.close()
            pdf.close()
    parsed.ocr_pages = len(ocr_confidences)
    if ocr_confidences:
        parsed.ocr_confidence = round(sum(ocr_confidences) / len(ocr_confidences), 1)
    return parsed


class _ScanReader:
    """The pages to read by OCR, read side by side: each page is rendered here (PDFium is
    not to be used from two threads) and read in a thread of its own, where the work is
    numpy's and the Tesseract process's, outside the GIL: a 40-page scan takes half the
    time on two cores. At most two pages a thread wait, rendered, in memory."""

    def __init__(self) -> None:
        self.pending: list[tuple[int, str, Future[ocr.OcrPage]]] = []

    def add(self, page: pypdfium2.PdfPage, index: int, reason: str, warnings: list[str]) -> None:
        missing = ocr.available()
        if missing:  # the text layer stays, and the reason it is not read
            warnings.append(f"page {index + 1}: {reason}, not read: {missing}")
            return
        try:
            image = ocr.render_page(page)
        except Exception as err:  # PDFium could not render the page either
            warnings.append(f"page {index + 1}: {reason}, and OCR failed: {type(err).__name__}")
            return
        waiting = [f for _, _, f in self.pending if not f.done()]
        if len(waiting) >= 2 * ocr.threads():
            wait(waiting, return_when=FIRST_COMPLETED)
        self.pending.append((index, reason, ocr.pool().submit(ocr.ocr_image, image)))

    def results(self, warnings: list[str]) -> Iterator[tuple[int, ocr.OcrPage]]:
        for index, reason, future in self.pending:
            try:
                read = future.result()
            except ParseError:
                raise
            except Exception as err:
                warnings.append(f"page {index + 1}: {reason}, and OCR failed: {type(err).__name__}")
                continue
            warnings.append(f"page {index + 1}: {reason}, read by OCR (confidence {read.confidence}, "
                            f"turned {read.skew}°)")
            yield index, read

    def close(self) -> None:
        """Pages not begun are dropped (the PDF failed, or was read); the threads stay."""
        for _, _, future in self.pending:
            future.cancel()


def parse_pdf_with_pdfplumber(data: bytes) -> Parsed:
    """Every page's text layer through pdfplumber, as before PDFium read it (no OCR): the
    reference `make bench` measures the PDFium path against, for speed and fidelity."""
    with pdf_tables.open_pdf(data) as pdf:
        pages = [pdf_tables.page_text(page) for page in pdf.pages]
    return _finish(pages, None, len(pages), [])


def _needs_ocr(text: str, has_images: bool) -> str | None:
    """Why a page's text layer cannot be used, if it cannot (a page with little text and
    no image is just a short page)."""
    if len(text.strip()) < MIN_TEXT:
        return "no text layer" if has_images else None
    # the page's opening is enough to judge it: a font's gibberish runs through the page
    converted, _ = repair_legacy(text[:1000])
    if len(converted.split()) >= 20 and syllable_share(converted) < MIN_SYLLABLES:
        return "text layer is gibberish"
    return None


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
