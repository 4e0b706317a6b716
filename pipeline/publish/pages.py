"""The pages of the published site beyond Datasette's own: the home page with its search,
a page per document, and the figures by province."""
from __future__ import annotations

import functools
import json
import os
from typing import Any

from datasette.utils.asgi import NotFound, Response

from extractors import gazetteer

from .collation import key as collation_key
from .rendering import DATABASE, LABELS, highlight
from .search import search


async def home_page(datasette: Any, request: Any) -> Response:
    """One search box first (`/` and `/-/search`); results as a list of documents, each
    title linked to its page, with the passage that matched and filters beside them."""
    query = (request.args.get("q") or "").strip()
    province = request.args.get("province") or ""
    doc_type = request.args.get("doc_type") or ""
    year = request.args.get("year") or ""
    db = datasette.get_database(DATABASE)
    results = None
    if query or province or doc_type or year:
        results = await search(db, query, province, doc_type, year, read_place=request.args.get("place") != "off")
    return Response.html(await datasette.render_template("ocop_home.html", {
        "results": results, "query": query, "province": province, "doc_type": doc_type, "year": year,
        **await _held(db), "provinces": _provinces(), "database": DATABASE,
    }, request=request))


_HELD: dict[tuple[str, int, int], dict[str, Any]] = {}


async def _held(db: Any) -> dict[str, Any]:
    """What the database holds, for the home page's heading and type list: counted once
    per version of the file (it is served read-only), not on every visit (a scan of
    every document at 100,000)."""
    stat = os.stat(db.path)
    version = (db.path, stat.st_size, stat.st_mtime_ns)
    if version not in _HELD:
        counts = (await db.execute(
            "SELECT count(*), count(DISTINCT province), min(year), max(year) FROM documents")).rows[0]
        types = [row[0] for row in (await db.execute(
            "SELECT doc_type FROM documents WHERE doc_type IS NOT NULL GROUP BY doc_type ORDER BY count(*) DESC")).rows]
        _HELD[version] = {"documents": counts[0], "provinces_held": counts[1], "first_year": counts[2],
                          "last_year": counts[3], "types": types}
    return _HELD[version]


@functools.cache
def _provinces() -> list[str]:
    """The 63 provinces in Vietnamese alphabetical order, for the province list."""
    return sorted(gazetteer.province_by_name(), key=collation_key)


async def _dicts(db: Any, sql: str, params: list[Any]) -> list[dict[str, Any]]:
    return [dict(row) for row in (await db.execute(sql, params)).rows]


async def document_page(datasette: Any, request: Any) -> Response:
    doc_id = int(request.url_vars["id"])
    db = datasette.get_database(DATABASE)
    # The shown copy's text read directly: a LEFT JOIN to the document_texts view is not
    # flattened by SQLite, and reads every document's text (0.9 s at 100,000 documents).
    rows = await _dicts(db, "SELECT d.*, t.text, t.original_text FROM documents d "
                            "LEFT JOIN source_texts t ON t.source_id = d.source_id WHERE d.id = ?", [doc_id])
    if not rows:
        raise NotFound(f"Không có văn bản {doc_id} / No document {doc_id}")
    doc = rows[0]
    spans = await _dicts(db, "SELECT id, label, start, [end], value FROM spans WHERE document_id = ? "
                         "ORDER BY start", [doc_id])
    citations = (await _dicts(db,
        "SELECT c.number, c.date, c.issuer, c.cited_document_id, d.title AS cited_title FROM citations c "
        "LEFT JOIN documents d ON d.id = c.cited_document_id WHERE c.document_id = ? ORDER BY c.id", [doc_id]))
    targets = (await _dicts(db, "SELECT id, reading, year, per, level, district, commune FROM targets "
                                "WHERE document_id = ? ORDER BY span_start", [doc_id]))
    cited = {c["number"]: c["cited_document_id"] for c in citations if c["cited_document_id"]}
    cited_by = (await _dicts(db,
        "SELECT DISTINCT d.id, d.title FROM citations c JOIN documents d ON d.id = c.document_id "
        "WHERE c.cited_document_id = ? ORDER BY d.date DESC", [doc_id]))
    sources = await _dicts(db, "SELECT * FROM sources WHERE document_id = ? ORDER BY shown DESC, id", [doc_id])
    for source in sources:
        source["page_metadata"] = json.loads(source["page_metadata"]) if source["page_metadata"] else None
        source["name"] = source["url"] or source["path"].replace("\\", "/").rsplit("/", 1)[-1]
    disagreements = await _dicts(db, "SELECT * FROM metadata_disagreements WHERE document_id = ?", [doc_id])
    news = await _dicts(db, "SELECT d.id, d.title, d.date FROM reports_on r JOIN documents d ON d.id = r.news_id "
                            "WHERE r.document_id = ? ORDER BY d.date DESC", [doc_id])
    reports_on = await _dicts(db, "SELECT d.id, d.title, r.span_start FROM reports_on r JOIN documents d "
                                  "ON d.id = r.document_id WHERE r.news_id = ? ORDER BY r.span_start", [doc_id])
    named = {r["span_start"]: r["id"] for r in reports_on}
    return Response.html(await datasette.render_template("ocop_document.html", {
        "doc": doc, "highlighted": highlight(doc["text"] or "", spans, cited, named), "labels": LABELS,
        "citations": citations, "targets": targets, "cited_by": cited_by, "database": DATABASE,
        "sources": sources, "disagreements": disagreements, "news": news, "reports_on": reports_on,
    }, request=request))


async def provinces_page(datasette: Any, request: Any) -> Response:
    """Documents and targets per province as bars, by the 63 provinces before the 2025 merger
    or the 34 after (`?by=2025`). No chart plugin fits Datasette 0.65 offline (datasette-plot
    needs Datasette 1.0, datasette-cluster-map needs coordinates the gazetteer lacks), so
    this is plain HTML and CSS: nothing to download, readable without JavaScript."""
    by_2025 = request.args.get("by") == "2025"
    column = "province_2025" if by_2025 else "name"
    db = datasette.get_database(DATABASE)
    rows = await _dicts(db, f"""
        SELECT p.{column} AS province,
          (SELECT count(DISTINCT dp.document_id) FROM document_provinces dp JOIN provinces q ON q.id = dp.province_id
           WHERE q.{column} = p.{column}) AS documents,
          (SELECT count(*) FROM targets t JOIN provinces q ON q.name = t.province WHERE q.{column} = p.{column})
            AS targets,
          (SELECT count(*) FROM targets t JOIN provinces q ON q.name = t.province WHERE q.{column} = p.{column}
           AND t.subject LIKE '%5 sao%') AS five_star_targets
        FROM provinces p GROUP BY p.{column}""", [])
    rows.sort(key=lambda r: (-r["documents"], -r["targets"], collation_key(r["province"])))
    top_documents = max([1] + [r["documents"] for r in rows])
    top_targets = max([1] + [r["targets"] for r in rows])
    for r in rows:  # each column on its own scale
        r["documents_pct"] = round(100 * r["documents"] / top_documents, 1)
        r["targets_pct"] = round(100 * r["targets"] / top_targets, 1)
    return Response.html(await datasette.render_template("ocop_provinces.html", {
        "rows": rows, "by_2025": by_2025, "facet": "province_2025" if by_2025 else "province",
        "database": DATABASE, "held": sum(1 for r in rows if r["documents"]),
    }, request=request))


