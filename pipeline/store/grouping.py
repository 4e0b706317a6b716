"""One document, many copies: the same decision read from a portal page, its PDF, a legal
database and a bundled file is one `documents` row; every copy is a row of `sources`.

**Identity.** An official document is its symbol, issuer and date: the symbol folded as
the scorer folds it (case, dashes, spaces), the issuer canonical (`Ủy ban nhân dân` and
`UBND` alike). What a copy's text says comes first; what its page states (a portal's
properties table) stands in where the text is silent, so a legal database's HTML copy
without the header still has its issuer. A copy joins the document whose identity is the
same; else the one document it agrees with where one of them is silent (no date, no
issuer); where it could belong to two (`240/KH-UBND` with no issuer, held for two
provinces), it stays alone rather than join the wrong one. Identical bytes are the same
document whatever they say.

**The copy shown.** A document's text, spans, targets and citations come from one copy,
by a stated rule: the official file (PDF, Word) over a copy of its text (an HTML page, a
`.txt`); then a text layer over OCR (the share of pages read without OCR); then the
longest text; then the first path. So nothing is counted twice because a document was
found twice, and what each copy said of the document (its own number, type, date and
issuer, and its page's) stays in `sources`, where it differs from the document's in
`metadata_disagreements`.

Adding a copy regroups only its document: a better copy re-writes the document from
itself, another is attached. Removing the shown copy regroups the others from their own
texts (kept in `source_texts`, so no PDF is read again): the caller re-extracts them.
"""
from __future__ import annotations

import functools
import json
import time
from typing import Any

import sqlite_utils

from ..evaluate import fold_issuer, fold_number, tone_fold
from . import links, writer

TABLES = ("document_texts", "metadata_disagreements", "source_texts", "sources")
OFFICIAL_FORMATS = ("pdf", "doc", "docx")  # what a body issues; HTML and text are copies of it
FIELDS = ("number", "doc_type", "date", "issuer")
_SOURCE_COLUMNS = (
    "document_id", "kind", "path", "url", "fetched_at", "sha256", "size_bytes", "file_mtime_ns", "format", "pages",
    "ocr_pages", "ocr_confidence", "text_length", "shown", *FIELDS, "title", "published", "page_metadata", "notes",
    "extractor_version", "extracted_at",
)
_INSERT_SOURCE = (f"INSERT INTO sources ({', '.join(_SOURCE_COLUMNS)}) "
                  f"VALUES ({', '.join('?' * len(_SOURCE_COLUMNS))})")
_RANKED = "SELECT id, format, pages, ocr_pages, text_length, path FROM sources"
# Seconds spent grouping (finding a copy's document, keeping its row, counts and
# disagreements), apart from writing documents: what `make bench` reports as its cost.
spent = {"seconds": 0.0}


def create_tables(db: sqlite_utils.Database) -> None:
    db.execute(
        "CREATE TABLE sources (id INTEGER PRIMARY KEY, document_id INTEGER NOT NULL REFERENCES documents(id), "
        "kind TEXT, path TEXT NOT NULL, url TEXT, fetched_at TEXT, sha256 TEXT, size_bytes INTEGER, "
        "file_mtime_ns INTEGER, format TEXT, pages INTEGER, ocr_pages INTEGER, ocr_confidence FLOAT, "
        "text_length INTEGER, shown INTEGER, number TEXT, doc_type TEXT, date TEXT, issuer TEXT, title TEXT, "
        "published TEXT, page_metadata TEXT, notes TEXT, extractor_version TEXT, extracted_at TEXT)"
    )
    db["sources"].create_index(["path"], unique=True)
    db["sources"].create_index(["document_id"])
    db["sources"].create_index(["sha256"])
    db["source_texts"].create({"source_id": int, "text": str, "original_text": str},
                              pk="source_id", foreign_keys=[("source_id", "sources", "id")])
    db["metadata_disagreements"].create(
        {"document_id": int, "source_id": int, "field": str, "document_value": str, "source_value": str,
         "said_by": str},
        foreign_keys=[("document_id", "documents", "id"), ("source_id", "sources", "id")],
    )
    # Both looked up when a copy or a document goes (and by its foreign-key checks).
    db["metadata_disagreements"].create_index(["document_id"])
    db["metadata_disagreements"].create_index(["source_id"])
    # A document's text is its shown copy's: a view, so that it is never stored twice.
    db.execute("CREATE VIEW document_texts AS SELECT d.id AS document_id, t.text, t.original_text "
               "FROM documents d JOIN source_texts t ON t.source_id = d.source_id")


def kind_of(result: dict[str, Any]) -> str:
    """What a copy is: a bundled file, a page or attachment of a portal, a copy on a legal
    database or a news site."""
    crawl = result.get("crawl")
    if not crawl:
        return "bundled file"
    site = crawl.get("site_kind") or "portal"
    if site != "portal":
        return site
    return "attachment" if result.get("format") in OFFICIAL_FORMATS else "portal page"


