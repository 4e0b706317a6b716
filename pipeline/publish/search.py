"""Search as a reader types it: the words of a query, the place they name, the passage
that answers.

- `match_query(query)`: a user's words as an FTS5 query (symbols like `1599/QĐ-UBND` whole).
- `read_places(query)`: the words of a query that name a province or district (`quang nam`,
  `ha noi`, `dak lak`, with or without marks) and the rest: the place becomes a filter, so
  `ke hoach ocop quang nam` lists Quảng Nam's documents, not every text with `năm` and the
  `VIỆT NAM` of each header.
- `search(db, ...)`: ranked documents with the best passage of each, and the counts by
  province, type and year of everything that matched (the filters beside the results).
  Words next to each other in the query score higher where they stand next to each other
  in the text.
- `passage(text, query)`: the passage with most of the query's words, after the header
  when the words are also found there.
"""
from __future__ import annotations

import functools
import html
import re
import sqlite3
from dataclasses import dataclass, field
from typing import Any

from extractors import gazetteer
from extractors.vietnamese import fold

_OPERATORS = ("AND", "OR", "NOT", "NEAR")


def match_query(query: str | None) -> str:
    """A user's words as an FTS5 query: each word (a symbol like `1599/QĐ-UBND` too) a
    quoted phrase, all required; a query already using quotes or operators is kept when
    FTS5 can read it, else taken word by word. Never a syntax error: an empty query is the
    empty phrase, which matches nothing (the page then shows the form, not an error)."""
    query = (query or "").strip()
    if ('"' in query or re.search(r"\b(?:AND|OR|NOT|NEAR)\b", query)) and _readable(query):
        return query
    words = [w.replace('"', "") for w in query.split()]
    words = [w for w in words if w and w not in _OPERATORS]
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


@dataclass
class Places:
    """What `read_places` found: the province the query names (if one), the district words
    kept as a phrase, and the words left to search."""
    province: str | None = None
    district: str | None = None
    words: list[str] = field(default_factory=list)
    named: str | None = None  # the words that were read as the place, as typed


@functools.cache
def _place_names() -> dict[str, tuple[str, str | None]]:
    """Folded place name → (province, district or None); districts only where the name is
    one district's (`Châu Thành` is a district of six provinces)."""
    names: dict[str, tuple[str, str | None]] = {}
    for name, districts in gazetteer.districts_by_name().items():
        if len(districts) == 1 and len(name.split()) >= 2:
            names[fold(name)] = (districts[0].province, name)
    for name in gazetteer.province_by_name():
        names[fold(name)] = (name, None)  # a province's name wins over a district's
    names[fold("Hồ Chí Minh")] = ("Hồ Chí Minh", None)
    return names


def read_places(query: str) -> Places:
    """The longest run of two to four words of `query` that names a province (or a district
    of one province) is the place; the other words are searched. A query in quotes or with
    operators is taken as written."""
    words = query.split()
    if '"' in query or any(w in _OPERATORS for w in words):
        return Places(words=words)
    folded = [fold(w).strip(",.;") for w in words]
    names = _place_names()
    for size in (4, 3, 2):
        for i in range(len(words) - size + 1):
            found = names.get(" ".join(folded[i:i + size]))
            if found:
                province, district = found
                # `tỉnh Quảng Nam`, `huyện Bắc Trà My`: the level word goes with the name
                rest = [w for j, w in enumerate(words) if not (i <= j < i + size)
                        and not (j == i - 1 and fold(w) in ("tinh", "tp", "huyen", "quan"))]
                return Places(province, district, rest, " ".join(words[i:i + size]))
    return Places(words=words)


