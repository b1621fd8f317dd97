"""Polling against a real local news server: conditional requests, changes, errors, politeness."""

from __future__ import annotations

import hashlib
import os
import signal
import threading
from typing import Any

from newsgraph.watch.clock import FakeClock, parse_interval
from newsgraph.watch.service import stop_on_signals
from newsgraph.watch.state import WatchDB

from .conftest import PUBLIC_HOST, WatcherFactory
from .servers import DEAL_WIRE, PROTEST, STRIKE, NewsServer, Route, page, rss, sitemap


def _item(server: NewsServer, slug: str, title: str, text: str | None = None) -> dict[str, str]:
    item = {"title": title, "link": server.url(f"/news/{slug}", PUBLIC_HOST)}
    if text is not None:
        item["text"] = text
    return item


def test_watch_feed_changes_between_polls(server: NewsServer, make: WatcherFactory, store: Any) -> None:
    url = server.url("/feed.xml", PUBLIC_HOST)
    deal, protest = _item(server, "deal", "Drone deal", DEAL_WIRE), _item(server, "protest", "Paris march", PROTEST)
    server.routes["/feed.xml"] = Route(rss("Wire One", [deal, protest]), etag='"v1"')
    clock = FakeClock()
    watcher = make(clock)

    assert watcher.run([url], once=True).new_items == 2
    assert store.count_documents() == 2
    saved = WatchDB(store).source(url)
    assert (saved.etag, saved.kind, saved.last_status, saved.last_error) == ('"v1"', "feed", 200, None)
    assert saved.next_due == clock.now() + 600

    # unchanged: the conditional request is answered 304 and nothing is read
    assert make(clock).run([url], once=True).new_items == 0
    assert server.requests[-1][1].get("If-None-Match") == '"v1"'
    assert WatchDB(store).source(url).last_status == 304

    # one item removed, one added: only the new one is analysed; the removed one stays stored
    strike = _item(server, "strike", "Kharkiv strike", STRIKE)
    server.routes["/feed.xml"] = Route(rss("Wire One", [strike, deal]), etag='"v2"')
    assert make(clock).run([url], once=True).new_items == 1
    assert store.count_documents() == 3
    assert WatchDB(store).source(url).etag == '"v2"'


def test_watch_503_retry_after_backs_off(server: NewsServer, make: WatcherFactory, store: Any) -> None:
    url = server.url("/feed.xml", PUBLIC_HOST)
    server.routes["/feed.xml"] = Route(b"busy", 503, "text/plain", headers={"Retry-After": "1800"})
    clock = FakeClock()
    make(clock).run([url], once=True)
    saved = WatchDB(store).source(url)
    assert saved.last_status == 503 and "503" in (saved.last_error or "")
    assert saved.next_due == clock.now() + 1800  # Retry-After wins over the first backoff (60 s)
    polls = server.paths().count("/feed.xml")

    make(clock).run([url], once=True)  # still backing off: not even --once asks again
    assert server.paths().count("/feed.xml") == polls

    server.routes["/feed.xml"] = Route(rss("Wire One", [_item(server, "deal", "Deal", DEAL_WIRE)]))
    clock.sleep(1800)
    make(clock).run([url], once=True)
    saved = WatchDB(store).source(url)
    assert (saved.last_error, saved.backoff, store.count_documents()) == (None, 0.0, 1)


def test_watch_errors_back_off_exponentially(server: NewsServer, make: WatcherFactory, store: Any) -> None:
    url = server.url("/feed.xml", PUBLIC_HOST)
    server.routes["/feed.xml"] = Route(b"oops", 500, "text/plain")
    clock = FakeClock()
    backoffs = []
    for _ in range(4):
        make(clock, max_backoff=200.0).run([url], once=True)
        saved = WatchDB(store).source(url)
        backoffs.append(saved.backoff)
        clock.sleep(saved.next_due - clock.now())
    assert backoffs == [60.0, 120.0, 200.0, 200.0]


def test_watch_refuses_redirect_to_private_address(server: NewsServer, make: WatcherFactory, store: Any) -> None:
    url = server.url("/moved.xml", PUBLIC_HOST)
    server.routes["/moved.xml"] = Route(b"", 302, "text/plain", headers={"Location": "http://intranet.example/feed.xml"})
    make().run([url], once=True)
    saved = WatchDB(store).source(url)
    assert "NG124" in (saved.last_error or "") and "10.0.0.5" in (saved.last_error or "")
    assert store.count_documents() == 0

    # and without the test's policy the local server itself is refused (ingest's check, unchanged)
    from newsgraph.watch.service import WatchConfig, make_watcher

    plain = make_watcher(store, settings=make().settings, config=WatchConfig(per_host_delay=0),
                         clock=FakeClock(), analyzer=make().analyzer)
    local = server.url("/feed.xml")
    plain.run([local], once=True)
    assert "NG124" in (WatchDB(store).source(local).last_error or "")


