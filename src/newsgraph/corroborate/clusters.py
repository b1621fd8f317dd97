"""Same-event clusters: events from many documents that describe one real-world event.

An event joins the best compatible cluster or founds a new one. Compatible means: PLOVER types
equal or listed as compatible, at least one shared actor, intervals that overlap (within a
tolerance), and places that can be the same. Candidates come from blocking keys (type group, actor,
time bucket), so each event is compared with a handful of clusters and cost grows about linearly.
Clusters never merge and their ids come from their first member, so ids are stable and the same
input order always gives the same clusters.

Actors: ids are compared as they are, and an actor with a known country (``country:RUS``, a person
or group whose entity has ``country: RUS``, or a ``group:rus-...`` id) also counts as that country,
so "Russia" and "the Russian defence ministry" share an actor (setting ``country_actors``).
"""

from __future__ import annotations

import hashlib
import math
import re
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from newsgraph.corroborate import dates
from newsgraph.corroborate.citations import outlet_id
from newsgraph.corroborate.dates import Span
from newsgraph.corroborate.outlets import OutletIndex
from newsgraph.corroborate.records import CorroborationSettings
from newsgraph.model import Analysis, Entity, Event

BUCKET_DAYS = 30
_TOKEN = re.compile(r"[^\W\d_]{4,}", re.UNICODE)
_GROUP_COUNTRY = re.compile(r"^group:([a-z]{3})(?:-|$)")


@dataclass(frozen=True)
class EventRecord:
    """What clustering and source counting need of one event, kept in the saved state."""

    key: str
    doc: str
    type: str
    source: tuple[str, ...]
    target: tuple[str, ...]
    actors: tuple[str, ...]  # actor ids and the country ids they stand for
    date_start: str | None
    date_end: str | None
    anchor: str | None  # the document's date (published, else not_before)
    location: Mapping[str, Any] | None
    modality: str
    negated: bool
    attributed_to: str | None
    claim: Mapping[str, Any] | None
    trigger: str
    text: str

    @cached_property
    def date(self) -> Span | None:
        return dates.parse_span(self.date_start, self.date_end)

    @property
    def opposing(self) -> bool:
        """Denied or negated (a negated denial affirms)."""
        return (self.modality == "denied") != self.negated


def event_key(doc_id: str, event_id: str) -> str:
    return f"{doc_id}:{event_id}"


def cluster_id(first_key: str) -> str:
    return "k" + hashlib.sha256(first_key.encode("utf-8")).hexdigest()[:12]


def event_records(
    analysis: Analysis, settings: CorroborationSettings, outlets: OutletIndex | None = None
) -> list[EventRecord]:
    """The analysis's events as records, with actor countries and sentence text resolved.

    With an outlet index, a source that names an outlet becomes its gazetteer id, and an event
    the document tells on its own account (no source, or its own outlet) is attributed to the
    outlet a citation in the same sentence names ("..., as AFP 1 reported").
    """
    doc = analysis.document
    entities = {e.id: e for e in analysis.entities}
    claims = {c.id: c for c in analysis.claims}
    sentences = {s.index: s for s in analysis.sentences}
    anchor = doc.published.value or doc.published.not_before
    own = outlets.canonical(doc.outlet, doc.url) if outlets else None
    out = []
    for event in analysis.events:
        claim = claims.get(event.claim) if event.claim else None
        sent = sentences.get(event.sentence)
        text = (
            doc.text[sent.start : sent.end] if sent else doc.text[max(0, event.start - 150) : event.end + 150]
        )
        attributed = event.attributed_to or (claim.speaker if claim else None)
        if outlets is not None:
            # the pipeline credits what a document tells on its own account to its masthead's slug
            attributed = own if attributed == outlet_id(doc.outlet) else outlets.source(attributed)
            if (attributed is None or attributed == own) and sent is not None:
                attributed = _cited_in(analysis, sent.start, sent.end, outlets, own) or attributed
        out.append(
            EventRecord(
                key=event_key(doc.id, event.id),
                doc=doc.id,
                type=event.type,
                source=tuple(event.source),
                target=tuple(event.target),
                actors=actor_keys((*event.source, *event.target), entities, settings.country_actors),
                date_start=event.date.start if event.date else None,
                date_end=event.date.end if event.date else None,
                anchor=anchor,
                location=_location(event),
                modality=event.modality,
                negated=event.negated,
                attributed_to=attributed,
                claim=None
                if claim is None
                else {
                    "id": claim.id,
                    "kind": claim.kind,
                    "speaker": claim.speaker,
                    "speaker_text": claim.speaker_text,
                    "hedge": claim.hedge,
                    "anonymous": claim.anonymous,
                    "text": claim.text[:300],
                },
                trigger=event.trigger,
                text=text[:500],
            )
        )
    return out