def passage(text: str | None, query: str | None, width: int = 120) -> str:
    """HTML: the passage of `text` holding most of the query's words, marked; of equal
    passages the first after the header (an official text's first lines name its body and
    province, which a search for them does not need shown). Runs for each result shown."""
    if not text or not query:
        return ""
    words = [w.strip('"') for w in query.split() if w.strip('"') and w.upper() not in _OPERATORS]
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
    hits = sorted((m.start(), m.end(), i) for i, (pattern, haystack) in enumerate(searches)
                  for m in pattern.finditer(haystack))
    if not hits:
        return html.escape(text[:width * 2]) + ("…" if len(text) > width * 2 else "")
    header = _header_end(text)
    best, best_key = hits[0], None
    for hit in hits:
        inside = {i for a, _, i in hits if hit[0] <= a < hit[0] + 2 * width}
        key = (len(inside), hit[0] >= header)
        if best_key is None or key > best_key:
            best, best_key = hit, key
    start = max(header if best[0] >= header else 0, best[0] - width // 2)
    end = min(len(text), start + 2 * width)
    out, pos = ["…" if start else ""], start
    for a, b, _ in hits:
        if a < pos or b > end:
            continue
        out += [html.escape(text[pos:a]), "<mark>", html.escape(text[a:b]), "</mark>"]
        pos = b
    out += [html.escape(text[pos:end]), "…" if end < len(text) else ""]
    return "".join(out)


def _header_end(text: str) -> int:
    """Where an official text's header ends: after its place-and-date line, else 0."""
    found = re.search(r"(?im)^[^\n]{0,60}ngày\s+\d{1,2}\s+tháng\s+\d{1,2}\s+năm\s+\d{4}[^\n]*$", text[:1500])
    return found.end() if found else 0


@dataclass
class Results:
    query: str
    places: Places
    province: str
    doc_type: str
    year: str
    rows: list[dict[str, Any]]
    total: int
    facets: dict[str, list[tuple[Any, int]]]
    widened: bool = False  # the place read in the query gave nothing: searched without it


RANKED = 200  # matches ranked by relevance; the rest are counted in the filters
PAGE = 20
_SOME_WORDS = 1000.0  # a document holding only some of the words ranks after all that hold every one


async def search(db: Any, query: str, province: str = "", doc_type: str = "", year: str = "",
                 read_place: bool = True) -> Results:
    """Documents matching `query` within the filters, best first."""
    places = read_places(query) if read_place and not province else Places(words=query.split())
    chosen_province = province or places.province or ""
    words = places.words + ([f'"{places.district}"'] if places.district else [])
    results = await _search(db, query, words, chosen_province, doc_type, year)
    if results[1] == 0 and places.province and not province:  # the place read in the query gave nothing
        results = await _search(db, query, query.split(), "", doc_type, year)
        return Results(query, places, "", doc_type, year, *results, widened=True)
    return Results(query, places, chosen_province, doc_type, year, *results)


_FILTERS = """(:province = '' OR d.province = :province OR d.id IN (
                  SELECT dp.document_id FROM document_provinces dp JOIN provinces p ON p.id = dp.province_id
                  WHERE p.name = :province))
              AND (:doc_type = '' OR d.doc_type = :doc_type)
              AND (:year = '' OR d.year = CAST(:year AS INTEGER))"""


async def _search(db: Any, query: str, words: list[str], province: str, doc_type: str,
                  year: str) -> tuple[list[dict[str, Any]], int, dict[str, list[tuple[Any, int]]]]:
    params = {"province": province, "doc_type": doc_type, "year": year}
    if words:
        params["match"] = match_query(" ".join(words))
        matched = ("FROM documents_fts f JOIN documents d ON d.id = f.rowid "
                   f"WHERE documents_fts MATCH :match AND {_FILTERS}")
        ranked = await db.execute(
            f"SELECT d.id, bm25(documents_fts, 10.0, 10.0, 4.0, 2.0, 1.0) AS score {matched} "
            f"ORDER BY score LIMIT {RANKED}", params)
        scores = {row["id"]: row["score"] for row in ranked.rows}
        plain = [w for w in words if w.strip('"')]
        if len(scores) < PAGE and len(plain) > 1:  # few hold every word: then those holding some of them
            params["some"] = " OR ".join(match_query(w) for w in plain)
            some = await db.execute(
                f"SELECT d.id, bm25(documents_fts, 10.0, 10.0, 4.0, 2.0, 1.0) AS score FROM documents_fts f "
                f"JOIN documents d ON d.id = f.rowid WHERE documents_fts MATCH :some AND {_FILTERS} "
                f"ORDER BY score LIMIT {PAGE}", params)
            for row in some.rows:
                if row["id"] not in scores:
                    scores[row["id"]] = _SOME_WORDS + row["score"]
        for phrase in _adjacent_pairs(words):  # next to each other in the text as in the query
            ids = ", ".join(str(i) for i in scores)
            if not ids:
                break
            near = await db.execute(f"SELECT rowid FROM documents_fts WHERE documents_fts MATCH ? AND rowid IN ({ids})",
                                    [phrase])
            for (doc_id,) in near.rows:
                scores[doc_id] -= 5.0
    else:  # the query was a place only: its documents, newest first
        matched = f"FROM documents d WHERE {_FILTERS}"
        newest = await db.execute(f"SELECT d.id {matched} ORDER BY d.date DESC LIMIT {RANKED}", params)
        scores = {row["id"]: i for i, row in enumerate(newest.rows)}
    total = (await db.execute(f"SELECT count(*) {matched}", params)).rows[0][0]
    facets = {}
    for column in ("province", "doc_type", "year"):
        counted = await db.execute(f"SELECT d.{column}, count(*) AS n {matched} AND d.{column} IS NOT NULL "
                                   f"GROUP BY d.{column} ORDER BY n DESC, d.{column} LIMIT 12", params)
        facets[column] = [(row[0], row[1]) for row in counted.rows]
    best = sorted(scores, key=lambda i: scores[i])[:PAGE]
    rows = []
    if best:
        found = await db.execute(
            "SELECT d.id, d.title, d.kind, d.doc_type, d.number, d.date, d.issuer, d.province, t.text "
            "FROM documents d LEFT JOIN source_texts t ON t.source_id = d.source_id "
            f"WHERE d.id IN ({', '.join(map(str, best))})")
        by_id = {row["id"]: dict(row) for row in found.rows}
        for doc_id in best:
            row = by_id[doc_id]
            row["passage"] = passage(row.pop("text"), " ".join(words) or query)
            row["some_words"] = scores[doc_id] >= _SOME_WORDS / 2
            rows.append(row)
    return rows, total, facets


def _adjacent_pairs(words: list[str]) -> list[str]:
    plain = [w.strip('"') for w in words if w.strip('"') and w not in _OPERATORS and " " not in w.strip('"')]
    return [f'"{a} {b}"' for a, b in zip(plain, plain[1:], strict=False) if '"' not in a + b]
