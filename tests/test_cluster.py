"""`ocop build --scheduler`: parse and extract on a Dask cluster (here a LocalCluster of two
worker processes), the database the same as the local build's, a worker killed mid-build
losing nothing."""
from __future__ import annotations

import json
import os
import signal
import sqlite3
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from conftest import CORPUS

from pipeline.check import check
from pipeline.cli import main
from pipeline.store import build

distributed = pytest.importorskip("distributed", reason='Dask is an extra: pip install "ocop-pipeline[dask]"')


@pytest.fixture(scope="module")
def cluster() -> Iterator[Any]:
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                  dashboard_address=None, silence_logs=40) as local:
        yield local


def rows_of(db: Path) -> dict[str, list[tuple]]:
    """Every table row by row, in row order, without the times a run was made at."""
    out = {}
    with sqlite3.connect(db) as conn:
        tables = [t for (t,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table' "
                                             "AND name NOT LIKE 'documents_fts%' AND name != 'meta'")]
        for table in tables:
            columns = [c[1] for c in conn.execute(f"PRAGMA table_info([{table}])") if not c[1].endswith("_at")]
            out[table] = conn.execute(f"SELECT {', '.join(f'[{c}]' for c in columns)} FROM [{table}] "
                                      "ORDER BY rowid").fetchall()
    return out


def test_the_cluster_builds_the_same_database_row_for_row(cluster: Any, built_db: Path, tmp_path: Path) -> None:
    db = tmp_path / "ocop.db"
    counts = build(CORPUS, db, scheduler=cluster.scheduler_address)
    assert counts["extracted"] == counts["files"] and counts["failed"] == 0
    local, remote = rows_of(built_db), rows_of(db)
    assert local.keys() == remote.keys()
    for table in local:
        assert remote[table] == local[table], table
    again = build(CORPUS, db, scheduler=cluster.scheduler_address)  # incremental, as locally
    assert (again["extracted"], again["unchanged"]) == (0, counts["files"])


def test_a_worker_killed_mid_build_loses_nothing(cluster: Any, built_db: Path, tmp_path: Path) -> None:
    client = distributed.Client(cluster.scheduler_address, set_as_default=False)
    killed: list[int] = []

    def kill_one_worker_after_the_first_result(results: Iterable[Any], total: int) -> Iterator[Any]:
        for result in results:
            if not killed:  # the others are still out on the workers, some on the one killed
                pid = next(iter(client.run(os.getpid).values()))
                os.kill(pid, signal.SIGKILL)
                killed.append(pid)
            yield result

    db = tmp_path / "ocop.db"
    try:
        counts = build(CORPUS, db, scheduler=cluster.scheduler_address,
                       progress=kill_one_worker_after_the_first_result)
        client.wait_for_workers(2, timeout=60)  # the nanny brings the worker back
    finally:
        client.close()
    assert killed
    assert counts["extracted"] == counts["files"] and counts["failed"] == 0
    assert all(not problems for problems in check(db).values())
    assert rows_of(db) == rows_of(built_db)


def test_ocop_build_takes_the_scheduler_from_its_option_or_the_environment(cluster: Any, tmp_path: Path) -> None:
    import shutil

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for path in sorted(CORPUS.glob("*.txt"))[:5]:
        shutil.copy(path, corpus / path.name)
    runner = CliRunner()
    by_option = runner.invoke(main, ["build", "--corpus", str(corpus), "--db", str(tmp_path / "a.db"),
                                     "--scheduler", cluster.scheduler_address])
    by_env = runner.invoke(main, ["build", "--corpus", str(corpus), "--db", str(tmp_path / "b.db")],
                           env={"OCOP_SCHEDULER": cluster.scheduler_address})
    assert by_option.exit_code == by_env.exit_code == 0, by_option.output + by_env.output
    assert rows_of(tmp_path / "a.db") == rows_of(tmp_path / "b.db")
    assert len(rows_of(tmp_path / "a.db")["sources"]) == 5
    dead = runner.invoke(main, ["build", "--corpus", str(corpus), "--db", str(tmp_path / "c.db")],
                         env={"OCOP_SCHEDULER": "tcp://127.0.0.1:9"})  # nothing listens there
    assert dead.exit_code == 1 and "cannot reach the Dask scheduler at tcp://127.0.0.1:9" in dead.output
    assert not list(tmp_path.glob("c.db*"))  # nothing started


def test_ocop_extract_on_the_cluster_prints_what_it_prints_locally(cluster: Any) -> None:
    files = [str(p) for p in sorted(CORPUS.glob("*.txt"))[:20]]
    runner = CliRunner()
    local = runner.invoke(main, ["extract", *files])
    remote = runner.invoke(main, ["extract", "--scheduler", cluster.scheduler_address, *files])
    assert local.exit_code == remote.exit_code == 0
    assert [json.loads(line) for line in remote.output.splitlines()] == \
        [json.loads(line) for line in local.output.splitlines()]
    env = runner.invoke(main, ["extract", *files], env={"OCOP_SCHEDULER": cluster.scheduler_address})
    assert env.output == remote.output


def test_crawled_documents_are_read_from_the_archive_on_the_cluster(cluster: Any, tmp_path: Path,
                                                                     monkeypatch) -> None:
    """Archived responses go to the workers as WARC file and offset: the corpus and the
    crawled fixture sites, built on the cluster from a database given by a relative path,
    give the local build's rows."""
    import shutil

    from fixture_sites import SITES, FixtureSite, crawl_with_adapter
    from test_adapters import DOCUMENTS, FILES

    for name in sorted(FILES):
        with FixtureSite(SITES / name, files={k: v.read_bytes() for k, v in FILES[name].items()}) as site:
            crawl_with_adapter(site, name, tmp_path / "local" / "ocop.db", tmp_path / "local" / "archive")
    shutil.copytree(tmp_path / "local", tmp_path / "remote")
    local = build(CORPUS, tmp_path / "local" / "ocop.db", jobs=2)
    monkeypatch.chdir(tmp_path)
    remote = build(CORPUS, Path("remote/ocop.db"), scheduler=cluster.scheduler_address)
    crawled = sum(len(found) for found in DOCUMENTS.values())  # every fixture site's documents
    assert remote["crawled"] == local["crawled"] == crawled and remote["failed"] == local["failed"] == 0
    assert rows_of(tmp_path / "remote" / "ocop.db") == rows_of(tmp_path / "local" / "ocop.db")
