"""The `ocop` command: one sub-command per stage, each usable alone."""
from __future__ import annotations

import json
import logging
import os
import sys
import time
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import click
from tqdm import tqdm

from . import __version__
from .cluster import runner
from .evaluate import format_misses, format_report, gold_documents, score
from .process import process_many
from .store import build as build_database

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DB = Path("data/ocop.db")
DEFAULT_CORPUS = ROOT / "corpus" / "documents"


def _progress(desc: str) -> Any:
    def wrap(items: Iterable[Any], total: int) -> Iterable[Any]:
        return tqdm(items, total=total, desc=desc, unit="doc", file=sys.stderr, disable=total < 2 or None)

    return wrap


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="ocop")
@click.option("--verbose", is_flag=True, help="Also print the libraries' own log lines (trafilatura, pdfminer...).")
def main(verbose: bool) -> None:
    """ocop-pipeline: turn OCOP directives, plans and news into a searchable dataset.

    Stages: `crawl` (sites to a raw archive), `extract` (files to JSON), `build` (folder
    and crawl to SQLite), `serve` (Datasette), `eval` (score against a gold folder).
    """
    route_library_logs(verbose)


def route_library_logs(verbose: bool) -> None:
    """stderr carries the project's own one-line messages; what a library logs about a page
    (`parsed tree length: 1, wrong data type or not valid HTML`) is noise beside them, and
    each file's own problem is recorded with it. The root logger's handlers are replaced
    (underthesea installs one on stderr when imported): by one that drops everything, or with
    `--verbose` by one that prints them, named. The worker processes are forked after this
    and inherit it."""
    if verbose:
        logging.basicConfig(stream=sys.stderr, level=logging.WARNING, format="%(name)s: %(message)s", force=True)
    else:
        logging.getLogger().handlers[:] = [logging.NullHandler()]


@main.command()
@click.argument("name", required=False)
@click.option("--start", "start_url", help="Generic mode: the URL to start from (no adapter needed).")
@click.option("--allow", "domains", multiple=True, help="Generic mode: a domain to stay within (repeatable).")
@click.option("--base-url", help="Run the adapter against this address instead of its site (a mirror, a fixture).")
@click.option("--max-pages", type=int, default=None, help="Stop after this many URLs (resume with the same command).")
@click.option("--allow-private", is_flag=True,
              help="Allow private and loopback addresses (a mirror or test site on this machine); refused otherwise.")
@click.option("--rate", type=float, default=1.0, show_default=True, help="Requests per second per host.")
@click.option("--db", "db_path", type=click.Path(dir_okay=False, path_type=Path), default=DEFAULT_DB,
              show_default=True, help="Database holding the crawl state (and, after `ocop build`, the documents).")
def crawl(name: str | None, start_url: str | None, domains: tuple[str, ...], base_url: str | None,
          max_pages: int | None, allow_private: bool, rate: float, db_path: Path) -> None:
    """Crawl a source into the raw archive (WARC files beside the database).

    `ocop crawl NAME` runs a configured adapter (see `ocop sources`); `ocop crawl --start URL
    --allow DOMAIN` crawls a portal no adapter knows. Interrupted, the same command resumes;
    run again after it finished, it re-crawls and finds new, changed and removed documents.
    """
    from .collect import adapters
    from .collect.crawl import Crawler
    from .collect.fetch import Fetcher, host_of
    from .collect.state import CrawlState

    if name and start_url:
        raise click.UsageError("give an adapter NAME or --start URL, not both")
    if name:
        if name not in adapters.ADAPTERS:
            raise click.UsageError(f"no adapter {name!r}; `ocop sources` lists them")
        adapter = adapters.make(name, base_url)
    elif start_url:
        adapter = adapters.generic(start_url)
    else:
        raise click.UsageError("give an adapter NAME or --start URL")
    allowed = list(domains) or adapter.domains or [host_of(start_url or "")]
    state = CrawlState(db_path)
    fetcher = Fetcher(allowed, rate=rate, cache_path=db_path.parent / "http_cache.sqlite", allow_private=allow_private)
    try:
        crawler = Crawler(adapter, state, db_path.parent / "archive", fetcher, max_pages=max_pages)
        summary = crawler.run(progress=lambda **kw: tqdm(file=sys.stderr, **kw))
    finally:
        fetcher.close()
        state.close()
    report = summary.as_dict()
    click.echo(json.dumps(report, ensure_ascii=False), err=False)
    if report.get("errors", {}).get("private address") and not allow_private:
        click.echo("ocop crawl: private, loopback and link-local addresses are refused; for a mirror or test site "
                   "on this machine or network, add --allow-private", err=True)


