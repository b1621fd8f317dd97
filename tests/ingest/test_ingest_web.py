"""The safe URL fetcher against a real local HTTP server: limits, content types, private hosts, redirects."""

from __future__ import annotations

import ipaddress
import shutil
import ssl
import subprocess
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from newsgraph.errors import InputError
from newsgraph.ingest import fetch_url, read_sources
from newsgraph.ingest.web import Fetcher, is_public_address
from newsgraph.model import RawDocument, Rejection
from newsgraph.settings import Settings, load_settings

ARTICLE = (b"<html><head><title>Local news</title></head><body><article><p>"
           + b"The council approved the new budget on Tuesday after a long debate, officials said. " * 5
           + b"</p></article></body></html>")


class _Handler(BaseHTTPRequestHandler):
    release: threading.Event

    def log_message(self, format: str, *args: object) -> None:  # keep test output quiet
        pass

    def _send(self, status: int, media_type: str, body: bytes, **headers: str) -> None:
        self.send_response(status)
        self.send_header("Content-Type", media_type)
        self.send_header("Content-Length", str(len(body)))
        for name, value in headers.items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(body)

    def _redirect(self, location: str) -> None:
        self.send_response(302)
        self.send_header("Location", location)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def do_GET(self) -> None:  # noqa: N802 (http.server's name)
        port = self.server.server_address[1]
        routes = {
            "/article": lambda: self._send(200, "text/html; charset=utf-8", ARTICLE),
            "/host": lambda: self._send(200, "text/plain", (self.headers.get("Host") or "").encode()),
            "/image": lambda: self._send(200, "image/png", b"\x89PNG\r\n\x1a\n" + bytes(100)),
            "/missing": lambda: self._send(404, "text/html", b"not found"),
            "/feed": lambda: self._send(200, "application/rss+xml", _feed(port)),
            "/redirect-ok": lambda: self._redirect(f"http://news.test:{port}/host"),
            "/redirect-private": lambda: self._redirect(f"http://internal.test:{port}/article"),
            "/redirect-literal": lambda: self._redirect("http://[::ffff:10.0.0.1]/article"),
            "/redirect-loop": lambda: self._redirect("/redirect-loop"),
            "/slow": self._slow,
            "/trickle": self._trickle,
            "/endless": self._endless,
        }
        routes.get(self.path, lambda: self._send(404, "text/plain", b"no route"))()

    def _slow(self) -> None:
        self.release.wait(10)
        self._send(200, "text/html", ARTICLE)

    def _trickle(self) -> None:
        self.send_response(200)
        self.send_header("Content-Type", "text/html")
        self.end_headers()
        try:
            while not self.release.wait(0.05):
                self.wfile.write(b"x")
                self.wfile.flush()
        except OSError:
            pass

    def _endless(self) -> None:
        self.send_response(200)
        self.send_header("Content-Type", "text/html")
        self.end_headers()
        chunk = b"<p>" + b"a" * 65536 + b"</p>"
        try:
            while not self.release.is_set():
                self.wfile.write(chunk)
        except OSError:
            pass


def _feed(port: int) -> bytes:
    return f"""<?xml version="1.0"?><rss version="2.0"><channel><title>Local Feed</title>
<item><title>Linked only</title><link>http://127.0.0.1:{port}/article</link><description>Teaser.</description>
<pubDate>Tue, 21 Nov 2023 10:00:00 GMT</pubDate></item>
<item><title>Linked image</title><link>http://127.0.0.1:{port}/image</link></item>
</channel></rss>""".encode()


@pytest.fixture
def server() -> Iterator[str]:
    release = threading.Event()
    handler = type("Handler", (_Handler,), {"release": release})
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        release.set()
        httpd.shutdown()
        httpd.server_close()


def _settings(**values: object) -> Settings:
    return load_settings(**{f"ingest__{k}": v for k, v in values.items()})


def _port(base: str) -> str:
    return base.rsplit(":", 1)[1]


def test_ingest_url_private_address_refused(server: str) -> None:
    with pytest.raises(InputError, match="private or reserved address") as info:
        fetch_url(f"{server}/article", settings=_settings(allow_private=False))
    assert info.value.code == "NG124"


