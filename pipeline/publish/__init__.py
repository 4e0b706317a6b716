"""The Datasette plugin of ocop-pipeline (registered as an entry point, so `ocop serve`
and `datasette` load it): SQL functions for Vietnamese search, and a page per document
with every extracted value highlighted in its text.

- `ocop_fold(text)`: lower case, no marks, `đ`→`d` (the folded copy the search index keeps).
- `ocop_snippet(text, query)`: the passage of `text` around the query's words, marked with
  `<mark>`; an accented query word matches only itself, an unaccented one any tone of it.
- `ocop_match(query)`: a user's words as an FTS5 query (symbols like `1599/QĐ-UBND` whole).
- `/-/document/<id>`: the document's text with its spans highlighted and linked, its
  metadata, its targets and citations (linked to the cited document's page when the
  database holds it), the news that reports on it, and every copy it was found as with
  its provenance (source URL or file, fetch time, raw hash, what that copy said).
- `/-/provinces`: documents and targets per province as a bar chart, before or after the
  2025 merger, each bar linked to the rows it counts.
- A request for something that is not there (a row, a table, a page) is a 404 page and one
  line in the server's log, not a framed traceback.
"""
from __future__ import annotations

import html
import json
import re
import sqlite3
from typing import Any

from datasette import handle_exception as _datasette_errors
from datasette import hookimpl
from datasette.utils.asgi import NotFound, Response

from extractors.vietnamese import fold

# Datasette's error handler prints a framed traceback with every local variable (through
# `rich`, when it is importable, and spaCy brings it) for each 404 of a missing row or page:
# a screenful of log for one request, and 0.3-0.6 s spent printing it. Without `rich` it
# prints nothing for a 4xx and a plain traceback for a server error (500), which is news.
_datasette_errors.rich = None

DATABASE = "ocop"
LABELS = {  # label → (colour, Vietnamese name)
    "TARGET": ("#fecaca", "chỉ tiêu"), "CITATION": ("#fbcfe8", "văn bản dẫn chiếu"),
    "DOC_NUMBER": ("#fde68a", "số hiệu"), "DATE": ("#bfdbfe", "ngày"), "ISSUER": ("#c7d2fe", "cơ quan ban hành"),
    "BODY": ("#e5e7eb", "cơ quan"), "PROVINCE": ("#bbf7d0", "tỉnh"), "DISTRICT": ("#d9f99d", "huyện"),
    "COMMUNE": ("#ecfccb", "xã"), "MENTION": ("#fbcfe8", "văn bản được nêu"),
}
# Longer, more telling spans win where spans overlap (a citation over the symbol in it).
PRIORITY = ["TARGET", "CITATION", "MENTION", "ISSUER", "DATE", "DOC_NUMBER", "PROVINCE", "DISTRICT", "COMMUNE", "BODY"]


def snippet(text: str | None, query: str | None, width: int = 120) -> str:
    """HTML: the first passage of `text` holding a word of `query`, words marked. Runs for
    each row of a results page, so it looks for the first hit, then marks hits only
    within the passage."""
    if not text or not query:
        return ""
    # the user's words as typed (a symbol such as `919/QĐ-TTg` stays whole), operators aside
    words = [w.strip('"') for w in query.split() if w.strip('"') and w.upper() not in ("AND", "OR", "NOT", "NEAR")]
    if not words:
        return ""
    copies: dict[bool, str] = {}
    searches = []
    for word in words:
        accented = fold(word) != word.lower()
        if accented not in copies:
            copies[accented] = text.lower() if accented else fold(text)
        needle = word.lower() if accented else fold(word)
        searches.append((re.compile(rf"(?<!\w){re.escape(needle)}(?!\w)"), copies[accented]))
    firsts = [m.span() for pattern, haystack in searches if (m := pattern.search(haystack))]
    if not firsts:
        return html.escape(text[:width * 2]) + ("…" if len(text) > width * 2 else "")
    first_start, first_end = min(firsts)
    start = max(0, first_start - width)
    end = min(len(text), first_end + width)
    hits = sorted((m.start(), m.end()) for pattern, haystack in searches
                  for m in pattern.finditer(haystack, start, end))
    out, pos = ["…" if start else ""], start
    for a, b in hits:
        if a < pos or b > end:
            continue
        out += [html.escape(text[pos:a]), "<mark>", html.escape(text[a:b]), "</mark>"]
        pos = b
    out += [html.escape(text[pos:end]), "…" if end < len(text) else ""]
    return "".join(out)


