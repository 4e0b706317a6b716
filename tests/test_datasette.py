"""The built database served by Datasette with the project's metadata, through its test client."""
import asyncio
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


def test_province_facet_filters_documents(datasette: Datasette) -> None:
    data = get(datasette, "/ocop/documents.json?province=B%E1%BA%BFn+Tre&_shape=objects").json()
    assert data["rows"] and all(r["province"] == "Bến Tre" for r in data["rows"])


def test_full_text_search_through_the_table_page(datasette: Datasette) -> None:
    data = get(datasette, "/ocop/documents.json?_search=%22919%2FQ%C4%90-TTg%22&_shape=objects").json()
    assert len(data["rows"]) >= 5
    assert all("919/QĐ-TTg" in r["text"] for r in data["rows"])


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