@main.command(name="check")
@click.option("--db", "db_path", type=click.Path(dir_okay=False, exists=True, path_type=Path), default=DEFAULT_DB,
              show_default=True, help="Database to check.")
def check_command(db_path: Path) -> None:
    """Verify the database's invariants; exit 1 when one fails.

    Integrity, foreign keys, no orphan rows, every span inside its document's text, every
    crawled document's hash equal to its archived raw response's, the search index whole.
    """
    from .check import check

    failed = 0
    for name, problems in check(db_path).items():
        click.echo(f"{'ok  ' if not problems else 'FAIL'} {name}")
        for problem in problems:
            click.echo(f"     {problem}")
        failed += bool(problems)
    sys.exit(1 if failed else 0)


@main.command()
def sources() -> None:
    """List the site adapters `ocop crawl NAME` can run, and how to point a family's at a site."""
    from .collect import adapters

    for name, cls in sorted(adapters.ADAPTERS.items()):
        click.echo(f"{name:<24} {cls.BASE_URL:<40} {cls.DESCRIPTION}")
        if getattr(cls, "POINT_AT", None):  # a family of sites: one adapter, pointed at each
            click.echo(f"{'':<24} {cls.POINT_AT}")


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(dir_okay=False))
@click.option("--jobs", "-j", type=int, default=None, help="Worker processes (default: all cores).")
@click.option("--spans", is_flag=True, help="Also print every span (start, end, label, value).")
@click.option("--scheduler", envvar="OCOP_SCHEDULER", default=None, metavar="ADDRESS",
              help="Run on the Dask cluster whose scheduler is at ADDRESS (tcp://host:8786) instead of "
                   "local processes; the files must be at the same path on every worker. [env OCOP_SCHEDULER]")
def extract(paths: tuple[str, ...], jobs: int | None, spans: bool, scheduler: str | None) -> None:
    """Extract from .txt, .html/.htm and .pdf files: one JSON object per file on stdout.

    Each object has the keys of the gold format plus "path"; a file that cannot be read
    gives {"path", "error"} and the exit status is 1.
    """
    failed = 0
    progress = _progress("extract")
    try:
        run = runner(jobs, scheduler)
    except RuntimeError as err:  # a Dask scheduler given but not reachable, or Dask not installed
        raise click.ClickException(str(err)) from err
    for result in progress(run(paths), len(paths)):
        if "error" in result:
            failed += 1
            out = {"path": result["path"], "error": result["error"]}
            click.echo(f"ocop extract: {result['path']}: {result['error']}", err=True)
        else:
            out = {"path": result["path"], **result["record"]}
            if spans:
                out["spans"] = result["spans"]
        click.echo(json.dumps(out, ensure_ascii=False))
    sys.exit(1 if failed else 0)


@main.command()
@click.option("--corpus", type=click.Path(file_okay=False, exists=True, path_type=Path), default=DEFAULT_CORPUS,
              show_default=True, help="Folder of documents (.txt, .html, .pdf), searched recursively.")
@click.option("--db", "db_path", type=click.Path(dir_okay=False, path_type=Path), default=DEFAULT_DB,
              show_default=True, help="SQLite database to build or update.")
@click.option("--jobs", "-j", type=int, default=None, help="Worker processes (default: all cores).")
@click.option("--scheduler", envvar="OCOP_SCHEDULER", default=None, metavar="ADDRESS",
              help="Parse and extract on the Dask cluster whose scheduler is at ADDRESS (tcp://host:8786) "
                   "instead of local processes; the corpus and the crawl archive must be at the same path "
                   "on every worker. [env OCOP_SCHEDULER]")
