"""The generic crawler against a fixture portal served on 127.0.0.1: politeness, faults,
the WARC archive, kill-and-resume and re-crawls."""
from __future__ import annotations

import io
import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
import urllib.parse
from pathlib import Path

import pytest
from fixture_sites import CORPUS, SITES, FixtureSite

from pipeline.collect.adapters import generic
from pipeline.collect.archive import read_record
from pipeline.collect.crawl import Crawler
from pipeline.collect.fetch import Fetcher
from pipeline.collect.state import CrawlState


def docx_bytes() -> bytes:
    import docx

    document = docx.Document()
    document.add_paragraph("Phụ lục: danh sách sản phẩm OCOP dự kiến năm 2024")
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


FILES = {"ke-hoach-85-kh-ubnd.pdf": (CORPUS / "kh_bang_16_ben_tre.pdf").read_bytes(),
         "chuong-trinh-le-hoi.pdf": (CORPUS / "qd_13_ben_tre.pdf").read_bytes()}


@pytest.fixture()
def portal():
    with FixtureSite(SITES / "portal", files={**FILES, "phu-luc.docx": docx_bytes()}, max_body=100_000) as site:
        yield site


def crawl(site: FixtureSite, db: Path, **kwargs) -> dict:
    fetcher = Fetcher(["127.0.0.1"], rate=50, retries=2, backoff=0.1, max_bytes=100_000, timeout=(2, 1),
                      cache_path=db.parent / "http_cache.sqlite", allow_private=True)
    state = CrawlState(db)
    try:
        return Crawler(generic(site.url + "/"), state, db.parent / "archive", fetcher, **kwargs).run().as_dict()
    finally:
        fetcher.close()
        state.close()


def rows(db: Path, sql: str) -> list[tuple]:
    with sqlite3.connect(db) as conn:
        return conn.execute(sql).fetchall()


def test_a_crawl_keeps_the_ocop_documents_and_records_every_fault(portal: FixtureSite, tmp_path: Path) -> None:
    db = tmp_path / "ocop.db"
    summary = crawl(portal, db)
    documents = sorted(url.split("/", 3)[3] for (url,) in rows(db, "SELECT url FROM crawled_documents"))
    assert documents == ["files/ke-hoach-85-kh-ubnd.pdf", "files/phu-luc.docx", "tin-tuc/ocop-2024.html",
                         "tin-tuc/ocop-sam.html"]
    assert summary["documents_new"] == 4 and summary["attachments"] == 2
    # each fault is recorded with its kind; 429 was retried after Retry-After and then served
    assert summary["errors"] == {"HTTP 500": 1, "timeout": 1, "connection": 1, "truncated": 1,
                                 "redirect loop": 1, "off-domain": 1, "too large": 1, "robots.txt": 1}
    assert summary["finished"]
    assert portal.hits["/faults/429"] == 2
    # robots.txt obeyed, the calendar trap bounded, nothing fetched twice
    assert "/private/noi-bo.html" not in portal.requests
    assert 5 <= sum(1 for p in portal.requests if p.startswith("/lich/")) <= 30
    assert rows(db, "SELECT count(*) FROM fetches")[0][0] == rows(db, "SELECT count(DISTINCT url) FROM fetches")[0][0]
    failed = dict(rows(db, "SELECT url, reason FROM crawl_queue WHERE state = 'failed'"))
    assert failed[portal.url + "/faults/offsite"].startswith("off the allowed domains: http://offsite.invalid/")


def test_every_response_is_archived_in_warc_and_reads_back(portal: FixtureSite, tmp_path: Path) -> None:
    db = tmp_path / "ocop.db"
    crawl(portal, db)
    for url, warc_file, offset, sha in rows(db, "SELECT f.url, f.warc_file, f.warc_offset, f.sha256 FROM fetches f "
                                                "JOIN crawled_documents d ON d.fetch_id = f.id"):
        target, headers, body = read_record(tmp_path / "archive" / warc_file, offset)
        import hashlib

        assert target == url and hashlib.sha256(body).hexdigest() == sha
        assert int(headers["Content-Length"]) == len(body)
        assert "Set-Cookie" not in headers  # a site's session cookie is not kept


