"""Each site adapter on its saved example pages (the expected output beside them, as
juriscraper does), then crawling its fixture site over HTTP on 127.0.0.1."""
from __future__ import annotations

import json
import sqlite3
import sys
import urllib.parse
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from fixture_sites import CORPUS, SITES, FixtureSite, crawl_with_adapter

from pipeline.collect import adapters
from pipeline.collect.adapters.base import Drift

BASE = "http://fixture.test/"
EXAMPLES = [(name, page) for name in sorted(adapters.ADAPTERS)
            for page in json.loads((SITES / name / "expected.json").read_text(encoding="utf-8"))]


def test_every_adapter_has_saved_examples() -> None:
    assert {name for name, _ in EXAMPLES} == set(adapters.ADAPTERS) >= {
        "vanban_portal", "legal_database", "news_site", "ocop_portal"}


sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "scripts"))
from adapter_examples import as_written  # noqa: E402  (the one way the expected output is written)


@pytest.mark.parametrize("name, page", EXAMPLES)
def test_adapter_reads_its_example_page_as_expected(name: str, page: str) -> None:
    """Each saved page read at its URL (`url` where the page is a query's, else its path):
    the links and document it gives, or the drift it is."""
    expected = json.loads((SITES / name / "expected.json").read_text(encoding="utf-8"))[page]
    adapter = adapters.make(name, BASE)
    url = urllib.parse.urljoin(BASE, expected.get("url") or page.removesuffix("index.html"))
    soup = BeautifulSoup((SITES / name / page).read_bytes(), "lxml")
    if "drift" in expected:
        with pytest.raises(Drift, match=expected["drift"]):
            adapter.links(url, soup)
            adapter.document(url, soup)
        return
    links = [as_written(link) for link in adapter.links(url, soup)]
    assert links == expected["links"]
    assert adapter.document(url, soup) == expected["document"]


FILES = {
    "vanban_portal": {"303-kh-ubnd.pdf": CORPUS / "kh_bang_16_ben_tre.pdf",
                      "1170-ubnd-kt.doc": CORPUS.parent / "fixtures" / "word" / "cv_04_bac_tra_my.doc"},
    "legal_database": {"148-qd-ttg.pdf": CORPUS / "qd_01_quang_nam.pdf"},
    "news_site": {"38-kh-ubnd.pdf": CORPUS / "kh_02_quang_nam.pdf"},
    "ocop_portal": {},
    "liferay_vbpq": {"/documents/20182/0/3473-QD-UBND.pdf/6f1c2a7e-0b1d-4c53-9d0e-2f7a1b3c4d5e":
                     CORPUS / "qd_01_quang_nam.pdf",
                     "/documents/20182/0/167-KH-UBND.pdf/9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d":
                     CORPUS / "kh_02_quang_nam.pdf"},
    "luatvietnam": {},
    "vanban_chinhphu": {"/cpp/files/vbpq/2022/8/919-qd-ttg.signed.pdf": CORPUS / "qd_13_ben_tre.pdf",
                        "/cpp/files/vbpq/2023/2/148-qd-ttg.signed.pdf": CORPUS / "qd_25_ca_mau.pdf",
                        "/cpp/files/vbpq/2018/5/490-qd-ttg.signed.pdf": CORPUS / "qd_37_ha_giang.pdf",
                        "/cpp/files/vbpq/2021/7/3473-qd-ubnd.signed.pdf": CORPUS / "qd_01_quang_nam.pdf"},
    "thuvienphapluat": {"/documents/download/148-QD-TTg.pdf": CORPUS / "kh_02_quang_nam.pdf"},
}
DOCUMENTS = {
    "vanban_portal": ["/files/1170-ubnd-kt.doc", "/files/303-kh-ubnd.pdf", "/van-ban/chi-tiet-48.html"],
    "legal_database": ["/files/148-qd-ttg.pdf", "/van-ban/919-qd-ttg.html"],
    "news_site": ["/files/38-kh-ubnd.pdf", "/kinh-te/lang-son-phan-dau-40-san-pham-ocop.html",
                  "/kinh-te/na-chi-lang-ocop.html"],
    "ocop_portal": ["/san-pham/mat-ong-bac-ha.html", "/san-pham/sam-ngoc-linh.html", "/tin-tuc/10000-san-pham.html"],
    # the two attachments, and the detail page of a decision that has none
    "liferay_vbpq": ["/documents/20182/0/167-KH-UBND.pdf/9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d",
                     "/documents/20182/0/3473-QD-UBND.pdf/6f1c2a7e-0b1d-4c53-9d0e-2f7a1b3c4d5e",
                     "/van-ban-quy-pham-phap-luat"],
    # the signed PDFs of both issuer groups' listings, page 2 reached by postback
    "vanban_chinhphu": ["/cpp/files/vbpq/2018/5/490-qd-ttg.signed.pdf",
                        "/cpp/files/vbpq/2021/7/3473-qd-ubnd.signed.pdf",
                        "/cpp/files/vbpq/2022/8/919-qd-ttg.signed.pdf",
                        "/cpp/files/vbpq/2023/2/148-qd-ttg.signed.pdf"],
    # the two detail pages with structured data (the third has lost it: drift)
    "luatvietnam": ["/nong-nghiep/quyet-dinh-148-qd-ttg-2023-bo-tieu-chi-ocop-241875-d1.html",
                    "/nong-nghiep/quyet-dinh-919-qd-ttg-2022-chuong-trinh-moi-xa-mot-san-pham-227301-d1.html"],
    # a page with its text, and the PDF of one that is download only (the third: drift)
    "thuvienphapluat": ["/documents/download/148-QD-TTg.pdf",
                        "/van-ban/Linh-vuc-khac/Quyet-dinh-3473-QD-UBND-2021-De-an-mot-san-pham-tinh-Quang-Nam-481234.aspx"],
}
DRIFT = {"liferay_vbpq": {}, "luatvietnam": {"luatvietnam detail: no structured data": 1},
         "thuvienphapluat": {"thuvienphapluat detail: no text container": 1}}


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
    assert summary["drift"] == DRIFT.get(name, {})
    with sqlite3.connect(db) as conn:
        found = sorted(urllib.parse.urlsplit(u).path for (u,) in conn.execute("SELECT url FROM crawled_documents"))
    assert found == DOCUMENTS[name]


