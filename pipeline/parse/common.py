"""What every parser returns, and the text repair they all apply."""
from __future__ import annotations

import codecs
import re
from dataclasses import dataclass, field

from charset_normalizer import from_bytes

from extractors.vietnamese import VI_UPPER, new_tone_placement, nfc

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
# A tone mark that drifted past the consonants after its vowel (`Quang̉ Nam`): once the text
# is NFC, a tone still written as a combining character cannot be on its vowel (every
# Vietnamese vowel with its tone is one precomposed letter), so it goes back on the last
# toneless vowel before it; the tone placement that follows settles which vowel of the
# cluster carries it.
# `CỘNG HÒA XàHỘI`: `Ã` and a no-break space written in cp1252 and read as UTF-8 (bytes C3 A0
# are `à`). A lower-case `à` between capitals is never Vietnamese.
_MERGED_A_TILDE = re.compile(rf"(?<=[{VI_UPPER}])à(?=[{VI_UPPER}])")
_DRIFTED_TONE = re.compile(r"(?i)([aăâeêioôơuưy])([^\W\d_aăâeêioôơuưy]{1,3})([\u0300\u0301\u0303\u0309\u0323])")
_COMBINING = re.compile(r"[\u0300-\u036f]")
_LIGATURES = str.maketrans({"\ufb00": "ff", "\ufb01": "fi", "\ufb02": "fl", "\ufb03": "ffi", "\ufb04": "ffl"})


def repair_vietnamese(raw: str) -> tuple[str, list[str], str | None]:
    """`repair`, plus: text in the legacy TCVN3/VNI encodings converted, marks set loose
    by a PDF rejoined to their letter, ligatures spelled out, one tone placement (`hoà`
    → `hòa`). Returns the text, notes on what was done, and `raw` itself when the repair
    changed more than spacing (so the original is kept beside the repaired text)."""
    notes: list[str] = []
    text = raw.translate(_LIGATURES)
    if _COMBINING.search(text):  # most texts have none: the two scans for them are skipped
        text = _LOOSE_MARK.sub("", text)
    text, legacy = repair_legacy(text)
    text = nfc(text)
    if _COMBINING.search(text):
        text = _DRIFTED_TONE.sub(lambda m: nfc(m[1] + m[3]) + m[2], text)
    text = _MERGED_A_TILDE.sub("Ã ", text)
    if legacy:
        notes.append(f"converted from the legacy {legacy} encoding")
    text = new_tone_placement(repair(text))
    lost = text.count("\ufffd")
    if lost:
        notes.append(f"{lost} characters unreadable (U+FFFD) in the source")
    spacing_only = " ".join(raw.split()) == " ".join(text.split())
    return text, notes, (None if spacing_only else raw)


