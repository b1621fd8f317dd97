"""What store queries return: small frozen rows, one per document, event, actor or claim."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class DocumentRow:
    """A stored document without its text; ``snippet`` is the matching passage of a text search."""

    id: str
    source: str
    url: str | None
    outlet: str | None
    title: str | None
    authors: tuple[str, ...]
    published: str | None
    language: str | None
    n_events: int
    n_claims: int
    ingested_at: str
    snippet: str | None = None


@dataclass(frozen=True)
class EventRow:
    """One event with its actors' ids and names and the sentence it came from."""

    key: str
    document: str
    id: str
    type: str
    mode: str | None
    cameo: str | None
    trigger: str
    sentence: int
    sentence_text: str
    start: int
    end: int
    date_text: str | None
    date_start: str | None
    date_end: str | None
    granularity: str | None
    location_entity: str | None
    location_name: str | None
    location_country: str | None
    location_lat: float | None
    location_lon: float | None
    quantity_value: float | None
    quantity_text: str | None
    quantity_unit: str | None
    quantity_qualifier: str | None
    modality: str
    negated: bool
    claim: str | None
    attributed_to: str | None
    confidence: float
    outlet: str | None
    source: tuple[str, ...] = ()
    source_names: tuple[str, ...] = ()
    target: tuple[str, ...] = ()
    target_names: tuple[str, ...] = ()


@dataclass(frozen=True)
class ActorRow:
    """An entity across the store, with how often it is mentioned and acts."""

    id: str
    name: str
    kind: str
    country: str | None
    role: str | None
    lat: float | None
    lon: float | None
    n_mentions: int
    n_documents: int
    n_events_source: int
    n_events_target: int


@dataclass(frozen=True)
class ClaimRow:
    """A claim with the outlet of the document that carries it."""

    document: str
    id: str
    kind: str
    speaker: str | None
    speaker_text: str | None
    cue: str | None
    text: str
    start: int
    end: int
    hedge: str
    anonymous: bool
    outlet: str | None
