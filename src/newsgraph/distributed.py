"""Analysis on a Dask cluster: workers analyse batches, results stream back to the one writer.

Each Dask worker loads the Analyzer once (a worker plugin) and keeps it; the client keeps a
bounded number of batches in flight so a huge input never piles up in memory, and yields
results in input order. Only ``newsgraph ingest --dask`` imports this module (and Dask).
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable, Iterator
from typing import Any

from distributed import Client, WorkerPlugin, get_worker

from newsgraph.model import RawDocument, Rejection
from newsgraph.pipeline import Analyzer, Outcome
from newsgraph.settings import Settings
from newsgraph.workers import POOL_BATCH, batched

PLUGIN_NAME = "newsgraph-analyzer"
IN_FLIGHT_PER_WORKER = 3


class AnalyzerPlugin(WorkerPlugin):  # type: ignore[misc]
    """Loads newsgraph's Analyzer once per Dask worker (Dask accepts only WorkerPlugin subclasses)."""

    name = PLUGIN_NAME

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.analyzer: Analyzer | None = None

    def setup(self, worker: Any) -> None:
        self.analyzer = Analyzer.from_settings(self.settings)

    def teardown(self, worker: Any) -> None:
        self.analyzer = None


def _analyze_on_worker(batch: list[RawDocument | Rejection], published: str | None) -> list[Outcome]:
    plugin = get_worker().plugins[PLUGIN_NAME]
    assert isinstance(plugin, AnalyzerPlugin)
    assert plugin.analyzer is not None
    return list(plugin.analyzer.analyze_many(batch, published=published))


def analyze_on_dask(
    raws: Iterable[RawDocument | Rejection],
    address: Any,
    *,
    settings: Settings,
    published: str | None = None,
    batch_size: int | None = None,
    in_flight: int | None = None,
) -> Iterator[Outcome]:
    """Analyse ``raws`` on the Dask cluster at ``address`` (a URL, a Client or a LocalCluster)."""
    client = address if isinstance(address, Client) else Client(address)
    own_client = client is not address
    try:
        client.register_plugin(AnalyzerPlugin(settings), name=PLUGIN_NAME)
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
