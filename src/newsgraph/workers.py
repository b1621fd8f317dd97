"""Analysis on several processes: each worker loads spaCy once and analyses batches with nlp.pipe.

Workers only analyse; the parent process is the one writer, so SQLite never sees two writers.
Batches go out in order and come back in order, so output order equals input order.
"""

from __future__ import annotations

import itertools
import multiprocessing
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from newsgraph.model import RawDocument, Rejection
from newsgraph.pipeline import Analyzer, Outcome
from newsgraph.settings import Settings


@dataclass(frozen=True)
class WorkerConfig:
    settings: Settings
    published: str | None
    store_url: str | None


class _Worker:
    """Per-process state, made once by the pool's initializer."""

    analyzer: Analyzer | None = None
    config: WorkerConfig | None = None
    store: Any = None


def _init(config: WorkerConfig) -> None:
    _Worker.config = config
    _Worker.analyzer = Analyzer.from_settings(config.settings)
    if config.store_url:
        from newsgraph.store import open_store

        _Worker.store = open_store(config.store_url, readonly=True)


def _analyze_batch(batch: list[RawDocument | Rejection]) -> list[Outcome]:
    assert _Worker.analyzer is not None and _Worker.config is not None
    known = _Worker.store.has if _Worker.store is not None else None
    return list(_Worker.analyzer.analyze_many(batch, published=_Worker.config.published, known=known))


def batched(items: Iterable[Any], size: int) -> Iterator[list[Any]]:
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
    """Analyse ``raws`` on ``workers`` processes, yielding outcomes in input order."""
    size = batch_size or int(settings.get("language.batch_size"))
    config = WorkerConfig(settings=settings, published=published, store_url=store_url)
    ctx = multiprocessing.get_context("spawn")
    with ctx.Pool(processes=workers, initializer=_init, initargs=(config,), maxtasksperchild=200) as pool:
        for outcomes in pool.imap(_analyze_batch, batched(raws, size)):
            yield from outcomes
