"""`ocop check`: the invariants a built database must hold, checked one by one.

Each check returns the problems it found (a few examples and a count); the command prints
them and exits non-zero when any check fails. Meant to run after a build, after a crash,
or before publishing.
"""
from __future__ import annotations

import hashlib
import sqlite3
from collections.abc import Callable
from pathlib import Path

Check = Callable[[sqlite3.Connection, Path], list[str]]
EXAMPLES = 5


def _integrity(conn: sqlite3.Connection, _: Path) -> list[str]:
    status = conn.execute("PRAGMA integrity_check").fetchone()[0]
    return [] if status == "ok" else [f"integrity_check: {status}"]


def _foreign_keys(conn: sqlite3.Connection, _: Path) -> list[str]:
    rows = conn.execute("PRAGMA foreign_key_check").fetchall()
    return [f"{table} row {rowid} points at a missing {parent}" for table, rowid, parent, _ in rows[:EXAMPLES]] + (
        [f"... {len(rows)} rows in all"] if len(rows) > EXAMPLES else [])


def _orphans(conn: sqlite3.Connection, _: Path) -> list[str]:
    out = []
    for table in ("targets", "citations", "spans", "document_issuers", "document_provinces", "sources",
                  "metadata_disagreements"):
        sql = f"SELECT count(*) FROM [{table}] WHERE document_id NOT IN (SELECT id FROM documents)"
        n = conn.execute(sql).fetchone()[0]
        if n:
            out.append(f"{n} {table} rows belong to no document")
    return out


def _spans_inside_text(conn: sqlite3.Connection, _: Path) -> list[str]:
    bad = []
    for doc_id, text in conn.execute("SELECT document_id, text FROM document_texts"):
        size = len(text or "")
        for span_id, start, end, span_text in conn.execute(
                "SELECT id, start, [end], text FROM spans WHERE document_id = ?", [doc_id]):
            if not (0 <= start <= end <= size) or (text or "")[start:end] != span_text:
                bad.append(f"span {span_id} of document {doc_id} is not its text's [{start}:{end}]")
        for target_id, start, end in conn.execute(
                "SELECT id, span_start, span_end FROM targets WHERE document_id = ?", [doc_id]):
            if start is not None and not (0 <= start <= end <= size):
                bad.append(f"target {target_id} of document {doc_id} lies outside its text")
    return bad[:EXAMPLES] + ([f"... {len(bad)} in all"] if len(bad) > EXAMPLES else [])


def _archived_hashes(conn: sqlite3.Connection, db_path: Path) -> list[str]:
    """Every crawled document's hash is the hash of the raw response archived for it."""
    if not conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'crawled_documents'").fetchone():
        return []
    from .collect.archive import read_record

    bad = []
    rows = conn.execute("SELECT s.url, s.sha256, f.warc_file, f.warc_offset FROM sources s "
                        "JOIN crawled_documents c ON c.url = s.url AND c.sha256 = s.sha256 "
                        "JOIN fetches f ON f.id = c.fetch_id").fetchall()
    for url, sha, warc_file, offset in rows:
        try:
            _, _, body = read_record(db_path.parent / "archive" / warc_file, offset)
        except (OSError, ValueError) as err:
            bad.append(f"{url}: archived response unreadable ({err})")
            continue
        if hashlib.sha256(body).hexdigest() != sha:
            bad.append(f"{url}: the archived response does not hash to the document's sha256")
    unmatched = conn.execute("SELECT count(*) FROM sources WHERE url IS NOT NULL AND url NOT IN "
                             "(SELECT url FROM crawled_documents)").fetchone()[0]
    if unmatched:
        bad.append(f"{unmatched} crawled copies have no crawl record")
    return bad[:EXAMPLES] + ([f"... {len(bad)} in all"] if len(bad) > EXAMPLES else [])


def _search_index(conn: sqlite3.Connection, _: Path) -> list[str]:
    documents = conn.execute("SELECT count(*) FROM documents").fetchone()[0]
    indexed = conn.execute("SELECT count(*) FROM documents_fts").fetchone()[0]
    return [] if documents == indexed else [f"search index holds {indexed} documents of {documents}"]


def _grouping(conn: sqlite3.Connection, _: Path) -> list[str]:
    """Every copy belongs to one document, every document shows one of its own copies, and
    no two documents are the same document (symbol, issuer and date alike)."""
    from .evaluate import fold_issuer

    bad = [f"document {doc_id} has no copy" for (doc_id,) in conn.execute(
        "SELECT id FROM documents WHERE id NOT IN (SELECT document_id FROM sources)")]
    bad += [f"document {doc_id} shows copy {source_id}, which is not one of its own shown copies"
            for doc_id, source_id in conn.execute(
                "SELECT d.id, d.source_id FROM documents d LEFT JOIN sources s ON s.id = d.source_id "
                "WHERE s.id IS NULL OR s.document_id != d.id OR s.shown != 1")]
    bad += [f"document {doc_id} has {n} copies shown" for doc_id, n in conn.execute(
        "SELECT document_id, sum(shown) FROM sources GROUP BY document_id HAVING sum(shown) != 1")]
    bad += [f"document {doc_id} counts {counted} copies of {n}" for doc_id, counted, n in conn.execute(
        "SELECT d.id, d.sources, count(s.id) FROM documents d JOIN sources s ON s.document_id = d.id "
        "GROUP BY d.id HAVING d.sources != count(s.id)")]
    seen: dict[tuple[str, str, str | None], int] = {}
    for doc_id, key, issuer, date in conn.execute(
            "SELECT id, number_key, issuer, date FROM documents WHERE number_key IS NOT NULL ORDER BY id"):
        identity = (key, fold_issuer(issuer) if issuer else "", date)
        if identity in seen:
            bad.append(f"documents {seen[identity]} and {doc_id} are the same document ({key}, {issuer}, {date})")
        seen.setdefault(identity, doc_id)
    return bad[:EXAMPLES] + ([f"... {len(bad)} in all"] if len(bad) > EXAMPLES else [])


CHECKS: dict[str, Check] = {
    "database integrity": _integrity,
    "foreign keys": _foreign_keys,
    "every target, citation and span belongs to a document": _orphans,
    "every span lies inside its document's text": _spans_inside_text,
    "every crawled document matches its archived raw response": _archived_hashes,
    "every document is in the search index": _search_index,
    "every copy belongs to one document, and no document is held twice": _grouping,
}


def check(db_path: Path) -> dict[str, list[str]]:
    """Problems per check (an empty list: the check passed)."""
    conn = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True)
    try:
        return {name: fn(conn, db_path) for name, fn in CHECKS.items()}
    finally:
        conn.close()
