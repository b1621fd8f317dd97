"""Generated requests from the app's own OpenAPI document: none may cause a server error."""

from __future__ import annotations

from pathlib import Path

import pytest

schemathesis = pytest.importorskip("schemathesis")

from hypothesis import HealthCheck, settings  # noqa: E402

from api.conftest import build_store  # noqa: E402
from newsgraph.api import create_app  # noqa: E402
from newsgraph.settings import load_settings  # noqa: E402


def _app():  # built at import time: schemathesis parametrizes from the schema at collection
    import tempfile

    folder = Path(tempfile.mkdtemp(prefix="newsgraph-schemathesis-"))
    return create_app(build_store(folder / "s.db"), settings=load_settings(environ={}), token="")


schema = schemathesis.openapi.from_asgi("/openapi.json", _app())


@schema.parametrize()
@settings(max_examples=30, deadline=None, suppress_health_check=list(HealthCheck), derandomize=True)
def test_api_generated_requests_never_5xx(case) -> None:  # type: ignore[no-untyped-def]
    response = case.call()
    assert response.status_code < 500, (case.method, case.formatted_path, case.query, response.text[:300])
    if response.status_code >= 400:
        body = response.json()
        assert set(body) == {"ok", "error", "status"} and body["status"] == response.status_code
