"""What every parser returns, and the text repair they all apply."""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from charset_normalizer import from_bytes

from extractors.vietnamese import nfc


class ParseError(Exception):
    """A file that cannot be turned into text; the message says why."""


@dataclass
class Parsed:
    text: str  # repaired text: what the extractors read and spans point into
    format: str  # "txt", "html", "pdf"
    title: str | None = None
    published: str | None = None  # ISO date or datetime the page states, if any
    pages: int | None = None
    original: str | None = None  # the text before repair, when repair changed it
    warnings: list[str] = field(default_factory=list)


def repair(text: str) -> str:
    """NFC, `Ð`→`Đ`, no control characters, tidy line ends and blank runs."""
    text = nfc(text).replace("\r\n", "\n").replace("\r", "\n").replace("\u00a0", " ")
    text = re.sub(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufeff]", "", text)
    text = re.sub(r"[ \t]+\n", "\n", text)
    return re.sub(r"\n{3,}", "\n\n", text).strip()


def decode(data: bytes, declared: str | None = None) -> tuple[str, list[str]]:
    """Bytes to str: the declared charset if it decodes cleanly, else UTF-8, else detection."""
    warnings: list[str] = []
    for encoding in filter(None, [declared, "utf-8"]):
        try:
            return data.decode(encoding), warnings
        except (UnicodeDecodeError, LookupError):
            if encoding == declared:
                warnings.append(f"declared charset {declared!r} does not decode the bytes")
    best = from_bytes(data).best()
    if best is None:
        raise ParseError("not text: no character set decodes these bytes")
    warnings.append(f"charset detected as {best.encoding}")
    return str(best), warnings
