"""A small store built from hand-made analyses (no spaCy) for the export and API tests."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "store"))

from store_samples import make_analysis  # noqa: E402

from newsgraph.clustering import cluster_store  # noqa: E402
from newsgraph.settings import load_settings  # noqa: E402
from newsgraph.store import Store, open_store  # noqa: E402

N_DOCUMENTS = 3


def build_store(path: Path, *, cluster: bool = True, n: int = N_DOCUMENTS) -> Store:
    """Documents 0..n-1 (two events each; the last one year-less), clustered unless told not to."""
    store = open_store(str(path))
    for i in range(n):
        store.add(make_analysis(i, year=None if i == n - 1 else 2022))
    if cluster:
        cluster_store(store, load_settings(environ={}))
    return store
