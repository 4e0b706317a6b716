"""The build and its memory: `build()` brings the database up to date with the files of a
corpus and everything crawled.

Atomic, resumable and incremental: it works on a copy of the previous database beside
the final path, re-extracts only copies whose bytes (or the extractor code) changed, and
moves the copy over the final path only when it is complete. A run killed half-way
leaves the previous database untouched; the next run resumes from the copy, where every
few hundred documents were committed. What it remembers between runs: the copies it
read (`sources`, by their path in the corpus or URL, with their size, time and hash), the files that failed
and why (`failures`), and what a slow parse produced (`parsed_texts`).
"""
from __future__ import annotations

import datetime as dt
import functools
import hashlib
import itertools
import json
import os
import shutil
import sqlite3
import time
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

import sqlite_utils

import extractors

from ..cluster import Runner, runner
from ..collect.adapters import site_kind
from ..parse import SUPPORTED
from ..process import SLOW_TO_PARSE, process_archived, process_parsed, sha256
from . import grouping, links, schema, search
from .grouping import add_copy, remove_copy


def extractor_version() -> str:
    """A hash of the code that turns bytes into rows (extractors, parsers, the store):
    when it changes, every copy is re-extracted."""
    digest = hashlib.sha256()
    here = Path(__file__).parent.parent
    code = [*Path(extractors.__file__).parent.glob("*.py"), *(here / "parse").glob("*.py"),
            here / "process.py", *(here / "store").glob("*.py")]
    for path in sorted(code):
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


@functools.cache
def parse_version() -> str:
    """A hash of the code a parse runs (pipeline/parse and the two extractor modules it
    calls): while it holds, a PDF's parsed text is reused when only extraction changed."""
    digest = hashlib.sha256()
    here = Path(__file__).parent.parent
    extractors_dir = Path(extractors.__file__).parent
    for path in sorted([*(here / "parse").glob("*.py"), extractors_dir / "vietnamese.py", extractors_dir / "dates.py"]):
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def corpus_files(corpus: Path) -> list[Path]:
    """Every readable file under `corpus`, in a stable order."""
    return [Path(p) for p in _corpus_paths(corpus)]


def _corpus_paths(corpus: Path) -> list[str]:
    # os.walk and strings: 100,000 files listed without a stat call or a Path object each.
    found = []
    for folder, _, names in os.walk(corpus):
        found += [os.path.join(folder, name) for name in names if os.path.splitext(name)[1].lower() in SUPPORTED]
    return sorted(found)


def crawled_items(db: sqlite_utils.Database, archive: Path) -> list[dict[str, Any]]:
    """The latest version of every crawled document, with where its bytes are archived."""
    if "crawled_documents" not in db.table_names():
        return []
    items = []
    for row in db.query(
        "SELECT d.url, d.version, d.sha256, d.content_type, d.page_metadata, d.removed_at, d.source, "
        "f.warc_file, f.warc_offset, f.fetched_at FROM crawled_documents d JOIN fetches f ON f.id = d.fetch_id "
        "WHERE d.id IN (SELECT max(id) FROM crawled_documents GROUP BY url) ORDER BY d.id"
    ):
        # absolute: a worker of a cluster reads it from its own working folder
        items.append({**row, "warc_path": os.path.abspath(archive / row["warc_file"]),
                      "site_kind": site_kind(row["source"]),
                      "page_metadata": json.loads(row["page_metadata"] or "{}")})
    return items


Progress = Callable[[Iterable[Any], int], Iterable[Any]]


BATCH_DOCUMENTS = 500  # documents per transaction ...
BATCH_SECONDS = 10.0  # ... or seconds of work: what a killed build keeps for its resumption


def build(corpus: Path, db_path: Path, *, jobs: int | None = None,
          progress: Progress | None = None, scheduler: str | None = None) -> dict[str, Any]:
    """Build or update `db_path` from the files under `corpus`; returns counts. Parse and
    extract run in `jobs` local processes, or on the Dask cluster at `scheduler`.

    The work happens in a copy beside the database (`NAME.building`), committed every few
    hundred documents; the copy replaces the database only when it is complete and
    checked. A build that is killed leaves the database as it was, and the next build
    resumes from the copy: what was committed is not extracted again."""
    run = runner(jobs, scheduler)  # a cluster that cannot be reached is said before anything is touched
    db_path.parent.mkdir(parents=True, exist_ok=True)
    tmp_path = db_path.with_name(db_path.name + ".building")
    resumed = _resumable(tmp_path, db_path)
    if not resumed:
        for leftover in (tmp_path, tmp_path.with_name(tmp_path.name + "-journal")):
            leftover.unlink(missing_ok=True)
        if db_path.exists():
            shutil.copyfile(db_path, tmp_path)
    version = extractor_version()
    db = sqlite_utils.Database(tmp_path)
    # The copy is scratch until it is moved over the database: a crash of the machine may
    # cost the copy (then rebuilt), never the database being served, so no fsync per commit.
    db.execute("PRAGMA synchronous = OFF")
    try:
        counts = _update(db, corpus, db_path, version, run, progress)
    except BaseException:  # the copy keeps what was committed; the next build resumes from it
        db.conn.rollback()
        raise
    finally:
        db.close()
    _check_integrity(tmp_path)
    with open(tmp_path, "rb+") as handle:  # on disk before it replaces the database
        os.fsync(handle.fileno())
    os.replace(tmp_path, db_path)
    return {**counts, "resumed": resumed}


