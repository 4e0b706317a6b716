"""The full-text index of the documents (`documents_fts`, rowid = documents.id).

The index holds each document twice: as written, tokenised with marks kept
(`remove_diacritics 0`: `năm` and `Nam`, `án` and `an` stay different words), and folded
(lower case, no marks, `đ`→`d`). An accented query can only match the text as written,
so it is answered exactly; a query typed without marks matches the folded copy too, so
`quyet dinh` finds `Quyết định` and `dak lak` finds `Đắk Lắk`. Symbols are found whole
(`"1599/QĐ-UBND"`) or by number. Datasette searches it through the `fts_table` option of
metadata.yml; the `search` canned query ranks matches in the text as written above folded
ones. Kept up to date document by document, so a rebuild indexes only what changed.
"""
from __future__ import annotations

import sqlite_utils

from extractors.vietnamese import fold

TABLES = ("documents_fts",)


def create_tables(db: sqlite_utils.Database) -> None:
    db.execute(
        "CREATE VIRTUAL TABLE IF NOT EXISTS documents_fts USING fts5(title, number, text, title_folded, text_folded, "
        "tokenize = 'unicode61 remove_diacritics 0')"
    )


def index(db: sqlite_utils.Database, doc_id: int, title: str | None, number: str | None, text: str) -> None:
    db.conn.execute("INSERT INTO documents_fts (rowid, title, number, text, title_folded, text_folded) "
                    "VALUES (?, ?, ?, ?, ?, ?)", [doc_id, title, number, text, fold(title or ""), fold(text)])


def forget(db: sqlite_utils.Database, doc_id: int) -> None:
    db.conn.execute("DELETE FROM documents_fts WHERE rowid = ?", [doc_id])


def retitle(db: sqlite_utils.Database, doc_id: int, title: str | None, number: str | None) -> None:
    """A document's title or number changed (another copy told what the shown one lacked)."""
    row = db.conn.execute("SELECT text FROM documents_fts WHERE rowid = ?", [doc_id]).fetchone()
    if row:
        forget(db, doc_id)
        index(db, doc_id, title, number, row[0])


def optimize(db: sqlite_utils.Database) -> None:
    """Documents indexed one by one leave the index in many segments, each consulted by
    every query; merged into one, a search of common words at 100,000 documents is about
    a third faster."""
    db.conn.execute("INSERT INTO documents_fts (documents_fts) VALUES ('optimize')")