def crawl_and_build(name: str, tmp_path: Path) -> Path:
    """The site crawled, then built alone (no corpus files): its documents in `documents`."""
    from pipeline.store import build

    db, _ = crawl_site(name, tmp_path)
    empty = tmp_path / "no-files"
    empty.mkdir()
    build(empty, db, jobs=1)
    return db


def test_page_metadata_is_kept_and_disagreements_with_the_text_recorded(tmp_path: Path) -> None:
    db = crawl_and_build("vanban_portal", tmp_path)
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


def _crawl_liferay(tmp_path: Path, pages: dict[str, str]) -> tuple[dict, list[tuple[str, dict]], list[str]]:
    """Crawl the Liferay example site, some of its saved pages replaced by others (a redesign)."""
    site_dir = SITES / "liferay_vbpq"
    db = tmp_path / "ocop.db"
    with FixtureSite(site_dir, files={k: v.read_bytes() for k, v in FILES["liferay_vbpq"].items()}) as site:
        for saved, replacement in pages.items():
            site.pages[saved] = (site_dir / replacement).read_bytes()
        summary = crawl_with_adapter(site, "liferay_vbpq", db, tmp_path / "archive")
        requests = list(site.requests)
    with sqlite3.connect(db) as conn:
        documents = [(urllib.parse.unquote(u), json.loads(m)) for u, m in
                     conn.execute("SELECT url, page_metadata FROM crawled_documents ORDER BY url")]
    return summary, documents, requests


def test_a_liferay_portal_is_crawled_through_its_pages_to_each_attachment(tmp_path: Path) -> None:
    summary, documents, requests = _crawl_liferay(tmp_path, {})
    assert summary["errors"] == {} and summary["drift"] == {} and summary["finished"]
    by_number = {meta["number"]: (url, meta) for url, meta in documents}
    assert set(by_number) == {"3473/QĐ-UBND", "167/KH-UBND", "2125/QĐ-UBND"}
    url, meta = by_number["3473/QĐ-UBND"]
    assert url.endswith("/documents/20182/0/3473-QD-UBND.pdf/6f1c2a7e-0b1d-4c53-9d0e-2f7a1b3c4d5e")
    assert (meta["date"], meta["issuer"], meta["doc_type"], meta["detail_id"]) == \
        ("2021-07-12", "UBND tỉnh Quảng Nam", "Quyết định", "101")
    assert "_4_WAR_portalvbpqportlet_id=101" in meta["attachment_of"]
    assert "_4_WAR_portalvbpqportlet_id=103&" in by_number["2125/QĐ-UBND"][0]  # no file: the page is it
    assert any("_cur=2" in r for r in requests)  # paging followed to the end
    # only the listing, its details and their files: not the site's menu, not "Văn bản khác"
    assert all(r.startswith(("/robots.txt", "/van-ban-quy-pham-phap-luat?", "/documents/")) for r in requests)


