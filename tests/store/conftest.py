"""The ``store_url`` fixture: every store test runs on SQLite and on PostgreSQL.

PostgreSQL uses the server in env NEWSGRAPH_TEST_PG (scripts/setup-postgres.sh prints one),
with a fresh schema per test. Without that variable its tests are skipped, except under
CI=true, where they fail so that CI cannot skip them silently. The logic is shared with the
watch tests in tests/backends.py.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from tests.backends import BACKENDS, store_location
from tests.backends import pg_base as _pg_base  # noqa: F401  (test_store_event_queries imports it)

sys.path.insert(0, str(Path(__file__).parent))  # store_samples, also imported by the kill -9 script


@pytest.fixture(params=BACKENDS)
def store_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A URL (or path) to an empty store location on each backend."""
    with store_location(request.param, tmp_path, "store.db") as url:
        yield url
