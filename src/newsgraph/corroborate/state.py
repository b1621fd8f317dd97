"""The incremental state of the corroborate stage and its JSON form.

Everything needed to go on adding documents after a restart: per document its outlet, dates,
citations and MinHash signature; per event what clustering and source counting read; families;
clusters. The LSH and the blocking index are rebuilt from these on load, never saved.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import asdict, dataclass, field
from typing import Any

from newsgraph.corroborate import dates
from newsgraph.corroborate.clusters import ClusterIndex, ClusterState, EventRecord
from newsgraph.corroborate.copies import CopyIndex, FamilyState
from newsgraph.corroborate.dates import Span
from newsgraph.corroborate.outlets import OutletIndex, load_outlet_index
from newsgraph.corroborate.records import CorroborationSettings

STATE_SCHEMA = "newsgraph.corroboration/1"


@dataclass(frozen=True)
class DocRecord:
    """What is kept of a document: enough to fold copies and citations, not its text."""

    id: str
    seq: int
    outlet: str | None  # outlet entity id
    outlet_name: str | None
    title: str | None
    url: str | None
    published: str | None
    anchor: str | None  # published, else not_before
    cited: tuple[str, ...]  # outlet ids the document cites
    events: tuple[str, ...]  # event keys


@dataclass
class CorroborationState:
    """Documents, events, families and clusters, with the indexes that find them."""

    settings: CorroborationSettings
    docs: dict[str, DocRecord] = field(default_factory=dict)
    events: dict[str, EventRecord] = field(default_factory=dict)
    copies: CopyIndex = field(init=False)
    index: ClusterIndex = field(init=False)
    by_outlet: dict[str, list[str]] = field(default_factory=dict)  # outlet id -> its documents
    citers: dict[str, list[str]] = field(default_factory=dict)  # outlet id -> documents citing it

    def __post_init__(self) -> None:
        self.copies = CopyIndex(self.settings)
        self.index = ClusterIndex(self.settings)

    @property
    def outlets(self) -> OutletIndex:
        return load_outlet_index(self.settings.data_dir or None)

    def add_doc(self, doc: DocRecord) -> None:
        self.docs[doc.id] = doc
        if doc.outlet:
            self.by_outlet.setdefault(doc.outlet, []).append(doc.id)
        for outlet in doc.cited:
            self.citers.setdefault(outlet, []).append(doc.id)

    def is_earlier(self, a: str, b: str) -> bool:
        """Whether document ``a`` was published before ``b``; False when either date is unknown.

        On the same date a news agency's document comes first: syndication flows from agencies.
        """
        da, db = dates.day(self.docs[a].anchor), dates.day(self.docs[b].anchor)
        if da is None or db is None or da.kind != "y" or db.kind != "y":
            return False
        ka, kb = (da.start, self.docs[a].anchor or ""), (db.start, self.docs[b].anchor or "")
        if ka != kb:
            return ka < kb
        return self.outlets.is_agency(self.docs[a].outlet) and not self.outlets.is_agency(self.docs[b].outlet)

    def family_original(self, doc_id: str) -> str:
        return self.copies.families[self.copies.family_of[doc_id]].original

    def keys_in(self, doc_id: str, cid: str) -> list[str]:
        """The document's events that are members of cluster ``cid``."""
        return [k for k in self.docs[doc_id].events if self.index.cluster_of.get(k) == cid]

    def to_dict(self) -> dict[str, Any]:
        """The state as JSON-serialisable data (signatures as integer lists)."""
        sigs = self.copies.signatures
        return {
            "schema": STATE_SCHEMA,
            "settings": asdict(self.settings),
            "documents": [
                {**asdict(d), "signature": sigs[d.id].hashvalues.tolist() if d.id in sigs else None}
                for d in self.docs.values()
            ],
            "events": [asdict(e) for e in self.events.values()],
            "families": [asdict(f) for f in self.copies.families.values()],
            "clusters": [_cluster_to_dict(c) for c in self.index.clusters.values()],
        }

    @classmethod
    def from_dict(
        cls, data: dict[str, Any], settings: CorroborationSettings | None = None
    ) -> CorroborationState:
        """Read saved state back, rebuilding the LSH from signatures and the blocks from clusters."""
        if data.get("schema") != STATE_SCHEMA:
            raise ValueError(f"not a corroboration state ({data.get('schema')!r}); expected {STATE_SCHEMA}")
        settings = settings or CorroborationSettings.from_mapping(data.get("settings", {}))
        state = cls(settings)
        families = [
            FamilyState(f["id"], list(f["members"]), f["original"], f["seq"]) for f in data["families"]
        ]
        family_of = {m: f.id for f in families for m in f.members}
        state.copies.families = {f.id: f for f in families}
        for d in data["documents"]:
            doc = DocRecord(**{k: v for k, v in d.items() if k != "signature"})
            doc = DocRecord(**{**asdict(doc), "cited": tuple(doc.cited), "events": tuple(doc.events)})
            state.add_doc(doc)
            state.copies.restore(doc.id, d.get("signature"), family_of[doc.id])
        for e in data["events"]:
            e = {
                **e,
                "source": tuple(e["source"]),
                "target": tuple(e["target"]),
                "actors": tuple(e["actors"]),
            }
            state.events[e["key"]] = EventRecord(**e)
        for c in data["clusters"]:
            cluster = _cluster_from_dict(c)
            state.index.clusters[cluster.id] = cluster
            for key in cluster.members:
                state.index.cluster_of[key] = cluster.id
            state.index.file(cluster)
        return state


def _span_to_list(span: Span | None) -> list[Any] | None:
    return None if span is None else [span.kind, span.start, span.end]


def _span_from_list(data: list[Any] | None) -> Span | None:
    return None if data is None else Span(str(data[0]), int(data[1]), int(data[2]))


def _cluster_to_dict(c: ClusterState) -> dict[str, Any]:
    return {
        "id": c.id, "seq": c.seq, "members": c.members, "type": c.type,
        "types": dict(c.types), "sources": dict(c.sources), "targets": dict(c.targets),
        "actors": dict(c.actors), "match": _span_to_list(c.match), "date": _span_to_list(c.date),
        "anchors": list(c.anchors) if c.anchors else None, "locations": [dict(x) for x in c.locations],
        "words": sorted(c.words), "buckets": sorted(c.buckets),
    }  # fmt: skip


def _cluster_from_dict(d: dict[str, Any]) -> ClusterState:
    return ClusterState(
        id=d["id"], seq=d["seq"], members=list(d["members"]), type=d["type"],
        types=Counter(d["types"]), sources=Counter(d["sources"]), targets=Counter(d["targets"]),
        actors=Counter(d["actors"]), match=_span_from_list(d["match"]), date=_span_from_list(d["date"]),
        anchors=(int(d["anchors"][0]), int(d["anchors"][1])) if d["anchors"] else None,
        locations=list(d["locations"]), words=set(d["words"]), buckets=set(d["buckets"]),
    )  # fmt: skip


__all__ = ["CorroborationState", "DocRecord"]