def _cited_in(analysis: Analysis, start: int, end: int, outlets: OutletIndex, own: str | None) -> str | None:
    """The first outlet other than ``own`` that a citation between ``start`` and ``end`` names."""
    for citation in (*analysis.citations, *analysis.document.citations):
        if start <= citation.start < end:
            cited = outlets.canonical(citation.entity or citation.outlet)
            if cited and cited != own:
                return cited
    return None


def actor_keys(ids: Iterable[str], entities: Mapping[str, Entity], countries: bool) -> tuple[str, ...]:
    """Actor ids plus, when ``countries``, the ``country:XXX`` id each actor belongs to."""
    keys: dict[str, None] = {}
    for actor in ids:
        keys[actor] = None
        if not countries:
            continue
        code = entities[actor].country if actor in entities else None
        if code is None:
            m = _GROUP_COUNTRY.match(actor)
            code = m[1] if m else None
        if code and not actor.startswith("country:"):
            keys[f"country:{code.upper()}"] = None
    return tuple(keys)


def _location(event: Event) -> dict[str, Any] | None:
    loc = event.location
    if loc is None:
        return None
    return {"name": loc.name, "entity": loc.entity, "country": loc.country, "lat": loc.lat, "lon": loc.lon}


def tokens(text: str) -> set[str]:
    return set(_TOKEN.findall(text.lower()))


@dataclass
class ClusterState:
    """A cluster while it grows: its members and what new events are compared with."""

    id: str
    seq: int
    members: list[str]
    type: str  # the founder's type: what compatibility is checked against
    types: Counter[str] = field(default_factory=Counter)
    sources: Counter[str] = field(default_factory=Counter)
    targets: Counter[str] = field(default_factory=Counter)
    actors: Counter[str] = field(default_factory=Counter)
    match: Span | None = None  # the interval members share, undated members included
    date: Span | None = None  # the interval dated members share: what is reported
    anchors: tuple[int, int] | None = None  # earliest and latest yeared document date
    locations: list[Mapping[str, Any]] = field(default_factory=list)
    words: set[str] = field(default_factory=set)
    buckets: set[str] = field(default_factory=set)


