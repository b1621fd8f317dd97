"""Writes (token rule, rate limit, body limit) and what every response carries (headers, error shape)."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient

from api.conftest import FakeAnalyzer
from newsgraph.api.ratelimit import RateLimiter

AUTH = {"Authorization": "Bearer s3cret-token"}
Writable = tuple[TestClient, FakeAnalyzer]


def assert_error_shape(body: Any, status: int) -> None:
    assert set(body) == {"ok", "error", "status"}, body
    assert body["ok"] is False and body["status"] == status
    assert isinstance(body["error"], str) and body["error"]


def test_api_write_without_configured_token_is_403(client: TestClient) -> None:
    response = client.post("/api/documents", json={"text": "Russia and Iran agreed."}, headers=AUTH)
    assert response.status_code == 403
    assert_error_shape(response.json(), 403)
    assert response.json()["error"] == "writing is off: set NEWSGRAPH_TOKEN"


def test_api_write_token_from_environment(monkeypatch: pytest.MonkeyPatch, store_url: str, settings: Any) -> None:
    from newsgraph.api import create_app

    monkeypatch.setenv("NEWSGRAPH_TOKEN", "from-env")
    app = create_app(store_url, settings=settings)
    assert app.state.ng.token == "from-env"


@pytest.mark.parametrize("headers", [
    {}, {"Authorization": "Bearer wrong"}, {"Authorization": "Basic s3cret-token"}, {"Authorization": "Bearer "},
])  # fmt: skip
def test_api_write_wrong_token_is_401(writable: Writable, headers: dict[str, str]) -> None:
    client, analyzer = writable
    response = client.post("/api/documents", json={"text": "Russia and Iran agreed."}, headers=headers)
    assert response.status_code == 401
    assert_error_shape(response.json(), 401)
    assert response.headers["www-authenticate"].startswith("Bearer")
    assert analyzer.calls == []


def test_api_write_right_token_adds_then_present(writable: Writable) -> None:
    client, analyzer = writable
    payload = {"text": "Russia and Iran agreed to build drones.", "title": "Drones", "outlet": "Wire",
               "published": "2022-11-20"}
    first = client.post("/api/documents", json=payload, headers=AUTH)
    assert first.status_code == 201, first.text
    body = first.json()
    assert body["ok"] is True and body["result"] == "added"
    assert client.get(body["url"]).json()["document"]["title"] == "Drones"
    again = client.post("/api/documents", json=payload, headers=AUTH)
    assert again.status_code == 200 and again.json()["result"] == "present"
    raw = analyzer.calls[0]
    assert raw.media_type == "text/plain" and raw.outlet == "Wire" and raw.published == "2022-11-20"


def test_api_write_html_body(writable: Writable) -> None:
    client, analyzer = writable
    response = client.post("/api/documents", json={"html": "<html><body><p>Text.</p></body></html>"}, headers=AUTH)
    assert response.status_code == 201
    assert analyzer.calls[0].media_type == "text/html"


@pytest.mark.parametrize("payload", [
    {}, {"text": "a", "html": "<p>b</p>"}, {"text": ""}, {"url": "ftp://example.org/x"},
    {"text": "a", "published": "yesterday"}, {"text": "a", "colour": "red"},
])  # fmt: skip
def test_api_write_bad_body_is_422(writable: Writable, payload: dict[str, str]) -> None:
    client, _ = writable
    response = client.post("/api/documents", json=payload, headers=AUTH)
    assert response.status_code == 422
    assert_error_shape(response.json(), 422)


def test_api_write_unanalysable_document_is_422(writable: Writable) -> None:
    client, _ = writable
    response = client.post("/api/documents", json={"text": "   "}, headers=AUTH)
    assert response.status_code == 422
    assert "NG201" in response.json()["error"]


def test_api_write_malformed_json_is_422(writable: Writable) -> None:
    client, _ = writable
    response = client.post("/api/documents", content=b"{not json", headers={**AUTH, "content-type": "application/json"})
    assert response.status_code == 422
    assert_error_shape(response.json(), 422)


def test_api_body_over_limit_is_413(writable: Writable) -> None:
    client, analyzer = writable
    big = "x" * (5 * 1024 * 1024 + 10)
    response = client.post("/api/documents", json={"text": big}, headers=AUTH)
    assert response.status_code == 413
    assert_error_shape(response.json(), 413)
    assert response.headers["x-content-type-options"] == "nosniff"
    assert analyzer.calls == []


def test_api_streamed_body_over_limit_is_413(writable: Writable) -> None:
    client, _ = writable

    def chunks():  # no Content-Length: the limit must hold while reading
        for _ in range(6):
            yield b"x" * (1024 * 1024)

    response = client.post("/api/documents", content=chunks(), headers={**AUTH, "content-type": "application/json"})
    assert response.status_code == 413


def test_api_writes_are_rate_limited(writable: Writable) -> None:
    client, _ = writable
    client.app.state.ng.limiter = RateLimiter(2, 60.0)
    statuses = [client.post("/api/documents", json={"text": f"Text {i}."}, headers=AUTH).status_code for i in range(3)]
    assert statuses == [201, 201, 429]
    limited = client.post("/api/documents", json={"text": "More."}, headers=AUTH)
    assert_error_shape(limited.json(), 429)
    assert int(limited.headers["retry-after"]) >= 1


def test_api_rate_limiter_window_slides() -> None:
    now = [0.0]
    limiter = RateLimiter(1, 10.0, clock=lambda: now[0])
    assert limiter.hit("a") == 0 and limiter.hit("a") > 0 and limiter.hit("b") == 0
    now[0] = 10.5
    assert limiter.hit("a") == 0


@pytest.mark.parametrize("path", [
    "/api/documents", "/api/events", "/api/health", "/openapi.json", "/", "/events", "/static/app.css",
    "/api/documents/ffffffffffff", "/nowhere",
])  # fmt: skip
def test_api_security_headers_on_every_response(client: TestClient, path: str) -> None:
    headers = client.get(path).headers
    csp = headers["content-security-policy"]
    for part in ("script-src 'self'", "style-src 'self'", "object-src 'none'", "frame-ancestors 'none'",
                 "base-uri 'none'"):
        assert part in csp
    assert "unsafe-inline" not in csp
    assert headers["x-content-type-options"] == "nosniff"
    assert headers["referrer-policy"] == "no-referrer"
    assert headers["x-frame-options"] == "DENY"


@pytest.mark.parametrize(("method", "path", "status"), [
    ("GET", "/api/nowhere", 404),
    ("DELETE", "/api/documents", 405),
    ("GET", "/api/documents/XYZ", 422),
    ("GET", "/api/events?limit=abc", 422),
    ("GET", "/api/actors/country:ATL", 404),
    ("GET", "/api/provenance/0000000000:e1", 404),
])  # fmt: skip
def test_api_errors_have_one_shape(client: TestClient, method: str, path: str, status: int) -> None:
    response = client.request(method, path)
    assert response.status_code == status
    assert response.headers["content-type"].startswith("application/json")
    assert_error_shape(response.json(), status)


def test_api_store_unavailable_is_503(tmp_path: Any, settings: Any) -> None:
    from newsgraph.api import create_app

    app = create_app(str(tmp_path / "missing-folder" / "x.db"), settings=settings)
    with TestClient(app) as client:
        response = client.get("/api/events")
        assert response.status_code == 503
        assert_error_shape(response.json(), 503)
        assert client.get("/api/health").status_code == 503
