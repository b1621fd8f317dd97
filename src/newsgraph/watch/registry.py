"""Saved alerts and what they fired: the Python API behind ``newsgraph alerts`` and the alerts page."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from newsgraph.errors import ConfigError
from newsgraph.settings import Settings
from newsgraph.store.records import now_iso
from newsgraph.watch.filters import AlertFilter
from newsgraph.watch.firing import fire_on_store
from newsgraph.watch.records import AlertInfo, FiredRow, Firing, SavedAlert
from newsgraph.watch.state import WatchDB

_NAME = re.compile(r"^[\w][\w.-]{0,79}$")


def add_alert(store: Any, name: str, flt: AlertFilter, *, replace: bool = False) -> SavedAlert:
    """Save an alert; it fires on documents stored from now on."""
    if not _NAME.match(name):
        raise ConfigError(f"alert name {name!r}: use letters, digits, '.', '-' or '_' (up to 80)", code="NG705")
    flt.check()
    alert = SavedAlert(name, flt, now_iso())
    if not WatchDB(store).save_alert(alert, replace=replace):
        raise ConfigError(f"an alert named {name!r} exists; remove it or add --replace", code="NG706")
    return alert


def list_alerts(store: Any) -> list[AlertInfo]:
    db = WatchDB(store)
    counts = db.counts()
    return [AlertInfo(a.name, a.filter, a.created, *counts.get(a.name, (0, 0))) for a in db.alerts()]


def remove_alert(store: Any, name: str) -> bool:
    """Remove the alert and its fired rows; False when there is no such alert."""
    return WatchDB(store).remove_alert(name)


def get_alert(store: Any, name: str) -> SavedAlert:
    for alert in WatchDB(store).alerts():
        if alert.name == name:
            return alert
    raise ConfigError(f"no alert named {name!r}; `newsgraph alerts list` shows them", code="NG707")


def test_alert(store: Any, name: str, *, settings: Settings | None = None, limit: int = 100) -> list[Firing]:
    """What the alert would fire on the store as it is, marking what already fired; records nothing."""
    from dataclasses import replace

    from newsgraph.clustering import load_corroborator

    alert = get_alert(store, name)
    corroborator = load_corroborator(store, settings) if store.get_state("corroborator") else None
    firings = fire_on_store(store, corroborator, alert, limit=limit)
    done = WatchDB(store).fired_subjects(alert.name, [f.subject for f in firings])
    return [replace(f, already_fired=f.subject in done) for f in firings]


def list_fired(store: Any, *, unread_only: bool = False, limit: int = 50, offset: int = 0) -> list[FiredRow]:
    """Fired rows, unread first, newest first."""
    return WatchDB(store).fired(unread_only=unread_only, limit=limit, offset=offset)


def mark_read(store: Any, ids: Sequence[int], *, read: bool = True) -> None:
    WatchDB(store).mark_read(ids, read)