def match_query(query: str | None) -> str:
    """A user's words as an FTS5 query: each word (a symbol like `1599/QĐ-UBND` too) a
    quoted phrase, all required; a query already using quotes or operators is kept when
    FTS5 can read it, else taken word by word. Never a syntax error: an empty query is the
    empty phrase, which matches nothing (the page then shows the form, not an error)."""
    query = (query or "").strip()
    if ('"' in query or re.search(r"\b(?:AND|OR|NOT|NEAR)\b", query)) and _readable(query):
        return query
    words = [w.replace('"', "") for w in query.split()]
    words = [w for w in words if w and w not in ("AND", "OR", "NOT", "NEAR")]
    return " ".join(f'"{w}"' for w in words) or '""'


_PROBE: sqlite3.Connection | None = None


def _readable(query: str) -> bool:
    """Whether FTS5 accepts `query`, asked of an empty in-memory index."""
    global _PROBE
    if _PROBE is None:
        _PROBE = sqlite3.connect(":memory:", check_same_thread=False)
        _PROBE.execute("CREATE VIRTUAL TABLE probe USING fts5(text)")
    try:
        _PROBE.execute("SELECT 1 FROM probe WHERE probe MATCH ?", [query]).fetchall()
    except sqlite3.OperationalError:
        return False
    return True


@hookimpl
def prepare_connection(conn: Any) -> None:
    conn.create_function("ocop_fold", 1, lambda text: fold(text) if text else text, deterministic=True)
    conn.create_function("ocop_snippet", 2, snippet, deterministic=True)
    conn.create_function("ocop_match", 1, match_query, deterministic=True)


def highlight(text: str, spans: list[dict[str, Any]], cited: dict[str, int],
              named: dict[int, int] | None = None) -> str:
    """The text as HTML, each chosen span a `<mark>` linked to its row (a citation to the
    cited document's page when it is in the database, a document a news text names to its
    page: `named` maps the span's start to it)."""
    chosen: list[dict[str, Any]] = []
    rank = {label: i for i, label in enumerate(PRIORITY)}
    for span in sorted(spans, key=lambda s: (rank.get(s["label"], 99), s["start"] - s["end"])):
        if all(span["end"] <= c["start"] or span["start"] >= c["end"] for c in chosen):
            chosen.append(span)
    out, pos = [], 0
    for span in sorted(chosen, key=lambda s: s["start"]):
        out.append(html.escape(text[pos:span["start"]]))
        value = json.loads(span["value"]) if span["value"] else None
        href = f"/{DATABASE}/spans/{span['id']}"
        if span["label"] == "CITATION" and isinstance(value, dict) and value.get("number") in cited:
            href = f"/-/document/{cited[value['number']]}"
        elif span["label"] == "MENTION" and span["start"] in (named or {}):
            href = f"/-/document/{named[span['start']]}"
        title = f"{span['label']}: {json.dumps(value, ensure_ascii=False) if isinstance(value, dict) else value}"
        out.append(f'<mark class="ocop-{span["label"]}" title="{html.escape(title)}"><a href="{href}">'
                   f"{html.escape(text[span['start']:span['end']])}</a></mark>")
        pos = span["end"]
    out.append(html.escape(text[pos:]))
    return "".join(out)


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
        FROM provinces p GROUP BY p.{column} ORDER BY documents DESC, targets DESC, province""", [])
    top_documents = max([1] + [r["documents"] for r in rows])
    top_targets = max([1] + [r["targets"] for r in rows])
    for r in rows:  # each column on its own scale
        r["documents_pct"] = round(100 * r["documents"] / top_documents, 1)
        r["targets_pct"] = round(100 * r["targets"] / top_targets, 1)
    return Response.html(await datasette.render_template("ocop_provinces.html", {
        "rows": rows, "by_2025": by_2025, "facet": "province_2025" if by_2025 else "province",
        "database": DATABASE, "held": sum(1 for r in rows if r["documents"]),
    }, request=request))


@hookimpl
def register_routes() -> list[tuple[str, Any]]:
    return [(r"^/-/document/(?P<id>\d+)$", document_page), (r"^/-/provinces$", provinces_page)]


@hookimpl
def render_cell(row: Any, value: Any, column: str, table: str | None, database: str) -> str | None:
    """A document's title links to its page with the highlights."""
    if database == DATABASE and table == "documents" and column == "title" and value:
        from markupsafe import Markup

        return Markup(f'<a href="/-/document/{row["id"]}">{html.escape(str(value))}</a>')
    return None
