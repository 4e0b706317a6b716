"""One document, many sources: a decision found as a bundled text, its text PDF, its scan
and a legal database's HTML copy is one row with four sources; the news about it is
linked to it; its targets are counted once; a copy removed or added regroups it."""
from __future__ import annotations

import asyncio
import shutil
import sqlite3
from pathlib import Path

import pytest
import yaml
from fixture_sites import CORPUS, SITES, FixtureSite, crawl_with_adapter

from pipeline.check import check
from pipeline.process import process_path
from pipeline.store import build

ROOT = Path(__file__).resolve().parent.parent
TRUTH = CORPUS.parent / "truth"
NUMBER = "3473/QĐ-UBND"  # the Quảng Nam decision the corpus holds as a text PDF and as its scan

NEWS = """<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8">
<title>Quảng Nam phê duyệt Đề án OCOP giai đoạn 2021-2025</title>
<meta property="article:published_time" content="2021-07-20T08:00:00"></head><body>
<div class="article-content"><h1>Quảng Nam phê duyệt Đề án OCOP giai đoạn 2021-2025</h1>
<p>Ngày 12-7, UBND tỉnh Quảng Nam đã ban hành Quyết định số 3473/QĐ-UBND ngày 12/7/2021 phê duyệt Đề án
Chương trình mỗi xã một sản phẩm của tỉnh giai đoạn 2021-2025, định hướng đến năm 2030.</p>
<p>Theo đề án, các huyện, thị xã, thành phố tập trung hỗ trợ các chủ thể hoàn thiện sản phẩm,
nâng hạng sao và mở rộng thị trường tiêu thụ cho sản phẩm OCOP.</p></div></body></html>"""

NEWS_WITHOUT_SYMBOL = """<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8">
<title>Đề án OCOP Quảng Nam: 30 sản phẩm 3 sao</title>
<meta property="article:published_time" content="2021-07-25T09:00:00"></head><body>
<div class="article-content"><h1>Đề án OCOP Quảng Nam: 30 sản phẩm 3 sao</h1>
<p>Ngày 12/7/2021, UBND tỉnh Quảng Nam đã ban hành Quyết định phê duyệt Đề án Chương trình mỗi xã một sản
phẩm của tỉnh giai đoạn 2021-2025. Các địa phương đang rà soát sản phẩm chủ lực để đăng ký tham gia.</p>
</div></body></html>"""

BEN_TRE = """ỦY BAN NHÂN DÂN
TỈNH BẾN TRE
-------
Số: 3473/QĐ-UBND
Bến Tre, ngày 03 tháng 11 năm 2022

QUYẾT ĐỊNH
Về việc công nhận sản phẩm đạt chuẩn OCOP tỉnh Bến Tre năm 2022

ỦY BAN NHÂN DÂN TỈNH BẾN TRE
Điều 1. Công nhận 25 sản phẩm đạt chuẩn OCOP tỉnh Bến Tre năm 2022.
"""


def _legal_database_page(text: str) -> bytes:
    """A legal database's detail page of the decision: its properties, then its full text."""
    lines = "".join(f"<p>{line}</p>\n" for line in text.splitlines() if line.strip())
    return f"""<!doctype html><html lang="vi"><head><meta charset="utf-8"><title>Quyết định {NUMBER}</title></head>
<body><h1>Quyết định {NUMBER} phê duyệt Đề án Chương trình mỗi xã một sản phẩm tỉnh Quảng Nam</h1>
<table class="thuoc-tinh">
<tr><td>Số hiệu:</td><td>{NUMBER}</td><td>Loại văn bản:</td><td>Quyết định</td></tr>
<tr><td>Nơi ban hành:</td><td>Ủy ban nhân dân tỉnh Quảng Nam</td><td>Người ký:</td><td>Lê Trí Thanh</td></tr>
<tr><td>Ngày ban hành:</td><td>12/07/2021</td><td>Ngày hiệu lực:</td><td>12/07/2021</td></tr>
</table>
<div class="toan-van">
{lines}</div></body></html>""".encode()


SEARCH = """<!doctype html><html lang="vi"><head><meta charset="utf-8"></head><body>
<div class="search-result"><div class="item"><a class="title" href="/van-ban/3473-qd-ubnd.html">QĐ 3473</a></div>
</div></body></html>""".encode()


def _crawl_legal_database(db: Path, archive: Path) -> None:
    site = FixtureSite(SITES / "legal_database")
    site.pages["/tim-kiem.html"] = SEARCH
    site.pages["/van-ban/3473-qd-ubnd.html"] = _legal_database_page(
        (TRUTH / "qd_01_quang_nam.txt").read_text(encoding="utf-8"))
    with site:
        summary = crawl_with_adapter(site, "legal_database", db, archive)
    assert summary["errors"] == {} and summary["finished"]


def rows(db: Path, sql: str, params: tuple = ()) -> list[tuple]:
    with sqlite3.connect(db) as conn:
        return conn.execute(sql, params).fetchall()


