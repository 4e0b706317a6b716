"""Vietnamese alphabetical order, by the Unicode Collation Algorithm (pyuca): letters
first, then their marks, so `Bạc Liêu` comes before `Bình Thuận` and `Đ` after `D`,
where Python's code-point order puts `Đ…` after `Z`."""
from __future__ import annotations

import functools

from pyuca import Collator


@functools.cache
def _collator() -> Collator:
    return Collator()


def key(text: str) -> tuple[int, ...]:
    return _collator().sort_key(text or "")
