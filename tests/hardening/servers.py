"""Tiny local HTTP servers for the URL-fetching tests: they record every request they get.

One listens on 127.0.0.1 (the "internal" service an attacker wants to reach) and one on
127.0.0.2 with the same port (the "public" site, as an injected address policy sees it), so a
DNS answer that flips from one to the other points at a real, listening service.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

ARTICLE = (b"<html><head><title>Drones</title></head><body><article><p>Russia and Iran agreed on Monday to "
           b"build drones together in Tehran, officials said in a statement to reporters.</p></article></body></html>")


@dataclass
class Recorder:
    """The requests one server received: (path, Host header)."""

    hits: list[tuple[str, str]] = field(default_factory=list)


def _handler(recorder: Recorder) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802 (the http.server name)
            recorder.hits.append((self.path, self.headers.get("Host", "")))
            parts = urlsplit(self.path)
            if parts.path == "/redirect":
                self.send_response(302)
                self.send_header("Location", parse_qs(parts.query)["to"][0])
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
            body = b"internal secret" if parts.path == "/secret" else ARTICLE
            self.send_response(200)
            self.send_header("Content-Type", "text/plain" if parts.path == "/secret" else "text/html")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: object) -> None:
            pass

    return Handler


@dataclass
class Pair:
    port: int
    internal: Recorder
    public: Recorder


@contextmanager
def server_pair() -> Iterator[Pair]:
    """An internal server on 127.0.0.1:PORT and a public one on 127.0.0.2:PORT."""
    internal, public = Recorder(), Recorder()
    servers: list[ThreadingHTTPServer] = []
    for _attempt in range(20):
        first = ThreadingHTTPServer(("127.0.0.1", 0), _handler(internal))
        try:
            second = ThreadingHTTPServer(("127.0.0.2", first.server_address[1]), _handler(public))
        except OSError:
            first.server_close()
            continue
        servers = [first, second]
        break
    assert servers, "no port free on both 127.0.0.1 and 127.0.0.2"
    threads = [threading.Thread(target=s.serve_forever, daemon=True) for s in servers]
    for t in threads:
        t.start()
    try:
        yield Pair(int(servers[0].server_address[1]), internal, public)
    finally:
        for s in servers:
            s.shutdown()
            s.server_close()
