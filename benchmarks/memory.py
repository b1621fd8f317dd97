"""Memory flatness: one pool worker analyses many documents; its RSS is read as they come back.

The worker is newsgraph.workers' own (analyze_in_pool with one worker), so what is measured is
what `newsgraph ingest` runs. A worker whose RSS keeps growing between the first tenth of the
documents and the end has a leak or an unbounded cache.
"""

from __future__ import annotations

from collections.abc import Iterable

import psutil

from benchmarks.ingest import is_pool_worker
from newsgraph.model import RawDocument
from newsgraph.settings import Settings
from newsgraph.workers import analyze_in_pool


def worker_rss_mb() -> float:
    """Current RSS of this process's pool worker (the largest, if several)."""
    sizes = [p.memory_info().rss for p in psutil.Process().children(recursive=True) if is_pool_worker(p)]
    return max(sizes, default=0) / 2**20


def measure_memory(raws: Iterable[RawDocument], n: int, settings: Settings) -> dict[str, float]:
    """The worker's RSS after the first tenth of ``n`` documents and after all of them."""
    checkpoints = sorted({max(1, n // 10), n})
    out: dict[str, float] = {"memory_docs": n}
    outcomes = analyze_in_pool(raws, settings=settings, workers=1)
    for done, _outcome in enumerate(outcomes, start=1):
        if done in checkpoints:
            out[f"worker_rss_mb_after_{done}_docs"] = worker_rss_mb()
    first, last = (out.get(f"worker_rss_mb_after_{c}_docs", 0.0) for c in (checkpoints[0], checkpoints[-1]))
    out["worker_rss_growth_mb_first_tenth_to_end"] = last - first
    return out
