"""``Corroborator``: the incremental corroborate stage, one analysis at a time.

Adding a document files it in its near-duplicate family, records the outlets it cites and puts
each of its events into a same-event cluster; nothing already built is recomputed. Origins and
independent-source counts are derived when clusters are read, so late arrivals (a cited report,
an earlier original) are reflected at once.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from newsgraph.corroborate import dates, provenance
from newsgraph.corroborate.citations import cited_outlets
from newsgraph.corroborate.clusters import ClusterState, event_records
from newsgraph.corroborate.records import (
    CorroborationSettings,
    CorroborationUpdate,
    EventCluster,
    Family,
    ProvenanceNode,
)
from newsgraph.corroborate.sources import cluster_sources
from newsgraph.corroborate.state import CorroborationState, DocRecord
from newsgraph.model import Analysis


@dataclass
class Corroborator:
    """Families, clusters and sources across every document added so far."""

    state: CorroborationState

    @classmethod
    def new(cls, settings: CorroborationSettings | None = None) -> Corroborator:
        return cls(CorroborationState(settings or CorroborationSettings()))

    @property
    def settings(self) -> CorroborationSettings:
        return self.state.settings

    def add(self, analysis: Analysis) -> CorroborationUpdate:
        """Add one document; re-adding a known document id changes nothing."""
        state = self.state
        article = analysis.document
        if article.id in state.docs:
            return CorroborationUpdate(document=article.id, duplicate=True)
        outlets = state.outlets
        records = event_records(analysis, self.settings, outlets)
        state.add_doc(
            DocRecord(
                id=article.id,
                seq=len(state.docs),
                outlet=outlets.canonical(article.outlet, article.url),
                outlet_name=article.outlet,
                title=article.title,
                url=article.url,
                published=article.published.value,
                anchor=article.published.value or article.published.not_before,
                cited=tuple(cited_outlets(analysis, outlets)),
                events=tuple(r.key for r in records),
            )
        )
        family_changes = self._file_copy(article.id, article.text)
        new_clusters: dict[str, None] = {}
        changed: dict[str, None] = {}
        for record in records:
            state.events[record.key] = record
            cid, is_new = state.index.add(record)
            (new_clusters if is_new else changed)[cid] = None
        changed.update(dict.fromkeys(self._clusters_affected(article.id, family_changes)))
        new_families, changed_families = family_changes
        return CorroborationUpdate(
            document=article.id,
            new_families=new_families,
            changed_families=changed_families,
            new_clusters=tuple(new_clusters),
            changed_clusters=tuple(c for c in changed if c not in new_clusters),
        )

    def add_many(self, analyses: Iterable[Analysis]) -> list[CorroborationUpdate]:
        return [self.add(a) for a in analyses]

    def _file_copy(self, doc_id: str, text: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
        """File the document in its family; returns (new family ids, changed family ids)."""
        copies = self.state.copies
        sig = copies.signature(text)
        fid, _merged = copies.add(doc_id, sig, earlier=self.state.is_earlier)
        size = len(copies.families[fid].members)
        if size == 1:
            return (), ()
        return ((fid,), ()) if size == 2 else ((), (fid,))

    def _clusters_affected(self, doc_id: str, family_changes: tuple[tuple[str, ...], ...]) -> list[str]:
        """Clusters whose origins may change: those of the family's members and of documents citing this outlet."""
        state = self.state
        docs: list[str] = []
        for fid in (*family_changes[0], *family_changes[1]):
            docs.extend(state.copies.families[fid].members)
        outlet = state.docs[doc_id].outlet
        if outlet:
            docs.extend(state.citers.get(outlet, ()))
        out: dict[str, None] = {}
        for d in docs:
            for key in state.docs[d].events:
                cid = state.index.cluster_of.get(key)
                if cid:
                    out[cid] = None
        return list(out)

    def families(self, *, include_single: bool = False) -> list[Family]:
        """Families of copies (of two or more documents unless ``include_single``), in order first seen."""
        fams = sorted(self.state.copies.families.values(), key=lambda f: f.seq)
        return [
            Family(f.id, f.original, tuple(f.members)) for f in fams if include_single or len(f.members) > 1
        ]

    def family_of(self, doc_id: str) -> Family | None:
        fid = self.state.copies.family_of.get(doc_id)
        if fid is None:
            return None
        f = self.state.copies.families[fid]
        return Family(f.id, f.original, tuple(f.members))

    def clusters(self, *, min_documents: int = 1) -> list[EventCluster]:
        """Every cluster in the order founded (``min_documents`` filters out thinly reported ones)."""
        out = []
        for cluster in self.state.index.clusters.values():
            docs = {self.state.events[k].doc for k in cluster.members}
            if len(docs) >= min_documents:
                out.append(self._view(cluster))
        return out

    def cluster(self, cluster_id: str) -> EventCluster | None:
        cluster = self.state.index.clusters.get(cluster_id)
        return None if cluster is None else self._view(cluster)

    def cluster_of(self, event_key: str) -> EventCluster | None:
        """The cluster of an event, by its key ``<document id>:<event id>``."""
        cid = self.state.index.cluster_of.get(event_key)
        return None if cid is None else self._view(self.state.index.clusters[cid])

    def provenance(self, key: str) -> ProvenanceNode:
        """The provenance tree of an event (by key) or of a whole cluster (by id)."""
        if key in self.state.index.clusters:
            return provenance.cluster_tree(self.state, key)
        if key in self.state.index.cluster_of:
            return provenance.event_tree(self.state, key)
        raise KeyError(f"no event or cluster {key!r}; event keys read '<document id>:<event id>'")

    def to_dict(self) -> dict[str, Any]:
        return self.state.to_dict()

    @classmethod
    def from_dict(cls, data: dict[str, Any], settings: CorroborationSettings | None = None) -> Corroborator:
        return cls(CorroborationState.from_dict(data, settings))

    def _view(self, cluster: ClusterState) -> EventCluster:
        origins, contradictions, modalities = cluster_sources(self.state, cluster)
        documents = tuple(dict.fromkeys(self.state.events[k].doc for k in cluster.members))
        return EventCluster(
            id=cluster.id,
            type=_majority(cluster.types, cluster.type),
            source=tuple(a for a, _ in cluster.sources.most_common()),
            target=tuple(a for a, _ in cluster.targets.most_common()),
            date=None if cluster.date is None else dates.format_span(cluster.date),
            location=_main_location(self.state, cluster),
            events=tuple(cluster.members),
            documents=documents,
            origins=origins,
            independent_sources=len(origins),
            contradictions=contradictions,
            modalities=modalities,
        )


def _majority(counts: Any, default: str) -> str:
    """The most frequent type; ties go to the one seen first (Counter keeps insertion order)."""
    return max(counts, key=lambda t: counts[t], default=default)


def _main_location(state: CorroborationState, cluster: ClusterState) -> dict[str, Any] | None:
    """The place most members name (the first named on a tie)."""
    counts: dict[str, int] = {}
    firsts: dict[str, dict[str, Any]] = {}
    for key in cluster.members:
        loc = state.events[key].location
        if loc is None:
            continue
        name = str(loc.get("entity") or loc.get("name"))
        counts[name] = counts.get(name, 0) + 1
        firsts.setdefault(name, dict(loc))
    if not counts:
        return None
    return firsts[max(counts, key=lambda n: counts[n])]
