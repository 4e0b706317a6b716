"""A real browser on the published site: Playwright for Python driving Debian's chromium
(never `playwright install`), against `ocop serve`'s Datasette started here on 127.0.0.1.
Screenshots go to test-artifacts/ for a person to look at."""
from __future__ import annotations

import io
import re
import shutil
from pathlib import Path

import pytest

from pipeline.bench.serving import datasette

ROOT = Path(__file__).resolve().parent.parent
ARTIFACTS = ROOT / "test-artifacts"
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"

playwright = pytest.importorskip("playwright.sync_api", reason="playwright is not installed (pip install .[test])")
pytestmark = pytest.mark.skipif(not Path(CHROMIUM).exists(),
                                reason="Debian's chromium is not installed (scripts/dev.sh installs it)")


@pytest.fixture(scope="module")
def site(built_db: Path):
    with datasette(built_db) as url:
        yield url


@pytest.fixture(scope="module")
def browser():
    with playwright.sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=[
            "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
            "--disable-component-update", "--disable-sync"])
        yield chromium
        chromium.close()


def _searched(browser, url: str, box: str, words: str):  # noqa: ANN001, ANN202 - Playwright's objects
    """A desktop-sized page at `url`, with `words` typed in the search box `box` and sent."""
    ARTIFACTS.mkdir(exist_ok=True)
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(url)
    page.fill(f"input[name={box}]", words)
    page.press(f"input[name={box}]", "Enter")
    page.wait_for_load_state()
    return page


def test_search_facet_and_document_page_in_a_browser(site: str, browser) -> None:
    page = _searched(browser, site + "/ocop/documents", "_search", "ke hoach")  # without tone marks
    assert "_search=ke+hoach" in page.url
    assert page.locator("table.rows-and-columns tbody tr").count() > 0
    assert "Kế hoạch" in page.inner_text("table.rows-and-columns")
    page.screenshot(path=str(ARTIFACTS / "1-search-without-marks.png"), full_page=False)
    # narrow by a province facet
    page.click(".facet-info[data-column=province] a:has-text('Bến Tre')")
    page.wait_for_load_state()
    assert "province=B" in page.url
    provinces = page.locator("table.rows-and-columns td.col-province").all_inner_texts()
    assert provinces and set(provinces) == {"Bến Tre"}
    page.screenshot(path=str(ARTIFACTS / "2-province-facet.png"), full_page=False)
    # open a document: its page shows the extracted values highlighted in the text
    page.click("table.rows-and-columns td.col-title a")
    page.wait_for_load_state()
    assert "/-/document/" in page.url
    marks = page.locator(".ocop-text mark")
    assert marks.count() > 5
    assert page.locator(".ocop-text mark.ocop-TARGET, .ocop-text mark.ocop-CITATION").count() > 0
    page.screenshot(path=str(ARTIFACTS / "3-document-page.png"), full_page=True)
    # a district's per-commune target reads as per commune, set by the district
    page.goto(site + "/ocop/targets?per=x%C3%A3&level=huy%E1%BB%87n")
    page.wait_for_load_state()
    readings = page.locator("table.rows-and-columns td.col-reading").all_inner_texts()
    assert readings and all(r.startswith("mỗi xã ít nhất 1 sản phẩm") for r in readings)
    document_id = page.locator("table.rows-and-columns td.col-document_id a").first.get_attribute("href").split("/")[-1]
    page.goto(f"{site}/-/document/{document_id}")
    scope = page.locator("h2:has-text('Chỉ tiêu') + table").inner_text()
    assert "mỗi xã ít nhất 1 sản phẩm" in scope and "huyện" in scope
    page.screenshot(path=str(ARTIFACTS / "3b-per-commune-target.png"), full_page=True)
    # the figures by province, reached from the home page
    page.goto(site + "/")
    page.click("a[href='/-/provinces']")
    page.wait_for_load_state()
    assert page.locator(".bar.documents").count() == 63
    page.screenshot(path=str(ARTIFACTS / "4-figures-by-province.png"), full_page=False)
    page.close()


def test_hostile_text_in_a_document_does_not_run_in_the_browser(browser, hostile_db: Path) -> None:
    db = hostile_db
    dialogs: list[str] = []

    def on_dialog(dialog) -> None:  # noqa: ANN001 - a Playwright Dialog
        dialogs.append(dialog.message)
        dialog.dismiss()

    with datasette(db) as url:
        page = browser.new_page()
        page.on("dialog", on_dialog)
        for path in ("/-/document/1", "/ocop/documents/1", "/ocop/search?q=ke+hoach", "/ocop/documents"):
            page.goto(url + path)
            page.wait_for_load_state()
        page.goto(url + "/-/document/1")
        assert "<script>alert('x')</script>" in page.inner_text(".ocop-text")  # shown as text
        page.screenshot(path=str(ARTIFACTS / "5-hostile-text-shown-as-text.png"))
        page.close()
        assert dialogs == []


