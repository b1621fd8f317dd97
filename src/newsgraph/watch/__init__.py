"""Watch: poll sources on a schedule, politely; store and cluster new items; fire saved alerts.

``run_watch`` is the ``newsgraph watch`` command; ``Watcher`` is the service itself, with an
injectable ``Clock`` so tests control time. Saved alerts live in ``registry``; what fired is
delivered by ``delivery`` (stdout and log, signed webhook, SMTP) and shown by the web UI.
"""

from newsgraph.watch.clock import Clock, FakeClock, SystemClock, parse_interval
from newsgraph.watch.filters import AlertFilter
from newsgraph.watch.records import AlertInfo, FiredRow, Firing, SavedAlert, SourceState
from newsgraph.watch.registry import add_alert, list_alerts, list_fired, mark_read, remove_alert
from newsgraph.watch.service import Summary, WatchConfig, Watcher, make_watcher, run_watch

READS = ("sources", "store")
FILLS = ("documents", "clusters", "fired")

__all__ = [
    "AlertFilter", "AlertInfo", "Clock", "FakeClock", "FiredRow", "Firing", "SavedAlert", "SourceState", "Summary",
    "SystemClock", "WatchConfig", "Watcher", "add_alert", "list_alerts", "list_fired", "make_watcher", "mark_read",
    "parse_interval", "remove_alert", "run_watch",
]  # fmt: skip
