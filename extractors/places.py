"""Provinces, districts and communes named in a text, resolved against the gazetteer.

A province is found by its name (`Quảng Nam`, `TỈNH QUẢNG NAM`, `TP.HCM`); a district
by its level word and name (`huyện Thanh Oai`), a commune likewise (`xã Tam Thăng`), and
each counts for its province. A name used in more than one province (`huyện Châu Thành`,
`xã Tân Phú`) is resolved only when exactly one of its places is in a province (or, for
a commune, a district) named in the same text; otherwise it is left unresolved.
"""
from __future__ import annotations

import re
from functools import lru_cache

from . import gazetteer
from .spans import Span
from .vietnamese import VI_LOWER, VI_UPPER, new_tone_placement, title_case_name

PROVINCE = "PROVINCE"
DISTRICT = "DISTRICT"
COMMUNE = "COMMUNE"

# Province names that are also ordinary words or a person's name only count with a
# level word before them (`thành phố Hồ Chí Minh`, not `tư tưởng Hồ Chí Minh`).
_NEEDS_LEVEL = {"Hồ Chí Minh"}
_ALIASES = {
    "TP.HCM": "Hồ Chí Minh", "TP. HCM": "Hồ Chí Minh", "TPHCM": "Hồ Chí Minh", "TP HCM": "Hồ Chí Minh",
    "Thừa Thiên - Huế": "Thừa Thiên Huế", "Thừa Thiên-Huế": "Thừa Thiên Huế", "Huế": "Thừa Thiên Huế",
    "Bà Rịa-Vũng Tàu": "Bà Rịa - Vũng Tàu", "Bà Rịa – Vũng Tàu": "Bà Rịa - Vũng Tàu",
    "Bà Rịa Vũng Tàu": "Bà Rịa - Vũng Tàu", "Đắc Lắc": "Đắk Lắk", "Đăk Lăk": "Đắk Lắk",
    "Đăk Nông": "Đắk Nông",
    # Names that contain a province's name but are not places of this gazetteer.
    "Thái Bình Dương": "", "Châu Á - Thái Bình Dương": "",
}
_LOWER_LEVEL_BEFORE = re.compile(r"(?i)(?<!\w)(?:xã|phường|thị trấn|huyện|quận|thôn|bản|làng)\s+$")
_LEVEL = r"(?:tỉnh|thành phố|TP\.?|Tỉnh|Thành phố|TỈNH|THÀNH PHỐ)"
_DISTRICT_LEVEL = r"(?P<level>huyện|quận|thị xã|thành phố|TP\.|Huyện|Quận|Thị xã|Thành phố|HUYỆN|QUẬN|THỊ XÃ|THÀNH PHỐ)"


def _old_tone(name: str) -> str:
    """`Hòa` → `Hoà`: the old placement, which older files still use."""
    swaps = {"òa": "oà", "óa": "oá", "ỏa": "oả", "õa": "oã", "ọa": "oạ", "ủy": "uỷ", "úy": "uý", "ùy": "uỳ", "ụy": "uỵ"}
    for new, old in swaps.items():
        name = re.sub(new + r"(?!\w)", old, name)
        name = re.sub(new.upper() + r"(?!\w)", old.upper(), name)
    return name


def _variants(name: str) -> set[str]:
    out = {name, _old_tone(name), name.upper(), _old_tone(name).upper()}
    return out | {v.replace(" - ", "-") for v in out}


def _alternation(names: list[str]) -> str:
    return "|".join(re.escape(n) for n in sorted(set(names), key=len, reverse=True))


@lru_cache(maxsize=1)
def _province_patterns() -> tuple[re.Pattern[str], dict[str, str]]:
    lookup: dict[str, str] = {}
    for p in gazetteer.provinces():
        for v in _variants(p.name):
            lookup[v] = p.name
    for alias, name in _ALIASES.items():
        for v in _variants(alias):
            lookup[v] = name
    pattern = re.compile(
        rf"(?<!\w)(?:(?P<lvl>{_LEVEL})\s+)?(?P<name>{_alternation(list(lookup))})"
        r"(?!\w)"
    )
    return pattern, lookup


