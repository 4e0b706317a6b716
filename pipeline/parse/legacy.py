"""Vietnamese text in the legacy 8-bit encodings TCVN3 (ABC) and VNI, detected and
converted to Unicode.

Files typed with the `.VnTime` (TCVN3) or `VNI-Times` fonts store Vietnamese letters as
Latin-1 code points the font draws as Vietnamese; read as text they come out as
`QuyÕt ®Þnh` (TCVN3) or `Quyeát ñònh` (VNI). The same happens to the text layer of a PDF
made with those fonts. No maintained Python package converts them, so the two tables are
here, from the standards (TCVN 5712:1993 and VNI-Windows).

Detection compares the text as it is with its conversions: whichever reads as more
real Vietnamese syllables (`syllable_share`) wins, line by line, and only when the gain
is clear, so Unicode text and plain Latin text are never touched.
"""
from __future__ import annotations

import re
import unicodedata

from extractors.vietnamese import is_syllable

# TCVN3: one byte per letter. Upper-case accented letters come from a second font
# (`.VnTimeH`) with the lower-case codes, which `_restore_case` repairs.
_TCVN3 = {
    "µ": "à", "¶": "ả", "·": "ã", "¸": "á", "¹": "ạ",
    "¨": "ă", "»": "ằ", "¼": "ẳ", "½": "ẵ", "¾": "ắ", "Æ": "ặ",
    "©": "â", "Ç": "ầ", "È": "ẩ", "É": "ẫ", "Ê": "ấ", "Ë": "ậ",
    "®": "đ",
    "Ì": "è", "Î": "ẻ", "Ï": "ẽ", "Ð": "é", "Ñ": "ẹ",
    "ª": "ê", "Ò": "ề", "Ó": "ể", "Ô": "ễ", "Õ": "ế", "Ö": "ệ",
    "×": "ì", "Ø": "ỉ", "Ü": "ĩ", "Ý": "í", "Þ": "ị",
    "ß": "ò", "á": "ỏ", "â": "õ", "ã": "ó", "ä": "ọ",
    "«": "ô", "å": "ồ", "æ": "ổ", "ç": "ỗ", "è": "ố", "é": "ộ",
    "¬": "ơ", "ê": "ờ", "ë": "ở", "ì": "ỡ", "í": "ớ", "î": "ợ",
    "ï": "ù", "ñ": "ủ", "ò": "ũ", "ó": "ú", "ô": "ụ",
    "\u00ad": "ư", "õ": "ừ", "ö": "ử", "÷": "ữ", "ø": "ứ", "ù": "ự",
    "ú": "ỳ", "û": "ỷ", "ü": "ỹ", "ý": "ý", "þ": "ỵ",
    "¡": "Ă", "¢": "Â", "£": "Ê", "¤": "Ô", "¥": "Ơ", "¦": "Ư", "§": "Đ",
}
_TCVN3_TABLE = str.maketrans(_TCVN3)

# VNI: a base letter followed by a mark byte; a few letters are single bytes.
_VNI_SINGLE = {"ñ": "đ", "Ñ": "Đ", "ö": "ư", "Ö": "Ư", "ô": "ơ", "Ô": "Ơ",
               "ì": "ì", "í": "í", "æ": "ỉ", "ó": "ĩ", "ò": "ị", "Ì": "Ì", "Í": "Í", "Æ": "Ỉ", "Ó": "Ĩ", "Ò": "Ị",
               "î": "ỵ", "Î": "Ỵ"}
# mark byte → (added vowel mark, tone), lower- and upper-case forms of the byte
_VNI_MARKS = {
    "ù": ("", "\u0301"), "ø": ("", "\u0300"), "û": ("", "\u0309"), "õ": ("", "\u0303"), "ï": ("", "\u0323"),
    "â": ("\u0302", ""), "á": ("\u0302", "\u0301"), "à": ("\u0302", "\u0300"), "å": ("\u0302", "\u0309"),
    "ã": ("\u0302", "\u0303"), "ä": ("\u0302", "\u0323"),
    "ê": ("\u0306", ""), "é": ("\u0306", "\u0301"), "è": ("\u0306", "\u0300"), "ú": ("\u0306", "\u0309"),
    "ü": ("\u0306", "\u0303"), "ë": ("\u0306", "\u0323"),
}
_VNI_MARKS.update({k.upper(): v for k, v in list(_VNI_MARKS.items())})
_VNI_PAIR = re.compile(r"([aeiouyAEIOUYơưƠƯ])([" + "".join(_VNI_MARKS) + "])")
_VNI_SINGLE_RE = re.compile("[" + "".join(_VNI_SINGLE) + "]")

