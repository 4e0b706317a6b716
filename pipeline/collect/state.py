"""Crawl state in SQLite, beside the documents it will become (`ocop crawl --db` and
`ocop build --db` share the file).

- `crawl_queue`: the frontier and what became of each URL (queued, done, failed, deferred, skipped).
- `fetches`: every response kept, with where its bytes are in the WARC archive.
- `crawled_documents`: each document a crawl found, one row per version (a changed
  document gets a new row; the old one stays), with the metadata its page states and
  when it was first and last seen, and when it disappeared.
- `crawl_runs`: one row per run, with its summary.

Every page is committed in one transaction (its fetch, its new links, its documents, its
queue state), so a crawl killed at any moment resumes with nothing lost or counted twice:
a URL whose transaction did not commit is still queued and is fetched again.
"""
from __future__ import annotations

import datetime as dt
import json
import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

SCHEMA = """
CREATE TABLE IF NOT EXISTS crawl_runs (
    id INTEGER PRIMARY KEY, source TEXT NOT NULL, started_at TEXT NOT NULL, finished_at TEXT,
    summary TEXT
);
CREATE TABLE IF NOT EXISTS crawl_queue (
    source TEXT NOT NULL, url TEXT NOT NULL, kind TEXT NOT NULL, depth INTEGER NOT NULL,
    via TEXT, metadata TEXT, state TEXT NOT NULL DEFAULT 'queued', reason TEXT, run_id INTEGER,
    added_at TEXT NOT NULL,
    done_at TEXT, PRIMARY KEY (source, url)
);
CREATE INDEX IF NOT EXISTS crawl_queue_state ON crawl_queue (source, state);
CREATE TABLE IF NOT EXISTS fetches (
    id INTEGER PRIMARY KEY, run_id INTEGER, url TEXT NOT NULL, final_url TEXT, status INTEGER,
    content_type TEXT, fetched_at TEXT NOT NULL, sha256 TEXT, size_bytes INTEGER,
    warc_file TEXT, warc_offset INTEGER, not_modified INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX IF NOT EXISTS fetches_url ON fetches (url);
CREATE TABLE IF NOT EXISTS crawled_documents (
    id INTEGER PRIMARY KEY, source TEXT NOT NULL, url TEXT NOT NULL, version INTEGER NOT NULL,
    sha256 TEXT NOT NULL, fetch_id INTEGER NOT NULL REFERENCES fetches(id), content_type TEXT,
    page_metadata TEXT, first_seen TEXT NOT NULL, last_seen TEXT NOT NULL, removed_at TEXT,
    UNIQUE (url, sha256)
);
"""


def now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