@lru_cache(maxsize=1)
def _district_pattern() -> tuple[re.Pattern[str], dict[str, str]]:
    lookup: dict[str, str] = {}
    for name in gazetteer.districts_by_name():
        for v in _variants(name):
            lookup[v] = name
    pattern = re.compile(rf"(?<!\w){_DISTRICT_LEVEL}\s+(?P<name>{_alternation(list(lookup))})(?!\w)")
    return pattern, lookup


def find_provinces(text: str) -> list[Span]:
    """Province mentions; `value` is the province's gazetteer name."""
    pattern, lookup = _province_patterns()
    spans = []
    for m in pattern.finditer(text):
        name = lookup[m["name"]]
        if not name:
            continue
        if name in _NEEDS_LEVEL and not m["lvl"] and not m["name"].startswith("TP"):
            continue
        if not m["lvl"] and _LOWER_LEVEL_BEFORE.search(text, max(0, m.start() - 12), m.start()):
            continue  # `xã Hòa Bình` is a commune named like the province, not the province
        spans.append(Span(m.start("name") if not m["lvl"] else m.start(), m.end(), PROVINCE, name))
    return spans


def find_districts(text: str, known_provinces: set[str] | None = None) -> list[Span]:
    """District mentions; `value` is `{"district", "level", "province"}`, province None if ambiguous."""
    pattern, lookup = _district_pattern()
    by_name = gazetteer.districts_by_name()
    known = known_provinces if known_provinces is not None else {s.value for s in find_provinces(text)}
    spans = []
    for m in pattern.finditer(text):
        name = lookup[m["name"]]
        level = new_tone_placement(m["level"].lower().replace("tp.", "thành phố"))
        candidates = by_name[name]
        same_level = [d for d in candidates if d.level == level] or list(candidates)
        provinces = {d.province for d in same_level}
        if len(provinces) > 1:
            provinces &= known
        province = provinces.pop() if len(provinces) == 1 else None
        if level == "thành phố" and name in gazetteer.province_by_name() and province is None:
            province = name
        spans.append(Span(m.start(), m.end(), DISTRICT, {"district": name, "level": level, "province": province}))
    return spans


_COMMUNE = re.compile(
    # `thị xã Nghĩa Lộ` is a district, not a commune called Nghĩa Lộ.
    rf"(?<!\w)(?<!thị )(?<!Thị )(?P<level>xã|phường|thị trấn|Xã|Phường|Thị trấn|XÃ|PHƯỜNG|THỊ TRẤN)[ \t]+"
    rf"(?P<name>[{VI_UPPER}0-9][{VI_LOWER}{VI_UPPER}0-9]*(?:[ \t]+[{VI_UPPER}][{VI_LOWER}{VI_UPPER}]*){{0,3}})"
)


def find_communes(text: str, known_provinces: set[str], known_districts: set[str]) -> list[Span]:
    """Commune mentions; `value` is `{"commune", "level", "district", "province"}`, with
    district and province None when the name is ambiguous in this text."""
    by_name = gazetteer.communes_by_name()
    spans = []
    for m in _COMMUNE.finditer(text):
        level = m["level"].lower()
        words = m["name"].split()
        for n in range(len(words), 0, -1):
            name = new_tone_placement(title_case_name(" ".join(words[:n])))
            candidates = [c for c in by_name.get(name, ()) if c.level == level]
            if candidates:
                break
        else:
            continue
        in_district = [c for c in candidates if c.district in known_districts]
        in_province = [c for c in candidates if c.province in known_provinces]
        chosen = next((group for group in (in_district, in_province, candidates)
                       if len({(c.district, c.province) for c in group}) == 1), None)
        place = chosen[0] if chosen else None
        spans.append(Span(m.start(), _end_of_words(m["name"], m.start("name"), n), COMMUNE, {
            "commune": name, "level": level,
            "district": place.district if place else None, "province": place.province if place else None,
        }))
    return spans


def _end_of_words(raw: str, start: int, n: int) -> int:
    """Where the first `n` words of `raw` (which begins at `start`) end."""
    ends = [m.end() for m in re.finditer(r"\S+", raw)]
    return start + ends[n - 1]


