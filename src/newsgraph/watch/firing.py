"""Which alerts a document fires: its matching events, and the changes it made to clusters.

Subjects name what an alert fires about, so the fired table's (alert, subject) key makes each
fire once: ``event:<event key>``; ``<cluster>:sources:<n>`` (a new independent source brought
the cluster to n); ``<cluster>:denial:<event key>``; ``<cluster>:min-sources:<N>``. ``memory``
holds each cluster's independent-source count as last seen, so "a new source joined" compares
with the count before this document, not with zero.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from newsgraph.corroborate import CorroborationUpdate, Corroborator, EventCluster
from newsgraph.store.rows import EventRow
from newsgraph.watch import payload
from newsgraph.watch.filters import AlertFilter, matching_events, place_matches
from newsgraph.watch.records import Firing, SavedAlert


@dataclass
class Matcher:
    """Event-filter answers cached per (alert, document): a document's events never change."""

    store: Any
    cache: dict[tuple[str, str], list[EventRow]] = field(default_factory=dict)

    def events(self, alert: SavedAlert, documents: Iterable[str]) -> list[EventRow]:
        out: list[EventRow] = []
        for doc in dict.fromkeys(documents):
            key = (alert.name, doc)
            if key not in self.cache:
                self.cache[key] = matching_events(self.store, alert.filter, [doc])
            out.extend(self.cache[key])
        return out


def fire_for_document(store: Any, corroborator: Corroborator, update: CorroborationUpdate, *,
                      alerts: Sequence[SavedAlert], ingested_at: str, memory: dict[str, int]) -> list[Firing]:  # fmt: skip
    """The firings of one newly corroborated document; updates ``memory`` for the clusters it touched."""
    doc = update.document
    live = [a for a in alerts if a.created <= ingested_at]  # an alert fires on what arrives after it
    matcher = Matcher(store)
    firings: list[Firing] = []
    for alert in (a for a in live if not a.filter.on_clusters):
        for row in matcher.events(alert, [doc]):
            firings.append(_event_firing(alert, row, corroborator))
    for cid in (*update.new_clusters, *update.changed_clusters):
        cluster = corroborator.cluster(cid)
        if cluster is None:
            continue
        before = memory.get(cid, 0)
        memory[cid] = cluster.independent_sources
        state = corroborator.state
        denials = [k for k in state.keys_in(doc, cid) if state.events[k].opposing] if doc in state.docs else []
        for alert in (a for a in live if a.filter.on_clusters):
            changes = cluster_changes(alert.filter, cluster, before, denials)
            if not changes:
                continue
            matched = [r for r in matcher.events(alert, cluster.documents) if r.key in set(cluster.events)]
            if matched:
                firings.extend(_cluster_firing(alert, kind, subject, cluster, doc, matched, corroborator)
                               for kind, subject in changes)  # fmt: skip
    return firings


def cluster_changes(flt: AlertFilter, cluster: EventCluster, before: int | None,
                    denials: Sequence[str]) -> list[tuple[str, str]]:  # fmt: skip
    """(kind, subject) of each change of ``cluster`` the filter fires on.

    ``before`` is the independent-source count before the change; None means "judge the cluster
    as it is" (``alerts test``), when every denial and the current count count as changes.
    """
    after = cluster.independent_sources
    gate = flt.min_sources or 0
    cid = cluster.id
    out: list[tuple[str, str]] = []
    if flt.new_source and after >= max(2, gate) and (before is None or after > before):
        out.append(("new-source", f"{cid}:sources:{after}"))
    if flt.denial and after >= gate:
        out.extend(("denial", f"{cid}:denial:{key}") for key in denials)
    if not flt.new_source and not flt.denial and after >= gate and (before is None or before < gate):
        out.append(("min-sources", f"{cid}:min-sources:{gate}"))
    return out


def fire_on_store(store: Any, corroborator: Corroborator | None, alert: SavedAlert, *, limit: int) -> list[Firing]:
    """What ``alert`` would fire on the whole store as it is now (``alerts test``)."""
    matcher = Matcher(store)
    if not alert.filter.on_clusters:
        rows = store.events(**alert.filter.event_query(), limit=limit if alert.filter.place is None else 100_000)
        rows = [r for r in rows if place_matches(alert.filter.place, r)][:limit]
        return [_event_firing(alert, r, corroborator) for r in rows]
    if corroborator is None:
        return []
    out: list[Firing] = []
    for cluster in corroborator.clusters():
        opposing = [k for k in cluster.events if corroborator.state.events[k].opposing]
        changes = cluster_changes(alert.filter, cluster, None, opposing)
        if not changes:
            continue
        matched = [r for r in matcher.events(alert, cluster.documents) if r.key in set(cluster.events)]
        if not matched:
            continue
        for kind, subject in changes:
            out.append(_cluster_firing(alert, kind, subject, cluster, matched[-1].document, matched, corroborator))
            if len(out) >= limit:
                return out
    return out


def _event_firing(alert: SavedAlert, row: EventRow, corroborator: Corroborator | None) -> Firing:
    subject = f"event:{row.key}"
    summary = payload.event_summary(row)
    cluster = corroborator.cluster_of(row.key) if corroborator else None
    body = payload.build(
        alert=alert.name, filter=alert.filter.to_dict(), subject=subject, kind="event", summary=summary,
        document=payload.document_dict(corroborator, row.document) if corroborator else {"id": row.document},
        event=payload.event_dict(row), cluster=payload.cluster_dict(cluster) if cluster else None,
        provenance=payload.provenance_dict(corroborator, row.key) if corroborator else None,
    )
    return Firing(alert.name, subject, "event", summary, body)


def _cluster_firing(alert: SavedAlert, kind: str, subject: str, cluster: EventCluster, doc: str,
                    matched: list[EventRow], corroborator: Corroborator) -> Firing:  # fmt: skip
    summary = payload.cluster_summary(kind, cluster)
    own = [r for r in matched if r.document == doc]
    body = payload.build(
        alert=alert.name, filter=alert.filter.to_dict(), subject=subject, kind=kind, summary=summary,
        document=payload.document_dict(corroborator, doc), event=payload.event_dict((own or matched)[0]),
        cluster=payload.cluster_dict(cluster), provenance=payload.provenance_dict(corroborator, cluster.id),
    )
    return Firing(alert.name, subject, kind, summary, body)
