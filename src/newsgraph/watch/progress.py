"""The progress line of each source: last poll, next poll, last error."""

from __future__ import annotations

import time

from newsgraph.watch.records import SourceState


def clock_time(epoch: float | None) -> str:
    """``2026-01-01 12:00:00Z`` (UTC), or ``-``."""
    return "-" if epoch is None else time.strftime("%Y-%m-%d %H:%M:%SZ", time.gmtime(epoch))


def status_line(source: SourceState) -> str:
    """``URL  polled ... (HTTP 200, 3 new)  next ...  error: ...``"""
    status = f"HTTP {source.last_status}" if source.last_status else "no answer"
    line = (f"{source.url}  polled {clock_time(source.last_poll)} ({status}, {source.new_items} new)  "
            f"next {clock_time(source.next_due)}")  # fmt: skip
    if source.last_error:
        line += f"  error: {source.last_error}"
        if source.backoff:
            line += f" (backing off {source.backoff:g} s)"
    return line
