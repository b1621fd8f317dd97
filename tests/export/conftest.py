"""The ``store`` fixture: a small clustered store of hand-made analyses."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from newsgraph.store import Store

from .helpers import build_store


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    s = build_store(tmp_path / "export.db")
    yield s
    s.close()