_WORD = re.compile(r"[^\W\d_]+")
_LEGACY_MARKERS = re.compile("[\u00a1-\u00ff]")


def syllable_share(text: str) -> float:
    """The share of words that are Vietnamese syllables (`is_syllable`): near 1 for
    Vietnamese prose, low for mojibake and for gibberish from a font without a Unicode map."""
    words = _WORD.findall(text)
    return sum(map(is_syllable, words)) / len(words) if words else 0.0


def from_tcvn3(text: str) -> str:
    return _restore_case(text.translate(_TCVN3_TABLE))


def from_vni(text: str) -> str:
    def pair(m: re.Match[str]) -> str:
        vowel_mark, tone = _VNI_MARKS[m.group(2)]
        return unicodedata.normalize("NFC", m.group(1) + vowel_mark + tone)

    text = _VNI_SINGLE_RE.sub(lambda m: _VNI_SINGLE[m.group()], text)
    return unicodedata.normalize("NFC", _VNI_PAIR.sub(pair, text))


def _restore_case(text: str) -> str:
    """`QUYếT địNH` (a heading in the `.VnTimeH` capitals font, which draws the lower-case
    codes as capitals) → `QUYẾT ĐỊNH`: a line whose plain letters are capitals is in
    capitals, and so is a word with two or more plain letters, all capitals (`KÕ` stays
    `Kế`)."""
    def word(m: re.Match[str]) -> str:
        w = m.group()
        plain = [c for c in w if c.isascii() and c.isalpha()]
        return w.upper() if len(plain) >= 2 and all(c.isupper() for c in plain) else w

    out = []
    for line in text.split("\n"):
        plain = [c for c in line if c.isascii() and c.isalpha()]
        if len(plain) >= 4 and sum(c.isupper() for c in plain) >= 0.8 * len(plain):
            out.append(line.upper())
        else:
            out.append(_WORD.sub(word, line))
    return "\n".join(out)


# Latin-1 characters Vietnamese does not write (`µ¶¸®` of TCVN3, `øùûïñö` of VNI): a text
# with none of them cannot be in either legacy encoding, which spares most texts the test.
_NOT_VIETNAMESE_LATIN1 = re.compile("[" + "".join(
    c for c in map(chr, range(0xA1, 0x100)) if c not in "àáâãèéêìíòóôõùúýÀÁÂÃÈÉÊÌÍÒÓÔÕÙÚÝ") + "]")


def repair_legacy(text: str) -> tuple[str, str | None]:
    """The text with its TCVN3 or VNI lines converted, and the name of the encoding found
    (None when nothing was converted)."""
    if len(_NOT_VIETNAMESE_LATIN1.findall(text, 0, 20000)) < 3:
        return text, None
    best, best_name, best_share = text, None, syllable_share(text)
    for name, convert in (("TCVN3", from_tcvn3), ("VNI", from_vni)):
        converted = "\n".join(_convert_lines(text.split("\n"), convert))
        share = syllable_share(converted)
        if share > best_share + 0.05:
            best, best_name, best_share = converted, name, share
    return best, best_name


# Letters only Unicode Vietnamese has (not in Latin-1): a line with one is not legacy text.
_UNICODE_VIETNAMESE = re.compile("[ăđơưĂĐƠƯ\u1ea0-\u1ef9]")


def _convert_lines(lines: list[str], convert) -> list[str]:  # noqa: ANN001
    out = []
    for line in lines:
        if _LEGACY_MARKERS.search(line) and not _UNICODE_VIETNAMESE.search(line):
            converted = convert(line)
            out.append(converted if syllable_share(converted) > syllable_share(line) else line)
        else:
            out.append(line)
    return out
