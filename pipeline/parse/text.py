"""Plain-text files (UTF-8, or a detected legacy charset)."""
from __future__ import annotations

from .common import Parsed, ParseError, decode, repair_vietnamese


def parse_text(data: bytes, content_type: str | None = None) -> Parsed:
    head = data[:4096]
    controls = sum(1 for b in head if b < 32 and b not in (9, 10, 13))
    # A stray control character is noise in a text (the repair drops it); many are binary data.
    if controls > len(head) * 0.1 and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise ParseError("binary data, not a text file")
    raw, warnings = decode(data)
    text, notes, original = repair_vietnamese(raw)
    warnings += notes
    if not text:
        raise ParseError("no text in file")
    title = text.split("\n", 1)[0].strip()[:300] or None
    return Parsed(text=text, format="txt", title=title, original=original, warnings=warnings)