def test_a_recrawl_finds_new_changed_and_removed_documents(portal: FixtureSite, tmp_path: Path) -> None:
    db = tmp_path / "ocop.db"
    crawl(portal, db)
    before = len(portal.requests)
    changed = (SITES / "portal" / "tin-tuc" / "ocop-2024.html").read_bytes().replace(b"30 s", b"35 s")
    portal.pages["/tin-tuc/ocop-2024.html"] = changed
    portal.pages["/tin-tuc/ocop-sam.html"] = None  # removed
    summary = crawl(portal, db)
    assert summary["documents_changed"] == 1 and summary["documents_removed"] == 1
    versions = rows(db, "SELECT version FROM crawled_documents WHERE url LIKE '%ocop-2024.html' ORDER BY version")
    assert versions == [(1,), (2,)]  # the old version is kept
    assert rows(db, "SELECT removed_at IS NOT NULL FROM crawled_documents WHERE url LIKE '%ocop-sam.html'") == [(1,)]
    assert len(portal.requests) > before
    # unchanged pages were asked for with their ETag and answered 304, not sent again
    assert portal.revalidated >= 3 and summary["documents_unchanged"] >= 2


@pytest.mark.parametrize("kill_after", [2, 8])
def test_a_killed_crawl_resumes_with_nothing_lost_or_twice(portal: FixtureSite, tmp_path: Path,
                                                          kill_after: int) -> None:
    db = tmp_path / "ocop.db"
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parent.parent)}
    command = [sys.executable, "-m", "pipeline", "crawl", "--start", portal.url + "/", "--allow", "127.0.0.1",
               "--rate", "3", "--allow-private", "--db", str(db)]
    process = subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        time.sleep(0.2)
        if db.exists() and rows(db, "SELECT count(*) FROM crawl_queue WHERE state != 'queued'")[0][0] >= kill_after:
            break
    process.send_signal(signal.SIGKILL)
    process.wait()
    done_before = rows(db, "SELECT count(*) FROM crawl_queue WHERE state != 'queued'")[0][0]
    assert rows(db, "SELECT count(*) FROM crawl_queue WHERE state = 'queued'")[0][0] > 0, "killed too late"
    resumed = subprocess.run(command, env=env, capture_output=True, timeout=120, check=True)
    assert b'"resumed": true' in resumed.stdout
    assert rows(db, "SELECT count(*) FROM crawl_queue WHERE state = 'queued'") == [(0,)]
    assert rows(db, "SELECT count(*) FROM crawl_queue WHERE state != 'queued'")[0][0] > done_before
    documents = [url for (url,) in rows(db, "SELECT url FROM crawled_documents")]
    assert len(documents) == len(set(documents)) == 4


def test_build_turns_the_crawled_documents_into_rows_with_their_provenance(portal: FixtureSite, tmp_path: Path) -> None:
    from pipeline.store import build

    db = tmp_path / "ocop.db"
    crawl(portal, db)
    requests_before = len(portal.requests)
    empty = tmp_path / "no-files"
    empty.mkdir()
    counts = build(empty, db, jobs=1)
    assert counts["crawled"] == 4 and counts["failed"] == 0
    assert len(portal.requests) == requests_before  # re-parsed from the archive, never re-fetched
    found = rows(db, "SELECT s.url, s.fetched_at, s.sha256, f.sha256, s.format FROM sources s "
                     "JOIN crawled_documents c ON c.url = s.url JOIN fetches f ON f.id = c.fetch_id ORDER BY s.url")
    assert [r[4] for r in found] == ["pdf", "docx", "html", "html"]
    assert all(r[1] and r[2] == r[3] for r in found)  # fetch time and the raw bytes' hash
    (number,) = rows(db, "SELECT c.number FROM citations c JOIN documents d ON d.id = c.document_id "
                         "WHERE d.url LIKE '%ocop-2024.html'")[0]
    assert number == "85/KH-UBND"
    # the crawl's own tables survive the build
    assert rows(db, "SELECT count(*) FROM crawled_documents")[0][0] == 4
    # built again with nothing changed: nothing re-extracted
    assert build(empty, db, jobs=1)["unchanged"] == 4


def test_the_crawler_refuses_private_addresses_unless_told(portal: FixtureSite, tmp_path: Path) -> None:
    from pipeline.collect.fetch import FetchError

    fetcher = Fetcher(["127.0.0.1"], rate=50)
    with pytest.raises(FetchError, match="private address"):
        fetcher.get(portal.url + "/")
    assert portal.requests == []  # not even robots.txt was asked for
    fetcher.close()


def test_a_crawl_refused_a_private_address_says_how_to_allow_it(portal: FixtureSite, tmp_path: Path) -> None:
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parent.parent)}
    result = subprocess.run([sys.executable, "-m", "pipeline", "crawl", "--start", portal.url + "/",
                             "--db", str(tmp_path / "ocop.db")], env=env, capture_output=True, text=True, timeout=60)
    assert '"private address": 1' in result.stdout
    assert "--allow-private" in result.stderr and portal.requests == []


