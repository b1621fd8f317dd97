"""Fixtures for the watch tests: the local servers, a store, and watchers on a fake clock.

The store is parametrised over SQLite and PostgreSQL (tests/backends.py): every test that asks for
``store`` or ``store_url`` runs on both. Tests that hand the store to the CLI or to another process
pass ``store_url`` (a file path or a PostgreSQL URL), never a SQLite path.
"""

from __future__ import annotations

import ipaddress
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from tests.backends import BACKENDS, store_location

from newsgraph.ingest.web import is_public_address
from newsgraph.settings import Settings, load_settings
from newsgraph.store import open_store
from newsgraph.watch.clock import FakeClock
from newsgraph.watch.service import WatchConfig, Watcher, make_watcher

from .servers import MailSink, NewsServer, WebhookReceiver, free_port

PUBLIC_HOST = "news.example"  # resolved to the local server, whose address the policy treats as public


def resolve(host: str, port: int) -> list[str]:
    return ["127.0.0.1"] if host == PUBLIC_HOST else ["10.0.0.5"]


def looks_public(address: ipaddress.IPv4Address | ipaddress.IPv6Address) -> bool:
    """The local server's address passes; every other private address is still refused."""
    return str(address) == "127.0.0.1" or is_public_address(address)


@pytest.fixture
def server() -> Iterator[NewsServer]:
    s = NewsServer()
    yield s
    s.close()


@pytest.fixture
def settings() -> Settings:
    return load_settings(environ={})


@pytest.fixture(params=BACKENDS)
def store_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """An empty store location on each backend: a SQLite file, or a fresh PostgreSQL schema."""
    with store_location(request.param, tmp_path, "watch.db") as url:
        yield url


@pytest.fixture
def store(store_url: str, settings: Settings) -> Iterator[Any]:
    s = open_store(store_url, settings=settings)
    yield s
    s.close()


@pytest.fixture
def webhook() -> Iterator[WebhookReceiver]:
    w = WebhookReceiver("s3cret")
    yield w
    w.close()


@pytest.fixture
def smtp() -> Iterator[tuple[MailSink, int]]:
    from aiosmtpd.controller import Controller

    sink = MailSink()
    port = free_port()
    controller = Controller(sink, hostname="127.0.0.1", port=port)
    controller.start()
    yield sink, port
    controller.stop()


WatcherFactory = Callable[..., Watcher]


@pytest.fixture
def make(store: Any, settings: Settings, analyzer: Any) -> WatcherFactory:
    """Watchers over the test store on a fake clock, seeing the local server as public."""

    def build(clock: FakeClock | None = None, out: Any = None, **config: Any) -> Watcher:
        cfg = WatchConfig(**{"every": 600.0, "per_host_delay": 0.0, **config})
        return make_watcher(store, settings=settings, config=cfg, clock=clock or FakeClock(), analyzer=analyzer,
                            resolve=resolve, allow_address=looks_public, alerts_out=out)

    return build
