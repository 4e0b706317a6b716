"""The home page is a search a reader without SQL uses: a box, results that link to their
documents, the place a query names read as that place, the passage that matched."""
from __future__ import annotations

import asyncio
import re
from pathlib import Path

import pytest
import yaml
from datasette.app import Datasette

from pipeline.publish.search import passage, read_places

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def datasette(built_db: Path) -> Datasette:
    metadata = yaml.safe_load((ROOT / "metadata.yml").read_text(encoding="utf-8"))
    return Datasette(immutables=[str(built_db)], metadata=metadata, settings={"sql_time_limit_ms": 3000})


def get(ds: Datasette, path: str) -> str:
    response = asyncio.run(ds.client.get(path))
    assert response.status_code == 200, path
    return response.text


def results(page: str) -> list[tuple[str, str]]:
    """(document link, province) of each result, in order."""
    items = re.findall(r'<li>\s*<a class="ocop-title" href="(/-/document/\d+)">.*?</li>', page, re.S)
    provinces = [m.group(1) if (m := re.search(r'<span class="province">([^<]+)</span>', item)) else ""
                 for item in re.findall(r'<li>\s*<a class="ocop-title".*?</li>', page, re.S)]
    return list(zip(items, provinces, strict=True))


@pytest.mark.parametrize("query, province, rest", [
    ("ke hoach ocop quang nam", "Quảng Nam", ["ke", "hoach", "ocop"]),
    ("Kế hoạch tỉnh Quảng Nam", "Quảng Nam", ["Kế", "hoạch"]),
    ("dak lak 5 sao", "Đắk Lắk", ["5", "sao"]),
    ("san pham ha noi", "Hà Nội", ["san", "pham"]),
    ("ho chi minh", "Hồ Chí Minh", []),
])
def test_the_words_that_name_a_province_are_read_as_it(query: str, province: str, rest: list[str]) -> None:
    places = read_places(query)
    assert (places.province, places.words) == (province, rest)


def test_a_district_of_one_province_is_read_with_its_province() -> None:
    places = read_places("ocop bac tra my")
    assert (places.province, places.district) == ("Quảng Nam", "Bắc Trà My")


@pytest.mark.parametrize("query", ["nam 2024", '"quang nam"', "nong thon moi", "ke hoach nam"])
def test_words_that_are_not_one_place_stay_words(query: str) -> None:
    places = read_places(query)
    assert places.province is None and places.words == query.split()


def test_a_province_sharing_a_word_with_another_is_read_as_itself() -> None:
    assert read_places("ke hoach quang tri").province == "Quảng Trị"


def test_the_passage_shown_is_past_the_header() -> None:
    text = ("ỦY BAN NHÂN DÂN\nTỈNH QUẢNG NAM\nSố: 12/KH-UBND\nQuảng Nam, ngày 05 tháng 3 năm 2024\n\n"
            "KẾ HOẠCH\nThực hiện Chương trình OCOP năm 2024\n\nPhấn đấu tỉnh Quảng Nam có 20 sản phẩm OCOP mới.")
    shown = passage(text, "quang nam ocop")
    assert "Phấn đấu" in shown and "ỦY BAN" not in shown


def test_the_home_page_is_a_search_box_without_sql(datasette: Datasette) -> None:
    page = get(datasette, "/")
    assert '<input type="search"' in page and 'name="q"' in page
    assert "select " not in page.lower().replace("<select", "") and "Run SQL" not in page
    assert 'href="/-/provinces"' in page


def test_a_search_of_a_province_lists_its_documents_first_each_linked(datasette: Datasette) -> None:
    page = get(datasette, "/?q=ke+hoach+ocop+quang+nam")
    found = results(page)
    assert len(found) >= 3
    assert all(province == "Quảng Nam" for _, province in found[:5])
    assert "VIỆT NAM" not in page.split('class="ocop-results"', 1)[1]  # no header boilerplate shown
    document = get(datasette, found[0][0])
    assert "Quảng Nam" in document


def test_filters_narrow_and_an_empty_answer_says_why(datasette: Datasette) -> None:
    page = get(datasette, "/?q=ocop&doc_type=K%E1%BA%BF+ho%E1%BA%A1ch&year=2024")
    assert results(page)
    empty = get(datasette, "/?q=ocop&province=H%C3%A0+N%E1%BB%99i&doc_type=Quy%E1%BA%BFt+%C4%91%E1%BB%8Bnh")
    assert "Không tìm thấy văn bản nào của Hà Nội loại Quyết định" in empty


def test_a_symbol_typed_without_marks_finds_its_document(datasette: Datasette) -> None:
    page = get(datasette, "/?q=919%2FQD-TTg")
    assert len(results(page)) >= 5