def test_a_server_that_dies_mid_crawl_and_comes_back(tmp_path: Path) -> None:
    """The crawl goes on when the site goes down (each failure recorded with its reason);
    the next run retries what failed and nothing already collected is lost."""
    import threading

    files = {**FILES, "phu-luc.docx": docx_bytes()}
    db = tmp_path / "ocop.db"
    site = FixtureSite(SITES / "portal", files=files, max_body=100_000)
    port = site.server.server_address[1]
    with site:
        # the site goes away after a few requests
        def stop_after_a_while() -> None:
            while len(site.requests) < 6:
                time.sleep(0.01)
            site.server.shutdown()
            site.server.server_close()

        stopper = threading.Thread(target=stop_after_a_while)
        stopper.start()
        first = crawl(site, db)
        stopper.join()
    assert first["errors"].get("connection", 0) > 0 and first["finished"]
    kept = rows(db, "SELECT url FROM crawled_documents")
    with FixtureSite(SITES / "portal", files=files, max_body=100_000, port=port) as again:
        second = crawl(again, db)
    assert set(kept) <= set(rows(db, "SELECT url FROM crawled_documents"))  # nothing lost
    documents = sorted(url.split("/", 3)[3] for (url,) in rows(db, "SELECT url FROM crawled_documents"))
    assert documents == ["files/ke-hoach-85-kh-ubnd.pdf", "files/phu-luc.docx", "tin-tuc/ocop-2024.html",
                         "tin-tuc/ocop-sam.html"]
    assert second["errors"].get("connection", 0) <= 1  # only the fault site's own reset


def test_a_server_asking_to_wait_for_hours_is_deferred_and_the_crawl_goes_on(tmp_path: Path) -> None:
    """`Retry-After: 7200` is not slept through: the URL is recorded as deferred at once, the
    same server's next URLs too (without asking it), another server's pages are fetched, and
    the next run asks for the deferred ones again."""
    with FixtureSite(tmp_path) as other, FixtureSite(tmp_path) as busy:
        other.pages["/tin-1.html"] = b"<html><body><article><h1>Tin</h1><p>OCOP.</p></article></body></html>"
        busy.pages["/"] = (f'<html><body><a href="/faults/busy-for-hours">Văn bản</a> <a href="/tin-2.html">Tin</a> '
                           f'<a href="{other.url}/tin-1.html">Tin khác</a></body></html>').encode()
        busy.pages["/tin-2.html"] = other.pages["/tin-1.html"]
        db = tmp_path / "ocop.db"
        started = time.monotonic()
        summary = crawl(busy, db)
        assert time.monotonic() - started < 30
        assert summary["errors"].get("deferred", 0) >= 1
        states = dict(rows(db, "SELECT url, state FROM crawl_queue"))
        assert states[busy.url + "/faults/busy-for-hours"] == "deferred"
        assert states[other.url + "/tin-1.html"] == "done"
        assert busy.hits["/faults/busy-for-hours"] == 1  # asked once, not retried into the wait
        (reason,) = rows(db, "SELECT reason FROM crawl_queue WHERE url LIKE '%busy-for-hours'")[0]
        assert "Retry-After" in reason and "120 minutes" in reason
        # the next run asks again
        crawl(busy, db)
        assert busy.hits["/faults/busy-for-hours"] == 2


def test_a_sharepoint_lists_items_about_ocop_are_documents_and_their_attachments_followed(tmp_path: Path) -> None:
    files = {"/Lists/VanBan/Attachments/12/KH45.pdf": (CORPUS / "kh_02_quang_nam.pdf").read_bytes(),
             "/Lists/VanBan/Attachments/13/CV46.pdf": (CORPUS / "qd_13_ben_tre.pdf").read_bytes()}
    with FixtureSite(SITES / "sharepoint", files=files) as site:
        summary = crawl(site, tmp_path / "ocop.db")
        requests = list(site.requests)
    assert summary["errors"] == {} and summary["finished"]
    found = {urllib.parse.urlsplit(u).path + ("?ID=" + urllib.parse.parse_qs(urllib.parse.urlsplit(u).query)["ID"][0]
                                              if "DispForm" in u else ""): json.loads(m)
             for u, m in rows(tmp_path / "ocop.db", "SELECT url, page_metadata FROM crawled_documents")}
    assert set(found) == {"/Lists/VanBan/DispForm.aspx?ID=12", "/Lists/VanBan/Attachments/12/KH45.pdf"}
    item = found["/Lists/VanBan/DispForm.aspx?ID=12"]
    assert (item["number"], item["date"], item["list"], item["item_id"]) == ("45/KH-SNN", "2024-03-05", "VanBan", "12")
    assert "/Lists/VanBan/Attachments/13/CV46.pdf" not in requests  # an item not about OCOP: its file left alone
