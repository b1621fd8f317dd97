"""Store locations on each backend, for every test that touches the store.

``BACKENDS`` parametrises a fixture over SQLite and PostgreSQL; ``store_location`` gives an empty
store location on one of them: a file path in ``tmp_path`` on SQLite, a fresh schema (dropped
afterwards) on PostgreSQL. PostgreSQL uses the server in env NEWSGRAPH_TEST_PG
(scripts/setup-postgres.sh prints one). Without that variable its tests are skipped, except under
CI=true, where they fail so that CI cannot skip them silently.

Imported as ``tests.backends`` (pytest's ``pythonpath = ["."]``) by tests/store/conftest.py and
tests/watch/conftest.py.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from sqlalchemy import create_engine
from sqlalchemy.engine import make_url
from sqlalchemy.schema import CreateSchema, DropSchema

from newsgraph.store.postgres import normalise_url

BACKENDS = ["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)]


def pg_base() -> str:
    """The test server's URL; skips (fails under CI=true) when NEWSGRAPH_TEST_PG is not set."""
    base = os.environ.get("NEWSGRAPH_TEST_PG")
    if base:
        return normalise_url(base)
    if os.environ.get("CI") == "true":
        pytest.fail("NEWSGRAPH_TEST_PG is not set: CI must run the PostgreSQL store tests "
                    "(scripts/setup-postgres.sh sets up a server and prints the URL)")  # fmt: skip
    pytest.skip("PostgreSQL store tests need NEWSGRAPH_TEST_PG (see scripts/setup-postgres.sh)")


@contextmanager
def pg_schema() -> Iterator[str]:
    """The URL of a fresh, empty schema on the test server (its search_path); dropped on exit."""
    base = pg_base()
    schema = f"ng_test_{uuid.uuid4().hex[:12]}"
    admin = create_engine(base)
    with admin.begin() as conn:
        conn.execute(CreateSchema(schema))
    url = make_url(base).update_query_dict({"options": f"-csearch_path={schema}"})
    try:
        yield url.render_as_string(hide_password=False)
    finally:
        with admin.begin() as conn:
            conn.execute(DropSchema(schema, cascade=True))
        admin.dispose()


@contextmanager
def store_location(backend: str, tmp_path: Path, name: str = "store.db") -> Iterator[str]:
    """A URL (or path) to an empty store location on ``backend`` ("sqlite" or "postgres")."""
    if backend == "sqlite":
        yield str(tmp_path / name)
        return
    if backend != "postgres":
        raise ValueError(f"unknown backend {backend!r}")
    with pg_schema() as url:
        yield url