# A province named in passing is not one the text is about: where products are sold or a
# fair is held (`bán ở Hà Nội, Bắc Ninh`, `Hội chợ OCOP tổ chức tại Hà Nội`), a ranking
# (`đứng sau Hà Nội`), a product's name (`bưởi Bình Dương`). Each pattern is matched on the
# words before the name; names listed with it (`Hà Nội, Bắc Ninh và Hải Phòng`) share it.
_TRADE = ("bán", "tiêu thụ", "phân phối", "xuất khẩu", "có mặt", "thị trường")
# events that take a place's name (`Diễn đàn sản phẩm OCOP Đồng Tháp`), then those only held at one
_NAMED_EVENTS = ("hội chợ", "triển lãm", "festival", "lễ hội", "tuần lễ", "diễn đàn")
_EVENTS = (*_NAMED_EVENTS, "hội nghị", "hội thảo")
_RANKING = ("đứng sau", "xếp sau", "chỉ sau", "dẫn đầu là", "tiếp theo là")
_PRODUCTS = (
    "bưởi", "gạo", "chè", "trà", "cà phê", "mật ong", "nước mắm", "vải", "nhãn", "xoài", "sầu riêng", "hồ tiêu",
    "hạt điều", "rượu", "bánh", "kẹo", "muối", "nem", "miến", "mắm", "cam", "quýt", "thanh long", "măng cụt",
    "chôm chôm", "sâm", "yến", "đặc sản",
)
_PASSING_BEFORE = re.compile(
    rf"(?i)(?:(?<!\w)(?:{'|'.join(_TRADE)})(?:\s+[^\s.;:]+){{0,5}}?\s+(?:ở|tại|sang|đi|vào|như)"
    rf"|(?:{'|'.join(_EVENTS)})(?:\s+[^\s.;:]+){{0,8}}?\s+(?:ở|tại)"
    rf"|(?<!\w)(?:{'|'.join(_RANKING)})"
    rf"|(?<!\w)(?:{'|'.join(_PRODUCTS)}))"
    r"\s+(?:(?:các\s+)?(?:tỉnh|thành phố|TP\.?)(?:\s*,\s*thành(?: phố)?)?\s+(?:như\s+)?)?$"
)
# An event named after a province it is not about (`Diễn đàn sản phẩm OCOP Đồng Tháp`), when
# the name stands bare, with no `tỉnh` (`Hội nghị ... tỉnh Quảng Nam` is the province's own).
_EVENT_NAME_BEFORE = re.compile(
    rf"(?i)(?<!\w)(?:{'|'.join(_NAMED_EVENTS)})(?:\s+[^\s.;:,()]+){{0,5}}?\s+$"
)
_LISTED = re.compile(r"\s*(?:,|và|;)\s*$")
# Any word the patterns above need, looked for first (as plain substrings: a 40-word regex
# alternation costs more than the rest of the check): most mentions have none near.
_PASSING_WORDS = tuple(w.lower() for w in _TRADE + _EVENTS + _RANKING + _PRODUCTS)


def in_passing(text: str, spans: list[Span]) -> list[Span]:
    """The province mentions of `spans` that are only named in passing (see `_PASSING_BEFORE`)."""
    passing: list[Span] = []
    for s in spans:
        before = text[max(0, s.start - 90):s.start]
        bare = not re.match(r"(?i)(?:tỉnh|thành phố|tp)(?!\w)", text[s.start:s.end])
        low = before.lower()  # Vietnamese lower-casing keeps every offset
        starts = [i for i in (low.find(w) for w in _PASSING_WORDS) if i >= 0]
        first = min(starts, default=-1)  # the patterns can only match from a trigger word on
        if first >= 0 and (_PASSING_BEFORE.search(before, first)
                           or (bare and _EVENT_NAME_BEFORE.search(before, first))):
            passing.append(s)
        elif passing and _LISTED.fullmatch(text[passing[-1].end:s.start]) is not None:
            # the next name of a list whose first is in passing (`bán ở Hà Nội, Bắc Ninh`)
            passing.append(s)
    return passing
