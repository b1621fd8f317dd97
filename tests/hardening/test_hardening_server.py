"""The server's security: token rule, loopback binding, limits, URL fetching (SSRF), path
traversal, SQL injection in filters, stored XSS and security headers on every response."""

from __future__ import annotations

import html
import inspect
import ipaddress
import re
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from urllib.parse import quote, unquote

import anyio
import pytest
from fastapi.testclient import TestClient

from hardening.servers import server_pair
from hardening.stores import JS_URLS, PAYLOADS, all_analyses, fill_store, postgres_schema
from newsgraph.settings import load_settings

TOKEN = "s3cret-token-0123456789"


@pytest.fixture(scope="module")
def settings() -> Any:
    return load_settings(environ={})


@pytest.fixture(scope="module")
def store_url(tmp_path_factory: pytest.TempPathFactory) -> str:
    return fill_store(str(tmp_path_factory.mktemp("server") / "payloads.db"))


@pytest.fixture(scope="module")
def client(store_url: str, settings: Any) -> Iterator[TestClient]:
    from newsgraph.api import create_app

    with TestClient(create_app(store_url, settings=settings, token=""), raise_server_exceptions=False) as c:
        yield c


@pytest.fixture()
def writer(tmp_path: Path) -> Iterator[TestClient]:
    """An app with a token and a generous write rate, over a store of its own."""
    from newsgraph.api import create_app

    settings = load_settings(None, ["serve.write_rate=100000"], environ={})
    app = create_app(fill_store(str(tmp_path / "w.db")), settings=settings, token=TOKEN)
    with TestClient(app, raise_server_exceptions=False) as c:
        yield c


# ------------------------------------------------------------------------------ headers


def assert_security_headers(response: Any) -> None:
    """CSP without inline or eval script, framing forbidden, no MIME sniffing."""
    csp = response.headers.get("content-security-policy", "")
    directives = {d.split()[0]: d.split()[1:] for d in (x.strip() for x in csp.split(";")) if d}
    where = f"{response.request.method} {response.request.url.path} -> {response.status_code}"
    assert directives.get("frame-ancestors") == ["'none'"], where
    script = directives.get("script-src", directives.get("default-src"))
    assert script and "'unsafe-inline'" not in script and "'unsafe-eval'" not in script, where
    assert directives.get("default-src") == ["'self'"] and directives.get("object-src") == ["'none'"], where
    assert response.headers.get("x-content-type-options") == "nosniff", where


def test_hardening_security_headers_on_every_page_and_error(client: TestClient, writer: TestClient) -> None:
    doc = all_analyses()[-1].document.id
    html_accept = {"accept": "text/html"}
    responses = [client.get(p, headers=html_accept) for p in (
        "/", "/events", "/actors", "/timeline", "/graph", "/clusters", "/docs", f"/documents/{doc}",
        f"/provenance/{doc}:e1", "/static/app.css", "/static/app.js", "/static/favicon.svg", "/nope",
        "/documents/zz", "/events?limit=0", "/static/missing.js",
    )]  # fmt: skip
    responses += [client.get(p) for p in ("/api/documents", f"/api/documents/{doc}", "/api/nope", "/openapi.json",
                                          "/api/events?limit=-1", "/api/health")]  # fmt: skip
    responses.append(client.delete("/api/documents"))  # 405
    responses.append(client.post("/api/documents", json={"text": "x"}))  # 403: writing off
    responses.append(writer.post("/api/documents", json={"text": "x"}))  # 401: no token
    responses.append(writer.post("/api/documents", content=b"x" * (6 * 1024 * 1024),
                                 headers={"authorization": f"Bearer {TOKEN}", "content-type": "application/json"}))
    statuses = {r.status_code for r in responses}
    assert {200, 401, 403, 404, 405, 413, 422} <= statuses
    for response in responses:
        assert_security_headers(response)


class _Boom:
    """A store whose listing fails: the request must end in a 500 that still carries the headers."""

    def documents(self, **_: Any) -> Any:
        raise RuntimeError("boom <script>alert(1)</script>")

    def count_documents(self, **_: Any) -> int:
        return 0


