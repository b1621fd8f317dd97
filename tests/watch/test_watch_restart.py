"""kill -9 during a poll, restart: every item stored once, every alert delivered once."""

from __future__ import annotations

import io
import re
import subprocess
import sys
import threading
from pathlib import Path
from typing import Any

from rich.console import Console

from newsgraph.watch import registry
from newsgraph.watch.filters import AlertFilter
from newsgraph.watch.state import WatchDB

from .conftest import WatcherFactory
from .servers import DEAL_WIRE, PROTEST, STRIKE, NewsServer, Route, page, rss

HERE = Path(__file__).parent
ALERT_LINE = re.compile(r"^alert everything (\S+)", re.MULTILINE)


def test_watch_restart_after_sigkill(server: NewsServer, make: WatcherFactory, store: Any, store_url: str) -> None:
    url = server.url("/feed.xml")
    entered, never = threading.Event(), threading.Event()
    server.routes["/feed.xml"] = Route(rss("Wire One", [
        {"title": "deal", "link": server.url("/news/deal"), "text": DEAL_WIRE},
        {"title": "march", "link": server.url("/news/march"), "text": PROTEST},
        {"title": "strike", "link": server.url("/news/strike")},  # a teaser: its page is fetched, and hangs
    ]), etag='"v1"')  # fmt: skip
    server.routes["/news/strike"] = Route(page("Kharkiv", STRIKE), media_type="text/html", block=never, entered=entered)
    registry.add_alert(store, "everything", AlertFilter())

    proc = subprocess.Popen([sys.executable, "-u", str(HERE / "run_once.py"), store_url, url],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)  # fmt: skip
    try:
        assert entered.wait(60), proc.stderr.read() if proc.poll() is not None and proc.stderr else "no request"
        proc.kill()  # SIGKILL in the middle of the poll: two items taken, the third in flight
        first, _ = proc.communicate(timeout=30)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert proc.returncode == -9
    assert store.count_documents() == 2
    assert WatchDB(store).source(url).etag is None  # the interrupted poll left no validator behind

    server.routes["/news/strike"] = Route(page("Kharkiv", STRIKE), media_type="text/html")
    out = io.StringIO()
    make(out=Console(file=out, width=400, highlight=False)).run([url], once=True)

    assert store.count_documents() == 3
    delivered = ALERT_LINE.findall(first) + ALERT_LINE.findall(out.getvalue())
    recorded = [r.subject for r in WatchDB(store).fired(limit=1000)]
    assert len(delivered) == len(set(delivered)), "an alert was delivered twice"
    assert sorted(delivered) == sorted(recorded) and len(recorded) >= 3  # none lost, none twice
    assert all(r.delivered_at for r in WatchDB(store).fired(limit=1000))
    assert server.paths().count("/news/strike") == 2 and "/news/deal" not in server.paths()
