"""Parse stage: raw bytes of a file in, faithful text out.

Each format has its own module; `parse_file` picks one by the file's extension.
A file that cannot be read raises `ParseError` with a reason a user can act on.
"""
from __future__ import annotations

from pathlib import Path

from .common import Parsed, ParseError
from .docx import parse_doc, parse_docx
from .html import parse_html
from .pdf import parse_pdf
from .text import parse_text

PARSERS = {
    ".txt": parse_text, ".html": parse_html, ".htm": parse_html, ".pdf": parse_pdf,
    ".docx": parse_docx, ".doc": parse_doc,
}
SUPPORTED = tuple(PARSERS)
MAX_BYTES = 200 << 20  # a bigger file is not an administrative document; it is refused, not read


def parse_bytes(data: bytes, suffix: str, *, content_type: str | None = None) -> Parsed:
    parser = PARSERS.get(suffix.lower())
    if parser is None:
        raise ParseError(f"unsupported file type {suffix!r} (supported: {', '.join(SUPPORTED)})")
    if not data:
        raise ParseError("empty file")
    if len(data) > MAX_BYTES:
        raise ParseError(f"file is {len(data) >> 20} MB, more than the limit of {MAX_BYTES >> 20} MB")
    return parser(data, content_type=content_type)


def parse_file(path: str | Path) -> Parsed:
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as err:
        raise ParseError(f"cannot read file: {err.strerror or err}") from err
    return parse_bytes(data, path.suffix)


__all__ = ["SUPPORTED", "ParseError", "Parsed", "parse_bytes", "parse_file"]