def build(corpus: Path, db_path: Path, jobs: int | None, scheduler: str | None) -> None:
    """Build the SQLite database from a folder of documents.

    Atomic (the database at --db is replaced only when complete), resumable (an
    interrupted build goes on from what it committed) and incremental (files whose bytes
    and extractor are unchanged are not re-extracted; PDFs are not read again when only
    the extractors changed).
    """
    started = time.perf_counter()
    try:
        counts = build_database(corpus, db_path, jobs=jobs, progress=_progress("build"), scheduler=scheduler)
    except RuntimeError as err:  # a Dask scheduler given but not reachable, or Dask not installed
        raise click.ClickException(str(err)) from err
    seconds = time.perf_counter() - started
    click.echo(
        f"{db_path}: {counts['files']} files, {counts['crawled']} crawled documents, {counts['extracted']} extracted "
        f"({counts['parse_reused']} from text read before), {counts['unchanged']} unchanged, "
        f"{counts['failed']} failed, {counts['removed']} removed in {seconds:.1f}s: {counts['documents']} documents"
        + (" (resumed an interrupted build)" if counts["resumed"] else ""),
        err=True,
    )


@main.command()
@click.option("--db", "db_path", type=click.Path(dir_okay=False, exists=True, path_type=Path), default=DEFAULT_DB,
              show_default=True, help="Database built by `ocop build`.")
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", "-p", type=int, default=8001, show_default=True, help="Port to listen on.")
def serve(db_path: Path, host: str, port: int) -> None:
    """Serve the database with Datasette, read-only, with the project's metadata."""
    from .publish.serving import datasette_args

    args = datasette_args(db_path) + ["--host", host, "--port", str(port)]
    click.echo(f"Serving {db_path} at http://{host}:{port}/ (Ctrl-C stops)", err=True)
    os.execvp(sys.executable, [sys.executable, "-m", "datasette", *args])


@main.command()
@click.option("--docs", "-n", type=int, default=10_000, show_default=True,
              help="Size of the synthetic corpus (100000 for the scale figures).")
@click.option("--jobs", "-j", type=int, default=None, help="Worker processes (default: all cores).")
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path), default=Path("bench/results.json"),
              show_default=True, help="Where the figures are written (JSON).")
@click.option("--work", type=click.Path(file_okay=False, path_type=Path),
              help="Keep the synthetic corpus and database here (default: a temporary folder, removed).")
@click.option("--requests", "requests_per_kind", type=int, default=40, show_default=True,
              help="Timed requests per kind of page.")
def bench(docs: int, jobs: int | None, out: Path, work: Path | None, requests_per_kind: int) -> None:
    """Measure extraction, build, serving and PDF reading on a synthetic corpus.

    Generates DOCS documents from the bundled corpus (other provinces, districts, numbers,
    dates and targets), prints a table of figures beside the project's floors, and writes
    them to --out. Needs a checkout (the bundled corpus) and the test extras (rapidfuzz).
    """
    from .bench.runner import run

    try:
        run(docs, jobs=jobs, work=work, out=out, requests_per_kind=requests_per_kind)
    except RuntimeError as err:
        raise click.ClickException(str(err)) from err


@main.command(name="eval")
@click.argument("gold_dir", type=click.Path(file_okay=False, exists=True, path_type=Path))
@click.option("--jobs", "-j", type=int, default=None, help="Worker processes (default: all cores).")
@click.option("--verbose", "-v", is_flag=True, help="List every miss.")
@click.option("--json", "json_out", type=click.Path(dir_okay=False, path_type=Path), help="Write the full report here.")
@click.option("--min-overall", type=float, help="Exit 1 when the overall F1 is below this.")
def evaluate(gold_dir: Path, jobs: int | None, verbose: bool, json_out: Path | None,
             min_overall: float | None) -> None:
    """Extract every document of a gold folder and print the score table."""
    docs = [str(p) for p in gold_documents(gold_dir)]
    predictions = {}
    for result in _progress("eval")(process_many(docs, jobs), len(docs)):
        predictions[Path(result["path"]).stem] = result.get("record", {})
    report = score(gold_dir, predictions)
    click.echo(format_report(report, verbose))
    if report["misses"]:
        click.echo(format_misses(report))
    if json_out:
        json_out.write_text(json.dumps(report, ensure_ascii=False, indent=1), encoding="utf-8")
    if min_overall is not None and report["overall_f1"] < min_overall:
        sys.exit(1)


if __name__ == "__main__":
    main()