class CrawlState:
    def __init__(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self.conn = sqlite3.connect(path, check_same_thread=False, isolation_level=None)
        self.conn.row_factory = sqlite3.Row
        self.conn.execute("PRAGMA journal_mode = WAL")  # a killed writer leaves the file consistent
        self.conn.executescript(SCHEMA)
        self.lock = threading.RLock()

    def close(self) -> None:
        self.conn.close()

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        with self.lock:
            self.conn.execute("BEGIN IMMEDIATE")
            try:
                yield self.conn
            except BaseException:
                self.conn.execute("ROLLBACK")
                raise
            self.conn.execute("COMMIT")

    # -- runs
    def open_run(self, source: str, seeds: list[tuple[str, str]]) -> tuple[int, bool]:
        """The run to work on: the unfinished one of `source` (resumed), else a new one whose
        frontier is the seeds plus every URL the last run reached (a re-crawl). Returns
        (run id, resumed?)."""
        with self.transaction() as db:
            row = db.execute("SELECT id FROM crawl_runs WHERE source = ? AND finished_at IS NULL "
                             "ORDER BY id DESC LIMIT 1", [source]).fetchone()
            if row:
                return row["id"], True
            run_id = db.execute("INSERT INTO crawl_runs (source, started_at) VALUES (?, ?)",
                                [source, now()]).lastrowid
            db.execute("UPDATE crawl_queue SET state = 'queued', reason = NULL, run_id = ? "
                       "WHERE source = ? AND state != 'skipped'", [run_id, source])
            for url, kind in seeds:
                self._enqueue(db, source, url, kind, 0, None, run_id)
            return run_id, False

    def finish_run(self, run_id: int, source: str, summary: dict[str, Any], remove: bool = True) -> int:
        """Close the run; documents of the source that it did not see again are marked removed
        (their number is returned), unless `remove` is false (a run that met drift)."""
        with self.transaction() as db:
            started = db.execute("SELECT started_at FROM crawl_runs WHERE id = ?", [run_id]).fetchone()[0]
            removed = db.execute(
                "UPDATE crawled_documents SET removed_at = ? WHERE source = ? AND removed_at IS NULL "
                "AND last_seen < ? AND id IN (SELECT max(id) FROM crawled_documents GROUP BY url)",
                [now(), source, started]).rowcount if remove else 0
            summary["documents_removed"] = removed
            db.execute("UPDATE crawl_runs SET finished_at = ?, summary = ? WHERE id = ?",
                       [now(), json.dumps(summary, ensure_ascii=False), run_id])
        return removed

    # -- the frontier
    @staticmethod
    def _enqueue(db: sqlite3.Connection, source: str, url: str, kind: str, depth: int, via: str | None,
                 run_id: int, metadata: dict[str, Any] | None = None) -> None:
        # A URL queued again keeps its place; what the second page states about it joins what
        # the first did, while it waits (a listing's row, then its detail page's properties).
        db.execute("INSERT INTO crawl_queue (source, url, kind, depth, via, metadata, run_id, added_at) "
                   "VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (source, url) DO UPDATE SET "
                   "metadata = json_patch(coalesce(crawl_queue.metadata, '{}'), excluded.metadata) "
                   "WHERE excluded.metadata IS NOT NULL AND crawl_queue.state = 'queued'",
                   [source, url, kind, depth, via, json.dumps(metadata, ensure_ascii=False) if metadata else None,
                    run_id, now()])

    def next_batch(self, source: str, limit: int) -> list[sqlite3.Row]:
        with self.lock:
            return self.conn.execute(
                "SELECT url, kind, depth FROM crawl_queue WHERE source = ? AND state = 'queued' "
                "ORDER BY depth, rowid LIMIT ?", [source, limit]).fetchall()

    def record_page(self, *, source: str, run_id: int, url: str, state: str, reason: str | None = None,
                    fetch: dict[str, Any] | None = None, links: list[tuple[str, str, int, dict | None]] = (),
                    document: dict[str, Any] | None = None) -> str | None:
        """Everything learnt from one URL, committed at once. Returns what happened to the
        document, if there was one: 'new', 'changed', 'unchanged'."""
        outcome = None
        with self.transaction() as db:
            fetch_id = None
            if fetch is not None:
                fetch_id = db.execute(
                    "INSERT INTO fetches (run_id, url, final_url, status, content_type, fetched_at, sha256, "
                    "size_bytes, warc_file, warc_offset, not_modified) VALUES (?,?,?,?,?,?,?,?,?,?,?)",
                    [run_id, url, fetch["final_url"], fetch["status"], fetch["content_type"], fetch["fetched_at"],
                     fetch["sha256"], fetch["size_bytes"], fetch["warc_file"], fetch["warc_offset"],
                     int(fetch["not_modified"])]).lastrowid
            for link, kind, depth, metadata in links:
                self._enqueue(db, source, link, kind, depth, url, run_id, metadata)
            if document is not None and fetch is not None:
                outcome = self._document(db, source, url, fetch, fetch_id, document)
            db.execute("UPDATE crawl_queue SET state = ?, reason = ?, done_at = ? WHERE source = ? AND url = ?",
                       [state, reason, now(), source, url])
        return outcome

    @staticmethod
    def _document(db: sqlite3.Connection, source: str, url: str, fetch: dict[str, Any], fetch_id: int,
                  document: dict[str, Any]) -> str:
        seen = now()
        latest = db.execute("SELECT id, sha256, version FROM crawled_documents WHERE url = ? ORDER BY version DESC "
                            "LIMIT 1", [url]).fetchone()
        if latest is not None and (fetch["not_modified"] or latest["sha256"] == fetch["sha256"]):
            db.execute("UPDATE crawled_documents SET last_seen = ?, removed_at = NULL WHERE id = ?",
                       [seen, latest["id"]])
            return "unchanged"
        db.execute(
            "INSERT INTO crawled_documents (source, url, version, sha256, fetch_id, content_type, page_metadata, "
            "first_seen, last_seen) VALUES (?,?,?,?,?,?,?,?,?)",
            [source, url, (latest["version"] + 1) if latest else 1, fetch["sha256"], fetch_id, fetch["content_type"],
             json.dumps(document.get("metadata") or {}, ensure_ascii=False), seen, seen])
        return "changed" if latest is not None else "new"
