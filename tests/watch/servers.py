"""Real local servers for the watch tests: a news site whose feed changes, a webhook receiver, SMTP.

Each listens on 127.0.0.1 with a port chosen by the system and runs in a thread.
"""

from __future__ import annotations

import email.utils
import hashlib
import hmac
import json
import socket
import threading
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

# Stories: a few real-looking sentences each, so events and clusters appear.
DEAL_WIRE = ("Russia and Iran signed a drone deal in Tehran on Monday, officials said. The agreement covers the "
             "production of attack drones in Russia. Western governments condemned the deal on Tuesday.")
DEAL_GAZETTE = ("Iran and Russia signed an agreement in Tehran on Monday to produce drones, according to diplomats. "
                "The deal was reached after months of talks between the two governments.")
DEAL_DENIAL = ("Iran denied that it signed a drone deal with Russia in Tehran on Monday. The foreign ministry "
               "called the reports false.")
PROTEST = ("Protesters marched in Paris on Saturday against pension reform, police said. Thousands of people "
           "joined the rally.")
STRIKE = ("Ukraine said Russian drones struck a power station near Kharkiv on Sunday, officials said. Engineers "
          "worked through the night to restore electricity to the city.")
# Feed content shorter than ingest's MIN_CONTENT_CHARS is a teaser (the link is read instead): pad with
# a sentence that holds no event.
TAIL = " More details were expected later in the week, the newspaper's correspondent wrote."


@dataclass
class Route:
    """What the server answers on one path; ``etag`` makes it answer 304 to a matching If-None-Match."""

    body: bytes = b""
    status: int = 200
    media_type: str = "application/rss+xml"
    headers: dict[str, str] = field(default_factory=dict)
    etag: str | None = None
    block: threading.Event | None = None  # wait for this before answering
    entered: threading.Event | None = None  # set when a request arrives


class NewsServer:
    """A news site: routes can be changed between polls; every request is recorded."""

    def __init__(self) -> None:
        self.routes: dict[str, Route] = {}
        self.requests: list[tuple[str, dict[str, str]]] = []
        handler = _make_handler(self)
        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.httpd.daemon_threads = True
        self.port = self.httpd.server_address[1]
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()

    def url(self, path: str, host: str = "127.0.0.1") -> str:
        return f"http://{host}:{self.port}{path}"

    def paths(self) -> list[str]:
        return [p for p, _ in self.requests]

    def close(self) -> None:
        for route in self.routes.values():
            if route.block is not None:
                route.block.set()
        self.httpd.shutdown()
        self.httpd.server_close()


def _make_handler(server: NewsServer) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, format: str, *args: object) -> None:
            pass

        def do_GET(self) -> None:  # noqa: N802 (http.server's name)
            server.requests.append((self.path, dict(self.headers.items())))
            route = server.routes.get(self.path) or Route(b"not found", 404, "text/plain")
            if route.entered is not None:
                route.entered.set()
            if route.block is not None:
                route.block.wait(30)
            if route.etag and self.headers.get("If-None-Match") == route.etag:
                self.send_response(304)
                self.send_header("ETag", route.etag)
                self.end_headers()
                return
            self.send_response(route.status)
            self.send_header("Content-Type", route.media_type)
            self.send_header("Content-Length", str(len(route.body)))
            if route.etag:
                self.send_header("ETag", route.etag)
            for name, value in route.headers.items():
                self.send_header(name, value)
            self.end_headers()
            self.wfile.write(route.body)

    return Handler


def rss(title: str, items: list[dict[str, str]]) -> bytes:
    """An RSS 2.0 feed; each item has guid/link, title, text (embedded as content) and date."""
    parts = []
    for item in items:
        date = email.utils.format_datetime(email.utils.parsedate_to_datetime(item.get("date", "Mon, 05 Jan 2026 09:00:00 +0000")))
        content = f"<p>{item['text']}</p><p>{TAIL}</p>" if "text" in item else ""
        body = f"<content:encoded><![CDATA[{content}]]></content:encoded>" if content else ""
        parts.append(f"<item><title>{item['title']}</title><link>{item['link']}</link><guid>{item['link']}</guid>"
                     f"<pubDate>{date}</pubDate><description>{item['title']}</description>{body}</item>")
    return (f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0" '
            f'xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>{title}</title>'
            f"<link>http://example.org/</link><description>news</description>{''.join(parts)}</channel></rss>").encode()


def sitemap(urls: list[str]) -> bytes:
    locs = "".join(f"<url><loc>{u}</loc><lastmod>2026-01-05</lastmod></url>" for u in urls)
    return (f'<?xml version="1.0" encoding="UTF-8"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
            f"{locs}</urlset>").encode()


def page(title: str, text: str) -> bytes:
    return (f"<html><head><title>{title}</title></head><body><article><h1>{title}</h1><p>{text}</p>"
            f"</article></body></html>").encode()


class WebhookReceiver:
    """Accepts POSTs, checks X-Newsgraph-Signature against the secret; can fail the first N."""

    def __init__(self, secret: str, fail_first: int = 0) -> None:
        self.secret = secret
        self.fail_first = fail_first
        self.received: list[dict[str, Any]] = []
        self.bad_signatures = 0
        self.attempts = 0
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, format: str, *args: object) -> None:
                pass

            def do_POST(self) -> None:  # noqa: N802
                body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
                receiver.attempts += 1
                if receiver.attempts <= receiver.fail_first:
                    self.send_response(503)
                    self.send_header("Content-Length", "0")
                    self.end_headers()
                    return
                expected = "sha256=" + hmac.new(receiver.secret.encode(), body, hashlib.sha256).hexdigest()
                ok = hmac.compare_digest(expected, self.headers.get("X-Newsgraph-Signature", ""))
                if ok:
                    receiver.received.append(json.loads(body))
                else:
                    receiver.bad_signatures += 1
                self.send_response(204 if ok else 401)
                self.send_header("Content-Length", "0")
                self.end_headers()

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}/hook"
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class MailSink:
    """aiosmtpd handler keeping each message's envelope."""

    def __init__(self) -> None:
        self.messages: list[Any] = []

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:  # noqa: N802 (aiosmtpd's name)
        self.messages.append(envelope)
        return "250 OK"
