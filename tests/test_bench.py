"""The benchmark's synthetic corpus, and `ocop bench` at a smoke size (CI runs only this;
the figures come from `make bench` on the machine being measured)."""
from __future__ import annotations

import json
from pathlib import Path

from conftest import CORPUS

from extractors import extract
from pipeline.bench import scale_corpus
from pipeline.bench.runner import run


def test_the_scale_corpus_is_the_same_on_every_run(tmp_path: Path) -> None:
    first = scale_corpus.generate(CORPUS, tmp_path / "a", 120)
    second = scale_corpus.generate(CORPUS, tmp_path / "b", 120)
    assert len(first) == 120
    assert [p.relative_to(tmp_path / "a") for p in first] == [p.relative_to(tmp_path / "b") for p in second]
    assert all(a.read_bytes() == b.read_bytes() for a, b in zip(first, second, strict=True))


def test_synthetic_documents_move_to_other_provinces_with_their_own_numbers(tmp_path: Path) -> None:
    """What the extractors read varies (province, districts, symbol, dates, targets), and stays
    coherent: the province named in the header is the one the text is about."""
    pool = scale_corpus.templates(CORPUS)
    plan = next(t for t in pool if t.name == "kh_06_ninh_thuan")
    original = extract(plan.text).record
    provinces, numbers = set(), set()
    for path in scale_corpus.generate(CORPUS, tmp_path, 40 * len(pool)):
        if "kh_06_ninh_thuan" not in path.name:
            continue
        record = extract(path.read_text(encoding="utf-8")).record
        document = record["document"]
        assert document["type"] == "Kế hoạch" and document["number"].endswith("/KH-UBND")
        assert document["issuer"] == f"UBND tỉnh {record['provinces'][0]}"
        assert len(record["targets"]) == len(original["targets"])
        assert "919/QĐ-TTg" in record["doc_numbers"]  # national decisions keep their numbers
        provinces.add(record["provinces"][0])
        numbers.add(document["number"])
    assert len(provinces) >= 25 and len(numbers) >= 35


def test_an_edit_rewrites_the_share_asked_for(tmp_path: Path) -> None:
    paths = scale_corpus.generate(CORPUS, tmp_path, 300)
    before = {p: p.read_bytes() for p in paths}
    changed = scale_corpus.edit(CORPUS, tmp_path, 300, 0.01)
    assert len(changed) == 3
    assert sorted(p for p in paths if p.read_bytes() != before[p]) == sorted(changed)


REQUIRED = ["n_docs", "extract_docs_per_s_1core", "extract_docs_per_s_all_cores", "baseline_underthesea_ner_docs_per_s",
            "build_full_s", "build_grouping_s", "build_documents", "build_incremental_1pct_s", "db_size_mb",
            "peak_rss_mb", "fts_search_p95_ms",
            "facet_page_p95_ms", "canned_query_p95_ms", "document_page_p95_ms", "pdf_text_pages_per_s",
            "pdf_ocr_pages_per_s", "cer_text_pdf", "cer_scanned_pdf", "pdf_text_pypdfium2_plain_pages_per_s",
            "pdf_text_pdfplumber_pages_per_s", "ocr_s_per_page", "cluster_build_s", "cluster_overhead_ms_per_doc"]


def test_ocop_bench_writes_every_figure_at_a_smoke_size(tmp_path: Path, capsys) -> None:
    out = tmp_path / "results.json"
    run(200, jobs=2, out=out, extract_sample=100, ner_sample=3, requests_per_kind=5)
    results = json.loads(out.read_text(encoding="utf-8"))
    assert results["n_docs"] == 200
    for key in REQUIRED:
        assert isinstance(results[key], int | float), key
    # a CER may be 0; the cluster may be as fast as the local pool on so small a build
    positive = [k for k in REQUIRED if k not in ("cer_text_pdf", "cer_scanned_pdf", "cluster_overhead_ms_per_doc")]
    assert all(results[k] > 0 for k in positive), {k: results[k] for k in positive}
    assert results["build_failed"] == 0
    assert 0 < results["build_grouping_share"] < 0.5  # grouping is a part of the build, not its bulk
    assert results["cer_text_pdf"] <= 0.01 and results["cer_scanned_pdf"] <= 0.05
    table = capsys.readouterr().out
    assert "full-text search" in table and "floor" in table