def test_a_redesigned_liferay_page_is_reported_as_drift_not_stored(tmp_path: Path) -> None:
    summary, documents, _ = _crawl_liferay(tmp_path, {"listing-2.html": "drift-listing.html",
                                                      "detail-102.html": "drift-detail.html"})
    assert summary["drift"] == {"vbpq listing: 0 rows": 1, "vbpq detail: no symbol label": 1}
    assert summary["finished"] and summary["documents_removed"] == 0
    assert {meta["number"] for _, meta in documents} == {"3473/QĐ-UBND"}  # 102 drifted, 103 behind page 2


def test_a_portal_on_the_variant_portlet_is_named_by_its_listing_url() -> None:
    variant = "4_WAR_pointportalvbpqportlet"
    listing = f"https://sonnptnt.example.gov.vn/van-ban?p_p_id={variant}&_{variant}_cur=1"
    adapter = adapters.make("liferay_vbpq", listing)
    assert adapter.start_urls() == [listing]
    page = (SITES / "liferay_vbpq" / "listing-1.html").read_text(encoding="utf-8").replace(
        "4_WAR_portalvbpqportlet", variant)
    links = adapter.links(listing, BeautifulSoup(page, "lxml"))
    assert [(link.kind, f"_{variant}_id=101" in link.url) for link in links[:1]] == [("page", True)]
    assert any(f"_{variant}_cur=2" in link.url for link in links)  # its pager, under its own id
    assert adapters.make("liferay_vbpq", "https://sonnptnt.example.gov.vn/").start_urls()[0].startswith(
        "https://sonnptnt.example.gov.vn/van-ban-quy-pham-phap-luat?p_p_id=4_WAR_portalvbpqportlet")


def test_a_legal_databases_structured_data_is_the_page_metadata_checked_against_the_text(tmp_path: Path) -> None:
    db = crawl_and_build("luatvietnam", tmp_path)
    with sqlite3.connect(db) as conn:
        stated = json.loads(conn.execute("SELECT page_metadata FROM sources WHERE url LIKE '%227301-d1.html'")
                            .fetchone()[0])
        document = conn.execute("SELECT number, date, issuer FROM documents WHERE number = '919/QĐ-TTg'").fetchone()
    assert (stated["number"], stated["issuer"], stated["date"], stated["doc_type"]) == \
        ("919/QĐ-TTg", "Thủ tướng Chính phủ", "2022-08-01", "Quyết định")
    assert document == ("919/QĐ-TTg", "2022-08-01", "Thủ tướng Chính phủ")  # the text agrees


@pytest.mark.parametrize("script, expected", [
    # alone, with the issuer as an organisation
    ('{"@context": "https://schema.org", "@type": "Legislation", "legislationIdentifier": "1599/QĐ-UBND", '
     '"legislationPassedBy": {"@type": "Organization", "name": "UBND tỉnh Quảng Nam"}, "datePublished": "2018-05-22"}',
     {"number": "1599/QĐ-UBND", "issuer": "UBND tỉnh Quảng Nam", "date": "2018-05-22"}),
    # in a list beside other things
    ('[{"@type": "BreadcrumbList"}, {"@type": ["Legislation", "CreativeWork"], "legislationIdentifier": "12/KH-UBND", '
     '"legislationType": "Kế hoạch"}]', {"number": "12/KH-UBND", "doc_type": "Kế hoạch"}),
    # none, or broken JSON
    ('{"@type": "NewsArticle", "headline": "OCOP"}', {}),
    ('{"@type": "Legislation", ', {}),
])
def test_schema_org_legislation_is_read_from_json_ld(script: str, expected: dict) -> None:
    from pipeline.collect.adapters.structured import legislation

    page = f'<html><head><script type="application/ld+json">{script}</script></head><body></body></html>'
    assert legislation(BeautifulSoup(page, "lxml")) == expected


