"""Analysis on several processes: each worker loads spaCy once and analyses batches with nlp.pipe.

Workers only analyse; the parent process is the one writer, so SQLite never sees two writers.
Batches go out in order and come back in order, so output order equals input order. Only a
bounded number of batches is in flight, so a huge input (a WARC crawl) is read as it is used
instead of being queued whole, and the writer keeps pace with the workers.
"""

from __future__ import annotations

import itertools
import multiprocessing
import os
import threading
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from newsgraph.model import Outcome, RawDocument, Rejection
from newsgraph.settings import Settings

if TYPE_CHECKING:  # imported by each worker, not by the parent that hands out the work
    from newsgraph.pipeline import Analyzer

# Documents per task sent to a worker: small enough that the last tasks of a run spread over
# all workers, large enough that nlp.pipe still batches well and pickling is amortised.
POOL_BATCH = 8
# Tasks in flight per worker: one being analysed, one queued, one being written.
IN_FLIGHT_PER_WORKER = 3


@dataclass(frozen=True)
class WorkerConfig:
    settings: Settings
    published: str | None
    store_url: str | None


class _Worker:
    """Per-process state, made once by the pool's initializer (one per worker process)."""

    analyzer: Analyzer | None = None
    config: WorkerConfig | None = None
    store: Any = None
    error: BaseException | None = None


def _init(config: WorkerConfig) -> None:
    _exit_with_parent()
    _Worker.config = config
    try:
        from newsgraph.pipeline import Analyzer

        _Worker.analyzer = Analyzer.from_settings(config.settings)
        if config.store_url:
            from newsgraph.store import open_store

            _Worker.store = open_store(config.store_url, readonly=True)
    except Exception as exc:  # raised here it would only say "BrokenProcessPool": keep it for the tasks
        _Worker.error = exc


def _exit_with_parent() -> None:
    """End this worker when the parent dies (even by SIGKILL), instead of lingering as an orphan."""
    parent = multiprocessing.parent_process()
    if parent is None:
        return

    def watch() -> None:
        from multiprocessing.connection import wait

        wait([parent.sentinel])
        os._exit(1)

    threading.Thread(target=watch, name="newsgraph-parent-watch", daemon=True).start()


def _analyze_batch(batch: list[RawDocument | Rejection]) -> list[Outcome]:
    if _Worker.error is not None:
        raise _Worker.error
    assert _Worker.analyzer is not None and _Worker.config is not None
    known = _Worker.store.has if _Worker.store is not None else None
    return list(_Worker.analyzer.analyze_many(batch, published=_Worker.config.published, known=known))


def batched(items: Iterable[Any], size: int) -> Iterator[list[Any]]:
    """Lists of ``size`` items (the last one shorter), read lazily."""
    it = iter(items)
    while chunk := list(itertools.islice(it, size)):
        yield chunk


def analyze_in_pool(
    raws: Iterable[RawDocument | Rejection],
    *,
    settings: Settings,
    workers: int,
    published: str | None = None,
    store_url: str | None = None,
    batch_size: int | None = None,
) -> Iterator[Outcome]:
    """Analyse ``raws`` on ``workers`` processes, yielding outcomes in input order.

    A worker that cannot start (no spaCy model, an unreadable store) raises its error here; a
    worker that dies (killed, out of memory) raises BrokenProcessPool instead of hanging the run.
    """
    size = batch_size or min(POOL_BATCH, int(settings.get("language.batch_size")))
    config = WorkerConfig(settings=settings, published=published, store_url=store_url)
    ctx = multiprocessing.get_context("spawn")  # fork would copy the parent's threads and connections
    limit = max(2, IN_FLIGHT_PER_WORKER * workers)
    pool = ProcessPoolExecutor(max_workers=workers, mp_context=ctx, initializer=_init, initargs=(config,))
    pending: deque[Future[list[Outcome]]] = deque()
    try:
        for batch in batched(raws, size):
            pending.append(pool.submit(_analyze_batch, batch))
            while len(pending) >= limit:
                yield from pending.popleft().result()
        while pending:
            yield from pending.popleft().result()
    finally:
        pool.shutdown(wait=True, cancel_futures=True)