@pytest.mark.parametrize("path,accept", [("/api/documents", "application/json"), ("/", "text/html")])
def test_hardening_internal_error_has_security_headers_and_no_details(path: str, accept: str, settings: Any) -> None:
    from newsgraph.api import create_app

    app = create_app(None, settings=settings, store=_Boom(), token="")
    with TestClient(app, raise_server_exceptions=False) as c:
        response = c.get(path, headers={"accept": accept})
    assert response.status_code == 500
    assert_security_headers(response)
    assert "boom" not in response.text and "Traceback" not in response.text


# ------------------------------------------------------------------------------ token


def test_hardening_token_comparison_is_constant_time() -> None:
    from newsgraph.api import security

    source = inspect.getsource(security.require_writer)
    assert "hmac.compare_digest(" in source
    assert not re.search(r"(given|token)[^\n]*[!=]=\s*(state\.token|given)", source), "token compared with =="


def _wrong_tokens() -> Iterator[str]:
    for n in range(0, len(TOKEN) + 8):
        yield "x" * n
        yield TOKEN[:n]
        yield (TOKEN + "0123456789")[:n] if n > len(TOKEN) else TOKEN[: max(n - 1, 0)] + "#"
    yield TOKEN.upper()
    yield TOKEN + " extra"
    yield TOKEN.replace("-", "\u2010")  # a look-alike hyphen


def test_hardening_wrong_tokens_of_every_length_are_401(writer: TestClient) -> None:
    body = {"text": "Russia and Iran agreed on drones in Zanzibarquux on Monday, officials said."}
    tried = 0
    for token in set(_wrong_tokens()) - {TOKEN}:
        for header in (f"Bearer {token}", f"bearer {token}", f"Basic {token}", token):
            response = writer.post("/api/documents", json=body, headers={"authorization": header.encode()})
            assert response.status_code == 401, (header, response.status_code, response.text)
            tried += 1
    for where in ({"params": {"token": TOKEN}}, {"headers": {"x-token": TOKEN}}, {"headers": {"cookie": f"token={TOKEN}"}}):
        assert writer.post("/api/documents", json=body, **where).status_code == 401  # type: ignore[arg-type]
    assert tried > 150
    assert writer.get("/api/documents", params={"q": "Zanzibarquux"}).json()["total"] == 0, "a wrong token wrote"
    ok = writer.post("/api/documents", json=body, headers={"authorization": f"Bearer {TOKEN}"})
    assert ok.status_code in (200, 201), ok.text


def test_hardening_wrong_tokens_count_towards_the_rate_limit(tmp_path: Path) -> None:
    from newsgraph.api import create_app

    settings = load_settings(None, ["serve.write_rate=5"], environ={})
    with TestClient(create_app(fill_store(str(tmp_path / "r.db")), settings=settings, token=TOKEN)) as c:
        statuses = [c.post("/api/documents", json={"text": "x"}, headers={"authorization": f"Bearer guess{i}"})
                    .status_code for i in range(8)]  # fmt: skip
        assert statuses[:5] == [401] * 5 and statuses[5:] == [429] * 3
        refused = c.post("/api/documents", json={"text": "x"}, headers={"authorization": f"Bearer {TOKEN}"})
        assert refused.status_code == 429 and int(refused.headers["retry-after"]) > 0


def test_hardening_body_size_limit_applies_before_the_token(writer: TestClient) -> None:
    big = b'{"text": "' + b"a" * (5 * 1024 * 1024) + b'"}'
    for headers in ({}, {"authorization": "Bearer wrong"}, {"authorization": f"Bearer {TOKEN}"}):
        response = writer.post("/api/documents", content=big, headers={"content-type": "application/json", **headers})
        assert response.status_code == 413 and response.json()["status"] == 413


# ------------------------------------------------------------------------------ binding


def test_hardening_server_binds_loopback_by_default(monkeypatch: pytest.MonkeyPatch, store_url: str) -> None:
    from typer.testing import CliRunner

    import newsgraph.api
    from newsgraph.cli import app

    assert inspect.signature(newsgraph.api.serve).parameters["host"].default == "127.0.0.1"
    assert load_settings(environ={}).get("serve.host") == "127.0.0.1"
    calls: list[dict[str, Any]] = []
    monkeypatch.setattr(newsgraph.api, "serve", lambda *a, **k: calls.append({"args": a, **k}))
    result = CliRunner().invoke(app, ["serve", "--db", store_url])
    assert result.exit_code == 0, result.output
    assert calls and calls[0]["host"] == "127.0.0.1"
    source = inspect.getsource(newsgraph.cli.demo)  # type: ignore[attr-defined]
    assert 'host="127.0.0.1"' in source and "0.0.0.0" not in source


