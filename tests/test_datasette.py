"""The built database served by Datasette with the project's metadata, through its test client."""
import asyncio
import re
from pathlib import Path

import pytest
import yaml
from datasette.app import Datasette

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def datasette(built_db: Path) -> Datasette:
    metadata = yaml.safe_load((ROOT / "metadata.yml").read_text(encoding="utf-8"))
    return Datasette(immutables=[str(built_db)], metadata=metadata,
                     settings={"sql_time_limit_ms": 3000})


def get(ds: Datasette, path: str):
    return asyncio.run(ds.client.get(path))


def test_home_page_shows_the_title(datasette: Datasette) -> None:
    response = get(datasette, "/")
    assert response.status_code == 200
    assert "OCOP" in response.text and "ocop" in response.text


def test_documents_table_has_the_default_facets(datasette: Datasette) -> None:
    data = get(datasette, "/ocop/documents.json?_size=5").json()
    assert set(data["facet_results"]) >= {"province", "doc_type", "year", "issuer"}
    provinces = {f["value"] for f in data["facet_results"]["province"]["results"]}
    assert {"Quảng Nam", "Ninh Thuận", "Hà Nội"} <= provinces


def test_the_facets_served_are_those_the_indexes_cover() -> None:
    from pipeline.store.writer import FACETS

    metadata = yaml.safe_load((ROOT / "metadata.yml").read_text(encoding="utf-8"))
    assert tuple(metadata["databases"]["ocop"]["tables"]["documents"]["facets"]) == FACETS


def test_province_facet_filters_documents(datasette: Datasette) -> None:
    data = get(datasette, "/ocop/documents.json?province=B%E1%BA%BFn+Tre&_shape=objects").json()
    assert data["rows"] and all(r["province"] == "Bến Tre" for r in data["rows"])


def test_full_text_search_through_the_table_page(datasette: Datasette) -> None:
    rows = search(datasette, '"919/QĐ-TTg"')
    assert len(rows) >= 5
    assert all("919/QĐ-TTg" in r["text"] for r in rows)


def test_targets_are_served_with_their_document_label(datasette: Datasette) -> None:
    data = get(datasette, "/ocop/targets.json?_shape=objects&_labels=on&year=2025&unit=%25").json()
    assert data["rows"]
    row = data["rows"][0]
    assert row["document_id"]["label"] and row["unit"] == "%"


def test_the_database_is_served_read_only(datasette: Datasette) -> None:
    response = get(datasette, "/ocop.json?sql=DELETE+FROM+documents")
    assert response.status_code == 400
    assert get(datasette, "/ocop/documents.json?_size=1").json()["filtered_table_rows_count"] > 40


def test_documents_filter_by_the_province_since_the_2025_merger(datasette: Datasette) -> None:
    # Quảng Nam joined Đà Nẵng on 1 July 2025: its documents are found under either name.
    data = get(datasette, "/ocop/documents.json?province_2025=%C4%90%C3%A0+N%E1%BA%B5ng&_shape=objects").json()
    assert {r["province"] for r in data["rows"]} >= {"Quảng Nam"}
    assert all(r["province_2025"] == "Đà Nẵng" for r in data["rows"])


def q(text: str) -> str:
    import urllib.parse

    return urllib.parse.quote(text)


def search(datasette: Datasette, query: str) -> list[dict]:
    """The documents table page's search results, each with its text (kept in document_texts)."""
    rows = get(datasette, f"/ocop/documents.json?_shape=objects&_size=max&_search={q(query)}").json()["rows"]
    return _with_texts(datasette, rows)


def _with_texts(datasette: Datasette, rows: list[dict]) -> list[dict]:
    ids = ",".join(str(r["id"]) for r in rows)
    texts = get(datasette, f"/ocop/document_texts.json?_shape=objects&_size=max&document_id__in={ids}").json()["rows"]
    by_id = {t["document_id"]: t["text"] for t in texts}
    return [{**r, "text": by_id[r["id"]]} for r in rows]


@pytest.mark.parametrize("unaccented, accented", [("quyet dinh", "Quyết định"), ("dak lak", "Đắk Lắk")])
def test_an_unaccented_query_finds_the_accented_text(datasette: Datasette, unaccented: str, accented: str) -> None:
    from extractors.vietnamese import fold

    rows = search(datasette, unaccented)
    # every word of the query is in each result, in one tone or another
    assert rows and all(all(word in fold(r["text"]).split() or word in fold(r["title"] or "").split()
                            for word in unaccented.split()) for r in rows)
    assert any(accented.lower() in r["text"].lower() for r in rows)
    assert {r["id"] for r in rows} >= {r["id"] for r in search(datasette, accented)}


