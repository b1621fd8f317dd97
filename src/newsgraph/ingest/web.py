"""Fetching a URL safely: time limit, size cap, content-type check, checked redirects, no private hosts.

A URL given by a user or found in a feed must not make newsgraph hang, fill its memory, or
reach into the machine's own network (SSRF). So the host is resolved here, every address is
checked, and the connection goes to the address that was checked (the Host header and TLS SNI
carry the name), so a DNS answer that changes between check and connect cannot get around it.
Redirects are followed by hand so that every hop passes the same checks.
"""

from __future__ import annotations

import ipaddress
import socket
import ssl
import time
from collections.abc import Callable, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout
from dataclasses import dataclass
from urllib.parse import urljoin

import httpx

from newsgraph.errors import InputError
from newsgraph.model import RawDocument
from newsgraph.settings import Settings, load_settings

Address = ipaddress.IPv4Address | ipaddress.IPv6Address
Resolver = Callable[[str, int], Sequence[str]]
AddressPolicy = Callable[[Address], bool]

# Accepted content types and what they are read as.
ACCEPT = ("text/html,application/xhtml+xml,application/rss+xml,application/atom+xml,"
          "application/xml;q=0.9,text/plain;q=0.8")
ACCEPTED_TYPES = {
    "text/html": "text/html",
    "application/xhtml+xml": "text/html",
    "text/plain": "text/plain",
    "text/markdown": "text/markdown",
    "application/rss+xml": "application/rss+xml",
    "application/atom+xml": "application/atom+xml",
    "application/rdf+xml": "application/rss+xml",
    "application/xml": "application/xml",
    "text/xml": "application/xml",
}
FEED_TYPES = ("application/rss+xml", "application/atom+xml", "application/xml")


def resolve_host(host: str, port: int) -> list[str]:
    """The addresses the system resolver gives for ``host`` (the default, replaceable in tests)."""
    infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    return list(dict.fromkeys(str(info[4][0]) for info in infos))


def is_public_address(address: Address) -> bool:
    """False for private, loopback, link-local, multicast, reserved and unspecified addresses.

    IPv4-mapped IPv6 addresses (``::ffff:127.0.0.1``) are judged as the IPv4 address they carry.
    """
    if isinstance(address, ipaddress.IPv6Address):
        if address.ipv4_mapped is not None:
            address = address.ipv4_mapped
        elif address.sixtofour is not None:
            address = address.sixtofour
        elif address.is_site_local:
            return False
    return not (
        address.is_private
        or address.is_loopback
        or address.is_link_local
        or address.is_multicast
        or address.is_reserved
        or address.is_unspecified
    ) and address.is_global


@dataclass(frozen=True)
class Fetched:
    url: str
    data: bytes
    media_type: str | None
    charset: str | None


