"""Each site adapter on its saved example pages (the expected output beside them, as
juriscraper does), then crawling its fixture site over HTTP on 127.0.0.1."""
from __future__ import annotations

import json
import sqlite3
import urllib.parse
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from fixture_sites import CORPUS, SITES, FixtureSite, crawl_with_adapter

from pipeline.collect import adapters

BASE = "http://fixture.test/"
EXAMPLES = [(name, page) for name in sorted(adapters.ADAPTERS)
            for page in json.loads((SITES / name / "expected.json").read_text(encoding="utf-8"))]


def test_every_adapter_has_saved_examples() -> None:
    assert {name for name, _ in EXAMPLES} == set(adapters.ADAPTERS) >= {
        "vanban_portal", "legal_database", "news_site", "ocop_portal"}


@pytest.mark.parametrize("name, page", EXAMPLES)
def test_adapter_reads_its_example_page_as_expected(name: str, page: str) -> None:
    expected = json.loads((SITES / name / "expected.json").read_text(encoding="utf-8"))[page]
    adapter = adapters.make(name, BASE)
    url = urllib.parse.urljoin(BASE, page.removesuffix("index.html"))
    soup = BeautifulSoup((SITES / name / page).read_bytes(), "lxml")
    links = [[urllib.parse.urlsplit(link.url).path, link.kind, link.metadata] for link in adapter.links(url, soup)]
    assert links == expected["links"]
    assert adapter.document(url, soup) == expected["document"]


FILES = {
    "vanban_portal": {"303-kh-ubnd.pdf": CORPUS / "kh_bang_16_ben_tre.pdf",
                      "1170-ubnd-kt.doc": CORPUS.parent / "fixtures" / "word" / "cv_04_bac_tra_my.doc"},
    "legal_database": {"148-qd-ttg.pdf": CORPUS / "qd_01_quang_nam.pdf"},
    "news_site": {"38-kh-ubnd.pdf": CORPUS / "kh_02_quang_nam.pdf"},
    "ocop_portal": {},
}
DOCUMENTS = {
    "vanban_portal": ["/files/1170-ubnd-kt.doc", "/files/303-kh-ubnd.pdf", "/van-ban/chi-tiet-48.html"],
    "legal_database": ["/files/148-qd-ttg.pdf", "/van-ban/919-qd-ttg.html"],
    "news_site": ["/files/38-kh-ubnd.pdf", "/kinh-te/lang-son-phan-dau-40-san-pham-ocop.html",
                  "/kinh-te/na-chi-lang-ocop.html"],
    "ocop_portal": ["/san-pham/mat-ong-bac-ha.html", "/san-pham/sam-ngoc-linh.html", "/tin-tuc/10000-san-pham.html"],
}


def crawl_site(name: str, tmp_path: Path) -> tuple[Path, dict]:
    files = {k: v.read_bytes() for k, v in FILES[name].items()}
    db = tmp_path / "ocop.db"
    with FixtureSite(SITES / name, files=files) as site:
        summary = crawl_with_adapter(site, name, db, tmp_path / "archive")
    return db, summary


@pytest.mark.parametrize("name", sorted(DOCUMENTS))
def test_adapter_crawls_its_site_and_keeps_its_documents(name: str, tmp_path: Path) -> None:
    db, summary = crawl_site(name, tmp_path)
    assert summary["errors"] == {} and summary["finished"]
    with sqlite3.connect(db) as conn:
        found = sorted(urllib.parse.urlsplit(u).path for (u,) in conn.execute("SELECT url FROM crawled_documents"))
    assert found == DOCUMENTS[name]


def test_page_metadata_is_kept_and_disagreements_with_the_text_recorded(tmp_path: Path) -> None:
    from pipeline.store import build

    db, _ = crawl_site("vanban_portal", tmp_path)
    empty = tmp_path / "no-files"
    empty.mkdir()
    build(empty, db, jobs=1)
    with sqlite3.connect(db) as conn:
        card = json.loads(conn.execute("SELECT page_metadata FROM sources WHERE url LIKE '%303-kh-ubnd.pdf'")
                          .fetchone()[0])
        assert card["number"] == "303/KH-UBND" and card["signer"] == "Hồ Văn Thành"
        # the .doc served for 1170/UBND-KT is another dispatch (977/UBND-NN): both values are kept
        disagreements = conn.execute(
            "SELECT m.field, m.said_by, m.source_value, m.document_value FROM metadata_disagreements m "
            "JOIN sources s ON s.id = m.source_id WHERE s.url LIKE '%1170-ubnd-kt.doc' ORDER BY m.field").fetchall()
        assert ("number", "page", "1170/UBND-KT", "977/UBND-NN") in disagreements
        assert conn.execute("SELECT count(*) FROM metadata_disagreements m JOIN sources s ON s.id = m.source_id "
                            "WHERE s.url LIKE '%303-kh-ubnd.pdf'").fetchone()[0] == 0
