"""The watch state under concurrent writers, on both backends.

SQLite lets one writer in at a time (watch begins its transactions IMMEDIATE); PostgreSQL lets
writers overlap. Whatever the backend, a save of the clusters by another process (``newsgraph
cluster``, another watcher) is never overwritten unseen: watch's commit either lands before it or
finds it and reloads (StaleState); and two processes adding one alert name do not crash.
"""

from __future__ import annotations

import json
import logging
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

import pytest
from sqlalchemy import event
from sqlalchemy.engine import Connection

from newsgraph.clustering import STATE_NAME
from newsgraph.errors import ConfigError
from newsgraph.settings import Settings
from newsgraph.store import open_store
from newsgraph.store.records import now_iso
from newsgraph.store.schema import watch_alerts
from newsgraph.store.write import upsert_state
from newsgraph.watch import registry
from newsgraph.watch.filters import AlertFilter
from newsgraph.watch.state import StaleState, WatchDB

BLOCKED = 0.5  # seconds a writer that should be waiting on a lock is given to finish anyway


def _commit(db: WatchDB, token: str | None, version: str) -> str:
    return db.commit(token=token, corroborator={"v": version}, n_docs=0, memory={}, firings=[], seen=None)


@pytest.fixture
def other(store_url: str, settings: Settings) -> Iterator[Any]:
    """A second process's view of the same store (its own engine and connections)."""
    s = open_store(store_url, settings=settings)
    s.get_state(STATE_NAME)  # connected before the race starts
    yield s
    s.close()


@contextmanager
def _in_flight(store: Any, write: Callable[[Connection], None]) -> Iterator[None]:
    """Another writer's transaction, begun and written but not committed until the block ends."""
    conn = store.engine.connect().execution_options(sqlite_immediate=True)
    tx = conn.begin()
    try:
        write(conn)
        yield
        tx.commit()
    finally:
        conn.close()


def _in_thread(fn: Callable[[], Any]) -> tuple[threading.Thread, dict[str, Any]]:
    result: dict[str, Any] = {}

    def run() -> None:
        try:
            result["value"] = fn()
        except Exception as exc:
            result["error"] = exc

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    return thread, result


def _save_like_put_state(data: dict[str, Any]) -> Callable[[Connection], None]:
    """The statement ``Store.put_state`` runs, for a transaction held open."""

    def write(conn: Connection) -> None:
        upsert_state(conn, STATE_NAME, json.dumps(data), 0, now_iso())

    return write


def test_watch_commit_never_overwrites_a_save_made_meanwhile(store: Any, other: Any) -> None:
    """`newsgraph cluster` saves the clusters while watch's commit is under way: it is not lost."""
    db = WatchDB(store)
    token = _commit(db, None, "watch-1")
    saver: list[threading.Thread] = []

    def save_now(*_args: Any) -> None:  # once watch's commit has run its first statement
        if not saver:
            saver.append(threading.Thread(target=other.put_state, args=(STATE_NAME, {"v": "cluster"}), daemon=True))
            saver[0].start()
            saver[0].join(BLOCKED)  # finishes at once unless watch's transaction holds it off

    event.listen(store.engine, "after_cursor_execute", save_now)
    try:
        try:
            new_token: str | None = _commit(db, token, "watch-2")
        except StaleState:
            new_token = None
    finally:
        event.remove(store.engine, "after_cursor_execute", save_now)
        saver[0].join(30)
    assert store.get_state(STATE_NAME) == {"v": "cluster"}, "watch overwrote a save it never saw"
    if new_token is not None:  # watch's commit went first: its next one must see the save
        with pytest.raises(StaleState):
            _commit(db, new_token, "watch-3")


@pytest.mark.parametrize("first", [False, True], ids=["replacing", "first-save"])
def test_watch_commit_behind_a_save_in_flight_is_stale(store: Any, other: Any, first: bool) -> None:
    """A save not yet committed when watch commits: watch waits for it, then reloads (no crash)."""
    db = WatchDB(store)
    token = None if first else _commit(db, None, "watch-1")
    with _in_flight(other, _save_like_put_state({"v": "cluster"})):
        thread, result = _in_thread(lambda: _commit(db, token, "watch-2"))
        thread.join(BLOCKED)
        assert thread.is_alive(), f"watch's commit did not wait for the other writer: {result}"
    thread.join(30)
    assert isinstance(result.get("error"), StaleState), result
    assert store.get_state(STATE_NAME) == {"v": "cluster"}


def test_watch_two_processes_add_one_alert_name(store: Any, other: Any) -> None:
    """`alerts add` racing another `alerts add` of the same name: one wins, the other is told why."""

    def add(conn: Connection) -> None:
        conn.execute(watch_alerts.insert().values(name="deals", created=now_iso(),
                                                  filter=json.dumps({"type": "AGREE"})))  # fmt: skip

    with _in_flight(other, add):
        thread, result = _in_thread(lambda: registry.add_alert(store, "deals", AlertFilter(type="PROTEST")))
        thread.join(BLOCKED)
    thread.join(30)
    error = result.get("error")
    assert isinstance(error, ConfigError) and error.code == "NG706", result
    (alert,) = WatchDB(store).alerts()
    assert alert.filter == AlertFilter(type="AGREE")
    # --replace replaces, whoever wrote the alert first
    registry.add_alert(store, "deals", AlertFilter(type="PROTEST"), replace=True)
    assert [a.filter for a in WatchDB(other).alerts()] == [AlertFilter(type="PROTEST")]


def test_watch_survives_a_cluster_save_in_flight(make: Any, store: Any, other: Any, analyzer: Any,
                                                 caplog: pytest.LogCaptureFixture) -> None:  # fmt: skip
    """The watcher corroborates a document while `newsgraph cluster` is saving: it reloads, fires once."""
    from newsgraph.clustering import load_corroborator
    from newsgraph.model import RawDocument

    from .servers import DEAL_WIRE

    registry.add_alert(store, "deals", AlertFilter(type="AGREE"))
    raw = RawDocument(source="x", data=DEAL_WIRE.encode(), media_type="text/plain", outlet="Wire One",
                      published="2026-01-05")  # fmt: skip
    doc = analyzer.analyze(raw)
    store.add(doc)
    watcher = make()
    watcher.load()
    with caplog.at_level(logging.INFO, logger="newsgraph.watch.service"):
        with _in_flight(other, _save_like_put_state(load_corroborator(other).to_dict())):
            thread, result = _in_thread(watcher.catch_up)
            thread.join(BLOCKED)
        thread.join(60)
    assert "error" not in result, result
    assert "saved by another process; reloading" in caplog.text  # it waited for the save, saw it, reloaded
    assert doc.document.id in load_corroborator(store).state.docs
    assert [r.alert for r in WatchDB(store).fired()] == ["deals"] and watcher.summary.fired == 1
