"""A synthetic corpus of any size, made from the bundled documents, for the benchmarks.

Each synthetic document is a bundled one (its text, or its HTML page as served) moved to
another province: the province's name everywhere (headers in capitals too) and its
districts replaced by those of a province of the same level; the numbers of local
symbols (`240/KH-UBND` → `1187/KH-UBND`; national ones such as `919/QĐ-TTg` are kept,
every province cites them), the day and month of every date, and the values of targets
varied. So documents differ in what the extractors read, the way a crawl of all
provinces does, while the shapes stay those of real documents. PDFs enter as the text
they were made from (corpus/truth): PDF reading is benchmarked on its own, in pages/s.

Deterministic: document `i` of seed `s` is the same on every run and machine, so a
rebuild after `edit()` (another generation of the same files) touches exactly the files
it rewrote.
"""
from __future__ import annotations

import functools
import random
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from extractors import gazetteer

PER_FOLDER = 1000  # files per sub-folder: a folder of 100,000 files is slow to list


@dataclass(frozen=True)
class Template:
    name: str
    suffix: str  # ".txt" or ".html"
    text: str
    province: gazetteer.Province | None
    districts: tuple[gazetteer.District, ...]  # the province's districts named in the text


def templates(corpus: Path) -> list[Template]:
    """The bundled documents that can be varied: texts, UTF-8 pages, PDFs' source texts."""
    import json

    out = []
    sources = sorted(corpus.glob("*.txt")) + sorted(corpus.glob("*.html"))
    truth = corpus.parent / "truth"
    sources += [p for p in sorted(truth.glob("*.txt")) if not p.stem.endswith("_scan")]
    by_name = gazetteer.province_by_name()
    for path in sources:
        try:
            text = path.read_text(encoding="utf-8")
        except UnicodeDecodeError:  # the legacy-charset pages: their own test, not scale
            continue
        label_path = corpus / f"{path.stem}.json"
        label = json.loads(label_path.read_text(encoding="utf-8")) if label_path.exists() else {}
        names = label.get("provinces") or []
        province = by_name.get(names[0]) if names else None
        districts = ()
        if province:
            districts = tuple(d for d in _districts_of(province.name)
                              if re.search(rf"\b{d.level} {re.escape(d.name)}\b", text, re.IGNORECASE))
        out.append(Template(path.stem, path.suffix, text, province, districts))
    return out


# National bodies' symbols stay as they are: every province cites the same 919/QĐ-TTg.
_SYMBOL = re.compile(r"\b(\d{1,5})(/(?:\d{4}/)?[A-ZĐ][A-ZĐa-z0-9]*(?:-[A-ZĐa-z0-9]+)*)")
_NATIONAL = re.compile(r"-(?:TTg|CP|BTC|BNN\w*|BCĐTW|BKHĐT|BCT|VPĐP|TW|QH\d*)\b|^/\d{4}/")
_LONG_DATE = re.compile(r"\bngày (\d{1,2}) tháng (\d{1,2}) năm (\d{4})")
_SHORT_DATE = re.compile(r"\b(\d{1,2})([/-])(\d{1,2})\2(\d{4})\b")
_TARGET_VALUE = re.compile(r"\b(\d{1,4})(?=( ?%| sản phẩm| chủ thể| điểm| hợp tác xã))")


@functools.cache
def _provinces_like(level: str) -> tuple[gazetteer.Province, ...]:
    return tuple(p for p in gazetteer.provinces() if p.level == level)


@functools.cache
def _districts_of(province: str) -> tuple[gazetteer.District, ...]:
    return tuple(d for d in gazetteer.districts() if d.province == province)


def vary(template: Template, rng: random.Random) -> str:
    """One synthetic document from a template."""
    text = template.text
    if template.province:
        new = rng.choice(_provinces_like(template.province.level))
        pool = _districts_of(new.name)
        for old_d in template.districts:
            new_d = rng.choice(pool)
            for old_s, new_s in ((f"{old_d.level} {old_d.name}", f"{new_d.level} {new_d.name}"),
                                 (f"{old_d.level} {old_d.name}".upper(), f"{new_d.level} {new_d.name}".upper())):
                text = text.replace(old_s, new_s)
        old = template.province.name
        text = text.replace(old, new.name).replace(old.upper(), new.name.upper())
    numbers: dict[str, str] = {}

    def symbol(m: re.Match[str]) -> str:
        if _NATIONAL.search(m.group(2)):
            return m.group(0)
        key = m.group(0)
        if key not in numbers:
            numbers[key] = str(rng.randint(1, 3999)).zfill(len(m.group(1)) if m.group(1).startswith("0") else 1)
        return numbers[key] + m.group(2)

    dates: dict[str, tuple[int, int]] = {}

    def day_month(key: str) -> tuple[int, int]:
        if key not in dates:  # the same date written twice stays one date
            dates[key] = (rng.randint(1, 28), rng.randint(1, 12))
        return dates[key]

    def long_date(m: re.Match[str]) -> str:
        day, month = day_month(m.group(0))
        return f"ngày {day:02d} tháng {month:02d} năm {m.group(3)}"

    def short_date(m: re.Match[str]) -> str:
        day, month = day_month(m.group(0))
        return f"{day}{m.group(2)}{month}{m.group(2)}{m.group(4)}"

    def target_value(m: re.Match[str]) -> str:
        value = int(m.group(1))
        if m.group(2).strip() == "%":
            return str(min(100, max(1, round(value * rng.uniform(0.7, 1.3))))) if value < 100 else m.group(1)
        return str(max(1, round(value * rng.uniform(0.5, 1.5))))

    text = _SYMBOL.sub(symbol, text)
    text = _LONG_DATE.sub(long_date, text)
    text = _SHORT_DATE.sub(short_date, text)
    return _TARGET_VALUE.sub(target_value, text)


def file_name(i: int, template: Template) -> str:
    return f"{i // PER_FOLDER:03d}/{i:06d}_{template.name}{template.suffix}"


def generate(corpus: Path, out: Path, n: int, *, seed: int = 0) -> list[Path]:
    """Write `n` synthetic documents under `out` (cleared first); returns their paths."""
    import shutil

    if out.exists():
        shutil.rmtree(out)
    made = []
    for path, text in documents(templates(corpus), n, seed=seed):
        target = out / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
        made.append(target)
    return made


def documents(pool: list[Template], n: int, *, seed: int = 0, generation: int = 0,
              only: list[int] | None = None) -> Iterator[tuple[str, str]]:
    """(relative path, text) of documents `only` (default all `n`); another `generation`
    gives the same files other contents (an edit, for incremental rebuilds)."""
    for i in only if only is not None else range(n):
        template = pool[i % len(pool)]
        rng = random.Random(f"{seed}:{generation}:{i}")
        yield file_name(i, template), vary(template, rng)


def edit(corpus: Path, out: Path, n: int, share: float, *, seed: int = 0) -> list[Path]:
    """Rewrite `share` of the `n` documents under `out` with new contents (same names)."""
    count = max(1, round(n * share))
    chosen = sorted(random.Random(f"{seed}:edit").sample(range(n), count))
    changed = []
    for path, text in documents(templates(corpus), n, seed=seed, generation=1, only=chosen):
        (out / path).write_text(text, encoding="utf-8")
        changed.append(out / path)
    return changed