@dataclass
class ClusterIndex:
    """The clusters, which cluster each event is in, and the blocking index that finds candidates."""

    settings: CorroborationSettings
    clusters: dict[str, ClusterState] = field(default_factory=dict)
    cluster_of: dict[str, str] = field(default_factory=dict)
    blocks: dict[tuple[str, str], dict[str, list[str]]] = field(default_factory=dict)
    groups: dict[str, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.groups = type_groups(self.settings.compatible_types)
        self._compatible = {frozenset(p) for p in self.settings.compatible_types}

    def add(self, event: EventRecord) -> tuple[str, bool]:
        """Put an event into its cluster; returns (cluster id, whether the cluster is new)."""
        match = self.match_span(event)
        best: tuple[float, int, str] | None = None
        for cid in self.candidates(event, match):
            cluster = self.clusters[cid]
            if not self.is_compatible(event, match, cluster):
                continue
            score = self.score(event, cluster)
            if best is None or (-score, cluster.seq) < (-best[0], best[1]):
                best = (score, cluster.seq, cid)
        if best is None:
            cluster = ClusterState(cluster_id(event.key), len(self.clusters), [], event.type)
            self.clusters[cluster.id] = cluster
            self.grow(cluster, event, match)
            return cluster.id, True
        self.grow(self.clusters[best[2]], event, match)
        return best[2], False

    def match_span(self, event: EventRecord) -> Span | None:
        """The event's interval; an undated event happened shortly before its document's date."""
        span = event.date
        if span is not None:
            return span
        anchor = dates.day(event.anchor)
        return None if anchor is None else dates.before(anchor, self.settings.undated_window_days)

    def candidates(self, event: EventRecord, match: Span | None) -> list[str]:
        group = self.groups.get(event.type, event.type)
        wanted = (
            None
            if match is None
            else dates.query_buckets(match, BUCKET_DAYS, self.settings.date_tolerance_days)
        )
        found: set[str] = set()
        for actor in event.actors:
            block = self.blocks.get((group, actor))
            if not block:
                continue
            for bucket in block if wanted is None else wanted:
                found.update(block.get(bucket, ()))
        return sorted(found, key=lambda cid: self.clusters[cid].seq)

    def is_compatible(self, event: EventRecord, match: Span | None, cluster: ClusterState) -> bool:
        if event.type != cluster.type and frozenset((event.type, cluster.type)) not in self._compatible:
            return False
        if not any(a in cluster.actors for a in event.actors):
            return False
        if match is not None and cluster.match is not None:
            if not dates.overlaps(match, cluster.match, self.settings.date_tolerance_days):
                return False
            if (match.kind == "md" or cluster.match.kind == "md") and not self._anchors_close(event, cluster):
                return False
        return all(is_same_place(event.location, loc, self.settings.place_km) for loc in cluster.locations)

    def _anchors_close(self, event: EventRecord, cluster: ClusterState) -> bool:
        """Year-less dates match only between documents published within a few months."""
        anchor = dates.day(event.anchor)
        if anchor is None or anchor.kind != "y" or cluster.anchors is None:
            return True  # nothing to compare: the year-less dates alone decide
        window = self.settings.yearless_window_days
        return cluster.anchors[0] - window <= anchor.start <= cluster.anchors[1] + window

    def score(self, event: EventRecord, cluster: ClusterState) -> float:
        """Exact type, then actor overlap, then sentence similarity: the best of compatible clusters."""
        actors = set(event.actors)
        shared = len(actors & cluster.actors.keys())
        actor_sim = shared / len(actors | cluster.actors.keys())
        words = tokens(event.text)
        text_sim = len(words & cluster.words) / len(words | cluster.words) if words or cluster.words else 0.0
        return (1.0 if event.type == cluster.type else 0.0) + actor_sim + 0.5 * text_sim

    def grow(self, cluster: ClusterState, event: EventRecord, match: Span | None) -> None:
        """Add an event to a cluster and file the cluster under any new blocking keys."""
        cluster.members.append(event.key)
        self.cluster_of[event.key] = cluster.id
        cluster.types[event.type] += 1
        cluster.sources.update(event.source)
        cluster.targets.update(event.target)
        new_actors = [a for a in event.actors if a not in cluster.actors]
        cluster.actors.update(event.actors)
        if match is not None:
            cluster.match = match if cluster.match is None else dates.shared(cluster.match, match)
        span = event.date
        if span is not None:
            cluster.date = span if cluster.date is None else dates.shared(cluster.date, span)
        anchor = dates.day(event.anchor)
        if anchor is not None and anchor.kind == "y":
            lo, hi = cluster.anchors or (anchor.start, anchor.start)
            cluster.anchors = (min(lo, anchor.start), max(hi, anchor.start))
        if event.location is not None and event.location not in cluster.locations:
            cluster.locations.append(event.location)
        if len(cluster.words) < self.settings.max_cluster_tokens:
            cluster.words |= tokens(event.text)
        buckets = set(dates.buckets(match, BUCKET_DAYS)) if match is not None else {"*"}
        new_buckets = buckets - cluster.buckets
        cluster.buckets |= new_buckets
        group = self.groups.get(cluster.type, cluster.type)
        for actor in cluster.actors:
            todo = cluster.buckets if actor in new_actors else new_buckets
            block = self.blocks.setdefault((group, actor), {})
            for bucket in sorted(todo):
                block.setdefault(bucket, []).append(cluster.id)

    def file(self, cluster: ClusterState) -> None:
        """File a restored cluster under all its blocking keys."""
        group = self.groups.get(cluster.type, cluster.type)
        for actor in cluster.actors:
            block = self.blocks.setdefault((group, actor), {})
            for bucket in sorted(cluster.buckets):
                block.setdefault(bucket, []).append(cluster.id)


def type_groups(pairs: Iterable[tuple[str, str]]) -> dict[str, str]:
    """Each type's blocking group: compatible types share one (the alphabetically first of them)."""
    parent: dict[str, str] = {}

    def find(x: str) -> str:
        while parent.setdefault(x, x) != x:
            x = parent[x]
        return x

    for a, b in pairs:
        ra, rb = find(a), find(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)
    return {t: find(t) for t in parent}


def is_same_place(a: Mapping[str, Any] | None, b: Mapping[str, Any] | None, max_km: float) -> bool:
    """Whether two event locations can be one place: unknown, same entity, near, or same country."""
    if a is None or b is None:
        return True
    if a.get("entity") and a.get("entity") == b.get("entity"):
        return True
    if None not in (a.get("lat"), a.get("lon"), b.get("lat"), b.get("lon")):
        return haversine_km(a["lat"], a["lon"], b["lat"], b["lon"]) <= max_km
    if a.get("country") and b.get("country"):
        return bool(a["country"] == b["country"])
    return True


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(min(1.0, h)))