# ------------------------------------------------------------------------------ URL fetching (SSRF)


@pytest.mark.parametrize("address,public", [
    ("127.0.0.1", False), ("127.8.9.10", False), ("10.1.2.3", False), ("172.16.5.4", False), ("192.168.1.1", False),
    ("169.254.169.254", False), ("100.64.0.1", False), ("0.0.0.0", False), ("255.255.255.255", False),
    ("224.0.0.1", False), ("::1", False), ("::", False), ("fe80::1", False), ("fc00::1", False), ("fd12::1", False),
    ("::ffff:127.0.0.1", False), ("::ffff:10.0.0.1", False), ("2002:7f00:1::", False), ("2002:a00:1::", False),
    ("93.184.216.34", True), ("2606:2800:220:1:248:1893:25c8:1946", True), ("8.8.8.8", True),
])  # fmt: skip
def test_hardening_address_policy(address: str, public: bool) -> None:
    from newsgraph.ingest.web import is_public_address

    assert is_public_address(ipaddress.ip_address(address)) is public


class FlippingResolver:
    """Answers from a table; a list of answers is used one per lookup, the last repeating."""

    def __init__(self, table: dict[str, list[list[str]]]) -> None:
        self.table = table
        self.lookups: list[str] = []

    def __call__(self, host: str, port: int) -> list[str]:
        from newsgraph.ingest.web import resolve_host

        self.lookups.append(host)
        if host not in self.table:  # numeric forms such as 0x7f.1: the system resolver, offline
            return resolve_host(host, port)
        answers = self.table[host]
        return answers.pop(0) if len(answers) > 1 else answers[0]


def _as_public(address: Any) -> bool:
    """The test's view of the internet: only 127.0.0.2 is public."""
    return str(address) == "127.0.0.2"


def _fetcher(resolver: Any) -> Any:
    from newsgraph.ingest.web import Fetcher

    return Fetcher(timeout=10, resolve=resolver, allow_address=_as_public)


def test_hardening_fetch_refuses_private_targets_and_redirects() -> None:
    from newsgraph.errors import InputError

    with server_pair() as pair:
        port = pair.port
        resolver = FlippingResolver({"public.example": [["127.0.0.2"]], "internal.example": [["127.0.0.1"]],
                                     "both.example": [["127.0.0.2", "127.0.0.1"]]})  # fmt: skip
        fetcher = _fetcher(resolver)
        assert b"Russia" in fetcher.fetch(f"http://public.example:{port}/article").data
        refused = [
            f"http://127.0.0.1:{port}/secret",
            f"http://internal.example:{port}/secret",
            f"http://both.example:{port}/secret",
            f"http://public.example:{port}/redirect?to=http://127.0.0.1:{port}/secret",
            f"http://public.example:{port}/redirect?to=http://internal.example:{port}/secret",
            f"http://public.example:{port}/redirect?to=http://[::ffff:127.0.0.1]:{port}/secret",
            f"http://public.example:{port}/redirect?to=" + quote(f"http://0x7f.0.0.1:{port}/secret"),
        ]
        for url in refused:
            with pytest.raises(InputError) as info:
                fetcher.fetch(url)
            assert info.value.code in ("NG124", "NG120", "NG123"), (url, str(info.value))
        assert pair.internal.hits == [], "a private address was reached"


def test_hardening_fetch_connects_to_the_checked_address_when_dns_changes() -> None:
    """DNS rebinding: the first answer is public, every later one 127.0.0.1 (where a service listens)."""
    from newsgraph.errors import InputError

    with server_pair() as pair:
        port = pair.port
        resolver = FlippingResolver({"rebind.example": [["127.0.0.2"], ["127.0.0.1"]],
                                     "public.example": [["127.0.0.2"]]})  # fmt: skip
        fetched = _fetcher(resolver).fetch(f"http://rebind.example:{port}/article")
        assert b"Russia" in fetched.data
        assert pair.public.hits == [("/article", f"rebind.example:{port}")]  # the name travels in Host
        assert resolver.lookups == ["rebind.example"], "resolved twice: check and connect may differ"
        # a later hop resolves again and now gets 127.0.0.1: refused, not followed
        with pytest.raises(InputError) as info:
            _fetcher(resolver).fetch(f"http://public.example:{port}/redirect?to=http://rebind.example:{port}/secret")
        assert info.value.code == "NG124"
        assert pair.internal.hits == []


