"""PDF files: the text layer, page by page, with pdfplumber.

Faux-bold characters printed twice are collapsed (`dedupe_chars`). A ruled table is read
with pdfplumber's table finder and written in its place as one line per row, cells
between pipes (`| 1 | Huyện Ba Tri | 29 |`), so a row stays a row for the extractors
(the plain text layer would run a header cell over two lines). A PDF that is encrypted,
corrupt or has no text layer gives a clear `ParseError`.
"""
from __future__ import annotations

import io
import re

import pdfplumber
from pdfminer.pdfdocument import PDFPasswordIncorrect

from .common import Parsed, ParseError, repair_vietnamese

MAX_PAGES = 500


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
    with pdf:
        if len(pdf.pages) > MAX_PAGES:
            raise ParseError(f"PDF has {len(pdf.pages)} pages, more than the limit of {MAX_PAGES}")
        title = (pdf.metadata or {}).get("Title")
        for page in pdf.pages:
            try:
                pages_text.append(_page_text(page.dedupe_chars()))
            except Exception as err:  # a broken page must not lose the others
                pages_text.append("")
                warnings.append(f"page {page.page_number} unreadable: {type(err).__name__}")
        return _finish(pages_text, title, len(pdf.pages), warnings)


def _page_text(page) -> str:  # noqa: ANN001 - a pdfplumber page
    """The page's text from top to bottom, each ruled table as pipe rows where it stands."""
    tables = sorted(page.find_tables(), key=lambda t: t.bbox[1])
    if not tables:
        return page.extract_text() or ""
    parts, top = [], page.bbox[1]
    for table in tables:
        x0, t_top, x1, t_bottom = table.bbox
        if t_top > top:
            parts.append(page.crop((page.bbox[0], top, page.bbox[2], t_top)).extract_text() or "")
        parts.append("\n".join(_row_line(row) for row in table.extract() if any(row)))
        top = max(top, t_bottom)
    if top < page.bbox[3]:
        parts.append(page.crop((page.bbox[0], top, page.bbox[2], page.bbox[3])).extract_text() or "")
    return "\n".join(p for p in parts if p.strip())


def _row_line(row: list[str | None]) -> str:
    return "| " + " | ".join(" ".join((cell or "").split()) for cell in row) + " |"


def _finish(pages_text: list[str], title: str | None, pages: int, warnings: list[str]) -> Parsed:
    extracted = "\n\n".join(_drop_page_number(p) for p in pages_text)
    text, notes, original = repair_vietnamese(extracted)
    warnings = warnings + notes
    if not text:
        raise ParseError("PDF has no text layer (a scan?): OCR is needed")
    if isinstance(title, bytes):
        title = title.decode("utf-8", "replace")
    return Parsed(text=text, format="pdf", title=title or text.split("\n", 1)[0][:300], pages=pages, warnings=warnings,
                  original=original)


def _drop_page_number(page_text: str) -> str:
    lines = page_text.rstrip().split("\n")
    if lines and re.fullmatch(r"\s*(?:Trang\s*)?\d{1,4}(?:\s*/\s*\d{1,4})?\s*", lines[-1]):
        lines.pop()
    return "\n".join(lines)
