"""Load stage: extraction results into the SQLite database that Datasette serves.

`build()` is atomic, resumable and incremental: it works on a copy of the previous
database beside the final path, re-extracts only files whose bytes (or the extractor
code) changed, and moves the copy over the final path only when it is complete. A run
killed half-way leaves the previous database untouched; the next run resumes from the
copy, where every few hundred documents were committed.
"""
from __future__ import annotations

import datetime as dt
import functools
import hashlib
import itertools
import json
import os
import shutil
import sqlite3
import time
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

import sqlite_utils

import extractors
from extractors import gazetteer
from extractors.extraction import CENTRAL_BODIES
from extractors.targets import reading
from extractors.vietnamese import fold

from .parse import SUPPORTED
from .process import SLOW_TO_PARSE, process_archived, process_many, process_parsed, sha256

SCHEMA_VERSION = 10  # bump when tables change: an older database is rebuilt from scratch


FACETS = ("province", "province_2025", "doc_type", "year", "issuer", "kind")  # as metadata.yml lists them


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


@functools.cache
def parse_version() -> str:
    """A hash of the code a parse runs (pipeline/parse and the two extractor modules it
    calls): while it holds, a PDF's parsed text is reused when only extraction changed."""
    digest = hashlib.sha256()
    here = Path(__file__).parent
    extractors_dir = Path(extractors.__file__).parent
    for path in sorted([*(here / "parse").glob("*.py"), extractors_dir / "vietnamese.py", extractors_dir / "dates.py"]):
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def corpus_files(corpus: Path) -> list[Path]:
    """Every readable file under `corpus`, in a stable order."""
    return [Path(p) for p in _corpus_paths(corpus)]