@dataclass(frozen=True)
class Fetcher:
    """One fetch policy: limits from settings, a resolver and an address policy (both injectable)."""

    timeout: float = 20.0
    max_bytes: int = 20_000_000
    max_redirects: int = 5
    allow_private: bool = False
    user_agent: str = "newsgraph"
    resolve: Resolver = resolve_host
    allow_address: AddressPolicy = is_public_address
    # Certificate verification: True (system CAs) or an ssl.SSLContext (a private CA, in tests).
    verify: ssl.SSLContext | bool = True

    @classmethod
    def from_settings(
        cls,
        settings: Settings | None = None,
        *,
        resolve: Resolver | None = None,
        allow_address: AddressPolicy | None = None,
    ) -> Fetcher:
        settings = settings or load_settings()
        return cls(
            timeout=float(settings.get("ingest.timeout")),
            max_bytes=int(settings.get("ingest.max_bytes")),
            max_redirects=int(settings.get("ingest.max_redirects")),
            allow_private=bool(settings.get("ingest.allow_private")),
            user_agent=str(settings.get("ingest.user_agent")),
            resolve=resolve or resolve_host,
            allow_address=allow_address or is_public_address,
        )

    def fetch(self, url: str) -> Fetched:
        """GET ``url`` within the limits; raises InputError saying what was refused and why."""
        deadline = time.monotonic() + self.timeout
        current = url
        with httpx.Client(trust_env=False, follow_redirects=False, verify=self.verify) as client:
            for _hop in range(self.max_redirects + 1):
                location, fetched = self._get(client, current, deadline)
                if fetched is not None:
                    return fetched
                current = urljoin(current, location)
        raise InputError(f"{url}: more than {self.max_redirects} redirects (ingest.max_redirects)", code="NG121")

    def _remaining(self, url: str, deadline: float) -> float:
        left = deadline - time.monotonic()
        if left <= 0:
            raise InputError(f"{url}: timed out after {self.timeout:g} s (ingest.timeout)", code="NG122")
        return left

    def _address(self, url: str, host: str, port: int, deadline: float) -> Address:
        """The checked address to connect to; every address the host resolves to must pass."""
        try:
            addresses = [ipaddress.ip_address(host)]
        except ValueError:
            addresses = [ipaddress.ip_address(a.split("%")[0]) for a in self._lookup(url, host, port, deadline)]
        if not addresses:
            raise InputError(f"{url}: host {host!r} has no address", code="NG123")
        if not self.allow_private:
            for address in addresses:
                if not self.allow_address(address):
                    raise InputError(
                        f"{url}: refused: {host} is a private or reserved address ({address}); "
                        "set ingest.allow_private = true to fetch from it",
                        code="NG124",
                    )
        return addresses[0]

    def _lookup(self, url: str, host: str, port: int, deadline: float) -> Sequence[str]:
        pool = ThreadPoolExecutor(max_workers=1)  # getaddrinfo has no timeout of its own
        try:
            return pool.submit(self.resolve, host, port).result(timeout=self._remaining(url, deadline))
        except FutureTimeout:
            raise InputError(f"{url}: resolving {host} timed out", code="NG122") from None
        except OSError as exc:
            raise InputError(f"{url}: cannot resolve {host}: {exc}", code="NG123") from None
        finally:
            pool.shutdown(wait=False)

    def _get(self, client: httpx.Client, url: str, deadline: float) -> tuple[str, Fetched | None]:
        """One hop: (redirect location, None) or ("", the fetched body)."""
        response = self.send_checked(client, url, deadline)
        try:
            return self._read(response, url, deadline)
        finally:
            response.close()

    def send_checked(self, client: httpx.Client, url: str, deadline: float, *,
                     headers: Mapping[str, str] | None = None, accept: str = ACCEPT) -> httpx.Response:  # fmt: skip
        """Send a GET for ``url`` to the address that passed the checks; the caller reads and closes it.

        The host is resolved once and checked, then the connection goes to that very address
        (Host header and TLS SNI carry the name), so a DNS answer that changes cannot bypass it.
        """
        try:
            target = httpx.URL(url)
        except httpx.InvalidURL as exc:
            raise InputError(f"{url}: not a valid URL: {exc}", code="NG120") from None
        if target.scheme not in ("http", "https") or not target.host:
            raise InputError(f"{url}: only http and https URLs can be fetched", code="NG120")
        port = target.port or (443 if target.scheme == "https" else 80)
        address = self._address(url, target.host, port, deadline)
        host_header = target.host if target.port is None else f"{target.host}:{target.port}"
        if ":" in target.host:
            host_header = f"[{target.host}]" + (f":{target.port}" if target.port else "")
        request = client.build_request(
            "GET",
            target.copy_with(host=str(address)),
            headers={"Host": host_header, "User-Agent": self.user_agent, "Accept-Encoding": "identity",
                     "Accept": accept, **(headers or {})},
            extensions={"sni_hostname": target.host} if target.scheme == "https" else {},
            timeout=httpx.Timeout(self._remaining(url, deadline)),
        )
        try:
            return client.send(request, stream=True)
        except httpx.TimeoutException:
            raise InputError(f"{url}: timed out after {self.timeout:g} s (ingest.timeout)", code="NG122") from None
        except httpx.HTTPError as exc:
            raise InputError(f"{url}: cannot connect: {exc}", code="NG125") from None

    def _read(self, response: httpx.Response, url: str, deadline: float) -> tuple[str, Fetched | None]:
        if response.is_redirect:
            location = response.headers.get("location", "")
            if not location:
                raise InputError(f"{url}: HTTP {response.status_code} redirect without a Location", code="NG126")
            return location, None
        if response.status_code >= 400:
            raise InputError(f"{url}: HTTP {response.status_code} {response.reason_phrase}", code="NG126")
        media_type, charset = _content_type(response.headers.get("content-type"))
        if media_type is not None and media_type not in ACCEPTED_TYPES:
            raise InputError(f"{url}: content type {media_type} is not HTML, text or a feed", code="NG127")
        declared = response.headers.get("content-length", "")
        if declared.isdigit() and int(declared) > self.max_bytes:
            raise InputError(f"{url}: {int(declared):,} bytes is over ingest.max_bytes ({self.max_bytes:,})",
                             code="NG128")
        body = bytearray()
        try:
            for chunk in response.iter_bytes():  # as received: a chunk size would buffer past the deadline
                body += chunk
                if len(body) > self.max_bytes:
                    raise InputError(f"{url}: body is over ingest.max_bytes ({self.max_bytes:,} bytes); "
                                     "stopped reading", code="NG128")
                self._remaining(url, deadline)
        except httpx.TimeoutException:
            raise InputError(f"{url}: timed out after {self.timeout:g} s (ingest.timeout)", code="NG122") from None
        except httpx.HTTPError as exc:
            raise InputError(f"{url}: reading the body failed: {exc}", code="NG125") from None
        final = media_type and ACCEPTED_TYPES[media_type]
        return "", Fetched(url=url, data=bytes(body), media_type=final, charset=charset)


def _content_type(header: str | None) -> tuple[str | None, str | None]:
    if not header:
        return None, None
    parts = [p.strip() for p in header.split(";")]
    charset = next((p.split("=", 1)[1].strip("\"' ") for p in parts[1:] if p.lower().startswith("charset=")), None)
    return parts[0].lower() or None, charset


def fetch_url(
    url: str,
    *,
    settings: Settings | None = None,
    resolve: Resolver | None = None,
    allow_address: AddressPolicy | None = None,
) -> RawDocument:
    """Fetch one page within the ingest limits; raises InputError with the reason it was refused.

    ``resolve`` (host, port -> addresses) and ``allow_address`` replace the system resolver and
    the public-address check, for tests and for callers with their own network policy.
    """
    fetched = Fetcher.from_settings(settings, resolve=resolve, allow_address=allow_address).fetch(url)
    return to_raw(fetched, source=url)


def to_raw(fetched: Fetched, *, source: str) -> RawDocument:
    """A fetched body as a RawDocument (feeds keep their XML type; the caller parses them)."""
    media_type = fetched.media_type or "text/plain"
    return RawDocument(source=source, data=fetched.data, media_type=media_type, url=fetched.url,
                       encoding=fetched.charset)
