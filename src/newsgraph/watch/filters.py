"""Saved alert filters: the event filters of ``newsgraph events`` plus corroboration conditions.

Event filters are answered by the store's own query (``Store.events``), so an alert matches
exactly what ``newsgraph events`` with the same options lists; ``place`` is checked here, on
the event's location (name, entity id or country code).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import asdict, dataclass, fields
from typing import Any

from newsgraph.errors import ConfigError
from newsgraph.model import MODALITIES, PLOVER_TYPES
from newsgraph.store.rows import EventRow

EVENT_LIMIT = 10_000  # events of one document an alert looks at (far above any real article)


@dataclass(frozen=True)
class AlertFilter:
    """What an alert fires on.

    Without corroboration conditions it fires once per matching event. ``new_source`` and
    ``denial`` name cluster changes to fire on (either one); ``min_sources`` alone fires when a
    matching cluster reaches N independent sources, and with them it is a further condition.
    A cluster matches when one of its member events passes the event filters.
    """

    actor: str | None = None
    role: str | None = None
    type: str | None = None
    mode: str | None = None
    place: str | None = None
    modality: str | None = None
    negated: bool | None = None
    outlet: str | None = None
    text: str | None = None
    min_sources: int | None = None
    new_source: bool = False
    denial: bool = False

    @property
    def on_clusters(self) -> bool:
        return self.min_sources is not None or self.new_source or self.denial

    def check(self) -> None:
        """Refuse values that could never match, naming the option and the choices."""
        if self.role is not None and self.role not in ("source", "target"):
            raise ConfigError(f"--role {self.role!r}: choose source or target", code="NG704")
        if self.type is not None and self.type not in PLOVER_TYPES:
            raise ConfigError(f"--type {self.type!r}: choose one of {', '.join(PLOVER_TYPES)}", code="NG704")
        if self.modality is not None and self.modality not in MODALITIES:
            raise ConfigError(f"--modality {self.modality!r}: choose one of {', '.join(MODALITIES)}", code="NG704")
        if self.min_sources is not None and self.min_sources < 1:
            raise ConfigError("--min-sources must be 1 or more", code="NG704")

    def event_query(self) -> dict[str, Any]:
        """Keyword arguments for ``Store.events`` (everything but ``place`` and the cluster conditions)."""
        return {"actor": self.actor, "role": self.role, "type": self.type, "mode": self.mode,
                "modality": self.modality, "negated": self.negated, "outlet": self.outlet, "text": self.text}  # fmt: skip

    def to_dict(self) -> dict[str, Any]:
        return {k: v for k, v in asdict(self).items() if v not in (None, False)}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> AlertFilter:
        names = {f.name for f in fields(cls)}
        return cls(**{k: v for k, v in data.items() if k in names})

    def describe(self) -> str:
        """One line for lists: ``type=AGREE actor=RUS; clusters: new source, >= 2 sources``."""
        parts = [f"{k}={v}" for k, v in self.to_dict().items() if k not in ("min_sources", "new_source", "denial")]
        conditions = [c for c, on in (("new source", self.new_source), ("denial", self.denial)) if on]
        if self.min_sources is not None:
            conditions.append(f">= {self.min_sources} sources")
        text = " ".join(parts) or "every event"
        return f"{text}; clusters: {', '.join(conditions)}" if conditions else text


def place_matches(place: str | None, row: EventRow) -> bool:
    """The event's location is ``place``: its name or entity id (any case) or its ISO3 country."""
    if place is None:
        return True
    wanted = place.casefold()
    values = (row.location_name, row.location_entity, row.location_country)
    return any(v is not None and v.casefold() == wanted for v in values)


def matching_events(store: Any, flt: AlertFilter, documents: Iterable[str]) -> list[EventRow]:
    """The events of ``documents`` that pass the alert's event filters, in document order."""
    query = flt.event_query()
    out: list[EventRow] = []
    for doc in dict.fromkeys(documents):
        rows = store.events(document=doc, **query, limit=EVENT_LIMIT)
        out.extend(r for r in rows if place_matches(flt.place, r))
    return out