def test_ingest_url_localhost_name_refused(server: str) -> None:
    with pytest.raises(InputError, match="private or reserved"):
        fetch_url(f"http://localhost:{_port(server)}/article", settings=_settings(allow_private=False))


def test_ingest_url_mapped_ipv6_literal_refused() -> None:
    with pytest.raises(InputError, match="private or reserved"):
        fetch_url("http://[::ffff:127.0.0.1]:9/article", settings=_settings(allow_private=False))


def test_ingest_url_allowed_with_allow_private(server: str) -> None:
    raw = fetch_url(f"{server}/article", settings=_settings(allow_private=True))
    assert raw.data == ARTICLE
    assert raw.media_type == "text/html" and raw.encoding == "utf-8"
    assert raw.url == f"{server}/article"


def test_ingest_url_slow_server_times_out(server: str) -> None:
    with pytest.raises(InputError, match="timed out") as info:
        fetch_url(f"{server}/slow", settings=_settings(allow_private=True, timeout=0.5))
    assert info.value.code == "NG122"


def test_ingest_url_trickling_body_hits_total_deadline(server: str) -> None:
    with pytest.raises(InputError, match="timed out"):
        fetch_url(f"{server}/trickle", settings=_settings(allow_private=True, timeout=0.6))


def test_ingest_url_endless_body_cut_at_size_cap(server: str) -> None:
    with pytest.raises(InputError, match="over ingest.max_bytes") as info:
        fetch_url(f"{server}/endless", settings=_settings(allow_private=True, max_bytes=300_000, timeout=5.0))
    assert info.value.code == "NG128"


def test_ingest_url_wrong_content_type_refused(server: str) -> None:
    with pytest.raises(InputError, match="content type image/png is not HTML, text or a feed"):
        fetch_url(f"{server}/image", settings=_settings(allow_private=True))


def test_ingest_url_http_error_refused(server: str) -> None:
    with pytest.raises(InputError, match="HTTP 404"):
        fetch_url(f"{server}/missing", settings=_settings(allow_private=True))


def test_ingest_url_redirect_loop_stops(server: str) -> None:
    with pytest.raises(InputError, match="more than 2 redirects"):
        fetch_url(f"{server}/redirect-loop", settings=_settings(allow_private=True, max_redirects=2))


def _fake_dns(table: dict[str, list[str]]) -> object:
    def resolve(host: str, port: int) -> list[str]:
        return table[host]
    return resolve


def _only_first_loopback(address: ipaddress.IPv4Address | ipaddress.IPv6Address) -> bool:
    """Pretend 127.0.0.1 is a public server so that the first hop is allowed."""
    return address == ipaddress.IPv4Address("127.0.0.1")


def test_ingest_url_redirect_to_private_refused_after_allowed_hop(server: str) -> None:
    resolve = _fake_dns({"news.test": ["127.0.0.1"], "internal.test": ["10.1.2.3"]})
    settings = _settings(allow_private=False)
    ok = fetch_url(f"http://news.test:{_port(server)}/redirect-ok", settings=settings, resolve=resolve,  # type: ignore[arg-type]
                   allow_address=_only_first_loopback)
    assert ok.data.decode() == f"news.test:{_port(server)}"  # connected to the checked IP, Host kept
    with pytest.raises(InputError, match=r"internal\.test is a private or reserved address \(10\.1\.2\.3\)"):
        fetch_url(f"http://news.test:{_port(server)}/redirect-private", settings=settings, resolve=resolve,  # type: ignore[arg-type]
                  allow_address=_only_first_loopback)
    with pytest.raises(InputError, match="private or reserved"):
        fetch_url(f"http://news.test:{_port(server)}/redirect-literal", settings=settings, resolve=resolve,  # type: ignore[arg-type]
                  allow_address=_only_first_loopback)


def test_ingest_url_any_private_answer_refuses_host(server: str) -> None:
    resolve = _fake_dns({"mixed.test": ["127.0.0.1", "192.168.1.5"]})
    with pytest.raises(InputError, match="192.168.1.5"):
        fetch_url(f"http://mixed.test:{_port(server)}/article", settings=_settings(allow_private=False),
                  resolve=resolve, allow_address=_only_first_loopback)  # type: ignore[arg-type]


