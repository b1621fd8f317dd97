"""Benchmark stores built once and kept under benchmarks/cache/ (gitignored).

A store is filled under a temporary name and renamed only when complete, so an interrupted
build is never mistaken for a finished one; the schema version is in the name, so a
migration triggers a rebuild.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from newsgraph.store import Store, open_store
from newsgraph.store.migrations import CURRENT_VERSION

CACHE = Path(__file__).resolve().parent / "cache"


def cached_store_file(name: str, fill: Callable[[Store], None]) -> Path:
    """The path of the cached SQLite store ``name``, built by ``fill`` if it is not there yet."""
    CACHE.mkdir(exist_ok=True)
    path = CACHE / f"{name}-s{CURRENT_VERSION}.db"
    if path.exists():
        return path
    partial = path.with_suffix(".partial.db")
    for stale in CACHE.glob(partial.name + "*"):
        stale.unlink()
    with open_store(str(partial)) as store:
        fill(store)
    for suffix in ("-wal", "-shm"):
        Path(f"{partial}{suffix}").unlink(missing_ok=True)
    partial.rename(path)
    return path
