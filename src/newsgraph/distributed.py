"""Analysis on a Dask cluster: workers analyse batches, results stream back to the one writer.

Each Dask worker loads the Analyzer once (a worker plugin) and keeps it; the client keeps a
bounded number of batches in flight so a huge input never piles up in memory, and yields
results in input order. Only ``newsgraph ingest --dask`` imports this module (and Dask).
"""

from __future__ import annotations

import logging
from collections import deque
from collections.abc import Iterable, Iterator
from typing import Any

from distributed import Client, WorkerPlugin, get_worker

from newsgraph.model import Outcome, RawDocument, Rejection
from newsgraph.pipeline import Analyzer
from newsgraph.settings import Settings
from newsgraph.workers import POOL_BATCH, batched

log = logging.getLogger(__name__)

PLUGIN_NAME = "newsgraph-analyzer"
IN_FLIGHT_PER_WORKER = 3


class AnalyzerPlugin(WorkerPlugin):  # type: ignore[misc]
    """Loads newsgraph's Analyzer once per Dask worker (Dask accepts only WorkerPlugin subclasses)."""

    name = PLUGIN_NAME

    def __init__(self, settings: Settings, store_url: str | None = None) -> None:
        self.settings = settings
        self.store_url = store_url
        self.analyzer: Analyzer | None = None
        self.store: Any = None

    def setup(self, worker: Any) -> None:
        self.analyzer = Analyzer.from_settings(self.settings)
        if self.store_url:
            from newsgraph.store import open_store

            try:  # a SQLite file on the writer's disk is out of reach of a worker on another machine
                self.store = open_store(self.store_url, readonly=True)
            except Exception as exc:  # noqa: BLE001 - any failure only costs the skip, never the analysis
                log.warning("worker cannot read the store (%s): documents already stored are analysed again", exc)

    def teardown(self, worker: Any) -> None:
        if self.store is not None:
            self.store.close()
        self.analyzer = self.store = None


def _analyze_on_worker(batch: list[RawDocument | Rejection], published: str | None) -> list[Outcome]:
    plugin = get_worker().plugins[PLUGIN_NAME]
    assert isinstance(plugin, AnalyzerPlugin)
    assert plugin.analyzer is not None
    known = plugin.store.has if plugin.store is not None else None
    return list(plugin.analyzer.analyze_many(batch, published=published, known=known))


def analyze_on_dask(
    raws: Iterable[RawDocument | Rejection],
    address: Any,
    *,
    settings: Settings,
    published: str | None = None,
    store_url: str | None = None,
    batch_size: int | None = None,
    in_flight: int | None = None,
) -> Iterator[Outcome]:
    """Analyse ``raws`` on the Dask cluster at ``address`` (a URL, a Client or a LocalCluster).

    Workers that can open ``store_url`` read-only skip the documents already stored without parsing
    them, as local workers do; a worker that cannot (a SQLite file on another machine) analyses them.
    """
    client = address if isinstance(address, Client) else Client(address)
    own_client = client is not address
    try:
        client.register_plugin(AnalyzerPlugin(settings, store_url), name=PLUGIN_NAME)
        size = batch_size or min(POOL_BATCH, int(settings.get("language.batch_size")))
        workers = max(1, len(client.scheduler_info().get("workers", {})))
        limit = in_flight or IN_FLIGHT_PER_WORKER * workers
        pending: deque[Any] = deque()
        for batch in batched(raws, size):
            pending.append(client.submit(_analyze_on_worker, batch, published, pure=False))
            while len(pending) >= limit:
                yield from pending.popleft().result()
        while pending:
            yield from pending.popleft().result()
    finally:
        if own_client:
            client.close()