def test_a_journalist_searches_from_the_home_page_and_follows_a_citation(site: str, browser) -> None:
    """No SQL on the way: the home page's box, Quảng Nam's documents first for a query typed
    without marks, a result opened, a citation in it followed to the cited document."""
    page = _searched(browser, site + "/", "q", "ke hoach ocop quang nam")
    assert page.locator("textarea, .sql").count() == 0 and "Run SQL" not in page.content()
    provinces = page.locator(".ocop-results li .province").all_inner_texts()
    assert len(provinces) >= 5 and set(provinces[:5]) == {"Quảng Nam"}
    page.screenshot(path=str(ARTIFACTS / "6-journalist-search.png"), full_page=False)
    results = [a.get_attribute("href") for a in page.locator(".ocop-results li a.ocop-title").all()]
    assert all(href.startswith("/-/document/") for href in results)
    page.click(".ocop-results li a.ocop-title >> nth=0")
    page.wait_for_load_state()
    title = page.locator("h1").inner_text()
    assert "/-/document/" in page.url and "Quảng Nam" in page.inner_text(".ocop-meta")
    # a citation leads to the cited document when the database holds it, else to every
    # document that cites the same one
    citation = page.locator(".ocop-text mark.ocop-CITATION a").first
    symbol = citation.inner_text()
    citation.click()
    page.wait_for_load_state()
    if "/-/document/" in page.url:
        assert page.locator("h1").inner_text() != title
    else:
        cited_by = page.locator(".ocop-results li a.ocop-title").all_inner_texts()
        assert title in cited_by and page.input_value("input[name=q]") in symbol
    page.screenshot(path=str(ARTIFACTS / "7-journalist-follows-a-citation.png"), full_page=False)
    page.close()


def test_an_officer_lists_a_provinces_targets_typed_without_marks_and_downloads_them(site: str, browser) -> None:
    """`ninh thuan` finds Ninh Thuận's targets; each names the document that sets it, which
    opens; the list downloads as a spreadsheet that reads back in Vietnamese."""
    import openpyxl

    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(site + "/ocop/targets_of_a_province?province=ninh+thuan&year=")
    page.wait_for_load_state()
    assert page.locator("textarea").count() == 0  # the SQL is hidden
    rows = page.locator("table.rows-and-columns tbody tr")
    assert rows.count() >= 3
    readings = page.locator("table.rows-and-columns td.col-target").all_inner_texts()
    assert not any(re.search(r"\d\.0\b", r) for r in readings)
    values = page.locator("table.rows-and-columns td.col-value").all_inner_texts()
    assert values and not any(v.endswith(".0") for v in values)
    document = page.locator("table.rows-and-columns td.col-document a").first
    title = document.inner_text()
    document.click()
    page.wait_for_load_state()
    assert "/-/document/" in page.url and page.locator("h1").inner_text() == title
    assert "Ninh Thuận" in page.inner_text(".ocop-meta")
    page.go_back()
    with page.expect_download() as download:
        page.click("a[href*='.xlsx']")
    path = download.value.path()
    assert download.value.suggested_filename.endswith(".xlsx")
    sheet = openpyxl.load_workbook(io.BytesIO(Path(path).read_bytes())).active
    cells = [[c.value for c in row] for row in sheet.iter_rows()]
    assert cells[0][0] == "target" and len(cells) == rows.count() + 1
    assert any("sản phẩm" in str(v) for row in cells[1:] for v in row)
    assert title in {row[cells[0].index("document")] for row in cells[1:]}
    page.close()


def test_a_researcher_filters_follows_a_count_and_lists_what_cites_a_decision(site: str, browser) -> None:
    """Province and year chosen on the home page; a count of `/-/provinces` followed to its
    documents; `documents_citing` for a symbol typed without marks: every title a link."""
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(site + "/")
    page.select_option("select[name=province]", "Bến Tre")
    page.fill("input[name=year]", "2024")
    page.click("form.ocop-box button[type=submit]")
    page.wait_for_load_state()
    provinces = page.locator(".ocop-results li .province").all_inner_texts()
    dates = page.locator(".ocop-results li .meta").all_inner_texts()
    assert provinces and set(provinces) == {"Bến Tre"} and all("/2024" in d for d in dates)
    page.goto(site + "/-/provinces")
    page.click("tr:has(td a:text-is('Bến Tre')) td:nth-child(2) a")
    page.wait_for_load_state()
    assert "documents_of_a_province" in page.url and page.locator("textarea").count() == 0
    titles = page.locator("table.rows-and-columns td.col-title a")
    assert titles.count() >= 3 and all(h.startswith("/-/document/") for h in
                                       (a.get_attribute("href") for a in titles.all()))
    page.goto(site + "/ocop/documents_citing?number=919%2FQD-TTg")
    page.wait_for_load_state()
    citing = page.locator("table.rows-and-columns td.col-title a")
    assert citing.count() >= 5 and page.locator("textarea").count() == 0
    page.screenshot(path=str(ARTIFACTS / "8-researcher-documents-citing.png"), full_page=False)
    citing.first.click()
    page.wait_for_load_state()
    assert "/-/document/" in page.url and "919/QĐ-TTg" in page.inner_text(".ocop-text")
    page.close()


def test_pages_fit_a_phone_and_a_targets_card_says_what_each_cell_is(site: str, browser) -> None:
    page = browser.new_page(viewport={"width": 390, "height": 844})
    for path in ("/", "/?q=ke+hoach+quang+nam", "/-/document/1", "/-/provinces"):
        page.goto(site + path)
        assert page.evaluate("document.documentElement.scrollWidth") <= 390, path
    page.goto(site + "/ocop/targets?per=x%C3%A3&level=huy%E1%BB%87n")
    document_id = page.locator("table.rows-and-columns td.col-document_id a").first.get_attribute("href").split("/")[-1]
    page.goto(f"{site}/-/document/{document_id}")
    label = page.evaluate("getComputedStyle(document.querySelector('.ocop-targets td:nth-of-type(2)'), "
                          "'::before').content")
    assert "Năm" in label
    page.screenshot(path=str(ARTIFACTS / "9-document-page-on-a-phone.png"), full_page=False)
    page.close()