def rank(fmt: str | None, pages: int | None, ocr_pages: int | None, text_length: int | None,
         path: str) -> tuple[Any, ...]:
    """The stated rule as a sort key: the smallest key is the copy shown."""
    layer = 1 - (ocr_pages or 0) / pages if pages else 1.0
    return (fmt not in OFFICIAL_FORMATS, -layer, -(text_length or 0), path)


def _text_claims(result: dict[str, Any]) -> dict[str, Any]:
    document = result["record"].get("document") or {}
    return {"number": document.get("number"), "doc_type": document.get("type"), "date": document.get("date"),
            "issuer": document.get("issuer")}


def _identity(claims: list[tuple[dict[str, Any], dict[str, Any]]]) -> dict[str, Any]:
    """What the copies agree a document is: per field, the first copy's text that says it
    (copies in the order shown first), else the first page that states it."""
    identity = {}
    for field in FIELDS:
        told = [text.get(field) for text, _ in claims] + [page.get(field) for _, page in claims]
        value = next((v for v in told if v), None)
        identity[field] = value[:10] if value and field == "date" else value
    return identity


def number_key(number: str | None) -> str | None:
    return fold_number(number) or None if number else None


# A few hundred bodies issue a country's documents: each name folded once.
_issuer_key = functools.lru_cache(maxsize=8192)(fold_issuer)


def _find_document(db: sqlite_utils.Database, sha256: str, identity: dict[str, Any]) -> int | None:
    row = db.conn.execute("SELECT document_id FROM sources WHERE sha256 = ? LIMIT 1", [sha256]).fetchone()
    if row:
        return row[0]
    key = number_key(identity.get("number"))
    if not key:
        return None
    candidates = db.conn.execute("SELECT id, issuer, date FROM documents WHERE number_key = ?", [key]).fetchall()
    if not candidates:
        return None
    issuer = _issuer_key(identity["issuer"]) if identity.get("issuer") else None
    date = identity.get("date")
    candidates = [(doc_id, _issuer_key(i) if i else None, d) for doc_id, i, d in candidates]
    for doc_id, other_issuer, other_date in candidates:
        if (other_issuer, other_date) == (issuer, date):
            return doc_id
    agreeing = [doc_id for doc_id, other_issuer, other_date in candidates
                if (not issuer or not other_issuer or issuer == other_issuer)
                and (not date or not other_date or date == other_date)]
    return agreeing[0] if len(agreeing) == 1 else None


def add_copy(db: sqlite_utils.Database, result: dict[str, Any], *, version: str) -> int:
    """Write one processed copy into its document (found by identity, else new); returns
    the document's id. The caller owns the transaction."""
    record = result["record"]
    crawl = result.get("crawl") or {}
    page = crawl.get("page_metadata") or {}
    notes = record.get("notes")  # the parse's warnings, before the crawl's note on the copy
    if crawl.get("removed_at"):
        record["notes"] = "; ".join(filter(None, [notes, f"gone from {crawl['url']} since {crawl['removed_at'][:10]}"]))
    started, writing = time.perf_counter(), 0.0  # the grouping's own time: documents written apart
    text_claims = _text_claims(result)
    own = _identity([(text_claims, page)])
    doc_id = _find_document(db, result["sha256"], own)
    text = result["text"]
    new_rank = rank(result.get("format"), result.get("pages"), result.get("ocr_pages"), len(text), result["path"])
    new = doc_id is None
    if new:
        began = time.perf_counter()
        doc_id, shown = writer.write(db, None, result, own, number_key(own.get("number"))), True
        writing += time.perf_counter() - began
    else:
        current = db.conn.execute(f"{_RANKED} WHERE id = (SELECT source_id FROM documents WHERE id = ?)",
                                  [doc_id]).fetchone()
        shown = current is None or new_rank < rank(*current[1:])
    row = {
        "document_id": doc_id, "kind": kind_of(result), "path": result["path"], "url": crawl.get("url"),
        "fetched_at": crawl.get("fetched_at"), "sha256": result["sha256"], "size_bytes": result.get("size_bytes"),
        "file_mtime_ns": result.get("mtime_ns"), "format": result.get("format"), "pages": result.get("pages"),
        "ocr_pages": result.get("ocr_pages"), "ocr_confidence": result.get("ocr_confidence"),
        "text_length": len(text), "shown": int(shown), **text_claims, "title": result.get("title"),
        "published": result.get("published"), "page_metadata": json.dumps(page, ensure_ascii=False) if page else None,
        "notes": notes, "extractor_version": version, "extracted_at": result.get("extracted_at"),
    }
    source_id = db.conn.execute(_INSERT_SOURCE, [row[c] for c in _SOURCE_COLUMNS]).lastrowid
    db.conn.execute("INSERT INTO source_texts (source_id, text, original_text) VALUES (?, ?, ?)",
                    [source_id, text, result.get("original")])
    if new:  # the one copy: shown, counted by the column's default, disagreeing only with its page
        db.conn.execute("UPDATE documents SET source_id = ? WHERE id = ?", [source_id, doc_id])
        _record_disagreements(db, doc_id, own, [(source_id, text_claims, page)])
    else:
        if shown:
            db.conn.execute("UPDATE sources SET shown = 0 WHERE document_id = ? AND id != ?", [doc_id, source_id])
        identity = _document_identity(db, doc_id)
        if shown:  # a better copy: the document is written again from it
            began = time.perf_counter()
            writer.write(db, doc_id, result, identity, number_key(identity.get("number")))
            writing += time.perf_counter() - began
            db.conn.execute("UPDATE documents SET source_id = ? WHERE id = ?", [source_id, doc_id])
        else:
            writer.retitle(db, doc_id, identity, number_key(identity.get("number")))
        _after_change(db, doc_id, identity)
    spent["seconds"] += time.perf_counter() - started - writing
    return doc_id