@pytest.mark.parametrize("word", ["năm", "án"])
def test_an_accented_query_finds_only_that_word(datasette: Datasette, word: str) -> None:
    import re

    rows = search(datasette, word)
    assert rows
    assert all(re.search(rf"(?i)(?<!\w){word}(?!\w)", r["text"]) for r in rows)  # not `Nam`, not `an`
    assert len(search(datasette, {"năm": "nam", "án": "an"}[word])) >= len(rows)


def test_the_search_query_ranks_and_highlights_and_finds_symbols(datasette: Datasette) -> None:
    rows = get(datasette, f"/ocop/search.json?_shape=objects&q={q('919/QĐ-TTg')}").json()["rows"]
    assert len(rows) >= 5 and all("<mark>919/QĐ-TTg</mark>" in r["snippet"] for r in rows)
    page = get(datasette, "/ocop/search?q=quyet+dinh").text
    assert "<mark>Quyết</mark> <mark>định</mark>" in page  # rendered as HTML, not escaped


@pytest.mark.parametrize("typed", ["", '"', "AND", "sao AND", '"3 sao', "NEAR("])
def test_the_search_page_never_fails_on_what_a_user_types(datasette: Datasette, typed: str) -> None:
    response = get(datasette, f"/ocop/search?q={q(typed)}")
    assert response.status_code == 200, typed
    assert "syntax error" not in response.text and "unterminated" not in response.text


def test_a_query_most_documents_match_lists_the_newest_and_a_narrow_one_ranks(built_db: Path) -> None:
    """The search query ranks by relevance up to a number of matches (20,000 in metadata.yml;
    3 here, so that the bundled corpus crosses it) and lists the newest past it."""
    import sqlite3

    from pipeline.publish import prepare_connection

    metadata = yaml.safe_load((ROOT / "metadata.yml").read_text(encoding="utf-8"))
    sql = metadata["databases"]["ocop"]["queries"]["search"]["sql"]
    assert sql.count("20000") == 2
    conn = sqlite3.connect(built_db)
    prepare_connection(conn)
    small = sql.replace("20000", "3")
    many = conn.execute(small, {"q": "OCOP"}).fetchall()  # nearly every document
    dates = [r[3] or "" for r in many]
    assert len(many) == 50 and dates == sorted(dates, reverse=True)
    newest = conn.execute("SELECT max(date) FROM documents WHERE id IN "
                          "(SELECT rowid FROM documents_fts WHERE documents_fts MATCH 'OCOP')").fetchone()[0]
    assert dates[0] == newest
    few = conn.execute(small, {"q": "919/QĐ-TTg Ninh Thuận"}).fetchall()
    best = conn.execute("SELECT rowid FROM documents_fts WHERE documents_fts MATCH '\"919/QĐ-TTg\" \"Ninh Thuận\"' "
                        "ORDER BY bm25(documents_fts, 10.0, 10.0, 4.0, 2.0, 1.0)").fetchall()
    assert 0 < len(best) <= 3 and [r[0] for r in few] == [r[0] for r in best]


@pytest.mark.parametrize("path, minimum", [
    (f"/ocop/documents_of_a_province.json?province={q('Bến Tre')}&year=&doc_type=", 3),
    (f"/ocop/targets_of_a_province.json?province={q('Bến Tre')}&year=2025", 5),
    ("/ocop/provinces_without_a_target.json?words=5+sao", 40),
    (f"/ocop/documents_citing.json?number={q('919/QĐ-TTg')}", 10),
    ("/ocop/newest_documents.json", 50),
])
def test_canned_queries_answer(datasette: Datasette, path: str, minimum: int) -> None:
    data = get(datasette, path + "&_shape=objects" if "?" in path else path + "?_shape=objects").json()
    assert len(data["rows"]) >= minimum, data


def test_targets_of_a_province_name_their_document(datasette: Datasette) -> None:
    path = f"/ocop/targets_of_a_province.json?_shape=objects&province={q('Bến Tre')}&year="
    rows = get(datasette, path).json()["rows"]
    assert all(r["document"] and r["document_id"] for r in rows)
    # the per-district table rows are there with their district
    assert any(r["district"] == "Ba Tri" for r in rows)


