"""Walks a site with an adapter: fetch (politely), archive, follow links, keep documents.

The frontier is breadth-first and bounded: a depth limit, a page limit per run, and a
limit on the variants of one path that differ only in their query (`?date=...` of a
calendar, `?page=...` without end), which is how crawlers escape traps.
"""
from __future__ import annotations

import datetime as dt
import json
import threading
import urllib.parse
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bs4 import BeautifulSoup

from .adapters.base import Adapter, Drift
from .adapters.structured import legislation
from .archive import Archive
from .fetch import Fetched, Fetcher, FetchError, allowed
from .state import CrawlState

MAX_DEPTH = 8
MAX_VARIANTS = 25  # URLs of one path that differ only by their query
HTML_TYPES = ("text/html", "application/xhtml+xml")
POSTBACK = "#postback="


@dataclass
class Summary:
    source: str
    run_id: int
    resumed: bool
    pages: int = 0
    documents_new: int = 0
    documents_changed: int = 0
    documents_unchanged: int = 0
    documents_removed: int = 0
    attachments: int = 0
    finished: bool = False
    errors: Counter = field(default_factory=Counter)
    drift: Counter = field(default_factory=Counter)  # pages that lack what the adapter expects, by case
    seconds: float = 0.0

    def as_dict(self) -> dict[str, Any]:
        return {"source": self.source, "run_id": self.run_id, "resumed": self.resumed, "pages": self.pages,
                "documents_new": self.documents_new, "documents_changed": self.documents_changed,
                "documents_unchanged": self.documents_unchanged, "documents_removed": self.documents_removed,
                "attachments": self.attachments, "finished": self.finished,
                "errors": dict(self.errors), "drift": dict(self.drift), "seconds": round(self.seconds, 2)}


