"""One file through parse and extract: the unit of work that `ocop extract` prints and
`ocop build` loads. Runs in worker processes, so it takes and returns plain data.

Each file has a time bound (`FILE_TIMEOUT`) and each worker a memory bound
(`MEMORY_LIMIT`): a file that exceeds either is recorded with the reason, and the run goes
on with the next."""
from __future__ import annotations

import collections
import contextlib
import dataclasses
import datetime as dt
import hashlib
import itertools
import os
import resource
import signal
import threading
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from pathlib import Path
from typing import Any

from extractors import extract

from .parse import Parsed, ParseError, parse_bytes

FILE_TIMEOUT = 300  # seconds for one file: OCR of a long scan is the slow case (~3 s a page)
MEMORY_LIMIT = 4 << 30  # bytes of address space for a worker process


class FileTimeout(BaseException):
    """Not an Exception: the parsers' own `except Exception` must let it through."""


@contextlib.contextmanager
def _time_limit(seconds: int) -> Iterator[None]:
    """Raise FileTimeout in this (main) thread after `seconds`."""
    def expire(signum: int, frame: object) -> None:
        raise FileTimeout(f"gave up after {seconds} s")

    if threading.current_thread() is not threading.main_thread():  # signals reach the main thread only
        yield
        return
    previous = signal.signal(signal.SIGALRM, expire)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def _limit_memory(jobs: int = 1) -> None:
    """Worker initializer: cap the address space, so one huge file fails alone; and read a
    scan's pages side by side only on the worker's share of the cores."""
    os.environ.setdefault("OCOP_OCR_THREADS", str(max(1, (os.cpu_count() or 1) // jobs)))
    _, hard = resource.getrlimit(resource.RLIMIT_AS)
    limit = MEMORY_LIMIT if hard == resource.RLIM_INFINITY else min(MEMORY_LIMIT, hard)
    resource.setrlimit(resource.RLIMIT_AS, (limit, hard))


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def process_bytes(data: bytes, name: str, *, content_type: str | None = None,
                  suffix: str | None = None) -> dict[str, Any]:
    """Parse and extract one document. Never raises for bad input: a file that cannot be
    read comes back with `"error"` and the reason."""
    result: dict[str, Any] = {"path": name, "sha256": sha256(data), "size_bytes": len(data)}
    try:
        parsed = parse_bytes(data, suffix or Path(name).suffix, content_type=content_type)
    except ParseError as err:
        result["error"] = str(err)
        return result
    except MemoryError:
        raise
    except Exception as err:  # a parser bug must not stop the run; it is recorded
        result["error"] = f"parser failed: {type(err).__name__}: {err}"
        return result
    return extract_parsed(result, parsed)


# Formats whose reading is slow (layout analysis, OCR: seconds a page): their parsed text
# goes back with the result, and the next build reuses it when only the extractors changed.
SLOW_TO_PARSE = {"pdf", "doc", "docx"}


def extract_parsed(result: dict[str, Any], parsed: Parsed) -> dict[str, Any]:
    """The extraction half of `process_bytes`: `result` (path, hash, size) completed with
    what the extractors read in `parsed`."""
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
        signer_title=extraction.description.signer_title,
        place=extraction.description.place,
        spans=[s.to_dict() for s in extraction.spans],
        extracted_at=dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
    )
    if parsed.format in SLOW_TO_PARSE:
        result["parsed"] = dataclasses.asdict(parsed)
    return result


def process_parsed(item: dict[str, Any]) -> dict[str, Any]:
    """A file or archived response whose unchanged bytes an earlier build parsed with the
    same parse code (`item["parsed"]`): extraction only, no re-reading of the PDF."""
    result = {key: item[key] for key in ("path", "sha256", "size_bytes", "mtime_ns", "crawl") if key in item}
    result = extract_parsed(result, Parsed(**item["parsed"]))
    result.pop("parsed", None)  # already kept
    return result


def _bounded(data: bytes, name: str, timeout: int, **kwargs: Any) -> dict[str, Any]:
    """`process_bytes` within the per-file time bound; over it, or out of memory, the file
    comes back with the reason."""
    try:
        with _time_limit(timeout):
            return process_bytes(data, name, **kwargs)
    except FileTimeout as err:
        reason = str(err)
    except MemoryError:
        reason = f"out of memory (a worker may use {MEMORY_LIMIT >> 30} GiB)"
    return {"path": name, "sha256": sha256(data), "size_bytes": len(data), "error": reason}


def process_path(path: str, timeout: int = FILE_TIMEOUT) -> dict[str, Any]:
    try:
        mtime_ns = os.stat(path).st_mtime_ns  # before reading: a later edit shows as a newer time
        data = Path(path).read_bytes()
    except OSError as err:
        return {"path": path, "error": f"cannot read file: {err.strerror or err}"}
    result = _bounded(data, path, timeout)
    result["mtime_ns"] = mtime_ns
    return result


# What a crawled document's Content-Type says it is, for the parser.
SUFFIXES = {"text/html": ".html", "application/xhtml+xml": ".html", "application/pdf": ".pdf",
            "application/msword": ".doc", "text/plain": ".txt",
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document": ".docx"}


def process_archived(item: dict[str, Any], timeout: int = FILE_TIMEOUT) -> dict[str, Any]:
    """A crawled document, re-read from the WARC archive (never re-fetched): `item` has the
    URL, the archive file and offset, and the Content-Type recorded at fetch time."""
    from .collect.archive import read_record

    url = item["url"]
    try:
        _, headers, data = read_record(Path(item["warc_path"]), item["warc_offset"])
    except (OSError, ValueError) as err:
        return {"path": url, "error": f"cannot read the archived response: {err}"}
    suffix = SUFFIXES.get(item.get("content_type") or "") or Path(url.split("?", 1)[0]).suffix.lower() or ".html"
    result = _bounded(data, url, timeout, content_type=headers.get("Content-Type"), suffix=suffix)
    result["crawl"] = item
    return result


def run_batch(worker: Callable[[Any], dict[str, Any]], items: list[Any]) -> list[dict[str, Any]]:
    """The task a worker runs, in a local process or on a Dask cluster (`cluster.py`)."""
    return [worker(item) for item in items]


BATCH = 8  # items per task sent to a worker: fewer round trips, still an even spread
WINDOW = 4  # tasks in flight per worker: enough to keep it busy, bounded so that memory is too


def process_many(items: Iterable[Any], jobs: int | None = None,
                 worker: Callable[[Any], dict[str, Any]] = process_path) -> Iterator[dict[str, Any]]:
    """Results in input order; `jobs` > 1 spreads the work over processes (`cluster.py`
    spreads it over a Dask cluster's). Items are file paths (`process_path`), archived
    responses (`process_archived`) or parsed texts (`process_parsed`), and may come from a
    generator: they are taken as work is sent.

    Streaming: at most `jobs * WINDOW` batches are in flight, so when the consumer (the
    database writer) is slower than the workers, they wait rather than pile up results."""
    jobs = jobs or os.cpu_count() or 1
    pending = iter(items)
    first = list(itertools.islice(pending, 2 * BATCH))
    if jobs == 1 or len(first) < 2 * BATCH:
        yield from map(worker, itertools.chain(first, pending))
        return
    rest = itertools.chain(first, pending)
    batches = iter(lambda: list(itertools.islice(rest, BATCH)), [])
    with ProcessPoolExecutor(max_workers=jobs, initializer=_limit_memory, initargs=(jobs,)) as pool:
        in_flight: collections.deque[Future[list[dict[str, Any]]]] = collections.deque(
            pool.submit(run_batch, worker, batch) for batch in itertools.islice(batches, jobs * WINDOW))
        while in_flight:
            done = in_flight.popleft().result()
            following = next(batches, None)
            if following is not None:
                in_flight.append(pool.submit(run_batch, worker, following))
            yield from done