def test_vanban_chinhphu_is_paged_by_postback_and_each_pdf_carries_its_row_and_detail(tmp_path: Path) -> None:
    site_dir = SITES / "vanban_chinhphu"
    db = tmp_path / "ocop.db"
    with FixtureSite(site_dir, files={k: v.read_bytes() for k, v in FILES["vanban_chinhphu"].items()}) as site:
        summary = crawl_with_adapter(site, "vanban_chinhphu", db, tmp_path / "archive")
        posts, requests = list(site.posts), list(site.requests)
    assert summary["errors"] == {} and summary["drift"] == {} and summary["finished"]
    # page 2 asked for as ASP.NET asks: a POST of the event with page 1's view state
    page2 = [p for p in posts if p["__EVENTARGUMENT"] == "Page$2"]
    assert len(page2) == 1 and page2[0]["__VIEWSTATE"] == "dDwtMTA4MzU2Mzk0Mjs7Pg=="
    assert page2[0]["__EVENTTARGET"] == "ctrl_191017_163$grvDocument" and page2[0]["__EVENTVALIDATION"]
    with sqlite3.connect(db) as conn:
        stated = {json.loads(m)["number"]: json.loads(m) for (m,) in conn.execute(
            "SELECT page_metadata FROM crawled_documents")}
    assert set(stated) == {"919/QĐ-TTg", "148/QĐ-TTg", "490/QĐ-TTg", "3473/QĐ-UBND"}  # row numbers taken off
    pm = stated["490/QĐ-TTg"]  # on page 2: the row's date and abstract, the detail's issuer and signer
    assert (pm["date"], pm["issuer"], pm["signer"], pm["docid"]) == (
        "2018-05-07", "Thủ tướng Chính phủ", "Vương Đình Huệ", "196221")
    assert "effective" not in pm  # that detail page has no "Ngày có hiệu lực"
    assert not any("search" in r or r.startswith("/tim-kiem") for r in requests)  # the menu is not followed


def test_a_redesigned_vanban_chinhphu_listing_is_drift_and_a_search_shell_has_no_documents(tmp_path: Path) -> None:
    site_dir = SITES / "vanban_chinhphu"
    db = tmp_path / "ocop.db"
    with FixtureSite(site_dir, files={k: v.read_bytes() for k, v in FILES["vanban_chinhphu"].items()}) as site:
        site.pages["listing-6-page1.html"] = (site_dir / "drift-listing.html").read_bytes()
        summary = crawl_with_adapter(site, "vanban_chinhphu", db, tmp_path / "archive")
    assert summary["drift"] == {"chinhphu listing: 0 rows": 1} and summary["documents_removed"] == 0
    shell = BeautifulSoup((site_dir / "tim-kiem.html").read_bytes(), "lxml")
    adapter = adapters.make("vanban_chinhphu", BASE)
    assert adapter.links(BASE + "tim-kiem", shell) == [] and adapter.document(BASE + "tim-kiem", shell) is None


@pytest.mark.parametrize("name", ["liferay_vbpq", "vanban_chinhphu", "thuvienphapluat", "luatvietnam"])
def test_ocop_crawl_points_a_family_adapter_at_its_example_site(name: str, tmp_path: Path) -> None:
    """As a user runs it: `ocop crawl NAME --base-url …` against the example site on 127.0.0.1."""
    from click.testing import CliRunner

    from pipeline.cli import main

    files = {k: v.read_bytes() for k, v in FILES[name].items()}
    with FixtureSite(SITES / name, files=files) as site:
        result = CliRunner().invoke(main, ["crawl", name, "--base-url", site.url + "/", "--allow-private",
                                           "--rate", "50", "--db", str(tmp_path / "ocop.db")])
        requests = list(site.requests)
    assert result.exit_code == 0, result.output
    summary = json.loads(next(line for line in result.stdout.splitlines() if line.startswith("{")))
    assert summary["finished"] and summary["errors"] == {} and summary["drift"] == DRIFT.get(name, {})
    assert summary["documents_new"] == len(DOCUMENTS[name])
    assert requests  # everything asked of the example site: an off-site request would be an error above