def _the_decision(db: Path) -> int:
    (doc_id,) = [i for (i,) in rows(db, "SELECT id FROM documents WHERE number = ? AND issuer = ?",
                                     (NUMBER, "UBND tỉnh Quảng Nam"))]
    return doc_id


def _shown(db: Path, doc_id: int) -> str:
    return Path(rows(db, "SELECT s.path FROM documents d JOIN sources s ON s.id = d.source_id WHERE d.id = ?",
                     (doc_id,))[0][0]).name


def _build_corpus_and_crawl(work: Path) -> tuple[Path, Path]:
    corpus = work / "corpus"
    corpus.mkdir()
    for name in ("qd_01_quang_nam.pdf", "qd_01_quang_nam_scan.pdf"):
        shutil.copy(CORPUS / name, corpus / name)
    shutil.copy(TRUTH / "qd_01_quang_nam.txt", corpus / "qd_01_quang_nam.txt")  # a transcription
    (corpus / "tin_quang_nam.html").write_text(NEWS, encoding="utf-8")
    (corpus / "tin_de_an.html").write_text(NEWS_WITHOUT_SYMBOL, encoding="utf-8")
    (corpus / "qd_ben_tre.txt").write_text(BEN_TRE, encoding="utf-8")
    db = work / "ocop.db"
    _crawl_legal_database(db, work / "archive")
    counts = build(corpus, db, jobs=1)
    assert counts["failed"] == 0 and counts["crawled"] == 1
    return corpus, db


