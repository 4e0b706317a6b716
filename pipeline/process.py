"""One file through parse and extract: the unit of work that `ocop extract` prints and
`ocop build` loads. Runs in worker processes, so it takes and returns plain data."""
from __future__ import annotations

import datetime as dt
import hashlib
import os
from collections.abc import Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

from extractors import extract

from .parse import ParseError, parse_bytes


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def process_bytes(data: bytes, name: str, *, content_type: str | None = None) -> dict[str, Any]:
    """Parse and extract one document. Never raises for bad input: a file that cannot be
    read comes back with `"error"` and the reason."""
    result: dict[str, Any] = {"path": name, "sha256": sha256(data), "size_bytes": len(data)}
    try:
        parsed = parse_bytes(data, Path(name).suffix, content_type=content_type)
    except ParseError as err:
        result["error"] = str(err)
        return result
    except Exception as err:  # a parser bug must not stop the run; it is recorded
        result["error"] = f"parser failed: {type(err).__name__}: {err}"
        return result
    extraction = extract(parsed.text)
    record = dict(extraction.record)
    record["notes"] = "; ".join(parsed.warnings)
    result.update(
        record=record,
        text=extraction.text,
        original=parsed.original,
        title=parsed.title,
        published=parsed.published,
        format=parsed.format,
        pages=parsed.pages,
        ocr_pages=parsed.ocr_pages,
        ocr_confidence=parsed.ocr_confidence,
        signer=extraction.description.signer,
        place=extraction.description.place,
        spans=[s.to_dict() for s in extraction.spans],
        extracted_at=dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
    )
    return result


def process_path(path: str) -> dict[str, Any]:
    try:
        data = Path(path).read_bytes()
    except OSError as err:
        return {"path": path, "error": f"cannot read file: {err.strerror or err}"}
    return process_bytes(data, path)


def process_many(paths: Iterable[str], jobs: int | None = None) -> Iterator[dict[str, Any]]:
    """Results in input order; `jobs` > 1 spreads the work over processes."""
    paths = list(paths)
    jobs = jobs or os.cpu_count() or 1
    if jobs == 1 or len(paths) < 8:
        yield from map(process_path, paths)
        return
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        yield from pool.map(process_path, paths, chunksize=4)