def test_the_document_page_highlights_every_kind_of_value(datasette: Datasette, built_db: Path) -> None:
    import sqlite3

    with sqlite3.connect(built_db) as conn:
        doc_id, cited = conn.execute("SELECT document_id, cited_document_id FROM citations "
                                     "WHERE cited_document_id IS NOT NULL LIMIT 1").fetchone()
    page = get(datasette, f"/-/document/{doc_id}")
    assert page.status_code == 200
    for label in ("TARGET", "CITATION", "DATE", "ISSUER"):
        assert f'class="ocop-{label}"' in page.text, label
    assert f'href="/-/document/{cited}"' in page.text  # the citation leads to the cited document
    assert get(datasette, "/-/document/999999").status_code == 404
    assert f'href="/-/document/{doc_id}"' in get(datasette, "/ocop/documents?_size=100").text


def test_an_atom_feed_of_new_documents(datasette: Datasette) -> None:
    feed = get(datasette, "/ocop/newest_documents.atom")
    assert feed.status_code == 200 and feed.text.count("<entry>") == 50
    assert "/-/document/" in feed.text


def test_hostile_document_text_is_shown_as_text(hostile_db: Path) -> None:
    db = hostile_db
    metadata = yaml.safe_load((ROOT / "metadata.yml").read_text(encoding="utf-8"))
    ds = Datasette(immutables=[str(db)], metadata=metadata)
    pages = [get(ds, "/-/document/1").text, get(ds, "/ocop/documents/1").text,
             get(ds, "/ocop/search?q=ke+hoach").text, get(ds, "/ocop/documents?_search=ke+hoach").text]
    for page in pages:
        assert "<script>alert" not in page and 'href="javascript:' not in page and "<img src=x" not in page
    assert "&lt;script&gt;alert" in pages[0]


@pytest.mark.parametrize("path, bars", [("/-/provinces", 63), ("/-/provinces?by=2025", 34)])
def test_figures_by_province_before_and_after_the_merger(datasette: Datasette, path: str, bars: int) -> None:
    page = get(datasette, path)
    assert page.status_code == 200
    assert page.text.count('class="bar documents"') == bars
    assert "Quảng Nam" in page.text if bars == 63 else "Đà Nẵng" in page.text
    assert "/-/provinces" in get(datasette, "/").text  # linked from the home page


@pytest.mark.parametrize("path", ["/ocop/documents/999999", "/ocop/no_such_table", "/no_such_database",
                                  "/-/document/999999", "/ocop/documents/999999.json"])
def test_a_missing_page_is_a_404_without_a_traceback(datasette: Datasette, path: str, capfd) -> None:
    response = get(datasette, path)
    assert response.status_code == 404
    error = response.json()["error"] if path.endswith(".json") else response.text
    assert "not found" in error.lower() or "No document" in error
    printed = capfd.readouterr()
    assert "Traceback" not in printed.out + printed.err and "locals" not in printed.out + printed.err


@pytest.mark.parametrize("path", [
    "/ocop/targets_of_a_province.json?_shape=array&province=ninh+thuan&year=",
    "/ocop/targets_of_a_province.json?_shape=array&province=NINH%20THU%E1%BA%ACN&year=",
    "/ocop/documents_of_a_province.json?_shape=array&province=quang+nam&year=&doc_type=ke+hoach",
    "/ocop/documents_citing.json?_shape=array&number=919%2FQD-TTg",
    "/ocop/documents_citing.json?_shape=array&number=919",
])
def test_canned_queries_take_names_and_symbols_as_typed(datasette: Datasette, path: str) -> None:
    rows = get(datasette, path).json()
    assert rows, path


def test_canned_queries_hide_their_sql_and_link_each_title(datasette: Datasette) -> None:
    page = get(datasette, "/ocop/documents_of_a_province?province=ben+tre&year=&doc_type=").text
    assert "<textarea" not in page and "select id, title" not in page
    assert page.count('href="/-/document/') >= 3


def test_whole_numbers_read_as_whole_numbers(datasette: Datasette) -> None:
    rows = get(datasette, "/ocop/targets.json?_shape=array&_size=max").json()
    assert all(isinstance(r["value"], int) for r in rows if float(r["value"]).is_integer())
    page = get(datasette, "/ocop/targets?_size=200").text
    assert not re.search(r'class="col-value[^"]*">\d+\.0<', page)


def test_a_table_downloads_as_a_spreadsheet_with_vietnamese_intact(datasette: Datasette, tmp_path: Path) -> None:
    import openpyxl

    response = get(datasette, "/ocop/targets.xlsx?_size=max&province=Ninh+Thu%E1%BA%ADn")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("application/vnd.openxmlformats")
    assert response.headers["content-disposition"].startswith("attachment")
    (tmp_path / "t.xlsx").write_bytes(response.content)
    sheet = openpyxl.load_workbook(tmp_path / "t.xlsx").active
    rows = [[c.value for c in row] for row in sheet.iter_rows()]
    header = rows[0]
    assert "reading" in header and len(rows) > 2
    assert {r[header.index("province")] for r in rows[1:]} == {"Ninh Thuận"}
    comparators = {r[header.index("comparator")] for r in rows[1:]}
    assert "=" in comparators or ">=" in comparators  # kept as text, not read as a formula


