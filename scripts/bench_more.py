"""More figures than `ocop bench` (`make bench-more`): the bundled texts and the gold
texts rather than a synthetic corpus, and the crawler. Not a test: nothing here fails.

    extraction on one core   docs/s and 3-KB-docs/s over the gold texts and the corpus,
                             `extract()` and the same stages as spaCy components
    parse                    files/s per format of the bundled corpus
    PDF plain text           pypdfium2's plain text, to compare with `ocop bench`'s PDF paths
    crawl                    each fixture site (corpus/sites) served on 127.0.0.1 and crawled
                             at the default politeness (1 request/s per host) and at 20/s;
                             a crawl killed with SIGKILL and resumed
"""
from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from extractors import extract  # noqa: E402
from extractors.spacy_pipeline import load  # noqa: E402
from extractors.vietnamese import nfc  # noqa: E402
from pipeline.parse import parse_file  # noqa: E402
from pipeline.store import corpus_files  # noqa: E402

CORPUS = ROOT / "corpus" / "documents"
GOLD = Path(os.environ.get("OCOP_SHARED", ROOT.parent / "shared")) / "gold" / "dev"


def _best_of(runs: int, fn) -> float:  # noqa: ANN001
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def _texts() -> dict[str, list[str]]:
    sets = {"bundled corpus": [nfc(parse_file(p).text) for p in corpus_files(CORPUS)]}
    if GOLD.is_dir():
        sets["gold dev"] = [nfc(p.read_text(encoding="utf-8")) for p in sorted(GOLD.glob("*.txt"))]
    return sets


def bench_extraction(sets: dict[str, list[str]]) -> None:
    nlp = load()
    print("extraction, one core (best of 3 warm runs)")
    for name, texts in sets.items():
        chars = sum(len(t) for t in texts)
        for label, run in (("extract()", lambda texts=texts: [extract(t) for t in texts]),
                           ("spaCy pipeline", lambda texts=texts: list(nlp.pipe(texts)))):
            run()
            seconds = _best_of(3, run)
            print(f"  {name:<15} {label:<15} {len(texts):>4} docs, mean {chars // len(texts):>5} chars: "
                  f"{len(texts) / seconds:7.0f} docs/s, {chars / seconds / 1000:6.0f} kchars/s, "
                  f"= {chars / seconds / 3000:5.0f} docs of 3 KB/s")


def bench_parse() -> None:
    print("parse (text + repair), one core")
    by_format: dict[str, list[Path]] = {}
    for path in corpus_files(CORPUS):
        by_format.setdefault(path.suffix.lower().lstrip("."), []).append(path)
    for fmt, paths in sorted(by_format.items()):
        seconds = _best_of(2, lambda paths=paths: [parse_file(p) for p in paths])
        pages = sum(parse_file(p).pages or 1 for p in paths)
        print(f"  {fmt:<5} {len(paths):>3} files: {len(paths) / seconds:7.1f} files/s, {pages / seconds:7.1f} pages/s")


def bench_pdfium() -> None:
    import pypdfium2

    plain = [CORPUS / f"{t.stem}.pdf" for t in sorted((ROOT / "corpus" / "truth").glob("*.txt"))
             if not t.stem.endswith("_scan")]

    def pdfium_text() -> int:
        count = 0
        for path in plain:
            doc = pypdfium2.PdfDocument(path.read_bytes())
            for page in doc:
                page.get_textpage().get_text_range()
                count += 1
            doc.close()
        return count

    count = pdfium_text()
    seconds = _best_of(3, pdfium_text)
    print(f"pypdfium2 plain text of the text-layer PDFs (no layout, tables or columns): {count / seconds:7.1f} pages/s")


def bench_crawl() -> None:
    import json
    import signal
    import sqlite3
    import subprocess

    sys.path.insert(0, str(ROOT / "tests"))
    from fixture_sites import SITES, FixtureSite

    from pipeline.collect import adapters
    from pipeline.collect.crawl import Crawler
    from pipeline.collect.fetch import Fetcher
    from pipeline.collect.state import CrawlState

    print("crawl of the fixture sites on 127.0.0.1 (pages fetched, documents kept, errors by kind, wall time)")
    files = {name: (CORPUS / "kh_02_quang_nam.pdf").read_bytes() for name in
             ("303-kh-ubnd.pdf", "148-qd-ttg.pdf", "38-kh-ubnd.pdf", "ke-hoach-85-kh-ubnd.pdf",
              "chuong-trinh-le-hoi.pdf", "1170-ubnd-kt.doc", "phu-luc.docx")}
    for rate in (1.0, 20.0):
        for name in [*sorted(adapters.ADAPTERS), "portal"]:
            with tempfile.TemporaryDirectory() as tmp, FixtureSite(SITES / name, files=files) as site:
                adapter = adapters.generic(site.url + "/") if name == "portal" else adapters.make(name, site.url + "/")
                fetcher = Fetcher(adapter.domains, rate=rate, retries=1, backoff=0.2, timeout=(2, 1),
                                  allow_private=True)
                state = CrawlState(Path(tmp) / "ocop.db")
                summary = Crawler(adapter, state, Path(tmp) / "archive", fetcher).run().as_dict()
                fetcher.close()
                state.close()
                print(f"  {rate:4.0f}/s {name:<15} {summary['pages']:>3} pages, "
                      f"{summary['documents_new']:>2} documents, errors {json.dumps(summary['errors'])}, "
                      f"{summary['seconds']:.1f} s")
    with tempfile.TemporaryDirectory() as tmp, FixtureSite(SITES / "portal", files=files) as site:
        db = Path(tmp) / "ocop.db"
        command = [sys.executable, "-m", "pipeline", "crawl", "--start", site.url + "/", "--allow", "127.0.0.1",
                   "--rate", "2", "--allow-private", "--db", str(db)]
        env = {**os.environ, "PYTHONPATH": str(ROOT)}
        first = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        while not db.exists() or sqlite3.connect(db).execute(
                "SELECT count(*) FROM crawl_queue WHERE state != 'queued'").fetchone()[0] < 8:
            time.sleep(0.1)
        first.send_signal(signal.SIGKILL)
        first.wait()
        with sqlite3.connect(db) as conn:
            before = conn.execute("SELECT count(*) FROM crawl_queue WHERE state != 'queued'").fetchone()[0]
            queued = conn.execute("SELECT count(*) FROM crawl_queue WHERE state = 'queued'").fetchone()[0]
        start = time.perf_counter()
        out = subprocess.run(command, env=env, capture_output=True, check=True).stdout
        summary = json.loads(out)
        with sqlite3.connect(db) as conn:
            docs = conn.execute("SELECT count(*), count(DISTINCT url) FROM crawled_documents").fetchone()
            fetches = conn.execute("SELECT count(*), count(DISTINCT url) FROM fetches").fetchone()
        print(f"  kill -9 after {before} URLs ({queued} queued); resumed: {summary['pages']} more pages in "
              f"{time.perf_counter() - start:.1f} s; documents {docs[0]} ({docs[1]} distinct), "
              f"fetches {fetches[0]} ({fetches[1]} distinct URLs)")


def main() -> None:
    print(f"machine: {os.cpu_count()} cores, Python {sys.version.split()[0]}")
    sets = _texts()
    bench_extraction(sets)
    bench_parse()
    bench_pdfium()
    bench_crawl()


if __name__ == "__main__":
    main()
