"""Latency of the pages people use, from a Datasette serving the database over HTTP on
127.0.0.1 exactly as `ocop serve` does (same settings, metadata and plugin)."""
from __future__ import annotations

import random
import socket
import sqlite3
import statistics
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import quote

import requests

# What people type into the search box: words with and without marks, a phrase, a symbol.
SEARCHES = ["sao", "quyet dinh", "hợp tác xã", "du lich cong dong", "Kế hoạch", "\"3 sao\"", "919/QĐ-TTg",
            "chu the", "nông thôn mới", "thuong mai dien tu", "mật ong", "tap huan"]


@contextmanager
def datasette(db_path: Path) -> Iterator[str]:
    """A Datasette on a free local port for the duration; yields its base URL."""
    from pipeline.publish.serving import datasette_args

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    command = [sys.executable, "-m", "datasette", *datasette_args(db_path), "--host", "127.0.0.1", "--port", str(port)]
    server = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                if requests.get(f"{url}/-/versions.json", timeout=2).ok:
                    break
            except requests.ConnectionError:
                pass
            if server.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"datasette did not start: {server.stderr.read().decode()[-2000:]}")
            time.sleep(0.2)
        yield url
    finally:
        server.terminate()
        server.wait(timeout=10)


def page_sets(db_path: Path, rng: random.Random) -> dict[str, list[str]]:
    """The pages of each kind that are timed, drawn from what the database holds."""
    conn = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True)
    try:
        provinces = [r[0] for r in conn.execute("SELECT DISTINCT province FROM documents WHERE province IS NOT NULL")]
        ids = [r[0] for r in conn.execute("SELECT id FROM documents")]
    finally:
        conn.close()
    picked = rng.sample(provinces, min(8, len(provinces)))
    return {
        "search_page": [f"/?q={quote(q)}" for q in SEARCHES] + [f"/?q=ke+hoach+{quote(p)}" for p in picked[:4]],
        "fts_search": [f"/ocop/search?q={quote(q)}" for q in SEARCHES],
        # The documents table with the facets metadata.yml asks for (province, 2025 province,
        # type, year, issuer, kind): unfiltered, then narrowed the way a reader clicks.
        "facet_page": ["/ocop/documents"] + [f"/ocop/documents?province={quote(p)}" for p in picked]
        + ["/ocop/documents?doc_type=K%E1%BA%BF+ho%E1%BA%A1ch", "/ocop/documents?year=2024"],
        "canned_query": [f"/ocop/targets_of_a_province?province={quote(p)}&year=" for p in picked],
        "document_page": [f"/-/document/{i}" for i in rng.sample(ids, min(12, len(ids)))],
    }


def latencies(db_path: Path, requests_per_kind: int = 40, seed: int = 0) -> dict[str, dict[str, float]]:
    """p50/p95 (ms) per kind of page; every page is fetched once untimed first (the
    server's first touch of a table reads it from disk: a cold start, not a steady state)."""
    rng = random.Random(seed)
    sets = page_sets(db_path, rng)
    out: dict[str, dict[str, float]] = {}
    with datasette(db_path) as url, requests.Session() as session:
        for kind, pages in sets.items():
            for page in pages:
                session.get(url + page, timeout=30).raise_for_status()
            times = []
            for i in range(requests_per_kind):
                start = time.perf_counter()
                response = session.get(url + pages[i % len(pages)], timeout=30)
                times.append((time.perf_counter() - start) * 1000)
                response.raise_for_status()
            cuts = statistics.quantiles(times, n=20, method="inclusive")
            out[kind] = {"p50_ms": round(statistics.median(times), 1), "p95_ms": round(cuts[18], 1),
                         "requests": requests_per_kind}
    return out
