"""Plain-text files (UTF-8, or a detected legacy charset)."""
from __future__ import annotations

from .common import Parsed, ParseError, cut_page_chrome, decode, repair_vietnamese


def parse_text(data: bytes, content_type: str | None = None) -> Parsed:
    raw, warnings = decode(data)  # refuses binary data
    text, notes, original = repair_vietnamese(raw)
    warnings += notes
    text, cut = cut_page_chrome(text)  # a page saved as text keeps its comment form
    if cut:
        warnings.append(cut)
    if not text:
        raise ParseError("no text in file")
    title = text.split("\n", 1)[0].strip()[:300] or None
    return Parsed(text=text, format="txt", title=title, original=original, warnings=warnings)
