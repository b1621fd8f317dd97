"""The ``store_url`` fixture: every store test runs on SQLite and on PostgreSQL.

PostgreSQL uses the server in env NEWSGRAPH_TEST_PG (scripts/setup-postgres.sh prints one),
with a fresh schema per test. Without that variable its tests are skipped, except under
CI=true, where they fail so that CI cannot skip them silently.
"""

from __future__ import annotations

import os
import sys
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine
from sqlalchemy.engine import make_url
from sqlalchemy.schema import CreateSchema, DropSchema

sys.path.insert(0, str(Path(__file__).parent))  # store_samples, also imported by the kill -9 script

from newsgraph.store.postgres import normalise_url  # noqa: E402


def _pg_base() -> str:
    base = os.environ.get("NEWSGRAPH_TEST_PG")
    if base:
        return normalise_url(base)
    if os.environ.get("CI") == "true":
        pytest.fail("NEWSGRAPH_TEST_PG is not set: CI must run the PostgreSQL store tests "
                    "(scripts/setup-postgres.sh sets up a server and prints the URL)")  # fmt: skip
    pytest.skip("PostgreSQL store tests need NEWSGRAPH_TEST_PG (see scripts/setup-postgres.sh)")


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def store_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A URL (or path) to an empty store location on each backend."""
    if request.param == "sqlite":
        yield str(tmp_path / "store.db")
        return
    base = _pg_base()
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
