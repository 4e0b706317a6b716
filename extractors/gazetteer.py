"""Vietnam's administrative units before the 1 July 2025 merger, from `vietnam-provinces`.

The data ships inside the installed package (0.6.0: 63 provinces, 691 districts,
10,051 communes), so nothing is downloaded. Names are written with the new tone
placement (`Hòa Bình`, not `Hoà Bình`) and without their `Tỉnh`/`Thành phố` prefix,
as the gold rules name provinces.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache

from vietnam_provinces import NESTED_DIVISIONS_JSON_PATH

from .vietnamese import new_tone_placement

# Names the gold rules write differently from the package's current ones.
_RENAMED = {"Huế": "Thừa Thiên Huế"}
_PREFIXES = ("Thành phố ", "Tỉnh ", "Quận ", "Huyện ", "Thị xã ", "Xã ", "Phường ", "Thị trấn ")


@dataclass(frozen=True)
class Province:
    code: int
    name: str  # `Quảng Nam`, `Hà Nội`
    level: str  # `tỉnh` or `thành phố`


@dataclass(frozen=True)
class District:
    code: int
    name: str  # `Thanh Oai`
    level: str  # `huyện`, `quận`, `thị xã`, `thành phố`
    province: str


@dataclass(frozen=True)
class Commune:
    code: int
    name: str  # `Tam Thăng`
    level: str  # `xã`, `phường`, `thị trấn`
    district: str
    province: str


def _strip_prefix(full: str) -> tuple[str, str]:
    for prefix in _PREFIXES:
        if full.startswith(prefix):
            return prefix.strip().lower(), new_tone_placement(full[len(prefix):])
    return "", new_tone_placement(full)


@lru_cache(maxsize=1)
def _load() -> tuple[tuple[Province, ...], tuple[District, ...], tuple[Commune, ...]]:
    with open(NESTED_DIVISIONS_JSON_PATH, encoding="utf-8") as fh:
        data = json.load(fh)
    provinces, districts, communes = [], [], []
    for p in data:
        level, name = _strip_prefix(p["name"])
        name = _RENAMED.get(name, name)
        # Huế became a centrally-run city only in 2025; the documents call it a tỉnh.
        city = level == "thành phố" and name not in _RENAMED.values()
        provinces.append(Province(p["code"], name, "thành phố" if city else "tỉnh"))
        for d in p.get("districts", []):
            d_level, d_name = _strip_prefix(d["name"])
            districts.append(District(d["code"], d_name, d_level or "huyện", name))
            for w in d.get("wards", []):
                w_level, w_name = _strip_prefix(w["name"])
                communes.append(Commune(w["code"], w_name, w_level or "xã", d_name, name))
    return tuple(provinces), tuple(districts), tuple(communes)


def provinces() -> tuple[Province, ...]:
    return _load()[0]


def districts() -> tuple[District, ...]:
    return _load()[1]


def communes() -> tuple[Commune, ...]:
    return _load()[2]


@lru_cache(maxsize=1)
def communes_by_name() -> dict[str, tuple[Commune, ...]]:
    out: dict[str, list[Commune]] = {}
    for c in communes():
        out.setdefault(c.name, []).append(c)
    return {k: tuple(v) for k, v in out.items()}


@lru_cache(maxsize=1)
def province_by_name() -> dict[str, Province]:
    return {p.name: p for p in provinces()}


@lru_cache(maxsize=1)
def districts_by_name() -> dict[str, tuple[District, ...]]:
    out: dict[str, list[District]] = {}
    for d in districts():
        out.setdefault(d.name, []).append(d)
    return {k: tuple(v) for k, v in out.items()}


@lru_cache(maxsize=1)
def provinces_after_2025() -> dict[str, str]:
    """Each of the 63 provinces → the one of the 34 it belongs to since 1 July 2025
    (`Quảng Nam` → `Đà Nẵng`, `Hà Giang` → `Tuyên Quang`), from underthesea's bundled
    old→new table. The 2025 merger joined whole provinces, so a district or commune maps
    with its province."""
    # Imported here: underthesea costs half a second to load and only this needs it.
    from underthesea import convert_address

    out = {}
    for p in provinces():
        result = convert_address(f"{p.level} {p.name}")
        if not result.new.province:  # the package knows Thừa Thiên Huế by its 2025 name
            old = next((k for k, v in _RENAMED.items() if v == p.name), p.name)
            result = convert_address(f"thành phố {old}")
        out[p.name] = _strip_prefix(result.new.province)[1] if result.new.province else p.name
    return out