@pytest.fixture()
def as_if_public(monkeypatch: pytest.MonkeyPatch) -> FlippingResolver:
    """The API and the CLI fetch through Fetcher.from_settings: patch its default resolver and policy."""
    import newsgraph.ingest.web as web

    resolver = FlippingResolver({"public.example": [["127.0.0.2"]], "internal.example": [["127.0.0.1"]],
                                 "localhost": [["127.0.0.1"]]})  # fmt: skip
    monkeypatch.setattr(web, "resolve_host", resolver)
    monkeypatch.setattr(web, "is_public_address", _as_public)
    return resolver


def test_hardening_api_url_ingest_refuses_private_targets(writer: TestClient, as_if_public: FlippingResolver) -> None:
    with server_pair() as pair:
        port = pair.port
        auth = {"authorization": f"Bearer {TOKEN}"}
        for url in (f"http://127.0.0.1:{port}/secret", f"http://localhost:{port}/secret",
                    f"http://internal.example:{port}/secret", f"http://[::1]:{port}/secret",
                    "http://169.254.169.254/latest/meta-data/",
                    f"http://public.example:{port}/redirect?to=http://127.0.0.1:{port}/secret",
                    f"http://public.example:{port}/redirect?to=http://internal.example:{port}/secret"):  # fmt: skip
            response = writer.post("/api/documents", json={"url": url}, headers=auth)
            assert response.status_code == 422 and "refused" in response.json()["error"], (url, response.text)
        assert pair.internal.hits == []
        ok = writer.post("/api/documents", json={"url": f"http://public.example:{port}/article"}, headers=auth)
        assert ok.status_code in (200, 201), ok.text
        assert pair.public.hits[-1] == ("/article", f"public.example:{port}")


def test_hardening_cli_url_ingest_refuses_private_targets(tmp_path: Path, as_if_public: FlippingResolver) -> None:
    from typer.testing import CliRunner

    from newsgraph.cli import app

    with server_pair() as pair:
        port = pair.port
        urls = [f"http://127.0.0.1:{port}/secret", f"http://localhost:{port}/secret",
                f"http://public.example:{port}/redirect?to=http://internal.example:{port}/secret"]  # fmt: skip
        result = CliRunner().invoke(app, ["ingest", *urls, "--db", str(tmp_path / "c.db"), "-w", "1", "-q"])
        assert result.exit_code == 0, result.output
        assert result.output.count("NG124") == 3 and "0 ingested" in result.output, result.output
        assert pair.internal.hits == []


# ------------------------------------------------------------------------------ path traversal


async def _raw_get(app: Any, raw_path: str) -> tuple[int, bytes, str]:
    """GET a raw path straight through ASGI, as uvicorn would pass it (no client-side normalising)."""
    scope = {"type": "http", "asgi": {"version": "3.0"}, "http_version": "1.1", "method": "GET", "scheme": "http",
             "path": unquote(raw_path), "raw_path": raw_path.encode(), "query_string": b"", "root_path": "",
             "headers": [(b"host", b"127.0.0.1"), (b"accept", b"text/html")], "client": ("127.0.0.1", 1),
             "server": ("127.0.0.1", 80)}  # fmt: skip
    status, body, ctype = 0, [], ""

    async def receive() -> dict[str, Any]:
        return {"type": "http.request", "body": b"", "more_body": False}

    async def send(message: dict[str, Any]) -> None:
        nonlocal status, ctype
        if message["type"] == "http.response.start":
            status = message["status"]
            ctype = dict(message["headers"]).get(b"content-type", b"").decode()
        else:
            body.append(message.get("body", b""))

    await app(scope, receive, send)
    return status, b"".join(body), ctype