def test_which_provinces_set_a_five_star_target_has_a_direct_answer(datasette: Datasette) -> None:
    rows = get(datasette, "/ocop/provinces_with_a_target.json?_shape=array&words=5+sao").json()
    assert len(rows) >= 3 and all(r["targets"] >= 1 and r["documents"] >= 1 for r in rows)
    with_marks = get(datasette, "/ocop/provinces_with_a_target.json?_shape=array&words=5%20sao").json()
    assert rows == with_marks
    page = get(datasette, "/ocop/provinces_with_a_target?words=5+sao").text
    assert 'href="/ocop/documents_of_a_province?province=' in page


def test_a_comparator_reads_in_words_and_the_figures_by_province_link_their_counts(datasette: Datasette) -> None:
    page = get(datasette, "/ocop/targets?comparator=%3E%3D&_size=5").text
    assert "ít nhất (&gt;=)" in page
    figures = get(datasette, "/-/provinces").text
    assert 'href="/ocop/documents_of_a_province?province=Qu%E1%BA%A3ng%20Nam' in figures
    assert "subject__contains=5+sao" in figures


def test_the_atom_feed_links_absolutely_and_carries_a_news_lead(datasette: Datasette) -> None:
    feed = get(datasette, "/ocop/newest_documents.atom").text
    links = re.findall(r'<link href="([^"]+)"/>', feed)
    assert links and all(re.fullmatch(r"https?://[^/]+/-/document/\d+", link) for link in links)
    contents = re.findall(r"<content[^>]*>(.*?)</content>", feed, re.S)
    assert len(contents) == 50 and all(c.strip() for c in contents)
    assert any("phấn đấu" in c for c in contents)  # a news entry's lead, not only its metadata


def test_table_pages_speak_vietnamese_and_hide_what_the_corpus_leaves_empty(datasette: Datasette) -> None:
    page = get(datasette, "/ocop/documents?_size=5").text
    headings = re.findall(r'<th[^>]*data-column="(\w+)"', page)
    assert headings[:7] == ["id", "title", "doc_type", "number", "date", "issuer", "province"]
    assert "url" not in headings  # no bundled file has one
    assert ">Tên văn bản<" in page and ">Cơ quan ban hành<" in page
    assert re.search(r'<strong title="province">Tỉnh', page)  # the facet, labelled too
    # the English glossary is folded under the table, below the search box
    assert page.index('name="_search"') < page.index("Các cột / What the columns hold")
    # the JSON keeps the names and every column
    row = get(datasette, "/ocop/documents.json?_shape=array&_size=1").json()[0]
    assert "url" in row and "title" in row


def test_query_pages_label_their_headings_and_parameters_and_write_dates_as_a_reader(
        datasette: Datasette) -> None:
    page = get(datasette, "/ocop/targets_of_a_province?province=ninh+thuan&year=").text
    assert 'title="province">Tỉnh / Province</label>' in page
    assert 'data-column="target" title="target">Chỉ tiêu</th>' in page
    assert re.search(r'<td class="col-date">\d{2}/\d{2}/\d{4}</td>', page)
    assert not re.search(r'<td class="col-date">\d{4}-\d{2}-\d{2}</td>', page)
    rows = get(datasette, "/ocop/targets_of_a_province.json?_shape=array&province=ninh+thuan&year=").json()
    assert all(re.fullmatch(r"\d{4}-\d{2}-\d{2}", r["date"]) for r in rows if r["date"])


def test_the_document_page_names_the_signer_not_their_title(datasette: Datasette, built_db: Path) -> None:
    import sqlite3

    with sqlite3.connect(built_db) as conn:
        (doc_id,) = conn.execute("SELECT d.id FROM documents d JOIN sources s ON s.id = d.source_id "
                                 "WHERE s.path = 'cv_04_bac_tra_my.txt'").fetchone()
        signers = conn.execute("SELECT signer FROM documents WHERE kind = 'official'").fetchall()
    page = get(datasette, f"/-/document/{doc_id}").text
    assert "Người ký</dt><dd>Đỗ Minh Khoa, Phó Chủ tịch (KT. Chủ tịch)</dd>" in page
    assert all(name and not name.isupper() for (name,) in signers)  # a name, never `PHÓ CHỦ TỊCH`
