"""Small Vietnamese text helpers shared by the extractors (no I/O, no state)."""
from __future__ import annotations

import functools
import re
import unicodedata

# Tone marks as combining characters (huyền, sắc, ngã, hỏi, nặng).
TONES = "\u0300\u0301\u0303\u0309\u0323"
DASHES = "\\-\u2010\u2011\u2012\u2013\u2014\u2212"  # escaped for use inside [...]
_LATIN = [*range(0x41, 0x5B), *range(0xC0, 0x100), *range(0x100, 0x1B1), *range(0x1EA0, 0x1EFA)]
# Upper-case letters of Vietnamese (and a few neighbours), as a regex character class body.
VI_UPPER = "".join(c for c in map(chr, _LATIN) if c.isupper())
VI_LOWER = "".join(c for c in map(chr, _LATIN) if c.islower()) + "a-z"


# fold() as one `str.translate` over a list: every character up to the end of Latin
# Extended Additional (U+1EFF, the Vietnamese letters) to its base letter; characters past
# it are left as they are. A list lookup is faster than a dict's, and this runs over every
# document and every search result.
_FOLD = ["d" if ch in "đð" else unicodedata.normalize("NFD", ch)[0] for ch in map(chr, range(0x1F00))]


def fold(text: str) -> str:
    """Lower-case and strip every mark (đ→d too): the key for accent-blind matching.

    Keeps the length of the text unchanged for NFC input, so offsets map one to one.
    """
    return text.lower().translate(_FOLD)


def nfc(text: str) -> str:
    """NFC, with `Ð` (U+00D0, Icelandic eth) read as the Vietnamese `Đ`."""
    return unicodedata.normalize("NFC", text).replace("\u00d0", "\u0110").replace("\u00f0", "\u0111")


# `qu` is an onset: `quý` keeps its mark on the y in either style.
_TONE_MOVE = re.compile(r"(?i)(o[àáảãạ]|(?<!q)u[ỳýỷỹỵ]|o[èéẻẽẹ])(?!\w)")


def new_tone_placement(word: str) -> str:
    """`hoà`→`hòa`, `uỷ`→`ủy`: the mark on the main vowel, as the 'new' style writes it."""

    def move(m: re.Match[str]) -> str:
        first, second = m.group(1)[0], m.group(1)[1]
        decomposed = unicodedata.normalize("NFD", second)
        base, marks = decomposed[0], decomposed[1:]
        return unicodedata.normalize("NFC", first + marks) + base

    return _TONE_MOVE.sub(move, word)


def title_case_name(name: str) -> str:
    """`QUẢNG NAM` → `Quảng Nam`; keeps hyphenated parts (`Bà Rịa - Vũng Tàu`)."""
    return " ".join(w[:1].upper() + w[1:].lower() if w.isalpha() else w for w in name.split())


def parse_number(raw: str) -> float | None:
    """Vietnamese number: `.` groups thousands, `,` marks decimals (`3.000`, `1,5`)."""
    s = raw.strip()
    if not s:
        return None
    if re.fullmatch(r"\d{1,3}(\.\d{3})+", s):
        s = s.replace(".", "")
    elif re.fullmatch(r"\d{1,3}(,\d{3})+", s) and len(s.split(",")[-1]) == 3 and s.count(",") > 1:
        s = s.replace(",", "")
    else:
        s = s.replace(".", "").replace(",", ".") if "," in s else s
    try:
        return float(s)
    except ValueError:
        return None


def clean_number(value: float) -> int | float:
    return int(value) if float(value).is_integer() else value


# Vietnamese syllable structure, on a lower-case word with its tone mark taken off:
# onset, nucleus (with ă â ê ô ơ ư), coda. `qu` and `gi` take their vowel into the onset.
_NUCLEI = (
    "iêu yêu oai oay oeo uây uôi ươi ươu uya uyê uyu "
    "ai ao au ay âu ây eo êu ia iê iu oa oă oe oi ôi ơi oo ua uâ uê ui uô uơ ưa ưi ươ ưu uy ya yê "
    "a ă â e ê i o ô ơ u ư y"
).split()
_OPEN_NUCLEI = {n for n in _NUCLEI if n[-1] in "iyou" and n not in ("i", "y", "o", "u", "ô", "ư", "uy", "uô", "ươ", "oo")}
_SYLLABLE = re.compile(
    r"(?:ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdđghklmnpqrstvx])?"
    r"(?P<nucleus>" + "|".join(sorted(_NUCLEI, key=len, reverse=True)) + r")"
    r"(?P<coda>ng|nh|ch|[cmnpt])?"
)
_TONE_MARKS = set(TONES)


@functools.lru_cache(maxsize=1 << 16)  # a language of a few thousand syllables, asked of every word of a page
def is_syllable(word: str) -> bool:
    """Could `word` be one Vietnamese syllable (`quyết`, `nghiêng`, `OCOP` no)? Used to
    tell real Vietnamese from mojibake and from a PDF font's gibberish."""
    decomposed = unicodedata.normalize("NFD", word.lower())
    tones = [c for c in decomposed if c in _TONE_MARKS]
    if len(tones) > 1:
        return False
    bare = unicodedata.normalize("NFC", "".join(c for c in decomposed if c not in _TONE_MARKS))
    # The regex backtracks between readings (`gì` is g + ì, `giá` is gi + á).
    m = _SYLLABLE.fullmatch(bare)
    if m is None:
        return False
    nucleus, coda = m["nucleus"], m["coda"]
    if coda and (nucleus in _OPEN_NUCLEI or nucleus in ("ia", "ua", "ưa")):
        return False
    return not (coda in ("nh", "ch") and nucleus[-1] not in "aêiy")
