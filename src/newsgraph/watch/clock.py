"""Time for the scheduler: a Clock protocol so tests control time and never sleep.

The system clock's ``sleep`` waits on a stop event, so SIGTERM wakes a sleeping service at once.
"""

from __future__ import annotations

import re
import threading
import time
from dataclasses import dataclass, field
from typing import Protocol

from newsgraph.errors import ConfigError

_INTERVAL = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*(s|sec|m|min|h|d)?\s*$", re.IGNORECASE)
_UNITS = {"s": 1.0, "sec": 1.0, "m": 60.0, "min": 60.0, "h": 3600.0, "d": 86400.0}


class Clock(Protocol):
    """Wall time in epoch seconds, and a way to wait."""

    def now(self) -> float: ...

    def sleep(self, seconds: float) -> None: ...


@dataclass
class SystemClock:
    """The real clock; ``sleep`` returns early once ``stop`` is set."""

    stop: threading.Event = field(default_factory=threading.Event)

    def now(self) -> float:
        return time.time()

    def sleep(self, seconds: float) -> None:
        if seconds > 0:
            self.stop.wait(seconds)


@dataclass
class FakeClock:
    """A clock that only moves when slept on (for tests and dry runs); ``slept`` records each wait."""

    t: float = 1_767_225_600.0  # 2026-01-01T00:00:00Z
    slept: list[float] = field(default_factory=list)

    def now(self) -> float:
        return self.t

    def sleep(self, seconds: float) -> None:
        if seconds > 0:
            self.slept.append(seconds)
            self.t += seconds


def parse_interval(text: str | float | int) -> float:
    """Seconds in ``"90s"``, ``"15m"``, ``"2h"``, ``"1d"`` or a bare number of seconds."""
    if isinstance(text, (int, float)):
        seconds = float(text)
    else:
        match = _INTERVAL.match(text)
        if not match:
            raise ConfigError(f"{text!r} is not an interval; write e.g. 90s, 15m, 2h or 1d", code="NG701")
        seconds = float(match.group(1)) * _UNITS[(match.group(2) or "s").lower()]
    if seconds <= 0:
        raise ConfigError(f"{text!r}: an interval must be more than 0 seconds", code="NG701")
    return seconds
