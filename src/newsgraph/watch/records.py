"""The watch package's plain data: sources' schedules, saved alerts, firings and fired rows."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from newsgraph.watch.filters import AlertFilter


@dataclass
class SourceState:
    """One watched source: validators for conditional requests, schedule, last outcome."""

    url: str
    kind: str | None = None
    etag: str | None = None
    last_modified: str | None = None
    last_poll: float | None = None
    next_due: float | None = None
    last_status: int | None = None
    last_error: str | None = None
    backoff: float = 0.0
    new_items: int = 0


@dataclass(frozen=True)
class SavedAlert:
    name: str
    filter: AlertFilter
    created: str  # ISO; documents stored before it never fire it

    def to_dict(self) -> dict[str, Any]:
        return {"name": self.name, "filter": self.filter.to_dict(), "created": self.created}


@dataclass(frozen=True)
class AlertInfo(SavedAlert):
    fired: int = 0
    unread: int = 0

    def to_dict(self) -> dict[str, Any]:
        return {**super().to_dict(), "fired": self.fired, "unread": self.unread}


@dataclass(frozen=True)
class Firing:
    """An alert about to fire (or, from ``alerts test``, that would): its subject and its body."""

    alert: str
    subject: str
    kind: str  # event | new-source | denial | min-sources
    summary: str
    payload: dict[str, Any] = field(default_factory=dict)
    already_fired: bool = False


@dataclass(frozen=True)
class FiredRow:
    """A row of the fired table: what fired, when, delivered or not, read or not."""

    id: int
    alert: str
    subject: str
    fired_at: str
    payload: dict[str, Any]
    read: bool
    delivered_at: str | None
    delivery_error: str | None

    @property
    def summary(self) -> str:
        return str(self.payload.get("summary", ""))

    @property
    def kind(self) -> str:
        return str(self.payload.get("kind", ""))
