"""Alerts end to end: events and cluster changes fire once, delivered to stdout, a webhook and SMTP."""

from __future__ import annotations

import io
import json
from typing import Any

from rich.console import Console

from newsgraph.model import RawDocument
from newsgraph.watch import registry
from newsgraph.watch.clock import FakeClock
from newsgraph.watch.filters import AlertFilter
from newsgraph.watch.state import WatchDB

from .conftest import PUBLIC_HOST, WatcherFactory
from .servers import (
    DEAL_DENIAL,
    DEAL_GAZETTE,
    DEAL_WIRE,
    PROTEST,
    MailSink,
    NewsServer,
    Route,
    WebhookReceiver,
    rss,
)


def _feeds(server: NewsServer) -> dict[str, str]:
    """Three outlets on one site: two report the deal, one denies it (plus a protest)."""
    stories = {"wire": ("Wire One", [("deal", DEAL_WIRE), ("march", PROTEST)]),
               "gazette": ("The Gazette", [("deal-2", DEAL_GAZETTE)]),
               "tehran": ("Tehran Times", [("denial", DEAL_DENIAL)])}
    urls = {}
    for name, (outlet, items) in stories.items():
        entries = [{"title": slug, "link": server.url(f"/{name}/{slug}", PUBLIC_HOST), "text": text}
                   for slug, text in items]
        server.routes[f"/{name}.xml"] = Route(rss(outlet, entries))
        urls[name] = server.url(f"/{name}.xml", PUBLIC_HOST)
    return urls


def _fired(store: Any) -> list[tuple[str, str]]:
    return sorted((r.alert, r.subject) for r in WatchDB(store).fired(limit=1000))


def test_watch_event_alert_fires_once_across_restarts(server: NewsServer, make: WatcherFactory, store: Any) -> None:
    urls = _feeds(server)
    registry.add_alert(store, "deals", AlertFilter(type="AGREE", actor="RUS", place="Tehran"))
    registry.add_alert(store, "paris", AlertFilter(place="paris"))
    out = io.StringIO()
    make(out=Console(file=out, width=300)).run([urls["wire"]], once=True)
    fired = _fired(store)
    assert [a for a, _ in fired] == ["deals", "paris"] and all(s.startswith("event:") for _, s in fired)
    lines = out.getvalue().splitlines()
    assert len(lines) == 2 and any("alert deals event:" in line and "AGREE" in line for line in lines)

    # a restart (a new watcher on the same store) refetches nothing new and fires nothing again
    server.routes["/wire.xml"].etag = None
    out2 = io.StringIO()
    make(out=Console(file=out2, width=300)).run([urls["wire"]], once=True)
    assert _fired(store) == fired and out2.getvalue() == ""
    assert all(r.delivered_at for r in WatchDB(store).fired())


def test_watch_cluster_alerts_new_source_and_denial(server: NewsServer, make: WatcherFactory, store: Any) -> None:
    urls = _feeds(server)
    registry.add_alert(store, "second-source", AlertFilter(type="AGREE", new_source=True))
    registry.add_alert(store, "two-sources", AlertFilter(actor="IRN", min_sources=2))
    registry.add_alert(store, "denied", AlertFilter(actor="IRN", denial=True))
    make().run([urls["wire"]], once=True)
    assert _fired(store) == []  # one source: nothing yet

    make().run([urls["gazette"]], once=True)
    fired = {r.alert: r for r in WatchDB(store).fired()}
    assert set(fired) == {"second-source", "two-sources"}
    body = fired["second-source"].payload
    assert body["kind"] == "new-source" and body["subject"].endswith(":sources:2")
    assert body["cluster"]["independent_sources"] == 2 and body["cluster"]["type"] == "AGREE"
    assert body["document"]["outlet"] == "The Gazette" and body["provenance"]["kind"] == "cluster"
    assert fired["two-sources"].subject.endswith(":min-sources:2")

    make().run([urls["tehran"]], once=True)
    denial = [r for r in WatchDB(store).fired() if r.alert == "denied"]
    assert len(denial) == 1 and denial[0].payload["kind"] == "denial"
    assert denial[0].payload["event"]["modality"] == "denied"
    assert len(_fired(store)) == 3  # the denial does not count as a source: no new-source firing


def test_watch_webhook_signed_and_retried(server: NewsServer, make: WatcherFactory, store: Any) -> None:
    urls = _feeds(server)
    receiver = WebhookReceiver("s3cret", fail_first=2)
    try:
        registry.add_alert(store, "deals", AlertFilter(type="AGREE"))
        clock = FakeClock()
        make(clock, webhook_url=receiver.url, webhook_secret="s3cret").run([urls["wire"]], once=True)
        assert receiver.attempts == 3 and receiver.bad_signatures == 0
        assert clock.slept == [2.0, 4.0]  # exponential backoff, on the clock
        (body,) = receiver.received
        assert body["schema"] == "newsgraph.alert/1" and body["alert"] == "deals" and body["event"]["type"] == "AGREE"
        assert body["id"] and body["fired_at"] and body["document"]["url"].endswith("/wire/deal")
        assert WatchDB(store).fired()[0].delivered_at is not None
    finally:
        receiver.close()


