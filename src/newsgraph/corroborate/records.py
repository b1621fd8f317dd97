"""The corroborate stage's settings and results: plain frozen dataclasses, no behaviour.

They are what callers (the store, the API, alerts) see; the working state behind them lives in
``state.py`` and is turned into these on demand, so a result never aliases mutable state.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

# Pairs of PLOVER types that may describe one real-world event (a "deal" is coded either way).
DEFAULT_COMPATIBLE_TYPES: tuple[tuple[str, str], ...] = (("AGREE", "COOPERATE"), ("AID", "SUPPORT"))


@dataclass(frozen=True)
class CorroborationSettings:
    """Thresholds of the corroborate stage; ``from_mapping`` reads a ``[corroborate]`` settings section.

    copy_threshold: estimated Jaccard of word shingles at which two documents are copies.
    link_threshold: estimated Jaccard at which a citing document is "about" a cited outlet's document.
    date_tolerance_days: slack when comparing event intervals (reports round dates).
    undated_window_days: an undated event is taken to have happened this many days before publication.
    yearless_window_days: year-less dates only match when the documents' dates are this close.
    place_km: two places with coordinates farther apart than this are different places.
    data_dir: a data folder whose outlets.csv extends the bundled outlet gazetteer ("" for none).
    """

    copy_threshold: float = 0.7
    link_threshold: float = 0.3
    num_perm: int = 128
    shingle_size: int = 5
    seed: int = 1
    minhash_scheme: str = "affine32"  # saved signatures are only comparable under the same scheme
    date_tolerance_days: int = 2
    undated_window_days: int = 10
    yearless_window_days: int = 120
    place_km: float = 50.0
    country_actors: bool = True
    compatible_types: tuple[tuple[str, str], ...] = DEFAULT_COMPATIBLE_TYPES
    max_cluster_tokens: int = 400
    data_dir: str = ""

    @classmethod
    def from_mapping(cls, values: Mapping[str, Any]) -> CorroborationSettings:
        """Settings from a mapping such as ``Settings.section("corroborate")``; unknown keys are ignored."""
        names = set(cls.__dataclass_fields__)
        kwargs = {k: v for k, v in values.items() if k in names}
        if "compatible_types" in kwargs:
            kwargs["compatible_types"] = tuple(tuple(p) for p in kwargs["compatible_types"])
        return cls(**kwargs)


@dataclass(frozen=True)
class Family:
    """Near-duplicate documents (syndicated or lightly edited copies) and the one they copy."""

    id: str
    original: str
    members: tuple[str, ...]


@dataclass(frozen=True)
class Contradiction:
    """A member event that denies (or negates) what the other members of its cluster assert."""

    event: str
    document: str
    origin: str
    modality: str
    negated: bool


@dataclass(frozen=True)
class EventCluster:
    """Events from many documents that describe one real-world event, and who really reports it.

    ``origins`` are the distinct original reporters of the members that assert the event, after
    copies fold into their original and citing documents into what they cite; members that deny
    it are listed in ``contradictions`` instead.
    """

    id: str
    type: str
    source: tuple[str, ...]
    target: tuple[str, ...]
    date: Mapping[str, str] | None
    location: Mapping[str, Any] | None
    events: tuple[str, ...]
    documents: tuple[str, ...]
    origins: tuple[str, ...]
    independent_sources: int
    contradictions: tuple[Contradiction, ...] = ()
    modalities: Mapping[str, int] = field(default_factory=dict)


@dataclass(frozen=True)
class CorroborationUpdate:
    """What one added document changed, for alerts: ids of families and clusters new or changed."""

    document: str
    duplicate: bool = False
    new_families: tuple[str, ...] = ()
    changed_families: tuple[str, ...] = ()
    new_clusters: tuple[str, ...] = ()
    changed_clusters: tuple[str, ...] = ()


@dataclass(frozen=True)
class ProvenanceNode:
    """One step of "who says so": an event, a claim, a speaker, a cited outlet, a document, an origin."""

    kind: str  # cluster | event | claim | speaker | outlet | document | original | origin
    id: str
    label: str = ""
    detail: Mapping[str, Any] = field(default_factory=dict)
    children: tuple[ProvenanceNode, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "id": self.id,
            "label": self.label,
            "detail": dict(self.detail),
            "children": [c.to_dict() for c in self.children],
        }
