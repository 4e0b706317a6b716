"""The database's version, and its tables made in order by the rooms that own them."""
from __future__ import annotations

import sqlite3

import sqlite_utils

from extractors import gazetteer

from . import grouping, links, search, writer

SCHEMA_VERSION = 13  # bump when tables change: an older database is rebuilt from scratch
STATE_TABLES = ("failures", "parsed_texts")  # the build's memory between runs (state.py)
TABLES = (*search.TABLES, *grouping.TABLES, *links.TABLES, *writer.TABLES, "provinces", *STATE_TABLES, "meta")


def create(db: sqlite_utils.Database) -> None:
    db.execute("PRAGMA foreign_keys = ON")
    if "provinces" not in db.table_names():
        after_2025 = gazetteer.provinces_after_2025()
        db["provinces"].insert_all(
            ({"id": p.code, "name": p.name, "level": p.level, "province_2025": after_2025[p.name]}
             for p in gazetteer.provinces()),
            pk="id",
        )
    if "documents" in db.table_names():
        return
    writer.create_tables(db)
    grouping.create_tables(db)
    links.create_tables(db)
    search.create_tables(db)
    db["failures"].create({"path": str, "sha256": str, "extractor_version": str, "reason": str, "at": str}, pk="path")
    # What a slow parse (PDF layout, OCR) produced, by raw hash: reused while the parse code
    # is the same, so changing an extractor does not mean reading every scan again.
    db["parsed_texts"].create({"sha256": str, "parse_version": str, "parsed": str}, pk="sha256")
    db["meta"].insert({"key": "schema_version", "value": str(SCHEMA_VERSION)}, pk="key")


def drop(db: sqlite_utils.Database) -> None:
    """Every table of the documents (the crawl's own tables are kept)."""
    db.execute("PRAGMA foreign_keys = OFF")
    existing = {*db.table_names(), *db.view_names()}  # document_texts was a table before version 11
    for name in TABLES:
        if name in existing:
            db[name].drop()
    db.execute("PRAGMA foreign_keys = ON")


def version(conn: sqlite3.Connection) -> int | None:
    try:
        row = conn.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
    except sqlite3.DatabaseError:
        return None
    return int(row[0]) if row else None