class Crawler:
    def __init__(self, adapter: Adapter, state: CrawlState, archive_dir: Path, fetcher: Fetcher, *,
                 max_pages: int | None = None, max_depth: int = MAX_DEPTH, parallel: int = 4) -> None:
        self.adapter = adapter
        self.state = state
        self.archive_dir = archive_dir
        self.fetcher = fetcher
        self.max_pages = max_pages
        self.max_depth = max_depth
        self.parallel = parallel
        self._lock = threading.Lock()  # the summary and the trap counts are shared by the worker threads

    def run(self, progress=None) -> Summary:  # noqa: ANN001 - a tqdm-like factory, or None
        started = dt.datetime.now(dt.UTC)
        source = self.adapter.name
        seeds = [(url, "page") for url in self.adapter.start_urls()]
        run_id, resumed = self.state.open_run(source, seeds)
        summary = Summary(source, run_id, resumed)
        archive = Archive(self.archive_dir, f"{source}-run{run_id}")
        variants = self._variants_so_far(source)
        bar = progress(total=self.max_pages, desc=f"crawl {source}", unit="url") if progress else None
        done = 0
        # One request in flight per host (the limiter spaces them), several hosts at once.
        with ThreadPoolExecutor(max_workers=self.parallel) as pool:
            while self.max_pages is None or done < self.max_pages:
                room = self.parallel if self.max_pages is None else min(self.parallel, self.max_pages - done)
                picked = _one_per_host(self.state.next_batch(source, 200), room)
                if not picked:
                    break
                list(pool.map(lambda row: self._visit(row["url"], row["kind"], row["depth"], run_id, archive,
                                                      summary, variants), picked))
                done += len(picked)
                if bar is not None:
                    bar.update(len(picked))
        if bar is not None:
            bar.close()
        summary.seconds = (dt.datetime.now(dt.UTC) - started).total_seconds()
        if not self.state.next_batch(source, 1):  # the frontier is empty: the run is complete
            summary.finished = True
            # a page the adapter could not read may hide documents still there: none is marked removed
            summary.documents_removed = self.state.finish_run(run_id, source, summary.as_dict(),
                                                              remove=not summary.drift)
        return summary

    def _variants_so_far(self, source: str) -> Counter:
        counts: Counter = Counter()
        with self.state.lock:
            for (url,) in self.state.conn.execute("SELECT url FROM crawl_queue WHERE source = ?", [source]):
                counts[self.adapter.variant_key(url)] += 1
        return counts

    def _visit(self, url: str, kind: str, depth: int, run_id: int, archive: Archive, summary: Summary,
               variants: Counter) -> None:
        source = self.adapter.name
        # A postback's queue entry is its URL marked with the event it posts (`#postback=Page$2`),
        # its form's fields kept beside it; the request goes to the URL itself.
        request_url, form = url, None
        if POSTBACK in url:
            request_url, form = url.split("#", 1)[0], self._queued(url).get("form")
        try:
            fetched = self.fetcher.get(request_url, form=form)
        except FetchError as err:
            with self._lock:
                summary.errors[err.kind] += 1
            # A deferred URL (the server asked to wait for hours) is asked again by the next run.
            state = "deferred" if err.kind == "deferred" else "failed"
            self.state.record_page(source=source, run_id=run_id, url=url, state=state, reason=str(err))
            return
        fetch = self._archive(fetched, archive)
        with self._lock:
            summary.pages += 1
        links: list[tuple[str, str, int, dict | None]] = []
        document: dict[str, Any] | None = None
        if fetched.content_type in HTML_TYPES or (not fetched.content_type and fetched.body.lstrip()[:1] == b"<"):
            soup = BeautifulSoup(fetched.body, "lxml")
            try:
                metadata = self.adapter.document(fetched.final_url, soup)
                found = self.adapter.links(fetched.final_url, soup) if depth < self.max_depth else []
            except Drift as drift:
                with self._lock:
                    summary.drift[str(drift)] += 1
                self.state.record_page(source=source, run_id=run_id, url=url, state="drift", fetch=fetch,
                                       reason=f"drift: {drift}")
                return
            if metadata is not None:
                # what the page states in schema.org structured data, where its adapter read nothing
                document = {"metadata": {**legislation(soup), **metadata}}
            for link in found:
                if not allowed(link.url, self.fetcher.domains) or len(link.url) > 500:
                    continue
                queued, stated = link.url, link.metadata
                if link.form is not None:  # one queue entry a postback event, its form kept with it
                    event = link.form.get("__EVENTARGUMENT") or link.form.get("__EVENTTARGET") or ""
                    queued = f"{link.url}{POSTBACK}{urllib.parse.quote(event)}"
                    stated = {**(link.metadata or {}), "form": link.form}
                # the queued URL, so that each page of a postback listing is its own variant
                key = self.adapter.variant_key(queued)
                with self._lock:
                    if variants[key] >= MAX_VARIANTS:
                        continue  # a trap: ever more query variants of one path
                    variants[key] += 1
                links.append((queued, link.kind, depth + 1, stated))
        elif kind == "attachment" or fetched.content_type in ("application/pdf", "application/msword") \
                or "officedocument" in fetched.content_type:
            via, stated = self._linking_page(url)
            document = {"metadata": {**stated, "attachment_of": via}}
            with self._lock:
                summary.attachments += 1
        outcome = self.state.record_page(source=source, run_id=run_id, url=url, state="done", fetch=fetch,
                                         links=links, document=document)
        if outcome:
            with self._lock:
                setattr(summary, f"documents_{outcome}", getattr(summary, f"documents_{outcome}") + 1)

    def _archive(self, fetched: Fetched, archive: Archive) -> dict[str, Any]:
        """Archive the response before anything reads it, unless the archive already holds
        these very bytes for this URL (a 304, or an unchanged body)."""
        sha = fetched.sha256
        with self.state.lock:
            previous = self.state.conn.execute(
                "SELECT warc_file, warc_offset FROM fetches WHERE url = ? AND sha256 = ? AND warc_file IS NOT NULL "
                "ORDER BY id DESC LIMIT 1", [fetched.url, sha]).fetchone()
        fetched_at = dt.datetime.now(dt.UTC)
        if previous:
            warc_file, offset = previous["warc_file"], previous["warc_offset"]
        else:
            offset = archive.write(fetched.final_url, fetched.status, fetched.headers, fetched.body, fetched_at)
            warc_file = archive.path.name
        return {"final_url": fetched.final_url, "status": fetched.status, "content_type": fetched.content_type,
                "fetched_at": fetched_at.isoformat(timespec="seconds"), "sha256": sha,
                "size_bytes": len(fetched.body), "warc_file": warc_file, "warc_offset": offset,
                "not_modified": fetched.from_cache or previous is not None}

    def _queued(self, url: str) -> dict[str, Any]:
        """What was queued with a URL (a postback's form)."""
        with self.state.lock:
            row = self.state.conn.execute("SELECT metadata FROM crawl_queue WHERE source = ? AND url = ?",
                                          [self.adapter.name, url]).fetchone()
        return json.loads(row["metadata"]) if row and row["metadata"] else {}

    def _linking_page(self, url: str) -> tuple[str | None, dict[str, Any]]:
        """The page that linked an attachment, and what it stated about it."""
        with self.state.lock:
            row = self.state.conn.execute("SELECT via, metadata FROM crawl_queue WHERE source = ? AND url = ?",
                                          [self.adapter.name, url]).fetchone()
        if row is None:
            return None, {}
        return row["via"], json.loads(row["metadata"]) if row["metadata"] else {}


def _one_per_host(rows: list, limit: int) -> list:
    """Up to `limit` queued rows, no two of the same host."""
    picked, hosts = [], set()
    for row in rows:
        host = urllib.parse.urlsplit(row["url"]).netloc
        if host not in hosts:
            picked.append(row)
            hosts.add(host)
        if len(picked) >= limit:
            break
    return picked
