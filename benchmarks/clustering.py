"""Clustering time at N events, on bench_corroborate's synthetic corpus (repeats and copies)."""

from __future__ import annotations

import gc
import time

from benchmarks.bench_corroborate import synthetic_corpus
from newsgraph.corroborate import Corroborator


def measure_clustering(n_events: int) -> dict[str, float]:
    """Seconds to add ``n_events`` events' documents to a new corroborator and read the clusters."""
    corpus = synthetic_corpus(n_events, text=True)
    gc.collect()
    gc.freeze()  # the generated input is not the stage's work: keep it out of the collector's scans
    try:
        t0 = time.perf_counter()
        corroborator = Corroborator.new()
        corroborator.add_many(corpus)
        t_add = time.perf_counter() - t0
        t0 = time.perf_counter()
        clusters = corroborator.clusters()
        t_read = time.perf_counter() - t0
    finally:
        gc.unfreeze()
    return {"seconds": t_add + t_read, "add_seconds": t_add, "read_seconds": t_read, "clusters": len(clusters)}
