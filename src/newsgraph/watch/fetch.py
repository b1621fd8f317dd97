"""Polite, conditional fetching: ingest's address-checked Fetcher plus ETag/Last-Modified,
status codes, a per-host rate limit and robots.txt.

``Fetcher.fetch`` turns every non-2xx answer into an error and sends no validators, so the
request loop is repeated here with extra headers; the checks are the parent's own methods
(``_address`` resolves and refuses private addresses, ``_read`` enforces type and size limits),
so every hop of every request passes exactly the checks ingest applies.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from urllib.parse import urljoin

import httpx

from newsgraph.errors import InputError
from newsgraph.ingest.web import Fetched, Fetcher
from newsgraph.watch.polite import HostLimiter, RobotsCache

# Feeds first: a watched source is most often a feed.
FEED_FIRST = ("application/rss+xml,application/atom+xml,application/xml;q=0.9,"
              "text/html;q=0.9,application/xhtml+xml,text/plain;q=0.8")
SEEN_CODE = "NG703"  # a linked page already taken: not fetched again


@dataclass(frozen=True)
class Response:
    """The final answer to one request after redirects; ``data`` is read only for 2xx."""

    url: str
    status: int
    data: bytes = b""
    media_type: str | None = None
    charset: str | None = None
    etag: str | None = None
    last_modified: str | None = None
    retry_after: str | None = None

    @property
    def ok(self) -> bool:
        return 200 <= self.status < 300

    def fetched(self) -> Fetched:
        return Fetched(url=self.url, data=self.data, media_type=self.media_type, charset=self.charset)


@dataclass(frozen=True)
class Politeness:
    """What every request of one watcher shares: the host limiter and the robots cache."""

    limiter: HostLimiter
    robots: RobotsCache


@dataclass(frozen=True)
class WatchFetcher(Fetcher):
    """A Fetcher that is polite (rate limit, robots.txt), conditional, and skips seen links."""

    polite: Politeness | None = None
    skip: Callable[[str], bool] | None = None

    def fetch(self, url: str) -> Fetched:
        """GET like ingest's fetcher (errors for non-2xx), politely; used for feeds' linked pages."""
        if self.skip is not None and self.skip(url):
            raise InputError(f"{url}: already taken", code=SEEN_CODE)
        response = self.get(url)
        if not response.ok:
            raise InputError(f"{url}: HTTP {response.status}", code="NG126")
        return response.fetched()

    def get(self, url: str, *, etag: str | None = None, last_modified: str | None = None) -> Response:
        """A polite GET with validators; any final status is returned, not raised."""
        if self.polite is not None:
            self.polite.robots.check(url, self._robots)
            self.polite.limiter.wait(url)
        headers = {}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        return self.request(url, headers)

    def _robots(self, url: str) -> tuple[int, str]:
        if self.polite is not None:
            self.polite.limiter.wait(url)
        response = self.request(url, {})
        return response.status, response.data.decode(response.charset or "utf-8", errors="replace")

    def request(self, url: str, headers: Mapping[str, str]) -> Response:
        """GET ``url`` following redirects by hand, each hop checked like ingest's fetcher."""
        deadline = time.monotonic() + self.timeout
        current = url
        with httpx.Client(trust_env=False, follow_redirects=False, verify=self.verify) as client:
            for _hop in range(self.max_redirects + 1):
                location, response = self._hop(client, current, headers, deadline)
                if response is not None:
                    return response
                current = urljoin(current, location)
        raise InputError(f"{url}: more than {self.max_redirects} redirects (ingest.max_redirects)", code="NG121")

    def _hop(self, client: httpx.Client, url: str, headers: Mapping[str, str],
             deadline: float) -> tuple[str, Response | None]:  # fmt: skip
        response = self.send_checked(client, url, deadline, headers=headers, accept=FEED_FIRST)
        try:
            return self._answer(response, url, deadline)
        finally:
            response.close()

    def _answer(self, response: httpx.Response, url: str, deadline: float) -> tuple[str, Response | None]:
        h = response.headers
        meta = {"etag": h.get("etag"), "last_modified": h.get("last-modified"), "retry_after": h.get("retry-after")}
        if response.has_redirect_location:  # not is_redirect: httpx counts a 304 as one
            return self._read(response, url, deadline)[0], None
        if not 200 <= response.status_code < 300:
            return "", Response(url=url, status=response.status_code, **meta)
        _, fetched = self._read(response, url, deadline)
        assert fetched is not None
        return "", Response(url=url, status=response.status_code, data=fetched.data, media_type=fetched.media_type,
                            charset=fetched.charset, **meta)  # fmt: skip