def test_ingest_url_resolver_hang_bounded(server: str) -> None:
    def hanging(host: str, port: int) -> list[str]:
        time.sleep(3)
        return ["127.0.0.1"]

    with pytest.raises(InputError, match="timed out"):
        fetch_url(f"http://slow-dns.test:{_port(server)}/article", settings=_settings(timeout=0.3), resolve=hanging)


@pytest.mark.parametrize(
    "address,public",
    [
        ("127.0.0.1", False), ("10.0.0.1", False), ("172.16.5.4", False), ("192.168.0.1", False),
        ("169.254.169.254", False), ("224.0.0.1", False), ("0.0.0.0", False), ("240.0.0.1", False),
        ("100.64.0.1", False), ("255.255.255.255", False), ("::1", False), ("::", False),
        ("fe80::1", False), ("fc00::1", False), ("ff02::1", False), ("::ffff:127.0.0.1", False),
        ("::ffff:10.0.0.1", False), ("2002:7f00:1::", False), ("fec0::1", False),
        ("93.184.216.34", True), ("8.8.8.8", True), ("2606:4700:4700::1111", True), ("::ffff:8.8.8.8", True),
    ],
)  # fmt: skip
def test_ingest_url_address_policy(address: str, public: bool) -> None:
    assert is_public_address(ipaddress.ip_address(address)) is public


def test_ingest_read_sources_urls_and_feed(server: str) -> None:
    settings = _settings(allow_private=True)
    items = list(read_sources([f"{server}/image", f"{server}/article", f"{server}/feed", "ftp://x.example/a"],
                              settings=settings))
    assert [type(i).__name__ for i in items] == ["Rejection", "RawDocument", "RawDocument", "Rejection", "Rejection"]
    assert isinstance(items[2], RawDocument)
    assert items[2].title == "Linked only" and items[2].published == "2023-11-21"
    assert items[2].outlet == "Local Feed" and items[2].data == ARTICLE
    assert isinstance(items[3], Rejection) and "image/png" in items[3].reason
    assert isinstance(items[4], Rejection) and "no such file" in items[4].reason


@pytest.fixture
def tls_server(tmp_path: Path) -> Iterator[tuple[str, ssl.SSLContext]]:
    """An HTTPS server on 127.0.0.1 whose self-signed certificate names news.test only."""
    if shutil.which("openssl") is None:
        pytest.skip("openssl is needed to make a test certificate")
    cert, key = tmp_path / "cert.pem", tmp_path / "key.pem"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", str(key), "-out", str(cert),
         "-days", "1", "-subj", "/CN=news.test", "-addext", "subjectAltName=DNS:news.test"],
        check=True, capture_output=True, timeout=30,
    )
    server_context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    server_context.load_cert_chain(cert, key)
    release = threading.Event()
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), type("Handler", (_Handler,), {"release": release}))
    httpd.daemon_threads = True
    httpd.socket = server_context.wrap_socket(httpd.socket, server_side=True)
    threading.Thread(target=httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True).start()
    try:
        yield str(httpd.server_address[1]), ssl.create_default_context(cafile=str(cert))
    finally:
        release.set()
        httpd.shutdown()
        httpd.server_close()


def test_ingest_url_https_connects_to_checked_ip_with_sni(tls_server: tuple[str, ssl.SSLContext]) -> None:
    port, client_context = tls_server
    fetcher = Fetcher(resolve=_fake_dns({"news.test": ["127.0.0.1"], "other.test": ["127.0.0.1"]}),  # type: ignore[arg-type]
                      allow_address=_only_first_loopback, verify=client_context, timeout=5.0)
    fetched = fetcher.fetch(f"https://news.test:{port}/host")
    assert fetched.data.decode() == f"news.test:{port}"
    with pytest.raises(InputError, match="cannot connect"):  # the certificate is checked against the name
        fetcher.fetch(f"https://other.test:{port}/host")