def _update(db: sqlite_utils.Database, corpus: Path, db_path: Path, version: str, run: Runner,
            progress: Progress | None) -> dict[str, int]:
    """Bring the copy up to date: find what changed, extract it, write it, link citations."""
    if schema.version(db.conn) != schema.SCHEMA_VERSION:
        schema.drop(db)  # rebuilt from scratch; the crawl's tables are kept
    schema.create(db)
    db.conn.commit()
    files = _corpus_paths(corpus)
    # Copies are stored by their path inside the corpus (`plans/kh_02.pdf`), never this
    # machine's (`/home/…/corpus/plans/kh_02.pdf`): that is what a published database
    # shows, and a corpus moved or mounted elsewhere is still the same corpus.
    root = os.path.join(str(corpus), "")

    def inside(path: str) -> str:
        return path[len(root):].replace(os.sep, "/") if path.startswith(root) else path

    grouping.spent["seconds"] = 0.0
    known = {row["path"]: row for row in db.query(
        "SELECT id, path, sha256, size_bytes, file_mtime_ns, format, extractor_version FROM sources")}
    failed_before = {row["path"]: row for row in db.query("SELECT path, sha256, extractor_version FROM failures")}
    wanted, reparse_free, unchanged, still_failing = [], [], 0, 0
    paths_now = set()

    def parsed_before(row: dict[str, Any]) -> bool:
        return row["format"] in SLOW_TO_PARSE and db.conn.execute(
            "SELECT 1 FROM parsed_texts WHERE sha256 = ? AND parse_version = ?",
            [row["sha256"], parse_version()]).fetchone() is not None

    for path in files:
        key = inside(path)
        paths_now.add(key)
        row = known.get(key)
        if row and _same_file(db, path, row):
            if row["extractor_version"] == version:
                unchanged += 1
                continue
            if parsed_before(row):
                reparse_free.append({"path": key, "sha256": row["sha256"], "size_bytes": row["size_bytes"],
                                     "mtime_ns": row["file_mtime_ns"]})
                continue
        failure = failed_before.get(key)
        if failure and failure["extractor_version"] == version and failure["sha256"] == _file_sha256(path):
            still_failing += 1  # same bytes, same code: the same error; not tried again
            continue
        wanted.append(path)
    crawled, crawl_by_url = [], {}
    for item in crawled_items(db, db_path.parent / "archive"):
        paths_now.add(item["url"])
        crawl_by_url[item["url"]] = item
        row = known.get(item["url"])
        if row and row["sha256"] == item["sha256"]:
            if row["extractor_version"] == version:
                unchanged += 1
                continue
            if parsed_before(row):
                reparse_free.append({"path": item["url"], "sha256": row["sha256"], "size_bytes": row["size_bytes"],
                                     "crawl": item})
                continue
        crawled.append(item)
    coming = {*map(inside, wanted), *(i["path"] for i in reparse_free), *(i["url"] for i in crawled)}
    regroup: list[dict[str, Any]] = []  # copies whose shown copy went: extracted again from their text

    def take_away(path: str) -> None:
        # the other copies of its document, unless gone too or being read again anyway
        regroup.extend(c for c in remove_copy(db, path) if c["path"] in paths_now and c["path"] not in coming)

    removed = 0
    for path in known:
        if path not in paths_now:
            take_away(path)
            removed += 1
    for path in failed_before:
        if path not in paths_now:
            db.conn.execute("DELETE FROM failures WHERE path = ?", [path])
    db.conn.commit()

    def with_parsed_text(items: list[dict[str, Any]]) -> Iterator[dict[str, Any]]:
        # Fetched as each item goes to a worker, so that they are never all in memory.
        for item in items:
            (parsed,) = db.conn.execute("SELECT parsed FROM parsed_texts WHERE sha256 = ?", [item["sha256"]]).fetchone()
            yield {**item, "parsed": json.loads(parsed)}

    results = itertools.chain(run(wanted), run(with_parsed_text(reparse_free), worker=process_parsed),
                              run(crawled, worker=process_archived))
    if progress:
        results = progress(results, len(wanted) + len(reparse_free) + len(crawled))
    built = failed = pending = 0
    last_commit = time.monotonic()

    def write(result: dict[str, Any]) -> None:
        nonlocal built, failed, pending, last_commit
        result["path"] = inside(result["path"])
        if result["path"] in known:
            take_away(result["path"])
        if _record(db, result, version, failed_before):
            built += 1
        else:
            failed += 1
        pending += 1
        if pending >= BATCH_DOCUMENTS or time.monotonic() - last_commit > BATCH_SECONDS:
            db.conn.commit()
            pending, last_commit = 0, time.monotonic()

    for result in results:
        write(result)
    while regroup:  # a copy of the same document may go in its turn: until none is left
        again = [_from_text(copy, crawl_by_url) for copy in regroup]
        regroup.clear()
        for result in run(again, worker=process_parsed):
            write(result)
    db.conn.execute("DELETE FROM parsed_texts WHERE parse_version != ? OR sha256 NOT IN "
                    "(SELECT sha256 FROM sources WHERE sha256 IS NOT NULL)", [parse_version()])
    db.conn.commit()
    links.link_citations(db)
    links.link_news(db)
    if built >= max(1000, len(known) // 10):
        search.optimize(db)  # a small update leaves it to FTS5's own background merging
    db.conn.commit()
    db.conn.execute("PRAGMA journal_mode = DELETE")
    return {"files": len(files), "crawled": len(paths_now) - len(files), "extracted": built, "unchanged": unchanged,
            "failed": failed + still_failing, "removed": removed, "parse_reused": len(reparse_free),
            "documents": db.conn.execute("SELECT count(*) FROM documents").fetchone()[0],
            "grouping_s": round(grouping.spent["seconds"], 2)}


def _record(db: sqlite_utils.Database, result: dict[str, Any], version: str,
            failed_before: dict[str, Any]) -> bool:
    """Write one processed copy, or the reason it failed; whether it was written."""
    path = result["path"]
    if "error" in result:
        db.conn.execute("INSERT OR REPLACE INTO failures (path, sha256, extractor_version, reason, at) "
                        "VALUES (?, ?, ?, ?, ?)", [path, result.get("sha256"), version, result["error"],
                                                   dt.datetime.now(dt.UTC).isoformat(timespec="seconds")])
        return False
    if path in failed_before:  # it failed before and reads now
        db.conn.execute("DELETE FROM failures WHERE path = ?", [path])
    add_copy(db, result, version=version)
    if result.get("parsed"):
        db.conn.execute("INSERT OR REPLACE INTO parsed_texts (sha256, parse_version, parsed) VALUES (?, ?, ?)",
                        [result["sha256"], parse_version(), json.dumps(result["parsed"], ensure_ascii=False)])
    return True


def _from_text(copy: dict[str, Any], crawl_by_url: dict[str, dict[str, Any]]) -> dict[str, Any]:
    """A copy to extract again from the text it was read as (no PDF read again)."""
    parsed = {"text": copy["text"], "original": copy["original"], "format": copy["format"], "title": copy["title"],
              "published": copy["published"], "pages": copy["pages"], "ocr_pages": copy["ocr_pages"] or 0,
              "ocr_confidence": copy["ocr_confidence"], "warnings": [copy["notes"]] if copy["notes"] else []}
    item = {"path": copy["path"], "sha256": copy["sha256"], "size_bytes": copy["size_bytes"],
            "mtime_ns": copy["mtime_ns"], "parsed": parsed}
    if copy["url"] in crawl_by_url:
        item["crawl"] = crawl_by_url[copy["url"]]
    return item


def _same_file(db: sqlite_utils.Database, path: str, row: dict[str, Any]) -> bool:
    """Whether the file still holds the bytes the row was extracted from: same size and
    modification time (as make and git decide), else same hash; a file touched but not
    changed gets its new time recorded, so it is not hashed again."""
    stat = os.stat(path)
    if stat.st_size != row["size_bytes"]:
        return False
    if stat.st_mtime_ns == row["file_mtime_ns"]:
        return True
    if _file_sha256(path) != row["sha256"]:
        return False
    db.conn.execute("UPDATE sources SET file_mtime_ns = ? WHERE id = ?", [stat.st_mtime_ns, row["id"]])
    return True


def _file_sha256(path: str) -> str | None:
    try:
        return sha256(Path(path).read_bytes())
    except OSError:
        return None


def _resumable(tmp_path: Path, db_path: Path) -> bool:
    """Whether a killed build's copy can be resumed: readable, of this schema, and not
    older than the database (else a later build completed and it is stale)."""
    if not tmp_path.exists():
        return False
    if db_path.exists() and db_path.stat().st_mtime_ns > tmp_path.stat().st_mtime_ns:
        return False
    conn = sqlite3.connect(tmp_path)  # rolls back the killed run's unfinished transaction
    try:
        return (schema.version(conn) == schema.SCHEMA_VERSION
                and conn.execute("PRAGMA quick_check").fetchone()[0] == "ok")
    except sqlite3.DatabaseError:
        return False
    finally:
        conn.close()


def _check_integrity(path: Path) -> None:
    """The b-trees whole before the copy replaces the database. quick_check, not
    integrity_check: it skips comparing every index with its table (a third of an
    incremental rebuild at 100,000 documents); `ocop check` runs the full one."""
    conn = sqlite3.connect(path)
    try:
        (status,) = conn.execute("PRAGMA quick_check").fetchone()
    finally:
        conn.close()
    if status != "ok":
        raise RuntimeError(f"database integrity check failed: {status}")
