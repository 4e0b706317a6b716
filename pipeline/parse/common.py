"""What every parser returns, and the text repair they all apply."""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from charset_normalizer import from_bytes

from extractors.vietnamese import new_tone_placement, nfc

from .legacy import repair_legacy, syllable_share


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
    ocr_pages: int = 0  # pages read by OCR
    ocr_confidence: float | None = None  # Tesseract's mean word confidence over those pages, 0-100


def repair(text: str) -> str:
    """NFC, `Ð`→`Đ`, no control characters, tidy line ends and blank runs."""
    text = nfc(text).replace("\r\n", "\n").replace("\r", "\n").replace("\u00a0", " ")
    text = re.sub(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufeff]", "", text)
    text = re.sub(r"[ \t]+\n", "\n", text)
    return re.sub(r"\n{3,}", "\n\n", text).strip()


# A mark a PDF placed beside its letter (`Vie ̣t`); ligatures (`ﬁ`) as their letters.
_LOOSE_MARK = re.compile(r"[ \t]+(?=[\u0300-\u036f])")
_LIGATURES = str.maketrans({"\ufb00": "ff", "\ufb01": "fi", "\ufb02": "fl", "\ufb03": "ffi", "\ufb04": "ffl"})


def repair_vietnamese(raw: str) -> tuple[str, list[str], str | None]:
    """`repair`, plus: text in the legacy TCVN3/VNI encodings converted, marks set loose
    by a PDF rejoined to their letter, ligatures spelled out, one tone placement (`hoà`
    → `hòa`). Returns the text, notes on what was done, and `raw` itself when the repair
    changed more than spacing (so the original is kept beside the repaired text)."""
    notes: list[str] = []
    text = _LOOSE_MARK.sub("", raw.translate(_LIGATURES))
    text, legacy = repair_legacy(text)
    if legacy:
        notes.append(f"converted from the legacy {legacy} encoding")
    text = new_tone_placement(repair(text))
    lost = text.count("\ufffd")
    if lost:
        notes.append(f"{lost} characters unreadable (U+FFFD) in the source")
    spacing_only = re.sub(r"\s+", " ", raw).strip() == re.sub(r"\s+", " ", text).strip()
    return text, notes, (None if spacing_only else raw)


def decode(data: bytes, declared: str | None = None) -> tuple[str, list[str]]:
    """Bytes to str: the declared charset if it decodes cleanly, else UTF-8, else detection.

    Text typed in a legacy Vietnamese font (TCVN3, VNI) is cp1252 bytes that detection
    often rejects as noise; when that reading converts to real Vietnamese it is taken."""
    warnings: list[str] = []
    for encoding in filter(None, [declared, "utf-8"]):
        try:
            return data.decode(encoding), warnings
        except (UnicodeDecodeError, LookupError):
            if encoding == declared:
                warnings.append(f"declared charset {declared!r} does not decode the bytes")
    # UTF-8 with a few broken bytes (a truncated download, a bad copy) is still UTF-8.
    lossy = data.decode("utf-8", errors="replace")
    broken = lossy.count("\ufffd")
    if 0 < broken <= max(3, len(lossy) // 1000):
        warnings.append(f"{broken} invalid UTF-8 byte sequences replaced by U+FFFD")
        return lossy, warnings
    best = from_bytes(data).best()
    detected = str(best) if best is not None else None
    latin = data.decode("cp1252", errors="replace")
    converted, legacy = repair_legacy(latin)
    if legacy and (detected is None or syllable_share(converted) > syllable_share(detected) + 0.1):
        warnings.append(f"bytes read as cp1252 holding {legacy} text")
        return latin, warnings
    if detected is None:
        raise ParseError("not text: no character set decodes these bytes")
    warnings.append(f"charset detected as {best.encoding}")
    return detected, warnings
