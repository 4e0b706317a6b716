"""Load stage: extraction results into the SQLite database that Datasette serves.

`build()` is atomic and incremental: it works on a copy of the previous database beside
the final path, re-extracts only files whose bytes (or the extractor code) changed,
and moves the copy over the final path only when it is complete. A run killed half-way
leaves the previous database untouched; the next run starts again from it.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import itertools
import json
import os
import shutil
import sqlite3
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

import sqlite_utils

import extractors
from extractors import gazetteer

from .parse import SUPPORTED
from .process import process_archived, process_many, sha256

SCHEMA_VERSION = 4  # bump when tables change: an older database is rebuilt from scratch


def extractor_version() -> str:
    """A hash of the code that turns bytes into rows (extractors, parsers, this loader):
    when it changes, every document is re-extracted."""
    digest = hashlib.sha256()
    here = Path(__file__).parent
    code = [*Path(extractors.__file__).parent.glob("*.py"), *(here / "parse").glob("*.py"),
            here / "process.py", here / "load.py"]
    for path in sorted(code):
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def corpus_files(corpus: Path) -> list[Path]:
    return sorted(p for p in corpus.rglob("*") if p.is_file() and p.suffix.lower() in SUPPORTED)


def create_schema(db: sqlite_utils.Database) -> None:
    db.execute("PRAGMA foreign_keys = ON")
    after_2025 = gazetteer.provinces_after_2025()
    if "provinces" not in db.table_names():
        db["provinces"].insert_all(
            ({"id": p.code, "name": p.name, "level": p.level, "province_2025": after_2025[p.name]}
             for p in gazetteer.provinces()),
            pk="id",
        )
    if "documents" in db.table_names():
        return
    db["documents"].create(
        {
            "id": int, "path": str, "url": str, "title": str, "kind": str, "doc_type": str, "number": str,
            "date": str, "year": int, "issuer": str, "province": str, "province_2025": str, "place": str, "signer": str,
            "format": str, "pages": int, "ocr_pages": int, "ocr_confidence": float, "published": str,
            "text": str, "original_text": str, "page_metadata": str,
            "sha256": str, "size_bytes": int, "fetched_at": str, "extracted_at": str,
            "extractor_version": str, "notes": str,
        },
        pk="id",
    )
    db["documents"].create_index(["path"], unique=True)
    for column in ("number", "province", "province_2025", "doc_type", "year", "issuer", "kind", "date"):
        db["documents"].create_index([column])
    db["issuers"].create({"id": int, "name": str, "level": str, "province": str}, pk="id")
    db["issuers"].create_index(["name"], unique=True)
    db["spans"].create(
        {"id": int, "document_id": int, "label": str, "start": int, "end": int, "text": str, "value": str},
        pk="id", foreign_keys=[("document_id", "documents", "id")],
    )
    db["targets"].create(
        {"id": int, "document_id": int, "value": float, "unit": str, "comparator": str, "year": int,
         "subject": str, "province": str, "province_2025": str, "district": str, "span_start": int, "span_end": int},
        pk="id", foreign_keys=[("document_id", "documents", "id")],
    )
    db["citations"].create(
        {"id": int, "document_id": int, "number": str, "date": str, "issuer": str,
         "cited_document_id": int, "span_start": int, "span_end": int},
        pk="id", foreign_keys=[("document_id", "documents", "id"), ("cited_document_id", "documents", "id")],
    )
    db["document_issuers"].create(
        {"document_id": int, "issuer_id": int, "role": str},
        pk=("document_id", "issuer_id"),
        foreign_keys=[("document_id", "documents", "id"), ("issuer_id", "issuers", "id")],
    )
    db["document_provinces"].create(
        {"document_id": int, "province_id": int},
        pk=("document_id", "province_id"),
        foreign_keys=[("document_id", "documents", "id"), ("province_id", "provinces", "id")],
    )
    db["failures"].create({"path": str, "sha256": str, "reason": str, "at": str}, pk="path")
    db["metadata_disagreements"].create(
        {"document_id": int, "field": str, "page_value": str, "text_value": str},
        foreign_keys=[("document_id", "documents", "id")],
    )
    for table in ("spans", "targets", "citations"):
        db[table].create_index(["document_id"])
    db["citations"].create_index(["number"])
    db["targets"].create_index(["year"])
    db["meta"].insert({"key": "schema_version", "value": str(SCHEMA_VERSION)}, pk="key")


def _issuer_row(name: str) -> dict[str, Any]:
    level, province = None, None
    for word in ("tỉnh", "thành phố", "huyện", "quận", "thị xã", "xã", "phường"):
        if f" {word} " in f" {name} ":
            level = word
            place = name.split(f" {word} ", 1)[-1]
            if place in gazetteer.province_by_name():
                province = place
            else:
                found = gazetteer.districts_by_name().get(place, ())
                province = found[0].province if len(found) == 1 else None
            break
    return {"name": name, "level": level, "province": province}


def delete_document(db: sqlite_utils.Database, doc_id: int) -> None:
    for table in ("spans", "targets", "citations", "document_issuers", "document_provinces", "metadata_disagreements"):
        db.execute(f"DELETE FROM [{table}] WHERE document_id = ?", [doc_id])
    db.execute("UPDATE citations SET cited_document_id = NULL WHERE cited_document_id = ?", [doc_id])
    db.execute("DELETE FROM documents WHERE id = ?", [doc_id])


def insert_result(db: sqlite_utils.Database, result: dict[str, Any], *, version: str) -> int | None:
    """Write one processed document and everything extracted from it; returns its id."""
    path = result["path"]
    if "error" in result:
        db["failures"].upsert(
            {"path": path, "sha256": result.get("sha256"), "reason": result["error"],
             "at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds")},
            pk="path",
        )
        return None
    db.execute("DELETE FROM failures WHERE path = ?", [path])
    record = result["record"]
    document = record.get("document") or {}
    provinces = record.get("provinces") or []
    province = provinces[0] if provinces else None
    province_2025 = gazetteer.provinces_after_2025().get(province) if province else None
    crawl = result.get("crawl") or {}
    page = crawl.get("page_metadata") or {}
    if crawl.get("removed_at"):
        record["notes"] = "; ".join(filter(None, [record.get("notes"), f"gone from {crawl['url']} since "
                                                  f"{crawl['removed_at'][:10]}"]))
    date = (document.get("date") or page.get("date") or result.get("published") or "")[:10] or None
    title = result.get("title")
    if document.get("number"):
        # The first line of an official text is its issuing body; a reader knows it by type and number.
        title = f"{document.get('type') or 'Văn bản'} {document['number']}"
        if document.get("issuer"):
            title += f" của {document['issuer']}"
    doc_id = db["documents"].insert(
        {
            "path": path, "url": crawl.get("url"), "title": title, "kind": record["kind"],
            "doc_type": document.get("type"), "number": document.get("number"), "date": date,
            "year": int(date[:4]) if date else None, "issuer": document.get("issuer"),
            "province": province, "province_2025": province_2025, "place": result.get("place"),
            "signer": result.get("signer"), "format": result.get("format"), "pages": result.get("pages"),
            "ocr_pages": result.get("ocr_pages"), "ocr_confidence": result.get("ocr_confidence"),
            "published": result.get("published"), "text": result["text"], "original_text": result.get("original"),
            "sha256": result["sha256"], "size_bytes": result.get("size_bytes"), "fetched_at": crawl.get("fetched_at"),
            "extracted_at": result.get("extracted_at"), "extractor_version": version, "notes": record.get("notes"),
            "page_metadata": json.dumps(page, ensure_ascii=False) if page else None,
        }
    ).last_pk
    _record_disagreements(db, doc_id, page, document)
    text = result["text"]
    db["spans"].insert_all(
        {"document_id": doc_id, "label": s["label"], "start": s["start"], "end": s["end"],
         "text": text[s["start"]:s["end"]], "value": json.dumps(s["value"], ensure_ascii=False)}
        for s in result["spans"]
    )
    target_spans = [s for s in result["spans"] if s["label"] == "TARGET"]
    db["targets"].insert_all(
        {"document_id": doc_id, **{k: s["value"].get(k) for k in ("value", "unit", "comparator", "year", "subject")},
         "province": province, "province_2025": province_2025, "district": s["value"].get("district"),
         "span_start": s["start"], "span_end": s["end"]}
        for s in target_spans
    )
    first_span = {}
    for s in result["spans"]:
        if s["label"] == "CITATION":
            first_span.setdefault(s["value"]["number"], s)
    db["citations"].insert_all(
        {"document_id": doc_id, "number": r["number"], "date": r.get("date"), "issuer": r.get("issuer"),
         "span_start": first_span.get(r["number"], {}).get("start"),
         "span_end": first_span.get(r["number"], {}).get("end")}
        for r in record.get("references", [])
    )
    own = document.get("issuer")
    for name in record.get("issuers", []):
        issuer_id = db["issuers"].lookup({"name": name}, _issuer_row(name))
        db["document_issuers"].insert(
            {"document_id": doc_id, "issuer_id": issuer_id, "role": "own" if name == own else "cited"},
            pk=("document_id", "issuer_id"), ignore=True,
        )
    by_name = gazetteer.province_by_name()
    db["document_provinces"].insert_all(
        ({"document_id": doc_id, "province_id": by_name[p].code} for p in provinces if p in by_name),
        pk=("document_id", "province_id"), ignore=True,
    )
    return doc_id


_PAGE_FIELDS = {"number": "number", "date": "date", "issuer": "issuer", "doc_type": "type"}


def _record_disagreements(db: sqlite_utils.Database, doc_id: int, page: dict[str, Any],
                          document: dict[str, Any]) -> None:
    """Where what a page states (a portal's properties table) and what the text says differ,
    both are kept: the user decides."""
    from extractors.vietnamese import fold

    rows = []
    for page_key, text_key in _PAGE_FIELDS.items():
        stated, read = page.get(page_key), document.get(text_key)
        if stated and read and fold(str(stated)).replace(" ", "") != fold(str(read)).replace(" ", ""):
            rows.append({"document_id": doc_id, "field": page_key, "page_value": stated, "text_value": read})
    if rows:
        db["metadata_disagreements"].insert_all(rows)


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
        items.append({**row, "warc_path": str(archive / row["warc_file"]),
                      "page_metadata": json.loads(row["page_metadata"] or "{}")})
    return items


def link_citations(db: sqlite_utils.Database) -> None:
    """Point each citation at the cited document's row when the database holds it."""
    db.execute("UPDATE citations SET cited_document_id = NULL")
    db.execute(
        """UPDATE citations SET cited_document_id = (
               SELECT d.id FROM documents d
               WHERE d.number = citations.number AND d.kind = 'official'
               ORDER BY d.id LIMIT 1)
           WHERE number IN (SELECT number FROM documents WHERE number IS NOT NULL)"""
    )


def build_search_index(db: sqlite_utils.Database) -> None:
    """Full-text search that treats tone marks as Vietnamese readers do.

    The index holds each document twice: as written, tokenised with marks kept
    (`remove_diacritics 0`: `năm` and `Nam`, `án` and `an` stay different words), and
    folded (lower case, no marks, `đ`→`d`). An accented query can only match the text as
    written, so it is answered exactly; a query typed without marks matches the folded
    copy too, so `quyet dinh` finds `Quyết định` and `dak lak` finds `Đắk Lắk`. Symbols
    are found whole (`"1599/QĐ-UBND"`) or by number. Datasette searches it through the
    `fts_table` option of metadata.yml; the `search` canned query ranks matches in the
    text as written above folded ones."""
    from extractors.vietnamese import fold

    db.execute("DROP TABLE IF EXISTS documents_fts")
    db.execute(
        "CREATE VIRTUAL TABLE documents_fts USING fts5(title, number, text, title_folded, text_folded, "
        "tokenize = 'unicode61 remove_diacritics 0')"
    )
    rows = db.execute("SELECT id, title, number, text FROM documents").fetchall()
    db.conn.executemany(
        "INSERT INTO documents_fts (rowid, title, number, text, title_folded, text_folded) VALUES (?, ?, ?, ?, ?, ?)",
        [(i, title, number, text, fold(title or ""), fold(text or "")) for i, title, number, text in rows],
    )


Progress = Callable[[Iterable[Any], int], Iterable[Any]]


def build(corpus: Path, db_path: Path, *, jobs: int | None = None,
          progress: Progress | None = None) -> dict[str, int]:
    """Build or update `db_path` from the files under `corpus`; returns counts."""
    db_path.parent.mkdir(parents=True, exist_ok=True)
    tmp_path = db_path.with_name(db_path.name + ".building")
    if tmp_path.exists():
        tmp_path.unlink()
    if db_path.exists():
        shutil.copyfile(db_path, tmp_path)
    version = extractor_version()
    db = sqlite_utils.Database(tmp_path)
    if _schema_version(tmp_path) != SCHEMA_VERSION:
        _drop_document_tables(db)  # rebuilt from scratch; the crawl's tables are kept
    create_schema(db)
    files = corpus_files(corpus)
    known = {row["path"]: row for row in db.query("SELECT id, path, sha256, extractor_version FROM documents")}
    wanted, unchanged = [], 0
    paths_now = set()
    for f in files:
        path = str(f)
        paths_now.add(path)
        row = known.get(path)
        if row and row["extractor_version"] == version and row["sha256"] == sha256(f.read_bytes()):
            unchanged += 1
            continue
        wanted.append(path)
    crawled = []
    for item in crawled_items(db, db_path.parent / "archive"):
        paths_now.add(item["url"])
        row = known.get(item["url"])
        if row and row["extractor_version"] == version and row["sha256"] == item["sha256"]:
            unchanged += 1
            continue
        crawled.append(item)
    removed = 0
    for path, row in known.items():
        if path not in paths_now:
            delete_document(db, row["id"])
            removed += 1
    results = itertools.chain(process_many(wanted, jobs), process_many(crawled, jobs, worker=process_archived))
    if progress:
        results = progress(results, len(wanted) + len(crawled))
    built = failed = 0
    for result in results:
        with db.conn:
            row = known.get(result["path"])
            if row:
                delete_document(db, row["id"])
            if insert_result(db, result, version=version) is None:
                failed += 1
            else:
                built += 1
    for path in [r["path"] for r in db.query("SELECT path FROM failures")]:
        if path not in paths_now:
            db.execute("DELETE FROM failures WHERE path = ?", [path])
    link_citations(db)
    build_search_index(db)
    db.conn.commit()
    db.conn.execute("PRAGMA journal_mode = DELETE")
    db.close()
    _check_integrity(tmp_path)
    os.replace(tmp_path, db_path)
    return {"files": len(files), "crawled": len(paths_now) - len(files), "extracted": built, "unchanged": unchanged,
            "failed": failed, "removed": removed}


_DOCUMENT_TABLES = ("documents_fts", "documents", "spans", "targets", "citations", "document_issuers",
                    "document_provinces", "issuers", "provinces", "failures", "metadata_disagreements", "meta")


def _drop_document_tables(db: sqlite_utils.Database) -> None:
    db.execute("PRAGMA foreign_keys = OFF")
    for table in _DOCUMENT_TABLES:
        if table in db.table_names():
            db[table].drop()
    db.execute("PRAGMA foreign_keys = ON")


def _schema_version(path: Path) -> int | None:
    conn = sqlite3.connect(path)
    try:
        row = conn.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
    except sqlite3.DatabaseError:
        return None
    finally:
        conn.close()
    return int(row[0]) if row else None


def _check_integrity(path: Path) -> None:
    conn = sqlite3.connect(path)
    try:
        (status,) = conn.execute("PRAGMA integrity_check").fetchone()
    finally:
        conn.close()
    if status != "ok":
        raise RuntimeError(f"database integrity check failed: {status}")
