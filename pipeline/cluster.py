"""Parse + extract on a Dask cluster (`ocop build --scheduler ADDRESS`, `OCOP_SCHEDULER`).

The unit of work is the local one (`process.py`): a batch of items through a worker
function, plain data in and out. Items go as what a worker can read: a bundled file by
its path (the corpus on storage every worker mounts at the same path), an archived
response by its WARC file and offset (the archive likewise), a text parsed before as the
text itself. Results stream back in input order, as the local pool gives them: at most
`WINDOW` batches a worker are in flight, and a batch that finished before those ahead of
it waits in memory, so the one writer's memory stays flat however large the corpus. A
worker that dies loses only the batches it held; the scheduler gives them to another
worker (a batch is pure: the same items give the same results), so nothing is lost and
nothing is written twice, and the build stays atomic, resumable and incremental as the
writer makes it.

A file's time bound (`FILE_TIMEOUT`) is the local pool's alone: Dask runs tasks in
threads, which signals do not reach; a cluster's workers are bounded by their own
`--memory-limit` and by Dask's retries (a file that kills every worker it is given is
reported as failed after `distributed.scheduler.allowed-failures` tries).
"""
from __future__ import annotations

import functools
import itertools
import os
import uuid
from collections.abc import Callable, Iterable, Iterator
from typing import Any

from .process import BATCH, WINDOW, process_many, process_path, run_batch

Worker = Callable[[Any], dict[str, Any]]
Runner = Callable[..., Iterator[dict[str, Any]]]  # (items, worker=process_path) → results in order


def runner(jobs: int | None = None, scheduler: str | None = None) -> Runner:
    """Where a build's or an extraction's work runs: on the Dask cluster whose scheduler is
    at `scheduler`, else in this machine's process pool of `jobs` workers (today's way)."""
    if scheduler:
        client(scheduler)  # a scheduler that cannot be reached is said before any work starts
        return lambda items, worker=process_path: process_on_cluster(items, worker, scheduler)
    return lambda items, worker=process_path: process_many(items, jobs, worker)


CONNECT_TIMEOUT = "10s"  # a scheduler that does not answer in this time is reported, not waited for


@functools.cache
def client(address: str) -> Any:
    """One client a scheduler for the process (a build calls the workers three or four times)."""
    try:
        from distributed import Client
    except ImportError as err:  # pragma: no cover - the extra is not installed
        raise RuntimeError('a Dask scheduler was given, but Dask is not installed: '
                           'pip install "ocop-pipeline[dask]"') from err
    try:
        dask = Client(address, timeout=CONNECT_TIMEOUT, set_as_default=False)
    except (OSError, TimeoutError) as err:
        raise RuntimeError(f"cannot reach the Dask scheduler at {address}: {err}") from err
    dask.register_plugin(_one_ocr_thread(), name="ocop-one-ocr-thread")
    return dask


def _one_ocr_thread() -> Any:
    """A Dask worker plugin (applied to workers that join later too, a restarted one among
    them): Dask spreads the work over its workers' threads, so each task reads a scan's
    pages one after the other (`ocr.threads`). Defined here, not at the top: Dask is an
    optional install; cloudpickle sends the class by value."""
    from distributed import WorkerPlugin

    class OneOcrThread(WorkerPlugin):
        def setup(self, worker: Any) -> None:
            os.environ["OCOP_OCR_THREADS"] = "1"

    return OneOcrThread()


def process_on_cluster(items: Iterable[Any], worker: Worker, address: str) -> Iterator[dict[str, Any]]:
    """`worker` over `items` on the cluster at `address`: results in input order, streamed."""
    from distributed import as_completed

    dask = client(address)
    workers = max(1, len(dask.scheduler_info().get("workers", {})))
    given_items = iter(items)
    run = uuid.uuid4().hex[:8]  # task keys of this call, unique across calls and builds
    index_of: dict[str, tuple[int, list[Any]]] = {}
    numbered = itertools.count()

    def submit() -> Any:
        given = list(itertools.islice(given_items, BATCH))
        if not given:
            return None
        number = next(numbered)
        # a file by its absolute path (a worker's working folder is its own); its result
        # comes back under the path it was given
        sent = [os.path.abspath(i) if isinstance(i, str) and "://" not in i else i for i in given]
        future = dask.submit(run_batch, worker, sent, key=f"ocop-{run}-{number}", pure=False)
        index_of[future.key] = (number, given)
        return future

    limit = workers * WINDOW
    in_flight = 0
    done_early: dict[int, list[dict[str, Any]]] = {}
    next_out = 0
    completed = as_completed(loop=dask.loop)

    def top_up() -> None:
        # more work only while what is out and what waits to be written stays bounded
        nonlocal in_flight
        while in_flight < limit and in_flight + len(done_early) < 2 * limit:
            future = submit()
            if future is None:
                return
            completed.add(future)
            in_flight += 1

    top_up()
    for future in completed:
        in_flight -= 1
        number, given = index_of.pop(future.key)
        results = future.result()
        for result, item in zip(results, given, strict=True):
            if isinstance(item, str):
                result["path"] = item
        done_early[number] = results
        future.release()
        while next_out in done_early:
            yield from done_early.pop(next_out)
            next_out += 1
        top_up()
