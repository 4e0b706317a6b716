"""Names of public bodies, written in the canonical form of the gold rules.

`UBND tỉnh Quảng Nam`, `HĐND tỉnh Cà Mau`, `UBND huyện Thanh Oai`, `Thủ tướng Chính phủ`,
`Chính phủ`, `Bộ Nông nghiệp và Phát triển nông thôn`, `Sở Nông nghiệp và Phát triển nông
thôn tỉnh Cà Mau`, `Ban Chỉ đạo Trung ương các chương trình mục tiêu quốc gia`,
`Ban Chấp hành Trung ương Đảng`, `Tỉnh ủy Nghệ An`.

A body named without its place (`Ủy ban nhân dân tỉnh`) is resolved from the `Place`
the caller knows the document belongs to; with no place it is left unresolved (value
None), never guessed. Whether a body *issued* something is decided elsewhere
(`issuers.py`): this module only reads names.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

import regex

from . import gazetteer
from .spans import Span
from .vietnamese import VI_LOWER, VI_UPPER, new_tone_placement, title_case_name

LABEL = "BODY"


@dataclass(frozen=True)
class Place:
    """Where the document comes from, as far as it is known."""

    province: str | None = None
    district: str | None = None
    district_level: str | None = None


_COMMITTEE = r"(?P<kind>[ỦỦUu][ỷỶyY]\s*[Bb][Aa][Nn]\s+[Nn][Hh][Ââ][Nn]\s+[Dd][Ââ][Nn]|UBND|Hội đồng nhân dân|HỘI ĐỒNG NHÂN DÂN|HĐND)"
_LEVELS = r"(?P<level>tỉnh|thành phố|TP\.?|huyện|quận|thị xã|xã|phường|thị trấn|Tỉnh|Thành phố|Huyện|Quận|Thị xã|Xã|Phường|Thị trấn|TỈNH|THÀNH PHỐ|HUYỆN|QUẬN|THỊ XÃ|XÃ|PHƯỜNG|THỊ TRẤN)"
_WORD = rf"(?:[{VI_UPPER}]{{2,}}|[{VI_UPPER}][{VI_LOWER}]*)(?![{VI_LOWER}{VI_UPPER}])"
_NAME = rf"(?P<name>(?:{_WORD})(?:(?:[ \t]+|[ \t]*-[ \t]*)(?:{_WORD})){{0,4}})"
# The patterns of this module that scan whole texts (`..._RE`, `_FIXED`) open on a lookbehind
# (`(?<!\w)`: not inside a word), which costs Python's `re` its fast scan for a first
# character; the `regex` package scans them 3-15 times faster, with the same matches (the
# extraction of the 102 gold and 62 corpus texts is byte-identical).
# Not the `UBND` inside a symbol (`1599/QĐ-UBND`, `1682/UBND-KT`).
_COMMITTEE_RE = regex.compile(rf"(?<![\w/-]){_COMMITTEE}(?:[ \t]*\n?[ \t]*{_LEVELS}(?!\w)(?:[ \t]*\n?[ \t]*{_NAME})?)?")

MINISTRIES = {
    "Nông nghiệp và Phát triển nông thôn": (
        r"Nông nghiệp và Phát triển [Nn]ông thôn", r"NN\s*[&-]\s*PTNT", r"Nông nghiệp\s*(?:&|và)\s*PTNT",
        r"NNPTNT", r"NN và PTNT", r"NÔNG NGHIỆP\s+VÀ\s+PHÁT TRIỂN\s+NÔNG THÔN", r"NÔNG NGHIỆP\s+VÀ\s+PTNT",
    ),
    "Nông nghiệp và Môi trường": (r"Nông nghiệp và Môi trường", r"NN&MT"),
    "Tài chính": (r"Tài chính", r"TÀI CHÍNH"),
    "Công Thương": (r"Công [Tt]hương", r"CÔNG THƯƠNG"),
    "Kế hoạch và Đầu tư": (r"Kế hoạch và Đầu tư", r"KH&ĐT", r"KẾ HOẠCH VÀ ĐẦU TƯ"),
    "Khoa học và Công nghệ": (r"Khoa học và Công nghệ", r"KH&CN"),
    "Văn hóa, Thể thao và Du lịch": (r"Văn h[óo]á,? Thể thao và Du lịch", r"VHTTDL"),
    "Lao động - Thương binh và Xã hội": (r"Lao động\s*[-–]\s*Thương binh và Xã hội", r"LĐTBXH"),
    "Tài nguyên và Môi trường": (r"Tài nguyên và Môi trường", r"TN&MT"),
    "Y tế": (r"Y tế",),
    "Nội vụ": (r"Nội vụ",),
    "Thông tin và Truyền thông": (r"Thông tin và Truyền thông", r"TT&TT"),
    "Giáo dục và Đào tạo": (r"Giáo dục và Đào tạo",),
    "Xây dựng": (r"Xây dựng",),
    "Giao thông vận tải": (r"Giao thông [Vv]ận tải",),
    "Tư pháp": (r"Tư pháp",),
}
# A PDF line may break anywhere inside a name (`Phát triển\nnông thôn`).
_ANY_SPACE = r"\s+"
_MINISTRY_ALTS = "|".join(
    f"(?P<m{i}>{'|'.join(a.replace(' ', _ANY_SPACE) for a in alts)})" for i, alts in enumerate(MINISTRIES.values())
)
_MINISTRY_NAMES = list(MINISTRIES)
_MINISTRY_RE = regex.compile(rf"(?<!\w)(?P<org>Bộ|BỘ|Sở|SỞ)\s+(?:{_MINISTRY_ALTS})(?!\w)(?:[ \t]+{_LEVELS}[ \t]+{_NAME})?")

_FIXED = [
    (regex.compile(r"(?<!\w)(?:Thủ tướng Chính phủ|THỦ TƯỚNG CHÍNH PHỦ|Thủ tướng)(?!\w)"), "Thủ tướng Chính phủ"),
    (regex.compile(r"(?<!\w)(?:Văn phòng Chính phủ|VĂN PHÒNG CHÍNH PHỦ)(?!\w)"), "Văn phòng Chính phủ"),
    (regex.compile(r"(?<!Thủ tướng )(?<!Văn phòng )(?<!\w)(?:Chính phủ|CHÍNH PHỦ)(?!\w)"), "Chính phủ"),
    (regex.compile(r"(?<!\w)(?:Quốc hội|QUỐC HỘI)(?!\w)"), "Quốc hội"),
    (regex.compile(r"(?<!\w)Bộ Chính trị(?!\w)"), "Bộ Chính trị"),
    (regex.compile(r"(?<!\w)Ban [Cc]hấp hành Trung ương(?: Đảng)?(?!\w)"), "Ban Chấp hành Trung ương Đảng"),
    (
        regex.compile(
            r"(?<!\w)(?:Ban [Cc]hỉ đạo|BCĐ) (?:Trung ương|TW|trung ương)(?: các [Cc]hương trình (?:mục tiêu|MTQG)(?: [Qq]uốc gia)?"
            r"(?: giai đoạn \d{4}\s*[-–]\s*\d{4})?)?(?!\w)"
        ),
        "Ban Chỉ đạo Trung ương các chương trình mục tiêu quốc gia",
    ),
]
# `Ban Chấp hành Đảng bộ tỉnh Phú Thọ` is the provincial party committee (`Tỉnh ủy Phú Thọ`).
_PARTY_BOARD_RE = regex.compile(
    rf"(?<!\w)Ban [Cc]hấp hành Đảng bộ (?P<level>tỉnh|thành phố|huyện)(?:[ \t]+{_NAME})?"
)
_PARTY_RE = regex.compile(
    rf"(?<!\w)(?:Ban [Tt]hường vụ |BAN THƯỜNG VỤ |[Tt]hường trực |Ban [Cc]hấp hành Đảng bộ |Ban Chấp hành )?"
    rf"(?P<kind>Tỉnh [uủỦỷ][yỷỶ]|TỈNH [ỦỶU][YỶ]|Thành [uủỷ][yỷ]|THÀNH [ỦỶU][YỶ]|Huyện [uủỷ][yỷ]|HUYỆN [ỦỶU][YỶ])"
    rf"(?:[ \t]+{_NAME})?"
)

# The provinces' offices of the new-countryside programme, which submit and send OCOP
# documents: `Ban Xây dựng nông thôn mới tỉnh Quảng Ninh`, `Văn phòng Điều phối chương
# trình mục tiêu quốc gia xây dựng nông thôn mới tỉnh Thái Nguyên`.
_PROGRAMME_OFFICE_RE = regex.compile(
    r"(?<!\w)(?P<head>Ban [Xx]ây dựng [Nn]ông thôn mới|Văn phòng [Đđ]iều phối(?:\s+[Cc]hương trình)?"
    r"(?:\s+mục tiêu [Qq]uốc gia)?(?:\s+[Xx]ây dựng)?\s+[Nn]ông thôn mới)"
    rf"(?P<central>\s+[Tt]rung ương)?(?:[ \t]+(?P<level>tỉnh|thành phố)(?![\w])(?:[ \t]+{_NAME})?)?"
)
_OFFICE_PREFIXES = ("Ban Xây dựng", "Văn phòng Điều phối")

_PARTY_COMMITTEE = {"tỉnh": "Tỉnh ủy", "thành phố": "Thành ủy", "huyện": "Huyện ủy"}
_PARTY_LEVEL = {kind: level for level, kind in _PARTY_COMMITTEE.items()}
_LEVEL_CANON = {"tp": "thành phố", "tp.": "thành phố"}


def _canonical_level(level: str) -> str:
    low = level.lower()
    return _LEVEL_CANON.get(low, low)


def _place_name(raw: str | None, level: str) -> str | None:
    """The longest leading part of `raw` that the gazetteer knows for that level."""
    if not raw:
        return None
    words = raw.split()
    provinces = gazetteer.province_by_name()
    districts = gazetteer.districts_by_name()
    for n in range(min(len(words), 5), 0, -1):
        candidate = new_tone_placement(title_case_name(" ".join(words[:n])))
        candidate = {"Huế": "Thừa Thiên Huế", "Hồ Chí Minh": "Hồ Chí Minh"}.get(candidate, candidate)
        if level in ("tỉnh", "thành phố") and candidate in provinces:
            return candidate
        if level in ("huyện", "quận", "thị xã", "thành phố") and candidate in districts:
            return candidate
    if level in ("xã", "phường", "thị trấn"):
        return new_tone_placement(title_case_name(" ".join(words[:3])))
    return None


def _resolve(level: str, name: str | None, place: Place) -> str | None:
    if name:
        return name
    if level == "tỉnh" and place.province:
        return place.province
    if level == "thành phố" and place.province:
        province = gazetteer.province_by_name().get(place.province)
        if province and province.level == "thành phố":
            return place.province
        if place.district_level == "thành phố":
            return place.district
    if level in ("huyện", "quận", "thị xã") and place.district and place.district_level == level:
        return place.district
    return None


def _province_level(name: str) -> str:
    province = gazetteer.province_by_name().get(name)
    return province.level if province else "tỉnh"


def find_bodies(text: str, place: Place | None = None) -> list[Span]:
    """Every body named in `text`; `value` is its canonical name, or None when its place
    cannot be resolved (`UBND tỉnh` with no known province)."""
    place = place or Place()
    spans: list[Span] = []
    taken: list[tuple[int, int]] = []

    def add(start: int, end: int, value: str | None) -> None:
        if any(s < end and start < e for s, e in taken):
            return
        taken.append((start, end))
        spans.append(Span(start, end, LABEL, value))

    for m in _MINISTRY_RE.finditer(text):
        index = next(i for i in range(len(_MINISTRY_NAMES)) if m[f"m{i}"])
        ministry = _MINISTRY_NAMES[index]
        if m["org"].lower() == "bộ":
            add(m.start(), m.end() if not m["level"] else m.end(f"m{index}"), f"Bộ {ministry}")
            continue
        level = _canonical_level(m["level"]) if m["level"] else "tỉnh"
        where = _resolve(level, _place_name(m["name"], level), place)
        if where is None:
            add(m.start(), m.end(), None)
            continue
        level = _province_level(where) if level in ("tỉnh", "thành phố") else level
        end = m.end() if m["name"] and _place_name(m["name"], level) else m.end(f"m{index}")
        add(m.start(), end, f"Sở {ministry} {level} {where}")
    for pattern, value in _FIXED:
        for m in pattern.finditer(text):
            add(m.start(), m.end(), value)
    for m in _COMMITTEE_RE.finditer(text):
        short = "HĐND" if m["kind"].upper().startswith(("H", "HĐ")) else "UBND"
        if not m["level"]:
            add(m.start(), m.end("kind"), None)
            continue
        level = _canonical_level(m["level"])
        where, end = _named_place(m, level, place, m.end("level"))
        add(m.start(), end, f"{short} {level} {where}" if where else None)
    for m in _PROGRAMME_OFFICE_RE.finditer(text):
        head = " ".join(m["head"].split())
        prefix = next(p for p in _OFFICE_PREFIXES if head.lower().startswith(p.lower()))
        head = prefix + head[len(prefix):].lower()
        if m["central"]:
            add(m.start(), m.end("central"), f"{head} Trung ương")
            continue
        level = m["level"] or "tỉnh"
        where, end = _named_place(m, level, place, m.end("level") if m["level"] else m.end("head"))
        add(m.start(), end, f"{head} {_province_level(where)} {where}" if where else None)
    for m in _PARTY_BOARD_RE.finditer(text):
        level = m["level"]
        where, end = _named_place(m, level, place, m.end("level"))
        add(m.start(), end, f"{_PARTY_COMMITTEE[level]} {where}" if where else None)
    for m in _PARTY_RE.finditer(text):
        kind = new_tone_placement(title_case_name(m["kind"]).replace("uỷ", "ủy").replace("Uỷ", "Ủy"))
        kind = kind.replace("Ủy", "ủy")
        level = _PARTY_LEVEL[kind]
        where, end = _named_place(m, level, place, m.end("kind"))
        add(m.start(), end, f"{kind} {where}" if where else None)
    return sorted(spans, key=lambda s: s.start)


def _named_place(m: re.Match[str], level: str, place: Place, bare_end: int) -> tuple[str | None, int]:
    """Where a matched body is (from `place` when the text leaves the name out), and where its
    span ends: after the place name the gazetteer recognised, else at `bare_end`."""
    name = _place_name(m["name"], level)
    end = m.start("name") + _name_length(m["name"], name) if name else bare_end
    return _resolve(level, name, place), end


def _name_length(raw: str, resolved: str) -> int:
    """How many characters of `raw` the resolved place name covers."""
    words = raw.split()
    wanted = len(resolved.split())
    if resolved == "Thừa Thiên Huế" and words and words[0].lower() in ("huế",):
        wanted = 1
    covered = words[:wanted]
    pos = 0
    for w in covered:
        pos = raw.index(w, pos) + len(w)
    return pos


_LEVEL_AND_NAME = re.compile(rf"[ \t]+{_LEVELS}[ \t]+{_NAME}")


def committee_named_at(text: str, pos: int, short: str = "UBND") -> tuple[str, int] | None:
    """`2495/QĐ-UBND tỉnh Lào Cai`: the committee whose level and place are written at `pos`
    (right after a symbol that ends in its code), and where that name ends."""
    m = _LEVEL_AND_NAME.match(text, pos)
    if not m:
        return None
    level = _canonical_level(m["level"])
    name = _place_name(m["name"], level)
    if not name:
        return None
    level = _province_level(name) if level in ("tỉnh", "thành phố") else level
    return f"{short} {level} {name}", m.start("name") + _name_length(m["name"], name)