_BOMS = ((b"\xef\xbb\xbf", "utf-8-sig"), (b"\xff\xfe\x00\x00", "utf-32"), (b"\x00\x00\xfe\xff", "utf-32"),
         (b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16"))
# Single-byte charsets Vietnamese pages are written in besides UTF-8 (Windows-1258: tone marks
# as combining characters); cp1252 bytes typed in a TCVN3 or VNI font are read in decode().
_VIETNAMESE_CHARSETS = ("cp1258",)


def looks_binary(data: bytes) -> bool:
    """More than 16 control bytes (not tab or line ends), and more than 5%, in the first 4 KB:
    no text has that, random or binary data does (~11%). A few stray control characters are
    noise the repair drops."""
    head = data[:4096]
    controls = sum(1 for b in head if b < 32 and b not in (9, 10, 13))
    return controls > 16 and controls > len(head) * 0.05


def decode(data: bytes, declared: str | None = None) -> tuple[str, list[str]]:
    """Bytes to str. A byte-order mark decides; then UTF-8 when the bytes are UTF-8 (a valid
    multi-byte sequence is never an accident); then the declared charset; else the reading
    that is most Vietnamese among the detector's guess, Windows-1258 and cp1252 holding
    TCVN3/VNI text. A declared charset that does not fit the bytes is noted, not trusted
    (a page saying `utf-8` over Windows-1258 bytes would lose every accented letter)."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return data.decode(encoding, errors="replace"), []
    if looks_binary(data):
        raise ParseError("not text: binary data")
    warnings: list[str] = []
    try:
        text = data.decode("utf-8")
        if declared and not _same_charset(declared, "utf-8") and not text.isascii():
            warnings.append(f"declared charset {declared!r} is wrong: the bytes are UTF-8")
        return text, warnings
    except UnicodeDecodeError:
        pass
    if declared and not _same_charset(declared, "utf-8"):
        try:
            return data.decode(declared), warnings
        except (UnicodeDecodeError, LookupError):
            pass
    if declared:
        warnings.append(f"declared charset {declared!r} does not decode the bytes")
    # UTF-8 with a few broken bytes (a truncated download, a bad copy) is still UTF-8: its
    # letters are good multi-byte sequences, the broken ones a few. A single-byte page read
    # as UTF-8 has almost no good sequence.
    lossy = data.decode("utf-8", errors="replace")
    broken = lossy.count("\ufffd")
    good = sum(1 for ch in lossy if ord(ch) > 127) - broken
    damaged = f"{broken} invalid UTF-8 byte sequences replaced by U+FFFD"
    if broken <= max(3, len(lossy) // 1000) and good >= 2 * broken:
        warnings.append(damaged)
        return lossy, warnings
    best = from_bytes(data).best()
    readings: list[tuple[float, str, str]] = []  # (Vietnamese share, text, how it was read)
    if best is not None:
        readings.append((_vietnamese_share(str(best)), str(best), f"charset detected as {best.encoding}"))
    for encoding in _VIETNAMESE_CHARSETS:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        readings.append((_vietnamese_share(text), text, f"charset detected as {encoding} (reads as Vietnamese)"))
    latin = data.decode("cp1252", errors="replace")
    converted, legacy = repair_legacy(latin)
    if legacy:
        readings.append((syllable_share(converted) - 0.1, latin, f"bytes read as cp1252 holding {legacy} text"))
    if not readings:
        if good >= 2 * broken:
            return lossy, [*warnings, damaged]
        raise ParseError("not text: no character set decodes these bytes")
    # The first reading wins a tie: the detector's guess, then the Vietnamese charsets.
    _, text, how = max(readings, key=lambda r: r[0])
    warnings.append(how)
    return text, warnings


def _same_charset(a: str, b: str) -> bool:
    try:
        return codecs.lookup(a).name == codecs.lookup(b).name
    except LookupError:
        return False


def _vietnamese_share(text: str) -> float:
    return syllable_share(nfc(text))


# What a portal puts after an article, saved with it when a page is kept as text: the
# readers' comment form, lists of other articles. A line that is one of these headings,
# in the second half of the text, starts the chrome; the text ends before it.
_CHROME_HEADINGS = {
    "ý kiến bạn đọc", "viết bình luận", "gửi bình luận", "bình luận", "ý kiến của bạn", "gửi ý kiến",
    "các bài mới đăng", "các bài đã đăng", "tin cùng chuyên mục", "tin liên quan", "bài viết liên quan",
    "các tin khác", "tin khác", "tin mới hơn", "tin cũ hơn", "xem thêm",
}


def cut_page_chrome(text: str) -> tuple[str, str | None]:
    """The text without a portal's trailing chrome, and a warning saying what was cut."""
    lines = text.split("\n")
    for i in range(len(lines) // 2, len(lines)):
        heading = lines[i].strip().strip(":：.").strip().lower()
        if heading in _CHROME_HEADINGS:
            kept = "\n".join(lines[:i]).rstrip()
            return kept, f"page chrome cut from its heading '{lines[i].strip()}' ({len(lines) - i} lines)"
    return text, None