def _corpus_paths(corpus: Path) -> list[str]:
    # os.walk and strings: 100,000 files listed without a stat call or a Path object each.
    found = []
    for folder, _, names in os.walk(corpus):
        found += [os.path.join(folder, name) for name in names if os.path.splitext(name)[1].lower() in SUPPORTED]
    return sorted(found)


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
            "page_metadata": str,
            "sha256": str, "size_bytes": int, "file_mtime_ns": int, "fetched_at": str, "extracted_at": str,
            "extractor_version": str, "notes": str,
        },
        pk="id",
    )
    db["documents"].create_index(["path"], unique=True)
    for column in ("number", "date"):
        db["documents"].create_index([column])
    # The table page filters by a facet column, lists by date and counts every facet
    # (metadata.yml): one index per facet column, then the date, then the other facets,
    # answers all three from the index alone. At 100,000 documents a filtered page went
    # from 155 ms (sorting the filtered rows, reading each) to 80 ms.
    for column in FACETS:
        others = [c for c in FACETS if c != column]
        db["documents"].create_index([column, "date", *others], index_name=f"idx_documents_facets_{column}")
    # The texts apart from the documents' other columns: a row of `documents` is then a few
    # hundred bytes, and the facet counts and filters of a table page at 100,000 documents
    # read a tenth of the pages (2.5x faster) than with the texts inline.
    db["document_texts"].create(
        {"document_id": int, "text": str, "original_text": str},
        pk="document_id", foreign_keys=[("document_id", "documents", "id")],
    )
    # What a slow parse (PDF layout, OCR) produced, by raw hash: reused while the parse code
    # is the same, so changing an extractor does not mean reading every scan again.
    db["parsed_texts"].create({"sha256": str, "parse_version": str, "parsed": str}, pk="sha256")
    db["issuers"].create({"id": int, "name": str, "level": str, "province": str}, pk="id")
    db["issuers"].create_index(["name"], unique=True)
    db["spans"].create(
        {"id": int, "document_id": int, "label": str, "start": int, "end": int, "text": str, "value": str},
        pk="id", foreign_keys=[("document_id", "documents", "id")],
    )
    db["targets"].create(
        # what a reader looks at first (the reading, its year, scope and who set it), then the parts
        {"id": int, "document_id": int, "reading": str, "year": int, "per": str, "level": str, "province": str,
         "province_2025": str, "district": str, "commune": str, "value": float, "value_max": float, "unit": str,
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
    db["failures"].create({"path": str, "sha256": str, "extractor_version": str, "reason": str, "at": str}, pk="path")
    db["metadata_disagreements"].create(
        {"document_id": int, "field": str, "page_value": str, "text_value": str},
        foreign_keys=[("document_id", "documents", "id")],
    )
    # Every column a row is looked up by: deleting a changed document touches each table
    # (and the foreign-key checks do), and the canned queries filter by province and year.
    for table in ("spans", "targets", "citations", "metadata_disagreements"):
        db[table].create_index(["document_id"])
    db["citations"].create_index(["number"])
    db["citations"].create_index(["cited_document_id"])
    db["targets"].create_index(["year"])
    db["targets"].create_index(["province"])
    db["targets"].create_index(["province_2025"])
    db["targets"].create_index(["per"])
    db["targets"].create_index(["level"])
    create_search_index(db)
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
    for table in ("spans", "targets", "citations", "document_issuers", "document_provinces", "metadata_disagreements",
                  "document_texts"):
        db.conn.execute(f"DELETE FROM [{table}] WHERE document_id = ?", [doc_id])
    db.conn.execute("UPDATE citations SET cited_document_id = NULL WHERE cited_document_id = ?", [doc_id])
    db.conn.execute("DELETE FROM documents_fts WHERE rowid = ?", [doc_id])
    db.conn.execute("DELETE FROM documents WHERE id = ?", [doc_id])


# Plain SQL on the connection for the rows of every document: sqlite-utils' insert()
# inspects the table on each call (it cost more than the extraction at 100,000
# documents), and its execute() commits each write, where a build commits by batches.
_DOCUMENT_COLUMNS = (
    "path", "url", "title", "kind", "doc_type", "number", "date", "year", "issuer", "province", "province_2025",
    "place", "signer", "format", "pages", "ocr_pages", "ocr_confidence", "published", "sha256", "size_bytes",
    "file_mtime_ns", "fetched_at", "extracted_at", "extractor_version", "notes", "page_metadata",
)
_INSERT_DOCUMENT = (f"INSERT INTO documents ({', '.join(_DOCUMENT_COLUMNS)}) "
                    f"VALUES ({', '.join('?' * len(_DOCUMENT_COLUMNS))})")
_INSERT_SPAN = "INSERT INTO spans (document_id, label, start, [end], text, value) VALUES (?, ?, ?, ?, ?, ?)"
_TARGET_COLUMNS = (
    "document_id", "value", "value_max", "unit", "comparator", "year", "subject", "per", "reading", "level",
    "province", "province_2025", "district", "commune", "span_start", "span_end",
)
_INSERT_TARGET = (f"INSERT INTO targets ({', '.join(_TARGET_COLUMNS)}) "
                  f"VALUES ({', '.join('?' * len(_TARGET_COLUMNS))})")
_DISTRICT_LEVELS = ("huyện", "quận", "thị xã", "thành phố")
_COMMUNE_LEVELS = ("xã", "phường", "thị trấn")


def _setter(issuer: str | None) -> tuple[str | None, str | None, str | None]:
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
_INSERT_CITATION = ("INSERT INTO citations (document_id, number, date, issuer, span_start, span_end) "
                    "VALUES (?, ?, ?, ?, ?, ?)")


def _issuer_id(db: sqlite_utils.Database, name: str) -> int:
    row = db.conn.execute("SELECT id FROM issuers WHERE name = ?", [name]).fetchone()
    if row:
        return row[0]
    issuer = _issuer_row(name)
    return db.conn.execute("INSERT INTO issuers (name, level, province) VALUES (?, ?, ?)",
                           [name, issuer["level"], issuer["province"]]).lastrowid


def insert_result(db: sqlite_utils.Database, result: dict[str, Any], *, version: str) -> int | None:
    """Write one processed document, everything extracted from it and its search entry;
    returns its id. The caller owns the transaction."""
    path = result["path"]
    now = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
    if "error" in result:
        db.conn.execute("INSERT OR REPLACE INTO failures (path, sha256, extractor_version, reason, at) "
                        "VALUES (?, ?, ?, ?, ?)", [path, result.get("sha256"), version, result["error"], now])
        return None
    db.conn.execute("DELETE FROM failures WHERE path = ?", [path])
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
    text = result["text"]
    row = {
        "path": path, "url": crawl.get("url"), "title": title, "kind": record["kind"],
        "doc_type": document.get("type"), "number": document.get("number"), "date": date,
        "year": int(date[:4]) if date else None, "issuer": document.get("issuer"),
        "province": province, "province_2025": province_2025, "place": result.get("place"),
        "signer": result.get("signer"), "format": result.get("format"), "pages": result.get("pages"),
        "ocr_pages": result.get("ocr_pages"), "ocr_confidence": result.get("ocr_confidence"),
        "published": result.get("published"),
        "sha256": result["sha256"], "size_bytes": result.get("size_bytes"),
        "file_mtime_ns": result.get("mtime_ns"), "fetched_at": crawl.get("fetched_at"),
        "extracted_at": result.get("extracted_at"), "extractor_version": version, "notes": record.get("notes"),
        "page_metadata": json.dumps(page, ensure_ascii=False) if page else None,
    }
    doc_id = db.conn.execute(_INSERT_DOCUMENT, [row[c] for c in _DOCUMENT_COLUMNS]).lastrowid
    db.conn.execute("INSERT INTO document_texts (document_id, text, original_text) VALUES (?, ?, ?)",
                    [doc_id, text, result.get("original")])
    _record_disagreements(db, doc_id, page, document)
    spans = result["spans"]
    db.conn.executemany(_INSERT_SPAN, [
        (doc_id, s["label"], s["start"], s["end"], text[s["start"]:s["end"]],
         json.dumps(s["value"], ensure_ascii=False)) for s in spans])
    level, district, commune = _setter(document.get("issuer"))
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
    own = document.get("issuer")
    db.conn.executemany(
        "INSERT OR IGNORE INTO document_issuers (document_id, issuer_id, role) VALUES (?, ?, ?)",
        [(doc_id, _issuer_id(db, name), "own" if name == own else "cited") for name in record.get("issuers", [])])
    by_name = gazetteer.province_by_name()
    db.conn.executemany(
        "INSERT OR IGNORE INTO document_provinces (document_id, province_id) VALUES (?, ?)",
        [(doc_id, by_name[p].code) for p in provinces if p in by_name])
    _index_document(db, doc_id, title, row["number"], text)
    if result.get("parsed"):
        db.conn.execute("INSERT OR REPLACE INTO parsed_texts (sha256, parse_version, parsed) VALUES (?, ?, ?)",
                        [result["sha256"], parse_version(), json.dumps(result["parsed"], ensure_ascii=False)])
    return doc_id


_PAGE_FIELDS = {"number": "number", "date": "date", "issuer": "issuer", "doc_type": "type"}


def _record_disagreements(db: sqlite_utils.Database, doc_id: int, page: dict[str, Any],
                          document: dict[str, Any]) -> None:
    """Where what a page states (a portal's properties table) and what the text says differ,
    both are kept: the user decides."""
    rows = []
    for page_key, text_key in _PAGE_FIELDS.items():
        stated, read = page.get(page_key), document.get(text_key)
        if stated and read and fold(str(stated)).replace(" ", "") != fold(str(read)).replace(" ", ""):
            rows.append({"document_id": doc_id, "field": page_key, "page_value": stated, "text_value": read})
    db.conn.executemany("INSERT INTO metadata_disagreements (document_id, field, page_value, text_value) "
                        "VALUES (:document_id, :field, :page_value, :text_value)", rows)


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
    """Point each citation at the cited document's row when the database holds it, and
    only then: every province numbers its own decisions, so `240/KH-UBND` is dozens of
    documents nationally. The cited document has the citation's number and, where the
    citation names them, its issuer and date; a citation that fits more than one document
    stays unlinked rather than pointing at the wrong one."""
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


def create_search_index(db: sqlite_utils.Database) -> None:
    """Full-text search that treats tone marks as Vietnamese readers do.

    The index holds each document twice: as written, tokenised with marks kept
    (`remove_diacritics 0`: `năm` and `Nam`, `án` and `an` stay different words), and
    folded (lower case, no marks, `đ`→`d`). An accented query can only match the text as
    written, so it is answered exactly; a query typed without marks matches the folded
    copy too, so `quyet dinh` finds `Quyết định` and `dak lak` finds `Đắk Lắk`. Symbols
    are found whole (`"1599/QĐ-UBND"`) or by number. Datasette searches it through the
    `fts_table` option of metadata.yml; the `search` canned query ranks matches in the
    text as written above folded ones. Kept up to date document by document (rowid =
    documents.id), so a rebuild indexes only what changed."""
    db.execute(
        "CREATE VIRTUAL TABLE IF NOT EXISTS documents_fts USING fts5(title, number, text, title_folded, text_folded, "
        "tokenize = 'unicode61 remove_diacritics 0')"
    )


def _index_document(db: sqlite_utils.Database, doc_id: int, title: str | None, number: str | None,
                    text: str) -> None:
    db.conn.execute("INSERT INTO documents_fts (rowid, title, number, text, title_folded, text_folded) "
                    "VALUES (?, ?, ?, ?, ?, ?)", [doc_id, title, number, text, fold(title or ""), fold(text)])


Progress = Callable[[Iterable[Any], int], Iterable[Any]]


BATCH_DOCUMENTS = 500  # documents per transaction ...
BATCH_SECONDS = 10.0  # ... or seconds of work: what a killed build keeps for its resumption


def build(corpus: Path, db_path: Path, *, jobs: int | None = None,
          progress: Progress | None = None) -> dict[str, Any]:
    """Build or update `db_path` from the files under `corpus`; returns counts.

    The work happens in a copy beside the database (`NAME.building`), committed every few
    hundred documents; the copy replaces the database only when it is complete and
    checked. A build that is killed leaves the database as it was, and the next build
    resumes from the copy: what was committed is not extracted again."""
    db_path.parent.mkdir(parents=True, exist_ok=True)
    tmp_path = db_path.with_name(db_path.name + ".building")
    resumed = _resumable(tmp_path, db_path)
    if not resumed:
        for leftover in (tmp_path, tmp_path.with_name(tmp_path.name + "-journal")):
            leftover.unlink(missing_ok=True)
        if db_path.exists():
            shutil.copyfile(db_path, tmp_path)
    version = extractor_version()
    db = sqlite_utils.Database(tmp_path)
    # The copy is scratch until it is moved over the database: a crash of the machine may
    # cost the copy (then rebuilt), never the database being served, so no fsync per commit.
    db.execute("PRAGMA synchronous = OFF")
    try:
        counts = _update(db, corpus, db_path, version, jobs, progress)
    except BaseException:  # the copy keeps what was committed; the next build resumes from it
        db.conn.rollback()
        raise
    finally:
        db.close()
    _check_integrity(tmp_path)
    with open(tmp_path, "rb+") as handle:  # on disk before it replaces the database
        os.fsync(handle.fileno())
    os.replace(tmp_path, db_path)
    return {**counts, "resumed": resumed}


def _update(db: sqlite_utils.Database, corpus: Path, db_path: Path, version: str, jobs: int | None,
            progress: Progress | None) -> dict[str, int]:
    """Bring the copy up to date: find what changed, extract it, write it, link citations."""
    if _schema_version(db.conn) != SCHEMA_VERSION:
        _drop_document_tables(db)  # rebuilt from scratch; the crawl's tables are kept
    create_schema(db)
    db.conn.commit()
    files = _corpus_paths(corpus)
    known = {row["path"]: row for row in db.query(
        "SELECT id, path, sha256, size_bytes, file_mtime_ns, format, extractor_version FROM documents")}
    failed_before = {row["path"]: row for row in db.query("SELECT path, sha256, extractor_version FROM failures")}
    wanted, reparse_free, unchanged, still_failing = [], [], 0, 0
    paths_now = set()

    def parsed_before(row: dict[str, Any]) -> bool:
        return row["format"] in SLOW_TO_PARSE and db.conn.execute(
            "SELECT 1 FROM parsed_texts WHERE sha256 = ? AND parse_version = ?",
            [row["sha256"], parse_version()]).fetchone() is not None

    for path in files:
        paths_now.add(path)
        row = known.get(path)
        if row and _same_file(db, path, row):
            if row["extractor_version"] == version:
                unchanged += 1
                continue
            if parsed_before(row):
                reparse_free.append({"path": path, "sha256": row["sha256"], "size_bytes": row["size_bytes"],
                                     "mtime_ns": row["file_mtime_ns"]})
                continue
        failure = failed_before.get(path)
        if failure and failure["extractor_version"] == version and failure["sha256"] == _file_sha256(path):
            still_failing += 1  # same bytes, same code: the same error; not tried again
            continue
        wanted.append(path)
    crawled = []
    for item in crawled_items(db, db_path.parent / "archive"):
        paths_now.add(item["url"])
        row = known.get(item["url"])
        if row and row["sha256"] == item["sha256"]:
            if row["extractor_version"] == version:
                unchanged += 1
                continue
            if parsed_before(row):
                reparse_free.append({"path": item["url"], "sha256": row["sha256"], "size_bytes": row["size_bytes"],
                                     "crawl": item})
                continue
        crawled.append(item)
    removed = 0
    for path, row in known.items():
        if path not in paths_now:
            delete_document(db, row["id"])
            removed += 1
    for path in failed_before:
        if path not in paths_now:
            db.conn.execute("DELETE FROM failures WHERE path = ?", [path])
    db.conn.commit()

    def with_parsed_text(items: list[dict[str, Any]]) -> Iterator[dict[str, Any]]:
        # Fetched as each item goes to a worker, so that they are never all in memory.
        for item in items:
            (parsed,) = db.conn.execute("SELECT parsed FROM parsed_texts WHERE sha256 = ?", [item["sha256"]]).fetchone()
            yield {**item, "parsed": json.loads(parsed)}

    results = itertools.chain(process_many(wanted, jobs),
                              process_many(with_parsed_text(reparse_free), jobs, worker=process_parsed),
                              process_many(crawled, jobs, worker=process_archived))
    if progress:
        results = progress(results, len(wanted) + len(reparse_free) + len(crawled))
    built = failed = pending = 0
    last_commit = time.monotonic()
    for result in results:
        row = known.get(result["path"])
        if row:
            delete_document(db, row["id"])
        if insert_result(db, result, version=version) is None:
            failed += 1
        else:
            built += 1
        pending += 1
        if pending >= BATCH_DOCUMENTS or time.monotonic() - last_commit > BATCH_SECONDS:
            db.conn.commit()
            pending, last_commit = 0, time.monotonic()
    db.conn.execute("DELETE FROM parsed_texts WHERE parse_version != ? OR sha256 NOT IN "
                    "(SELECT sha256 FROM documents WHERE sha256 IS NOT NULL)", [parse_version()])
    db.conn.commit()
    link_citations(db)
    if built >= max(1000, len(known) // 10):
        # Documents indexed one by one leave the index in many segments, each consulted by
        # every query; merged into one, a search of common words at 100,000 documents is
        # about a third faster. A small update leaves it to FTS5's own background merging.
        db.conn.execute("INSERT INTO documents_fts (documents_fts) VALUES ('optimize')")
    db.conn.commit()
    db.conn.execute("PRAGMA journal_mode = DELETE")
    return {"files": len(files), "crawled": len(paths_now) - len(files), "extracted": built, "unchanged": unchanged,
            "failed": failed + still_failing, "removed": removed, "parse_reused": len(reparse_free)}


def _same_file(db: sqlite_utils.Database, path: str, row: dict[str, Any]) -> bool:
    """Whether the file still holds the bytes the row was extracted from: same size and
    modification time (as make and git decide), else same hash; a file touched but not
    changed gets its new time recorded, so it is not hashed again."""
    stat = os.stat(path)
    if stat.st_size != row["size_bytes"]:
        return False
    if stat.st_mtime_ns == row["file_mtime_ns"]:
        return True
    if _file_sha256(path) != row["sha256"]:
        return False
    db.conn.execute("UPDATE documents SET file_mtime_ns = ? WHERE id = ?", [stat.st_mtime_ns, row["id"]])
    return True


def _file_sha256(path: str) -> str | None:
    try:
        return sha256(Path(path).read_bytes())
    except OSError:
        return None


def _resumable(tmp_path: Path, db_path: Path) -> bool:
    """Whether a killed build's copy can be resumed: readable, of this schema, and not
    older than the database (else a later build completed and it is stale)."""
    if not tmp_path.exists():
        return False
    if db_path.exists() and db_path.stat().st_mtime_ns > tmp_path.stat().st_mtime_ns:
        return False
    conn = sqlite3.connect(tmp_path)  # rolls back the killed run's unfinished transaction
    try:
        return _schema_version(conn) == SCHEMA_VERSION and conn.execute("PRAGMA quick_check").fetchone()[0] == "ok"
    except sqlite3.DatabaseError:
        return False
    finally:
        conn.close()


_DOCUMENT_TABLES = ("documents_fts", "document_texts", "parsed_texts", "documents", "spans", "targets", "citations",
                    "document_issuers", "document_provinces", "issuers", "provinces", "failures",
                    "metadata_disagreements", "meta")


def _drop_document_tables(db: sqlite_utils.Database) -> None:
    db.execute("PRAGMA foreign_keys = OFF")
    for table in _DOCUMENT_TABLES:
        if table in db.table_names():
            db[table].drop()
    db.execute("PRAGMA foreign_keys = ON")


def _schema_version(conn: sqlite3.Connection) -> int | None:
    try:
        row = conn.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
    except sqlite3.DatabaseError:
        return None
    return int(row[0]) if row else None


def _check_integrity(path: Path) -> None:
    """The b-trees whole before the copy replaces the database. quick_check, not
    integrity_check: it skips comparing every index with its table (a third of an
    incremental rebuild at 100,000 documents); `ocop check` runs the full one."""
    conn = sqlite3.connect(path)
    try:
        (status,) = conn.execute("PRAGMA quick_check").fetchone()
    finally:
        conn.close()
    if status != "ok":
        raise RuntimeError(f"database integrity check failed: {status}")
