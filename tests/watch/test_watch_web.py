"""The alerts page, on an app with its router included (as web.install will)."""

from __future__ import annotations

from typing import Any

from fastapi.testclient import TestClient

from newsgraph.watch import registry
from newsgraph.watch.filters import AlertFilter

from .conftest import PUBLIC_HOST, WatcherFactory
from .servers import DEAL_WIRE, NewsServer, Route, rss


def test_watch_alerts_page(server: NewsServer, make: WatcherFactory, store: Any, store_url: str,
                           settings: Any) -> None:  # fmt: skip
    from newsgraph.api import create_app
    from newsgraph.web import views_alerts

    server.routes["/feed.xml"] = Route(rss("Wire One", [
        {"title": "<b>deal</b>", "link": server.url("/news/deal", PUBLIC_HOST), "text": DEAL_WIRE}]))
    registry.add_alert(store, "deals", AlertFilter(type="AGREE"))
    make().run([server.url("/feed.xml", PUBLIC_HOST)], once=True)
    app = create_app(store_url, settings=settings, token="")
    app.include_router(views_alerts.router())
    with TestClient(app) as client:
        page = client.get("/alerts")
        assert page.status_code == 200
        html = page.text
        assert "deals" in html and "AGREE" in html and 'class="unread"' in html and "delivered" in html
        assert "news.example" in html and "&lt;b&gt;deal&lt;/b&gt;" in html  # escaped, listed with its source
        registry.mark_read(store, [r.id for r in registry.list_fired(store)])
        assert "Nothing fired that is unread" in client.get("/alerts?unread=1").text
