"""PDF files: the text layer, page by page, with pdfplumber.

Faux-bold characters printed twice are collapsed (`dedupe_chars`). A PDF that is
encrypted, corrupt or has no text layer gives a clear `ParseError`.
"""
from __future__ import annotations

import io
import re

import pdfplumber
from pdfminer.pdfdocument import PDFPasswordIncorrect

from .common import Parsed, ParseError, repair

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
                pages_text.append(page.dedupe_chars().extract_text() or "")
            except Exception as err:  # a broken page must not lose the others
                pages_text.append("")
                warnings.append(f"page {page.page_number} unreadable: {type(err).__name__}")
        return _finish(pages_text, title, len(pdf.pages), warnings)


def _finish(pages_text: list[str], title: str | None, pages: int, warnings: list[str]) -> Parsed:
    text = repair("\n\n".join(_drop_page_number(p) for p in pages_text))
    if not text:
        raise ParseError("PDF has no text layer (a scan?): OCR is needed")
    if isinstance(title, bytes):
        title = title.decode("utf-8", "replace")
    return Parsed(text=text, format="pdf", title=title or text.split("\n", 1)[0][:300], pages=pages, warnings=warnings)


def _drop_page_number(page_text: str) -> str:
    lines = page_text.rstrip().split("\n")
    if lines and re.fullmatch(r"\s*(?:Trang\s*)?\d{1,4}(?:\s*/\s*\d{1,4})?\s*", lines[-1]):
        lines.pop()
    return "\n".join(lines)
