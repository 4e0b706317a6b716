"""The Datasette plugin of ocop-pipeline (registered as an entry point, so `ocop serve`
and `datasette` load it): the hooks, and what they bring in from the rooms beside them
(`pages.py` the pages, `search.py` the search, `rendering.py` how values are shown,
`collation.py` Vietnamese order, `serving.py` how Datasette is started).

- `/` (and `/-/search`): one search box; results as documents, each linked to its page, the
  passage that matched, filters by province, type and year beside them, no SQL.

- `ocop_fold(text)`: lower case, no marks, `đ`→`d` (the folded copy the search index keeps).
- `ocop_snippet(text, query)`: the passage of `text` with most of the query's words, marked
  with `<mark>`; an accented query word matches only itself, an unaccented one any tone of it.
- `ocop_match(query)`: a user's words as an FTS5 query (symbols like `1599/QĐ-UBND` whole).
- `/-/document/<id>`: the document's text with its spans highlighted and linked, its
  metadata, its targets and citations (linked to the cited document's page when the
  database holds it), the news that reports on it, and every copy it was found as with
  its provenance (source URL or file, fetch time, raw hash, what that copy said).
- Datasette's table and query pages: Vietnamese headings (`tables.py`), the columns a
  corpus leaves empty in every row not shown, the column glossary folded under the table.
- `.xlsx` beside `.json` and `.csv` on every table and query: a spreadsheet file (`export.py`).
- `/-/provinces`: documents and targets per province as a bar chart, before or after the
  2025 merger, each bar linked to the rows it counts.
- A request for something that is not there (a row, a table, a page) is a 404 page and one
  line in the server's log, not a framed traceback.
"""
from __future__ import annotations

import html
import re
import urllib.parse
from typing import Any

from datasette import hookimpl
from markupsafe import Markup

from extractors.vietnamese import fold

from . import rendering
from .export import render_xlsx
from .pages import document_page, home_page, provinces_page
from .rendering import DATABASE
from .search import match_query, passage
from .tables import empty_columns, label, label_headings

_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


@hookimpl
def startup() -> None:
    """Datasette's error handler prints a framed traceback with every local variable
    (through `rich`, when it is importable, and spaCy brings it) for each 404 of a missing
    row or page: a screenful of log for one request, and 0.3-0.6 s spent printing it.
    Without `rich` it prints nothing for a 4xx and a plain traceback for a server error
    (500), which is news. (Imported here, not at the top: `handle_exception` loads
    Datasette's plugins, this one among them, which must be whole by then.)"""
    from datasette import handle_exception

    handle_exception.rich = None

@hookimpl
def register_routes() -> list[tuple[str, Any]]:
    # Before Datasette's own routes: `/` is the search page, not the list of databases.
    return [(r"^/$", home_page), (r"^/-/search$", home_page), (r"^/-/document/(?P<id>\d+)$", document_page),
            (r"^/-/provinces$", provinces_page)]


@hookimpl
def register_output_renderer() -> dict[str, Any]:
    return {"extension": "xlsx", "render": render_xlsx}


@hookimpl
def prepare_jinja2_environment(env: Any) -> None:
    env.filters["vn_number"] = rendering.number
    env.filters["vn_date"] = rendering.date
    env.filters["ocop_headings"] = label_headings
    env.globals["column_label"] = label


@hookimpl
def extra_template_vars(database: str | None, table: str | None, view_name: str, datasette: Any) -> Any:
    """A table page's columns empty in every row, which `_table.html` leaves out."""
    if database != DATABASE or not table or view_name not in ("table", "row"):
        return None

    async def hidden() -> dict[str, Any]:
        return {"empty_columns": await empty_columns(datasette.get_database(database), table)}
    return hidden


@hookimpl
def prepare_connection(conn: Any) -> None:
    conn.create_function("ocop_fold", 1, lambda text: fold(text) if text else text, deterministic=True)
    conn.create_function("ocop_snippet", 2, passage, deterministic=True)
    conn.create_function("ocop_match", 1, match_query, deterministic=True)


@hookimpl
def render_cell(row: Any, value: Any, column: str, table: str | None, database: str) -> str | None:
    """Every document title links to its page with the highlights: in the documents table,
    and in any table or query result that has it beside the document's id (`title` with
    `id` of documents, `title` or `document` with `document_id`). A whole number reads
    as one (`1`, not `1.0`), a date as `dd/mm/yyyy`, a comparator in words (`ít nhất
    (>=)`), a query's province links to its documents."""
    if database != DATABASE:
        return None
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if column in ("date", "cited_date") and isinstance(value, str) and _ISO_DATE.fullmatch(value):
        return rendering.date(value)  # dd/mm/yyyy on a page; JSON and CSV keep ISO
    if column == "comparator" and value in rendering.COMPARATORS:  # as the document says it
        words = rendering.comparator(value)
        return f"{words} ({value})" if words else value
    if column == "province" and table is None and value:  # a query's province: its documents
        return Markup(f'<a href="/{DATABASE}/documents_of_a_province?province={urllib.parse.quote(str(value))}'
                      f'&amp;year=&amp;doc_type=">{html.escape(str(value))}</a>')
    if column not in ("title", "document") or not value:
        return None
    keys = row.keys()
    doc_id = row["document_id"] if "document_id" in keys else (
        row["id"] if "id" in keys and table in ("documents", None) else None)
    if doc_id is None:
        return None
    return Markup(f'<a href="/-/document/{int(doc_id)}">{html.escape(str(value))}</a>')
