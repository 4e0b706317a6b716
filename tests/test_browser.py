"""A real browser on the published site: Playwright for Python driving Debian's chromium
(never `playwright install`), against `ocop serve`'s Datasette started here on 127.0.0.1.
Screenshots go to test-artifacts/ for a person to look at."""
from __future__ import annotations

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


def test_search_facet_and_document_page_in_a_browser(site: str, browser) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(site + "/ocop/documents")
    # search without tone marks
    page.fill("input[name=_search]", "ke hoach")
    page.press("input[name=_search]", "Enter")
    page.wait_for_load_state()
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
