"""`ocop bench`: the figures of the scale issue, measured on this machine.

    extraction   docs/s and MB/s of `extract()` on one core and on all cores, and
                 underthesea's `ner` on the same texts (the baseline a user reaches for)
    build        `ocop build` of the synthetic corpus from scratch, then after 1% of the
                 files changed; database size; peak memory of the build at n/10 and n
                 documents (streaming: it must not grow with the corpus); n/10 documents
                 built on the local pool and on a Dask LocalCluster, back to back
    serving      p50/p95 of the search page, a full-text search, a faceted table page, a
                 canned query and a document page, from Datasette over HTTP on 127.0.0.1
    pdf          pages/s and character error rate per reader and path (`pdf_reading.py`):
                 text layer (ours, pdfplumber, plain pypdfium2), ruled tables, OCR

Nothing here fails: figures are printed beside the floors the project set itself, and
written to `bench/results.json` so that runs can be compared.
"""
from __future__ import annotations

import datetime as dt
import json
import logging
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

from . import scale_corpus
from .pdf_reading import bench_pdf

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT / "corpus" / "documents"

# (key, floor, how it is compared, unit): the floors on this 2-core machine.
FLOORS = [
    ("extract_docs_per_s_1core", 200, ">=", "docs/s"),
    ("extract_scaling", 0.85, ">=", "x cores"),
    ("build_full_s_per_100k", 600, "<=", "s"),
    ("build_incremental_share", 0.05, "<=", "of full"),
    ("fts_search_p95_ms", 50, "<=", "ms"),
    ("facet_page_p95_ms", 200, "<=", "ms"),
    ("pdf_text_vs_plain", 2.5, "<=", "x"),  # or >= 500 pages/s, whichever the machine allows
    ("ocr_s_per_page", 1.5, "<=", "s"),
]


