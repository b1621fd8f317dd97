"""Watch: poll sources on a schedule, politely; store and cluster new items; fire saved alerts.

``run_watch`` is the ``newsgraph watch`` command; ``Watcher`` is the service itself, with an
injectable ``Clock`` so tests control time. Saved alerts live in ``registry``; what fired is
delivered by ``delivery`` (stdout and log, signed webhook, SMTP) and shown by the web UI.

Names are imported on first use: the CLI imports this package at start-up, and the service
pulls in the spaCy pipeline, which only ``watch`` itself needs.
"""

from __future__ import annotations

import importlib
from typing import Any

READS = ("sources", "store")
FILLS = ("documents", "clusters", "fired")

_EXPORTS = {
    "Clock": "clock", "FakeClock": "clock", "SystemClock": "clock", "parse_interval": "clock",
    "AlertFilter": "filters",
    "AlertInfo": "records", "FiredRow": "records", "Firing": "records", "SavedAlert": "records",
    "SourceState": "records",
    "add_alert": "registry", "list_alerts": "registry", "list_fired": "registry", "mark_read": "registry",
    "remove_alert": "registry",
    "Summary": "service", "WatchConfig": "service", "Watcher": "service", "make_watcher": "service",
    "run_watch": "service",
}  # fmt: skip


def __getattr__(name: str) -> Any:
    if name in _EXPORTS:
        return getattr(importlib.import_module(f"newsgraph.watch.{_EXPORTS[name]}"), name)
    raise AttributeError(f"module 'newsgraph.watch' has no attribute {name!r}")


__all__ = sorted(_EXPORTS)