TRAVERSALS = [
    "{p}..%2F..%2F..%2F..%2Fetc%2Fpasswd", "{p}../../../../etc/passwd", "{p}%2e%2e/%2e%2e/%2e%2e/%2e%2e/etc/passwd",
    "{p}%2e%2e%2f%2e%2e%2f%2e%2e%2fetc%2fpasswd", "{p}..%5c..%5c..%5cetc%5cpasswd", "{p}%252e%252e%252fetc%252fpasswd",
    "{p}....//....//....//etc/passwd", "{p}..%00/etc/passwd", "{p}%2Fetc%2Fpasswd", "{p}/etc/passwd",
    "{p}..%2F..%2Ftemplates%2Fbase.html", "{p}../templates/base.html", "{p}..%2F__init__.py", "{p}%2e%2e/render.py",
]  # fmt: skip
PREFIXES = ["/static/", "/api/documents/", "/documents/", "/actors/", "/api/actors/", "/provenance/",
            "/api/provenance/", "/api/clusters/"]  # fmt: skip


def test_hardening_path_traversal_never_serves_a_file(client: TestClient) -> None:
    app = client.app
    secrets = (b"root:x:0:0", b"{% block", b"{% extends", b"import ", b"def ")
    seen = set()
    for prefix in PREFIXES:
        for pattern in TRAVERSALS:
            raw = pattern.format(p=prefix)
            status, body, ctype = anyio.run(_raw_get, app, raw)
            seen.add(status)
            assert status in (404, 422), (raw, status, body[:200])
            assert not any(s in body for s in secrets), (raw, body[:300])
    assert seen <= {404, 422}


# ------------------------------------------------------------------------------ SQL injection

PROBES = ["' OR 1=1 --", "1; DROP TABLE documents", "%", "_", "\\", "%%", "' UNION SELECT id, text FROM documents --",
          "’ OR ’1’=’1", "＇ OR 1=1 --", "ʼ; DROP TABLE events; --", '" OR ""="', "*", "NEAR(a b)", "a OR b",
          "\x00", "') OR ('1'='1", "1' AND SLEEP(5)--", "$1", "?"]  # fmt: skip
FILTERS = {
    "/api/documents": ["q", "outlet", "language", "published_from", "published_to"],
    "/api/events": ["actor", "role", "type", "mode", "modality", "negated", "date_from", "date_to", "outlet",
                    "document", "cluster", "text", "sort"],
    "/api/actors": ["kind", "country", "text"],
    "/api/claims": ["speaker", "outlet", "kind", "hedge", "document", "anonymous"],
    "/api/search": ["q"],
    "/": ["q", "outlet"], "/events": ["actor", "mode", "outlet", "text"], "/actors": ["text"],
    "/timeline": ["actor", "text"], "/graph": ["actor", "outlet"],
}  # fmt: skip


TEXT_FILTERS = ("q", "text")  # full-text or substring search: the probe's words may match, nothing more


def _total(client: TestClient, path: str, params: dict[str, str]) -> int:
    body = client.get(path, params=params).json()
    if path == "/api/search":
        return len(body["documents"]) + len(body["actors"]) + len(body["events"])
    return int(body["total"])


def _probe_all(client: TestClient) -> int:
    sent = 0
    for path, names in FILTERS.items():
        for name in names:
            for probe in PROBES:
                response = client.get(path, params={name: probe})
                sent += 1
                assert response.status_code < 500, (path, name, probe, response.text[:300])
                # 404: a cluster filter when no clusters were made ("no clusters yet")
                assert response.status_code in (200, 400, 404, 422), (path, name, probe, response.status_code)
                if response.status_code != 200 or not path.startswith("/api/"):
                    continue
                got = _total(client, path, {name: probe})
                words = " ".join(re.findall(r"\w+", probe))
                allowed = _total(client, path, {name: words}) if name in TEXT_FILTERS and words else 0
                assert got <= allowed, (path, name, probe, got, allowed)
    return sent