def _say(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


# --- extraction --------------------------------------------------------------------

def _extract_all(texts: list[str]) -> int:
    from extractors import extract

    for text in texts:
        extract(text)
    return len(texts)


def _warm(_: int) -> None:
    from extractors import extract

    extract("UBND tỉnh Quảng Nam ban hành Kế hoạch số 85/KH-UBND ngày 05/3/2024; phấn đấu có 20 sản phẩm.")
    time.sleep(0.2)  # so that each worker takes one warm-up task


def bench_extraction(texts: list[str], jobs: int, ner_sample: int) -> dict[str, Any]:
    """`extract()` over the same texts on one core, then split over `jobs` processes."""
    _extract_all(texts[:50])  # imports, gazetteer, compiled patterns
    megabytes = sum(len(t.encode("utf-8")) for t in texts) / 1e6
    start = time.perf_counter()
    _extract_all(texts)
    one = time.perf_counter() - start
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        list(pool.map(_warm, range(jobs)))
        chunks = [texts[i::jobs * 8] for i in range(jobs * 8)]
        start = time.perf_counter()
        list(pool.map(_extract_all, chunks))
        many = time.perf_counter() - start
    ner = _underthesea_ner(texts[:ner_sample])
    return {
        "extract_docs_per_s_1core": round(len(texts) / one, 1),
        "extract_mb_per_s_1core": round(megabytes / one, 3),
        "extract_docs_per_s_all_cores": round(len(texts) / many, 1),
        "extract_mb_per_s_all_cores": round(megabytes / many, 3),
        "extract_scaling": round(one / many / jobs, 2),
        "extract_sample_docs": len(texts),
        "extract_mean_chars": round(sum(map(len, texts)) / len(texts)),
        "baseline_underthesea_ner_docs_per_s": round(ner, 2),
        "baseline_sample_docs": min(ner_sample, len(texts)),
        "ratio_ours_to_underthesea_ner": round(len(texts) / one / ner, 1),
    }


def _underthesea_ner(texts: list[str]) -> float:
    """underthesea's `ner` as documented: sentence by sentence (a whole document at once
    is slower still, the CRF's cost grows with the input)."""
    from underthesea import ner, sent_tokenize

    ner("Ủy ban nhân dân tỉnh Quảng Nam.")
    start = time.perf_counter()
    for text in texts:
        for paragraph in text.split("\n"):
            for sentence in sent_tokenize(paragraph) if paragraph.strip() else ():
                ner(sentence)
    return len(texts) / (time.perf_counter() - start)


# --- build -------------------------------------------------------------------------

# `ocop build` in a process of its own, its memory sampled: the writer's high-water mark
# (VmHWM; ru_maxrss would count the pages the benchmark itself held when it forked) and
# the resident memory of the writer and its workers together, every 0.2 s (Linux /proc).
_BUILD = """
import json, os, sys, threading, time
from pathlib import Path
from pipeline.store import build

def status(pid, key):
    try:
        for line in open(f"/proc/{pid}/status"):
            if line.startswith(key + ":"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0

def children(pid):
    found = []
    for task in os.listdir(f"/proc/{pid}/task"):
        try:
            found += open(f"/proc/{pid}/task/{task}/children").read().split()
        except OSError:
            pass
    return found

peak, done = [0.0], threading.Event()
def sample():
    while not done.is_set():
        me = os.getpid()
        peak[0] = max(peak[0], status(me, "VmRSS") + sum(status(c, "VmRSS") for c in children(me)))
        time.sleep(0.2)
threading.Thread(target=sample, daemon=True).start()
start = time.perf_counter()
scheduler = sys.argv[4] if len(sys.argv) > 4 else None
counts = build(Path(sys.argv[1]), Path(sys.argv[2]), jobs=int(sys.argv[3]), scheduler=scheduler)
seconds = time.perf_counter() - start
done.set()
print(json.dumps({"seconds": seconds, "counts": counts, "loader_rss_mb": status(os.getpid(), "VmHWM"),
                  "all_rss_mb": peak[0]}))
"""


def _build(corpus: Path, db: Path, jobs: int, scheduler: str | None = None) -> dict[str, Any]:
    """`ocop build` in its own process, so that its memory is its own."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    args = [sys.executable, "-c", _BUILD, str(corpus), str(db), str(jobs), *([scheduler] if scheduler else [])]
    out = subprocess.run(args, env=env, capture_output=True, text=True, check=True).stdout
    return json.loads(out.strip().splitlines()[-1])


def bench_build(corpus: Path, work: Path, n: int, jobs: int, small: Path) -> dict[str, Any]:
    db = work / "db" / "ocop.db"
    small_run = _build(small, work / "db-small" / "ocop.db", jobs)
    full = _build(corpus, db, jobs)
    changed = scale_corpus.edit(CORPUS, corpus, n, 0.01)
    incremental = _build(corpus, db, jobs)
    if incremental["counts"]["extracted"] != len(changed):  # else the figure would not be what it says
        raise RuntimeError(f"the rebuild extracted {incremental['counts']} for {len(changed)} edited files")
    return {
        "build_full_s": round(full["seconds"], 1),
        "build_docs_per_s": round(n / full["seconds"], 1),
        "build_full_s_per_100k": round(full["seconds"] * 100_000 / n, 1),
        "build_incremental_1pct_s": round(incremental["seconds"], 2),
        "build_incremental_share": round(incremental["seconds"] / full["seconds"], 3),
        "build_failed": full["counts"]["failed"],
        # The copies' identity looked up, their rows kept, counts and disagreements: the
        # grouping's own seconds inside the full build (documents written apart).
        "build_grouping_s": full["counts"]["grouping_s"],
        "build_grouping_share": round(full["counts"]["grouping_s"] / full["seconds"], 3),
        "build_documents": full["counts"]["documents"],
        "db_size_mb": round(db.stat().st_size / 1e6, 1),
        "peak_rss_mb": round(full["all_rss_mb"], 1),
        "peak_rss_loader_mb": round(full["loader_rss_mb"], 1),
        "peak_rss_mb_at_tenth": round(small_run["all_rss_mb"], 1),
        "peak_rss_loader_mb_at_tenth": round(small_run["loader_rss_mb"], 1),
    }


def bench_cluster(corpus: Path, work: Path, n: int, jobs: int) -> dict[str, Any]:
    """The same build of `n` documents, back to back: on this machine's process pool (`jobs`
    workers), then on a Dask LocalCluster of `jobs` worker processes of one thread each."""
    try:
        from distributed import LocalCluster
    except ImportError:
        return {}
    local = _build(corpus, work / "db-local" / "ocop.db", jobs)
    # the scheduler's and workers' start-up banners would fill the table (the workers'
    # processes read the variable at import)
    os.environ.setdefault("DASK_LOGGING__DISTRIBUTED", "error")
    logging.getLogger("distributed").setLevel(logging.ERROR)
    with LocalCluster(n_workers=jobs, threads_per_worker=1, processes=True, dashboard_address=None,
                      silence_logs=40) as cluster:
        remote = _build(corpus, work / "db-cluster" / "ocop.db", jobs, cluster.scheduler_address)
    return {
        "cluster_docs": n,
        "cluster_local_build_s": round(local["seconds"], 1),
        "cluster_build_s": round(remote["seconds"], 1),
        "cluster_overhead_ms_per_doc": round(1000 * (remote["seconds"] - local["seconds"]) / n, 2),
    }


# --- the run -----------------------------------------------------------------------

def _timed(label: str, fn: Callable[[], Any]) -> Any:
    _say(f"bench: {label} ...")
    start = time.perf_counter()
    figures = fn()
    _say(f"bench: {label} done in {time.perf_counter() - start:.1f} s")
    return figures


def run(n: int = 10_000, *, jobs: int | None = None, work: Path | None = None, out: Path | None = None,
        extract_sample: int = 2000, ner_sample: int = 40, requests_per_kind: int = 40) -> dict[str, Any]:
    """Generate `n` documents, measure, print the table; returns (and writes) the figures."""
    from pipeline.parse import parse_file

    from .serving import latencies

    try:
        import rapidfuzz  # noqa: F401  (the CER of the PDF section, at the end: say it now)
    except ImportError as err:
        raise RuntimeError("ocop bench needs the test extras: pip install -e '.[test]'") from err
    jobs = jobs or os.cpu_count() or 1
    own_work = work is None
    work = Path(tempfile.mkdtemp(prefix="ocop-bench-")) if work is None else work
    for previous in ("db", "db-small", "db-local", "db-cluster"):  # a full build must start from nothing
        shutil.rmtree(work / previous, ignore_errors=True)
    started = time.perf_counter()
    try:
        corpus, small = work / "corpus", work / "corpus-tenth"
        files = _timed(f"generating {n:,} documents", lambda: scale_corpus.generate(CORPUS, corpus, n))
        scale_corpus.generate(CORPUS, small, max(1, n // 10))
        sample = files[:: max(1, n // extract_sample)][:extract_sample]
        texts = [parse_file(p).text for p in sample]
        results: dict[str, Any] = {"n_docs": n, "cores": jobs}
        results |= _timed("extraction", lambda: bench_extraction(texts, jobs, ner_sample))
        results |= _timed("build", lambda: bench_build(corpus, work, n, jobs, small))
        results |= _timed("build on a Dask cluster", lambda: bench_cluster(small, work, max(1, n // 10), jobs))
        serving = _timed("serving", lambda: latencies(work / "db" / "ocop.db", requests_per_kind))
        for kind, figures in serving.items():
            results[f"{kind}_p50_ms"] = figures["p50_ms"]
            results[f"{kind}_p95_ms"] = figures["p95_ms"]
        results |= _timed("pdf", bench_pdf)
        results |= _timed("search quality", lambda: bench_search_quality(work))
    finally:
        if own_work:
            shutil.rmtree(work, ignore_errors=True)
    results["bench_seconds"] = round(time.perf_counter() - started, 1)
    results["machine"] = {"cores": os.cpu_count(), "python": platform.python_version(), "platform": platform.platform(),
                          "date": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"), "commit": _commit()}
    print(format_table(results))
    if out:
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(json.dumps(results, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    return results


def bench_search_quality(work: Path) -> dict[str, Any]:
    """The judged searches on the bundled corpus, built as `ocop build` does."""
    from .search_quality import precision_at_5

    db = work / "db-bundled" / "ocop.db"
    shutil.rmtree(db.parent, ignore_errors=True)
    _build(CORPUS, db, 2)
    return precision_at_5(db)


def _commit() -> str | None:
    try:
        return subprocess.run(["git", "-C", str(ROOT), "rev-parse", "--short", "HEAD"], capture_output=True,
                              text=True, check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return None


def format_table(r: dict[str, Any]) -> str:
    floors = {key: (floor, how) for key, floor, how, _ in FLOORS}

    def row(label: str, key: str, unit: str = "") -> str:
        value = r.get(key)
        mark = ""
        if key in floors and value is not None:
            floor, how = floors[key]
            ok = value >= floor if how == ">=" else value <= floor
            mark = f"  floor {how} {floor}: {'ok' if ok else 'BELOW'}"
        shown = f"{100 * value:.2f}%" if key.startswith("cer_") and value is not None else str(value)
        return f"  {label:<44} {shown:>10} {unit:<9}{mark}"

    n = r["n_docs"]
    lines = [
        f"ocop bench: {n:,} synthetic documents, {r['cores']} cores ({r['bench_seconds']} s)",
        "extraction (same texts: "
        f"{r['extract_sample_docs']} documents of {r['extract_mean_chars']} characters on average)",
        row("extract(), one core", "extract_docs_per_s_1core", "docs/s"),
        row("extract(), one core", "extract_mb_per_s_1core", "MB/s"),
        row(f"extract(), {r['cores']} cores", "extract_docs_per_s_all_cores", "docs/s"),
        row("scaling (all cores / one core / cores)", "extract_scaling"),
        row(f"underthesea ner, one core ({r['baseline_sample_docs']} docs)",
            "baseline_underthesea_ner_docs_per_s", "docs/s"),
        row("ours / underthesea ner", "ratio_ours_to_underthesea_ner", "x"),
        f"ocop build (-j {r['cores']})",
        row(f"full build of {n:,}", "build_full_s", "s"),
        row("  the same rate for 100,000", "build_full_s_per_100k", "s"),
        row("  of which grouping copies into documents", "build_grouping_s", "s"),
        row("  share of the full build", "build_grouping_share"),
        row("  documents (copies of one document grouped)", "build_documents"),
        row("rebuild after 1% of files changed", "build_incremental_1pct_s", "s"),
        row("  share of the full build", "build_incremental_share"),
        row("database size", "db_size_mb", "MB"),
        row(f"peak memory, writer + workers, {n:,} docs", "peak_rss_mb", "MB"),
        row("  the writer alone", "peak_rss_loader_mb", "MB"),
        row(f"peak memory, writer + workers, {max(1, n // 10):,} docs", "peak_rss_mb_at_tenth", "MB"),
        row("  the writer alone", "peak_rss_loader_mb_at_tenth", "MB"),
    ]
    if "cluster_build_s" in r:
        lines += [
            f"ocop build of {r['cluster_docs']:,}, local processes against a Dask cluster (back to back)",
            row(f"  local process pool, {r['cores']} workers", "cluster_local_build_s", "s"),
            row(f"  Dask LocalCluster, {r['cores']} worker processes", "cluster_build_s", "s"),
            row("  the cluster's overhead a document", "cluster_overhead_ms_per_doc", "ms"),
        ]
    lines += [
        f"Datasette over HTTP, {n:,} documents (p50 / p95)",
    ]
    for kind, label in (("search_page", "search page (/?q=)"), ("fts_search", "full-text search (canned `search`)"),
                        ("facet_page", "documents table with 6 facets"),
                        ("canned_query", "canned query (targets of a province)"),
                        ("document_page", "document page (highlighted)")):
        lines.append(row(f"{label} p50", f"{kind}_p50_ms", "ms"))
        lines.append(row(f"{label} p95", f"{kind}_p95_ms", "ms"))
    if "search_precision_at_5" in r:
        lines.append("search on the bundled corpus (corpus/judged_searches.json)")
        lines.append(row("precision at 5, the search page", "search_precision_at_5"))
        lines.append(row("precision at 5, the canned `search` query", "search_precision_at_5_canned_query"))
    lines.append("PDF, one core (corpus PDFs against the text they were made from)")
    for kind in ("text", "tables"):
        lines.append(f"  {kind} layer ({r[f'pdf_{kind}_pages']} pages): pages/s, character error rate")
        for reader, label in (("", "ours (PDFium + layout)"), ("_pdfplumber", "pdfplumber + layout (before)"),
                              ("_pypdfium2_plain", "pypdfium2 plain text, no layout")):
            lines.append(row(f"  {label}", f"pdf_{kind}{reader}_pages_per_s", "pages/s"))
            lines.append(row("    CER", f"cer_{kind}{reader}_pdf"))
    lines.append(row("  text: plain pypdfium2 / ours", "pdf_text_vs_plain", "x"))
    lines.append(f"  OCR ({r['pdf_ocr_pages']} scanned pages)")
    lines.append(row("    seconds a page, one core", "ocr_s_per_page", "s"))
    lines.append(row("    CER", "cer_ocr_pdf"))
    lines.append(row(f"    pages/s, pages side by side on {r['cores']} cores", "pdf_ocr_parallel_pages_per_s",
                     "pages/s"))
    return "\n".join(lines)
