"""Which events an export takes, and paging through them so no export holds them all at once."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from newsgraph.store import EventRow, Store

PAGE = 500


@dataclass(frozen=True)
class EventQuery:
    """The event filters of ``newsgraph events`` (None means any); see ``Store.events``."""

    actor: str | None = None
    type: str | None = None
    date_from: str | None = None
    date_to: str | None = None
    modality: str | None = None
    outlet: str | None = None
    document: str | None = None

    def store_kwargs(self) -> dict[str, Any]:
        """The filters as ``Store.events`` keyword arguments."""
        out = {f.name: getattr(self, f.name) for f in dataclasses.fields(self)}
        if out["type"]:
            out["type"] = out["type"].upper()
        return out


def iter_events(store: Store, query: EventQuery | None = None, *, page: int | None = None) -> Iterator[EventRow]:
    """Every matching event in date order, read ``page`` rows (default PAGE) at a time."""
    page = page or PAGE
    kwargs = (query or EventQuery()).store_kwargs()
    offset = 0
    while True:
        rows = store.events(**kwargs, sort="date", limit=page, offset=offset)
        yield from rows
        if len(rows) < page:
            return
        offset += page