def _document_identity(db: sqlite_utils.Database, doc_id: int) -> dict[str, Any]:
    rows = db.conn.execute(
        f"SELECT {', '.join(FIELDS)}, page_metadata, format, pages, ocr_pages, text_length, path, shown "
        "FROM sources WHERE document_id = ?", [doc_id]).fetchall()
    rows.sort(key=lambda r: (-r[-1], rank(*r[5:10])))
    return _identity([(dict(zip(FIELDS, r[:4], strict=True)), json.loads(r[4] or "{}")) for r in rows])


def _after_change(db: sqlite_utils.Database, doc_id: int, identity: dict[str, Any]) -> None:
    """The count of copies, and where a copy's text or page says otherwise than the document."""
    db.conn.execute("UPDATE documents SET sources = (SELECT count(*) FROM sources WHERE document_id = ?) "
                    "WHERE id = ?", [doc_id, doc_id])
    db.conn.execute("DELETE FROM metadata_disagreements WHERE document_id = ?", [doc_id])
    copies = [(source_id, dict(zip(FIELDS, values, strict=True)), json.loads(page or "{}"))
              for source_id, *values, page in db.conn.execute(
                  f"SELECT id, {', '.join(FIELDS)}, page_metadata FROM sources WHERE document_id = ?", [doc_id])]
    _record_disagreements(db, doc_id, identity, copies)


def _record_disagreements(db: sqlite_utils.Database, doc_id: int, identity: dict[str, Any],
                          copies: list[tuple[int, dict[str, Any], dict[str, Any]]]) -> None:
    rows = []
    for source_id, text, page in copies:
        for field in FIELDS:
            for said_by, value in (("text", text.get(field)), ("page", page.get(field))):
                if value and identity.get(field) and not _same(field, value, identity[field]):
                    rows.append((doc_id, source_id, field, identity[field], value, said_by))
    if rows:
        db.conn.executemany("INSERT INTO metadata_disagreements (document_id, source_id, field, document_value, "
                            "source_value, said_by) VALUES (?, ?, ?, ?, ?, ?)", rows)


def _same(field: str, a: str, b: str) -> bool:
    if field == "number":
        return fold_number(a) == fold_number(b)
    if field == "issuer":
        return _issuer_key(a) == _issuer_key(b)
    if field == "date":
        return a[:10] == b[:10]
    return tone_fold(a) == tone_fold(b)


def remove_copy(db: sqlite_utils.Database, path: str) -> list[dict[str, Any]]:
    """Remove the copy read from `path`. When it was the copy shown and others remain, the
    document goes and its other copies are returned (their rows and texts) to be
    extracted and added again, regrouped; else nothing is returned."""
    row = db.conn.execute("SELECT id, document_id, shown FROM sources WHERE path = ?", [path]).fetchone()
    if row is None:
        return []
    source_id, doc_id, shown = row
    others = db.conn.execute("SELECT id FROM sources WHERE document_id = ? AND id != ?", [doc_id, source_id]).fetchall()
    if others and not shown:
        _delete_sources(db, [source_id])
        identity = _document_identity(db, doc_id)
        writer.retitle(db, doc_id, identity, number_key(identity.get("number")))
        _after_change(db, doc_id, identity)
        return []
    again = []
    for (other,) in others:
        (copy,) = db.conn.execute(
            "SELECT s.path, s.url, s.sha256, s.size_bytes, s.file_mtime_ns, s.format, s.pages, s.ocr_pages, "
            "s.ocr_confidence, s.title, s.published, s.notes, t.text, t.original_text FROM sources s "
            "JOIN source_texts t ON t.source_id = s.id WHERE s.id = ?", [other])
        again.append(dict(zip(("path", "url", "sha256", "size_bytes", "mtime_ns", "format", "pages", "ocr_pages",
                               "ocr_confidence", "title", "published", "notes", "text", "original"), copy,
                              strict=True)))
    db.conn.execute("UPDATE documents SET source_id = NULL WHERE id = ?", [doc_id])
    _delete_sources(db, [source_id, *(o for (o,) in others)])
    links.forget(db, doc_id)
    writer.delete(db, doc_id)
    return again


def _delete_sources(db: sqlite_utils.Database, ids: list[int]) -> None:
    marks = ", ".join("?" * len(ids))
    db.conn.execute(f"DELETE FROM metadata_disagreements WHERE source_id IN ({marks})", ids)
    db.conn.execute(f"DELETE FROM source_texts WHERE source_id IN ({marks})", ids)
    db.conn.execute(f"DELETE FROM sources WHERE id IN ({marks})", ids)