@pytest.fixture(scope="module")
def grouped(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    return _build_corpus_and_crawl(tmp_path_factory.mktemp("grouped"))


def test_one_decision_found_four_times_is_one_document_with_four_sources(grouped: tuple[Path, Path]) -> None:
    _, db = grouped
    doc_id = _the_decision(db)
    assert rows(db, "SELECT sources, doc_type, date FROM documents WHERE id = ?", (doc_id,)) == [
        (4, "Quyết định", "2021-07-12")]
    kinds = sorted(k for (k,) in rows(db, "SELECT kind FROM sources WHERE document_id = ?", (doc_id,)))
    assert kinds == ["bundled file", "bundled file", "bundled file", "legal database"]
    # every copy says what it says of the document; none disagrees here
    said = rows(db, "SELECT DISTINCT number, date FROM sources WHERE document_id = ?", (doc_id,))
    assert said == [(NUMBER, "2021-07-12")]
    assert rows(db, "SELECT count(*) FROM metadata_disagreements WHERE document_id = ?", (doc_id,)) == [(0,)]


def test_the_text_shown_is_the_official_file_with_a_text_layer(grouped: tuple[Path, Path]) -> None:
    _, db = grouped
    doc_id = _the_decision(db)
    assert _shown(db, doc_id) == "qd_01_quang_nam.pdf"
    ((text,),) = rows(db, "SELECT text FROM document_texts WHERE document_id = ?", (doc_id,))
    assert text == rows(db, "SELECT t.text FROM sources s JOIN source_texts t ON t.source_id = s.id "
                            "WHERE s.path LIKE '%qd_01_quang_nam.pdf'")[0][0]


def test_each_target_is_stored_once_from_the_shown_copy(grouped: tuple[Path, Path]) -> None:
    corpus, db = grouped
    doc_id = _the_decision(db)
    alone = process_path(str(corpus / "qd_01_quang_nam.pdf"))
    expected = sorted((s["start"], s["end"], s["value"]["value"]) for s in alone["spans"] if s["label"] == "TARGET")
    assert len(expected) >= 4
    stored = rows(db, "SELECT span_start, span_end, value FROM targets WHERE document_id = ? ORDER BY span_start",
                  (doc_id,))
    assert stored == expected
    # no other document holds this decision's targets: the three other copies added none
    assert rows(db, "SELECT count(*) FROM targets t JOIN documents d ON d.id = t.document_id "
                    "WHERE d.number = ? AND d.province = 'Quảng Nam'", (NUMBER,)) == [(len(expected),)]


def test_the_same_number_from_another_province_stays_another_document(grouped: tuple[Path, Path]) -> None:
    _, db = grouped
    assert sorted(rows(db, "SELECT issuer, date, sources FROM documents WHERE number = ?", (NUMBER,))) == [
        ("UBND tỉnh Bến Tre", "2022-11-03", 1), ("UBND tỉnh Quảng Nam", "2021-07-12", 4)]


def test_the_news_about_it_is_linked_both_ways(grouped: tuple[Path, Path]) -> None:
    _, db = grouped
    doc_id = _the_decision(db)
    linked = rows(db, "SELECT r.how, n.kind, n.id FROM reports_on r JOIN documents n ON n.id = r.news_id "
                      "WHERE r.document_id = ? ORDER BY r.how", (doc_id,))
    assert [(how, kind) for how, kind, _ in linked] == [("cites its symbol", "news"),
                                                         ("names its type, date and issuer", "news")]
    page = _page(db, f"/-/document/{doc_id}")
    assert all(f'href="/-/document/{news_id}"' in page for _, _, news_id in linked) and "Sources (4)" in page
    news_id = linked[0][2]
    assert page.count("<td>★</td>") == 1  # the copy the text is taken from
    assert f'href="/-/document/{doc_id}"' in _page(db, f"/-/document/{news_id}")


def test_the_grouping_passes_the_database_check(grouped: tuple[Path, Path]) -> None:
    _, db = grouped
    assert all(problems == [] for problems in check(db).values())


def test_a_copy_removed_or_added_regroups_only_its_document(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    corpus, db = _build_corpus_and_crawl(tmp_path)
    news_before = rows(db, "SELECT id FROM documents WHERE kind = 'news'")
    parsed = _count_parses(monkeypatch)
    (corpus / "qd_01_quang_nam.pdf").unlink()
    counts = build(corpus, db, jobs=1)
    assert counts["removed"] == 1 and parsed == []  # the other copies re-extracted from their kept texts
    doc_id = _the_decision(db)
    assert rows(db, "SELECT sources FROM documents WHERE id = ?", (doc_id,)) == [(3,)]
    assert _shown(db, doc_id) == "qd_01_quang_nam_scan.pdf"  # still the official file, now read by OCR
    assert rows(db, "SELECT count(*) FROM targets WHERE document_id = ?", (doc_id,))[0][0] >= 4
    assert rows(db, "SELECT DISTINCT document_id FROM reports_on") == [(doc_id,)]  # the news follows it
    assert rows(db, "SELECT id FROM documents WHERE kind = 'news'") == news_before
    shutil.copy(CORPUS / "qd_01_quang_nam.pdf", corpus / "qd_01_quang_nam.pdf")
    counts = build(corpus, db, jobs=1)
    assert (counts["extracted"], parsed) == (1, [".pdf"])  # only the copy added was read
    doc_id = _the_decision(db)
    assert rows(db, "SELECT sources FROM documents WHERE id = ?", (doc_id,)) == [(4,)]
    assert _shown(db, doc_id) == "qd_01_quang_nam.pdf"
    assert all(problems == [] for problems in check(db).values())


def _count_parses(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    import pipeline.process

    real, seen = pipeline.process.parse_bytes, []

    def counting(data, suffix, **kwargs):
        seen.append(suffix)
        return real(data, suffix, **kwargs)

    monkeypatch.setattr("pipeline.process.parse_bytes", counting)
    return seen


def _page(db: Path, path: str) -> str:
    from datasette.app import Datasette

    metadata = yaml.safe_load((ROOT / "metadata.yml").read_text(encoding="utf-8"))
    ds = Datasette(immutables=[str(db)], metadata=metadata)
    response = asyncio.run(ds.client.get(path))
    assert response.status_code == 200
    return response.text


def test_the_bundled_corpus_with_its_fixture_sites_holds_no_document_twice(tmp_path: Path) -> None:
    """The fixture sites serve bundled files as their attachments (a portal's 303/KH-UBND is
    the bundled Bến Tre plan, a legal database's original is the bundled Quảng Nam
    decision): built together, each is one document with its copies."""
    from test_adapters import DOCUMENTS, FILES

    db = tmp_path / "ocop.db"
    for name in sorted(FILES):
        with FixtureSite(SITES / name, files={k: v.read_bytes() for k, v in FILES[name].items()}) as site:
            crawl_with_adapter(site, name, db, tmp_path / "archive")
    counts = build(CORPUS, db, jobs=2)
    assert counts["failed"] == 0 and counts["crawled"] == sum(len(found) for found in DOCUMENTS.values())
    assert all(problems == [] for problems in check(db).values())
    identities = rows(db, "SELECT number_key, issuer, date FROM documents WHERE number_key IS NOT NULL")
    assert len(identities) == len(set(identities))
    copies = dict(rows(db, "SELECT d.number, group_concat(s.kind, ', ') FROM documents d "
                           "JOIN sources s ON s.document_id = d.id GROUP BY d.id HAVING count(*) > 1"))
    assert copies["303/KH-UBND"].count("attachment") == 1 and copies["303/KH-UBND"].count("bundled file") == 2
    assert "legal database" in copies["3473/QĐ-UBND"] and "news site" in copies["167/KH-UBND"]
    # the legal database's page calls its original 148/QĐ-TTg; the file says otherwise: both are kept
    assert rows(db, "SELECT m.source_value, m.said_by FROM metadata_disagreements m JOIN documents d "
                    "ON d.id = m.document_id WHERE d.number = '3473/QĐ-UBND' AND m.field = 'number'") == [
        ("148/QĐ-TTg", "page")]
    # the national decision the legal database holds is the one the provinces' plans cite
    assert rows(db, "SELECT count(DISTINCT c.document_id) FROM citations c JOIN documents d "
                    "ON d.id = c.cited_document_id WHERE d.number = '919/QĐ-TTg'")[0][0] >= 5
