"""A document's row and everything extracted from the copy it is shown from: `documents`,
`spans`, `targets`, `citations`, `issuers`, `document_issuers`, `document_provinces`.

Plain SQL on the connection: sqlite-utils' insert() inspects the table on each call (it
cost more than the extraction at 100,000 documents), and its execute() commits each
write, where a build commits by batches. The caller owns the transaction.
"""
from __future__ import annotations

import json
import weakref
from typing import Any

import sqlite_utils

from extractors import gazetteer
from extractors.extraction import CENTRAL_BODIES
from extractors.targets import reading

from . import search

TABLES = ("documents", "spans", "targets", "citations", "document_issuers", "document_provinces", "issuers")
FACETS = ("province", "province_2025", "doc_type", "year", "issuer", "kind")  # as metadata.yml lists them

# The identity and what a reader sees first; then the shown copy's reading; then counts.
_DOCUMENT_COLUMNS = (
    "title", "doc_type", "number", "date", "issuer", "province", "kind", "year", "province_2025", "place",
    "signer", "signer_title", "published", "url", "format", "pages", "ocr_pages", "ocr_confidence", "notes",
    "extracted_at", "number_key",
)


def create_tables(db: sqlite_utils.Database) -> None:
    # Raw SQL: `source_id` (the copy shown) is declared without REFERENCES, as `sources`
    # points back at `documents`: with the foreign key, setting it after the copy's row was
    # written cost 0.6 ms a document in a build (a fifth of the writer's time); `ocop check`
    # verifies it instead.
    db.execute(
        "CREATE TABLE documents (id INTEGER PRIMARY KEY, title TEXT, doc_type TEXT, number TEXT, date TEXT, "
        "issuer TEXT, province TEXT, kind TEXT, year INTEGER, province_2025 TEXT, place TEXT, signer TEXT, "
        "signer_title TEXT, published TEXT, sources INTEGER DEFAULT 1, source_id INTEGER, url TEXT, format TEXT, "
        "pages INTEGER, ocr_pages INTEGER, ocr_confidence FLOAT, notes TEXT, extracted_at TEXT, number_key TEXT)"
    )
    db["documents"].create_index(["number_key"])
    for column in ("number", "date"):
        db["documents"].create_index([column])
    # The table page filters by a facet column, lists by date and counts every facet
    # (metadata.yml): one index per facet column, then the date, then the other facets,
    # answers all three from the index alone. At 100,000 documents a filtered page went
    # from 155 ms (sorting the filtered rows, reading each) to 80 ms.
    for column in FACETS:
        others = [c for c in FACETS if c != column]
        db["documents"].create_index([column, "date", *others], index_name=f"idx_documents_facets_{column}")
    db["issuers"].create({"id": int, "name": str, "level": str, "province": str}, pk="id")
    db["issuers"].create_index(["name"], unique=True)
    db["spans"].create(
        {"id": int, "document_id": int, "label": str, "start": int, "end": int, "text": str, "value": str},
        pk="id", foreign_keys=[("document_id", "documents", "id")],
    )
    db["targets"].create(
        # what a reader looks at first (the reading, its year, scope and who set it), then the
        # parts. A figure's type is "ANY", which SQLite reads as NUMERIC: 120 is stored (and
        # shown, in JSON and CSV too) as 120, 1.5 as 1.5, never 120.0.
        {"id": int, "document_id": int, "reading": str, "year": int, "per": str, "level": str, "province": str,
         "province_2025": str, "district": str, "commune": str, "value": "ANY", "value_max": "ANY", "unit": str,
         "comparator": str, "subject": str, "span_start": int, "span_end": int},
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
    # Every column a row is looked up by: deleting a changed document touches each table
    # (and the foreign-key checks do), and the canned queries filter by province and year.
    for table in ("spans", "targets", "citations"):
        db[table].create_index(["document_id"])
    db["citations"].create_index(["number"])
    db["citations"].create_index(["cited_document_id"])
    for column in ("year", "province", "province_2025", "per", "level"):
        db["targets"].create_index([column])


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


_DISTRICT_LEVELS = ("huyện", "quận", "thị xã", "thành phố")
_COMMUNE_LEVELS = ("xã", "phường", "thị trấn")


def setter(issuer: str | None) -> tuple[str | None, str | None, str | None]:
    """(level, district, commune) of the body that set a document's targets: `UBND huyện Bắc
    Trà My` → (`huyện`, `Bắc Trà My`, None); a province's body → (`tỉnh`, None, None); a
    central one → (`trung ương`, None, None); unknown (a news text) → all None."""
    if not issuer:
        return None, None, None
    if issuer.startswith(CENTRAL_BODIES):
        return "trung ương", None, None
    row = _issuer_row(issuer)
    level, place = row["level"], issuer.split(f" {row['level']} ", 1)[-1] if row["level"] else None
    if level == "tỉnh" or (level == "thành phố" and place in gazetteer.province_by_name()):
        return "tỉnh", None, None
    if level in _DISTRICT_LEVELS:
        return "huyện", place, None
    if level in _COMMUNE_LEVELS:
        return "xã", None, place
    return None, None, None


# Issuers' ids by name, per open database: a few hundred bodies named by every document,
# so each is looked up once a build, not twice a document. (A build that fails is rolled
# back and its Database object dropped, and the cache with it.)
_ISSUER_IDS: weakref.WeakKeyDictionary[sqlite_utils.Database, dict[str, int]] = weakref.WeakKeyDictionary()


def _issuer_id(db: sqlite_utils.Database, name: str) -> int:
    known = _ISSUER_IDS.setdefault(db, {})
    if name in known:
        return known[name]
    row = db.conn.execute("SELECT id FROM issuers WHERE name = ?", [name]).fetchone()
    if row is None:
        issuer = _issuer_row(name)
        row = (db.conn.execute("INSERT INTO issuers (name, level, province) VALUES (?, ?, ?)",
                               [name, issuer["level"], issuer["province"]]).lastrowid,)
    known[name] = row[0]
    return row[0]


def title_of(identity: dict[str, Any], fallback: str | None) -> str | None:
    """A reader knows an official text by type and number (its first line is only its
    issuing body); other texts by their own title."""
    if not identity.get("number"):
        return fallback
    title = f"{identity.get('doc_type') or 'Văn bản'} {identity['number']}"
    return f"{title} của {identity['issuer']}" if identity.get("issuer") else title


# One encoder for every span's value: json.dumps() with an option builds a new one each call.
_to_json = json.JSONEncoder(ensure_ascii=False).encode
_INSERT_SPAN = "INSERT INTO spans (document_id, label, start, [end], text, value) VALUES (?, ?, ?, ?, ?, ?)"
_TARGET_COLUMNS = (
    "document_id", "value", "value_max", "unit", "comparator", "year", "subject", "per", "reading", "level",
    "province", "province_2025", "district", "commune", "span_start", "span_end",
)
_INSERT_TARGET = (f"INSERT INTO targets ({', '.join(_TARGET_COLUMNS)}) "
                  f"VALUES ({', '.join('?' * len(_TARGET_COLUMNS))})")
_INSERT_CITATION = ("INSERT INTO citations (document_id, number, date, issuer, span_start, span_end) "
                    "VALUES (?, ?, ?, ?, ?, ?)")


def write(db: sqlite_utils.Database, doc_id: int | None, result: dict[str, Any], identity: dict[str, Any],
          number_key: str | None) -> int:
    """Write a document from one processed copy (`result`), under the identity its copies
    agree on; `doc_id` None makes a new row, else the row's extraction is replaced. Returns
    the document's id."""
    record = result["record"]
    provinces = record.get("provinces") or []
    province = provinces[0] if provinces else None
    province_2025 = gazetteer.provinces_after_2025().get(province) if province else None
    crawl = result.get("crawl") or {}
    # A text that is not an identified official document (news) is dated by its publication.
    date = identity.get("date") or (None if identity.get("number") else (result.get("published") or "")[:10] or None)
    row = {
        "title": title_of(identity, result.get("title")), "kind": record["kind"],
        "doc_type": identity.get("doc_type"), "number": identity.get("number"), "date": date,
        "year": int(date[:4]) if date else None, "issuer": identity.get("issuer"),
        "province": province, "province_2025": province_2025, "place": result.get("place"),
        "signer": result.get("signer"), "signer_title": result.get("signer_title"),
        "published": result.get("published"), "url": crawl.get("url"),
        "format": result.get("format"), "pages": result.get("pages"), "ocr_pages": result.get("ocr_pages"),
        "ocr_confidence": result.get("ocr_confidence"), "notes": record.get("notes"),
        "extracted_at": result.get("extracted_at"), "number_key": number_key,
    }
    values = [row[c] for c in _DOCUMENT_COLUMNS]
    if doc_id is None:
        doc_id = db.conn.execute(f"INSERT INTO documents ({', '.join(_DOCUMENT_COLUMNS)}) "
                                 f"VALUES ({', '.join('?' * len(_DOCUMENT_COLUMNS))})", values).lastrowid
    else:
        clear(db, doc_id)
        db.conn.execute(f"UPDATE documents SET {', '.join(c + ' = ?' for c in _DOCUMENT_COLUMNS)} WHERE id = ?",
                        [*values, doc_id])
    text = result["text"]
    spans = result["spans"]
    db.conn.executemany(_INSERT_SPAN, [
        (doc_id, s["label"], s["start"], s["end"], text[s["start"]:s["end"]],
         _to_json(s["value"])) for s in spans])
    level, district, commune = setter(identity.get("issuer"))
    db.conn.executemany(_INSERT_TARGET, [
        (doc_id, *(s["value"].get(k) for k in ("value", "value_max", "unit", "comparator", "year", "subject", "per")),
         reading(s["value"], level), level, province, province_2025, s["value"].get("district") or district,
         commune, s["start"], s["end"])
        for s in spans if s["label"] == "TARGET"])
    first_span: dict[str, dict[str, Any]] = {}
    for s in spans:
        if s["label"] == "CITATION":
            first_span.setdefault(s["value"]["number"], s)
    db.conn.executemany(_INSERT_CITATION, [
        (doc_id, r["number"], r.get("date"), r.get("issuer"),
         first_span.get(r["number"], {}).get("start"), first_span.get(r["number"], {}).get("end"))
        for r in record.get("references", [])])
    own = (record.get("document") or {}).get("issuer")
    db.conn.executemany(
        "INSERT OR IGNORE INTO document_issuers (document_id, issuer_id, role) VALUES (?, ?, ?)",
        [(doc_id, _issuer_id(db, name), "own" if name == own else "cited") for name in record.get("issuers", [])])
    by_name = gazetteer.province_by_name()
    db.conn.executemany(
        "INSERT OR IGNORE INTO document_provinces (document_id, province_id) VALUES (?, ?)",
        [(doc_id, by_name[p].code) for p in provinces if p in by_name])
    search.index(db, doc_id, row["title"], row["number"], text)
    return doc_id


def retitle(db: sqlite_utils.Database, doc_id: int, identity: dict[str, Any], number_key: str | None) -> None:
    """Another copy told what the shown one lacked (a date, the issuer): the row says it."""
    current = db.conn.execute("SELECT doc_type, number, date, issuer, title FROM documents WHERE id = ?",
                              [doc_id]).fetchone()
    if current[:4] == tuple(identity.get(k) for k in ("doc_type", "number", "date", "issuer")):
        return
    title = title_of(identity, current[4])
    date = identity.get("date") or current[2]
    db.conn.execute("UPDATE documents SET doc_type = ?, number = ?, date = ?, year = ?, issuer = ?, title = ?, "
                    "number_key = ? WHERE id = ?",
                    [identity.get("doc_type"), identity.get("number"), date, int(date[:4]) if date else None,
                     identity.get("issuer"), title, number_key, doc_id])
    search.retitle(db, doc_id, title, identity.get("number"))


def clear(db: sqlite_utils.Database, doc_id: int) -> None:
    """Remove what was extracted from a document's shown copy (its row stays)."""
    for table in ("spans", "targets", "citations", "document_issuers", "document_provinces"):
        db.conn.execute(f"DELETE FROM [{table}] WHERE document_id = ?", [doc_id])
    search.forget(db, doc_id)


def delete(db: sqlite_utils.Database, doc_id: int) -> None:
    clear(db, doc_id)
    db.conn.execute("UPDATE citations SET cited_document_id = NULL WHERE cited_document_id = ?", [doc_id])
    db.conn.execute("DELETE FROM documents WHERE id = ?", [doc_id])