@pytest.mark.parametrize("backend", ["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def test_hardening_sql_injection_probes_in_every_filter(backend: str, tmp_path: Path, settings: Any) -> None:
    from newsgraph.api import create_app
    from newsgraph.store import open_store

    def run(url: str) -> None:
        fill_store(url)
        with open_store(url) as store:
            before = store.stats()
        with TestClient(create_app(url, settings=settings, token=""), raise_server_exceptions=False) as c:
            sent = _probe_all(c)
        with open_store(url) as store:
            assert store.stats() == before and store.check() == []
        assert sent > 500

    if backend == "sqlite":
        run(str(tmp_path / "sqli.db"))
    else:
        with postgres_schema() as url:
            run(url)


# ------------------------------------------------------------------------------ stored XSS


class _Tags(HTMLParser):
    """Every start tag with its attributes."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, list[tuple[str, str | None]]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, attrs))


def assert_inert(page: str, where: str) -> None:
    """No payload as markup, no inline script or handler, no link or source that runs script."""
    for payload in PAYLOADS:
        assert payload not in page, (where, payload)
    parser = _Tags()
    parser.feed(page)
    for tag, attrs in parser.tags:
        names = {name for name, _ in attrs}
        assert not any(name.startswith("on") for name in names), (where, tag, attrs)
        if tag == "script":
            assert dict(attrs).get("src") == "/static/app.js", (where, attrs)
        if tag in ("svg", "img", "iframe", "object", "embed") and tag != "svg":
            raise AssertionError((where, tag, attrs))
        for name, value in attrs:
            if name in ("href", "src", "action", "formaction", "xlink:href", "data", "srcdoc") and value:
                plain = re.sub(r"[\s\x00-\x1f]", "", html.unescape(value)).lower()
                assert not plain.startswith(("javascript:", "data:", "vbscript:")), (where, tag, name, value)


def _page_paths() -> list[str]:
    analyses = all_analyses()
    paths = ["/", "/?q=Legion", "/?q=script", "/events", "/events?limit=500", "/actors", "/actors?limit=500",
             "/timeline", "/graph", "/clusters", "/docs", "/events?text=Legion", "/actors?text=svg"]  # fmt: skip
    for analysis in analyses:
        doc = analysis.document.id
        paths += [f"/documents/{doc}", f"/events?document={doc}"]
        paths += [f"/provenance/{doc}:{e.id}" for e in analysis.events]
        paths += [f"/actors/{quote(e.id, safe='')}" for e in analysis.entities]
    paths += ["/documents/%3Cscript%3Ealert(1)%3C%2Fscript%3E", "/%3Cscript%3Ealert(1)%3C%2Fscript%3E",
              "/actors/%3Csvg%20onload%3Dalert(2)%3E", "/provenance/%3Cscript%3Ealert(1)%3C%2Fscript%3E"]  # fmt: skip
    return paths


def test_hardening_stored_xss_is_inert_in_every_page(client: TestClient) -> None:
    checked = 0
    for path in _page_paths():
        response = client.get(path, headers={"accept": "text/html"})
        assert response.status_code in (200, 404, 422), (path, response.status_code)
        assert response.headers["content-type"].startswith("text/html")
        assert_security_headers(response)
        assert_inert(response.text, path)
        checked += 1
    assert checked > 40


def test_hardening_payload_links_are_not_clickable(client: TestClient) -> None:
    for analysis in all_analyses():
        if analysis.document.url not in JS_URLS:
            continue
        page = client.get(f"/documents/{analysis.document.id}", headers={"accept": "text/html"}).text
        assert html.escape(analysis.document.url.strip()[:10], quote=False) in page  # shown as text
        assert_inert(page, analysis.document.url)


def _json_paths() -> list[str]:
    analyses = all_analyses()
    paths = ["/api/documents?limit=500", "/api/events?limit=500", "/api/actors?limit=500", "/api/claims?limit=500",
             "/api/search?q=Legion", "/api/clusters", "/api/health", "/openapi.json",
             "/api/documents/%3Cscript%3E", "/api/nope%3Cscript%3E", "/api/actors/%3Csvg%20onload%3Dalert(2)%3E"]  # fmt: skip
    for analysis in analyses:
        paths.append(f"/api/documents/{analysis.document.id}")
        paths += [f"/api/provenance/{analysis.document.id}:{e.id}" for e in analysis.events]
        paths += [f"/api/actors/{quote(e.id, safe='')}" for e in analysis.entities]
    return paths


def test_hardening_json_is_never_served_as_html(client: TestClient) -> None:
    for path in _json_paths():
        for accept in ("application/json", "text/html", "*/*"):
            response = client.get(path, headers={"accept": accept})
            assert response.status_code < 500, (path, response.text[:200])
            assert response.headers["content-type"].split(";")[0] == "application/json", (path, accept)
            assert_security_headers(response)
            response.json()
    title = all_analyses()[-1].document.title
    doc = all_analyses()[-1].document.id
    assert client.get(f"/api/documents/{doc}").json()["document"]["title"] == title  # data kept as data
