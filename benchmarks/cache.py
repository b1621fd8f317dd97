"""Benchmark stores built once and kept under benchmarks/cache/ (gitignored).

A store is filled under a temporary name and renamed only when complete, so an interrupted
build is never mistaken for a finished one. The schema version is in the name: when the schema
moves on, a copy of the newest older store of the same name is migrated (what open_store does to
any user's store, and minutes faster than refilling a large one); with none, the store is built.
"""

from __future__ import annotations

import re
import shutil
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
    older = _older_version(name)
    if older is not None:
        for suffix in ("", "-wal"):  # a store closed cleanly has an empty log; copy it all the same
            if Path(f"{older}{suffix}").exists():
                shutil.copyfile(f"{older}{suffix}", f"{partial}{suffix}")
        with open_store(str(partial)):  # migrates
            pass
    else:
        with open_store(str(partial)) as store:
            fill(store)
    for suffix in ("-wal", "-shm"):
        Path(f"{partial}{suffix}").unlink(missing_ok=True)
    partial.rename(path)
    return path


def _older_version(name: str) -> Path | None:
    """The cached store ``name`` of the newest schema version before the current one, if any."""
    found: list[tuple[int, Path]] = []
    for candidate in CACHE.glob(f"{name}-s*.db"):
        match = re.fullmatch(re.escape(name) + r"-s(\d+)\.db", candidate.name)
        if match and int(match.group(1)) < CURRENT_VERSION:
            found.append((int(match.group(1)), candidate))
    return max(found)[1] if found else None