def test_watch_honours_robots_txt(server: NewsServer, make: WatcherFactory, store: Any) -> None:
    server.routes["/robots.txt"] = Route(b"User-agent: newsgraph\nDisallow: /private/\n", media_type="text/plain")
    server.routes["/private/feed.xml"] = Route(rss("Wire One", [_item(server, "a", "A", DEAL_WIRE)]))
    server.routes["/feed.xml"] = Route(rss("Wire One", [_item(server, "b", "B", PROTEST)]))
    closed, open_ = server.url("/private/feed.xml", PUBLIC_HOST), server.url("/feed.xml", PUBLIC_HOST)
    make().run([closed, open_], once=True)
    assert "NG702" in (WatchDB(store).source(closed).last_error or "")
    assert WatchDB(store).source(open_).last_error is None
    assert "/private/feed.xml" not in server.paths()
    assert server.paths().count("/robots.txt") == 1  # read once per host, then cached


def test_watch_rate_limits_per_host_on_the_clock(server: NewsServer, make: WatcherFactory, store: Any) -> None:
    server.routes["/feed.xml"] = Route(rss("Wire One", [_item(server, "deal", "Deal"), _item(server, "march", "March")]))
    server.routes["/news/deal"] = Route(page("Drone deal", DEAL_WIRE), media_type="text/html")
    server.routes["/news/march"] = Route(page("Paris march", PROTEST), media_type="text/html")
    clock = FakeClock()
    make(clock, per_host_delay=5.0).run([server.url("/feed.xml", PUBLIC_HOST)], once=True)
    assert store.count_documents() == 2
    # robots.txt, the feed, two linked pages: three waits of the whole delay (the clock stands still otherwise)
    assert clock.slept == [5.0, 5.0, 5.0]


def test_watch_sitemap_pages_once(server: NewsServer, make: WatcherFactory, store: Any) -> None:
    pages = [server.url("/news/deal", PUBLIC_HOST), server.url("/news/march", PUBLIC_HOST)]
    server.routes["/sitemap.xml"] = Route(sitemap(pages), media_type="application/xml")
    server.routes["/news/deal"] = Route(page("Drone deal", DEAL_WIRE), media_type="text/html")
    server.routes["/news/march"] = Route(page("Paris march", PROTEST), media_type="text/html")
    url = server.url("/sitemap.xml", PUBLIC_HOST)
    make().run([url], once=True)
    assert store.count_documents() == 2 and WatchDB(store).source(url).kind == "sitemap"
    make().run([url], once=True)
    assert server.paths().count("/news/deal") == 1  # a page already taken is not fetched again


def test_watch_takes_an_item_with_a_very_long_url(server: NewsServer, make: WatcherFactory, store: Any) -> None:
    """A link longer than PostgreSQL's index entries allow (2704 bytes) is taken once, like any other."""
    query = "".join(hashlib.sha256(str(i).encode()).hexdigest() for i in range(50))  # 3200 chars, incompressible
    path = f"/news/teaser?id={query}"
    server.routes["/feed.xml"] = Route(rss("Wire One", [{"title": "deal", "link": server.url(path, PUBLIC_HOST)}]))
    server.routes[path] = Route(page("Drone deal", DEAL_WIRE), media_type="text/html")
    url = server.url("/feed.xml", PUBLIC_HOST)
    assert make().run([url], once=True).new_items == 1
    assert WatchDB(store).source(url).last_error is None
    make().run([url], once=True)  # the same link again: known, not fetched again
    assert server.paths().count(path) == 1 and store.count_documents() == 1


def test_watch_page_changes_become_new_documents(server: NewsServer, make: WatcherFactory, store: Any) -> None:
    url = server.url("/live", PUBLIC_HOST)
    server.routes["/live"] = Route(page("Live", DEAL_WIRE), media_type="text/html")
    make().run([url], once=True)
    make().run([url], once=True)
    assert store.count_documents() == 1
    server.routes["/live"] = Route(page("Live", STRIKE), media_type="text/html")
    make().run([url], once=True)
    assert store.count_documents() == 2 and WatchDB(store).source(url).kind == "page"


def test_watch_stop_finishes_the_document_in_flight(server: NewsServer, make: WatcherFactory, store: Any) -> None:
    items = [_item(server, s, s, t) for s, t in (("deal", DEAL_WIRE), ("march", PROTEST), ("strike", STRIKE))]
    server.routes["/feed.xml"] = Route(rss("Wire One", items), etag='"v1"')
    url = server.url("/feed.xml", PUBLIC_HOST)
    watcher = make()
    take = watcher.take

    def take_then_stop(item: Any, source: Any) -> None:
        take(item, source)
        watcher.stop.set()  # as SIGTERM would, while the first item is in flight

    watcher.take = take_then_stop  # type: ignore[method-assign]
    watcher.run([url])
    assert store.count_documents() == 1
    assert WatchDB(store).source(url).etag is None  # interrupted: the next poll must not be a 304
    make().run([url], once=True)
    assert store.count_documents() == 3


def test_watch_sigterm_sets_stop() -> None:
    stop = threading.Event()
    with stop_on_signals(stop):
        os.kill(os.getpid(), signal.SIGTERM)
    assert stop.is_set()


def test_watch_intervals() -> None:
    assert [parse_interval(x) for x in ("90s", "15m", "2h", "1d", "30", 45)] == [90, 900, 7200, 86400, 30, 45]
