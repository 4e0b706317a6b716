"""What points at another document of the database: a citation's target
(`citations.cited_document_id`) and the news that reports on a document (`reports_on`).

Both are made after the documents are written, over the whole database (a new document
may be the one an old citation names), and only where they are certain: every province
numbers its own decisions, so `240/KH-UBND` is dozens of documents nationally.
"""
from __future__ import annotations

import json

import sqlite_utils

from ..evaluate import tone_fold

TABLES = ("reports_on",)


def create_tables(db: sqlite_utils.Database) -> None:
    db["reports_on"].create(
        {"news_id": int, "document_id": int, "how": str, "span_start": int, "span_end": int},
        pk=("news_id", "document_id"),
        foreign_keys=[("news_id", "documents", "id"), ("document_id", "documents", "id")],
    )
    db["reports_on"].create_index(["document_id"])


def link_citations(db: sqlite_utils.Database) -> None:
    """Point each citation at the cited document's row when the database holds it, and
    only then. The cited document has the citation's number and, where the citation names
    them, its issuer and date; a citation that fits more than one document stays unlinked
    rather than pointing at the wrong one."""
    db.conn.execute("UPDATE citations SET cited_document_id = NULL WHERE cited_document_id IS NOT NULL")
    # `+d.kind`: look documents up by number (a handful of rows), never by kind (all of them).
    db.conn.execute(
        """UPDATE citations SET cited_document_id = (
               SELECT CASE WHEN count(*) = 1 THEN min(d.id) END FROM documents d
               WHERE d.number = citations.number AND +d.kind = 'official'
                 AND (citations.issuer IS NULL OR d.issuer IS NULL OR d.issuer = citations.issuer)
                 AND (citations.date IS NULL OR d.date IS NULL OR d.date = citations.date))
           WHERE number IN (SELECT number FROM documents WHERE number IS NOT NULL)"""
    )


def link_news(db: sqlite_utils.Database) -> None:
    """A news article reports on each official document of the database it cites by
    symbol (the citation linked above), or names by its type, date and issuer (a MENTION
    span: `Kế hoạch ngày 05/10/2024 của UBND tỉnh Quảng Nam`) where one document fits."""
    db.conn.execute("DELETE FROM reports_on")
    db.conn.execute(
        """INSERT OR IGNORE INTO reports_on (news_id, document_id, how, span_start, span_end)
           SELECT c.document_id, c.cited_document_id, 'cites its symbol', c.span_start, c.span_end
           FROM citations c JOIN documents n ON n.id = c.document_id
           WHERE c.cited_document_id IS NOT NULL AND n.kind = 'news' AND c.cited_document_id != c.document_id
           ORDER BY c.document_id, c.span_start"""
    )
    named = db.conn.execute(
        "SELECT s.document_id, s.start, s.[end], s.value FROM documents n JOIN spans s ON s.document_id = n.id "
        "WHERE n.kind = 'news' AND s.label = 'MENTION' ORDER BY s.document_id, s.start").fetchall()
    for news_id, start, end, value in named:
        mention = json.loads(value)
        fits = [doc_id for doc_id, doc_type in db.conn.execute(
            "SELECT id, doc_type FROM documents WHERE date = ? AND issuer = ? AND +kind = 'official'",
            [mention["date"], mention["issuer"]]) if doc_type and tone_fold(doc_type) == tone_fold(mention["type"])]
        if len(fits) == 1:
            db.conn.execute("INSERT OR IGNORE INTO reports_on (news_id, document_id, how, span_start, span_end) "
                            "VALUES (?, ?, 'names its type, date and issuer', ?, ?)", [news_id, fits[0], start, end])


def forget(db: sqlite_utils.Database, doc_id: int) -> None:
    """A document that goes takes its links with it."""
    db.conn.execute("DELETE FROM reports_on WHERE news_id = ? OR document_id = ?", [doc_id, doc_id])