def test_watch_webhook_wrong_secret_stays_pending(server: NewsServer, make: WatcherFactory, store: Any,
                                                  webhook: WebhookReceiver) -> None:  # fmt: skip
    urls = _feeds(server)
    registry.add_alert(store, "deals", AlertFilter(type="AGREE"))
    make(webhook_url=webhook.url, webhook_secret="wrong").run([urls["wire"]], once=True)
    assert webhook.bad_signatures == 1 and webhook.received == []  # 401 is not retried
    (row,) = WatchDB(store).fired()
    assert row.delivered_at is None and "401" in (row.delivery_error or "")
    make(webhook_url=webhook.url, webhook_secret="s3cret").run([], once=True)  # the next start delivers it
    assert len(webhook.received) == 1 and WatchDB(store).fired()[0].delivered_at is not None


def test_watch_email_over_smtp(server: NewsServer, make: WatcherFactory, store: Any,
                               smtp: tuple[MailSink, int]) -> None:  # fmt: skip
    sink, port = smtp
    urls = _feeds(server)
    registry.add_alert(store, "paris", AlertFilter(type="PROTEST"))
    make(smtp_host="127.0.0.1", smtp_port=port, smtp_from="watch@example.org",
         smtp_to=("desk@example.org",)).run([urls["wire"]], once=True)
    (message,) = sink.messages
    text = message.content.decode()
    assert message.rcpt_tos == ["desk@example.org"] and "[newsgraph] paris: PROTEST" in text
    assert '"schema": "newsgraph.alert/1"' in text


def test_watch_finishes_a_document_stored_before_a_crash(make: WatcherFactory, store: Any, analyzer: Any) -> None:
    registry.add_alert(store, "deals", AlertFilter(type="AGREE"))
    raw = RawDocument(source="x", data=DEAL_WIRE.encode(), media_type="text/plain", outlet="Wire One",
                      published="2026-01-05")
    store.add(analyzer.analyze(raw))  # stored, then the process died before corroborating it
    watcher = make()
    watcher.run([], once=True)
    assert len(_fired(store)) == 1 and store.get_state("corroborator") is not None
    make().run([], once=True)
    assert len(_fired(store)) == 1


def test_watch_alerts_fire_only_on_later_documents(server: NewsServer, make: WatcherFactory, store: Any) -> None:
    urls = _feeds(server)
    make().run([urls["wire"], urls["gazette"]], once=True)
    registry.add_alert(store, "deals", AlertFilter(type="AGREE"))
    registry.add_alert(store, "second", AlertFilter(type="AGREE", new_source=True))
    make().run([urls["wire"], urls["gazette"]], once=True)
    assert _fired(store) == []
    # but `alerts test` shows what they would fire on the store as it is, recording nothing
    tested = registry.test_alert(store, "deals")
    assert {f.payload["event"]["type"] for f in tested} == {"AGREE"} and len(tested) == 2
    second = registry.test_alert(store, "second")
    assert [f.kind for f in second] == ["new-source"] and not second[0].already_fired
    assert _fired(store) == []


def test_watch_alerts_cli(server: NewsServer, make: WatcherFactory, store: Any, store_url: str) -> None:
    from typer.testing import CliRunner

    from newsgraph.cli import app

    db = store_url  # a file path or a PostgreSQL URL
    runner = CliRunner()

    def run(*args: str) -> Any:
        return runner.invoke(app, ["alerts", *args, "--db", db])

    added = run("add", "deals", "--type", "agree", "--actor", "RUS", "--new-source", "--min-sources", "2")
    assert added.exit_code == 0, added.output
    assert "actor=RUS type=AGREE; clusters: new source, >= 2 sources" in added.output
    assert run("add", "deals", "--type", "AGREE").exit_code == 1  # exists: needs --replace
    assert run("add", "bad", "--role", "sideways").exit_code == 1
    listed = run("list", "--format", "jsonl")
    assert json.loads(listed.output)["filter"] == {"type": "AGREE", "actor": "RUS", "min_sources": 2,
                                                   "new_source": True}
    make().run([_feeds(server)["wire"], _feeds(server)["gazette"]], once=True)
    assert "would fire" in run("test", "deals").output
    fired = run("fired", "--format", "jsonl")
    assert fired.exit_code == 0
    assert run("remove", "deals").exit_code == 0
    assert run("remove", "deals").exit_code == 1
