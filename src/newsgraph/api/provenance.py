"""Provenance trees: from an event (or a cluster) to claims, speakers, cited outlets and documents.

The corroborator's tree, when there is one, spans documents. Without clusters, one event's tree
is built from its own document's analysis, so the page still answers "who says so" for it.
Nodes are plain dicts: ``kind``, ``id``, ``label``, ``detail``, ``children``.
"""

from __future__ import annotations

import re
from typing import Any

from newsgraph.api.errors import ApiError
from newsgraph.api.queries import plain
from newsgraph.api.services import cluster_of_event, get_cluster, get_document
from newsgraph.api.state import AppState
from newsgraph.model import Analysis, Event

EVENT_KEY = re.compile(r"^(?P<doc>[0-9a-f]{6,64}):(?P<event>e\d+)$")


def provenance(state: AppState, key: str) -> dict[str, Any]:
    """The tree for an event key (``<docid>:e1``) or a cluster id, and its independent sources."""
    corroborator = state.get_corroborator()
    match = EVENT_KEY.match(key)
    cluster = None
    if corroborator is not None:
        cluster = cluster_of_event(state, key) if match else get_cluster(state, key)
        tree = _from_corroborator(corroborator, key)
        if tree is not None:
            return _result(key, tree, cluster)
    if not match:
        raise ApiError(404, f"no event {key!r}: an event key looks like <document id>:e1")
    analysis = get_document(state, match["doc"])
    tree = local_tree(analysis, match["event"])
    return _result(key, tree, cluster)


def _from_corroborator(corroborator: Any, key: str) -> dict[str, Any] | None:
    try:
        tree = corroborator.provenance(key)
    except (KeyError, LookupError, ValueError):
        return None
    return normalise(tree) if tree is not None else None


def _result(key: str, tree: dict[str, Any], cluster: Any) -> dict[str, Any]:
    origins = _origins(tree)
    independent = getattr(cluster, "independent_sources", None) if cluster is not None else None
    if independent is None and isinstance(cluster, dict):
        independent = cluster.get("independent_sources")
    return {
        "ok": True,
        "key": key,
        "cluster": plain(cluster) if cluster is not None else None,
        "independent_sources": int(independent) if independent is not None else max(len(origins), 1),
        "origins": sorted(origins),
        "tree": tree,
    }


def normalise(node: Any) -> dict[str, Any]:
    """Any tree the corroborator returns (dataclasses with ``to_dict`` or dicts) as plain dicts."""
    if hasattr(node, "to_dict"):
        node = node.to_dict()
    elif not isinstance(node, dict):
        node = plain(node)
    return {
        "kind": str(node.get("kind", "node")),
        "id": str(node.get("id", "")),
        "label": str(node.get("label") or node.get("id", "")),
        "detail": plain(dict(node.get("detail") or {})),
        "children": [normalise(c) for c in node.get("children") or ()],
    }


def _origins(tree: dict[str, Any]) -> set[str]:
    found = {tree["id"]} if tree["kind"] in ("origin", "original") else set()
    for child in tree["children"]:
        found |= _origins(child)
    return found


def _node(node_kind: str, node_id: str, label: str, children: list[dict[str, Any]] | None = None,
          **detail: Any) -> dict[str, Any]:
    return {"kind": node_kind, "id": node_id, "label": label,
            "detail": {k: v for k, v in detail.items() if v not in (None, "", (), [])},
            "children": children or []}


def local_tree(analysis: Analysis, event_id: str) -> dict[str, Any]:
    """One event's provenance inside its own document: claim, speaker, citations, the document."""
    article = analysis.document
    event = next((e for e in analysis.events if e.id == event_id), None)
    if event is None:
        raise ApiError(404, f"document {article.id} has no event {event_id!r}")
    names = {e.id: e.name for e in analysis.entities}
    kinds = {e.id: e.kind for e in analysis.entities}
    claim = next((c for c in analysis.claims if c.id == event.claim), None)
    outlet = article.outlet or "the document's outlet"
    document = _node("document", article.id, article.title or article.id,
                     outlet=article.outlet, published=article.published.value, url=article.url)
    origin_id = event.attributed_to or (claim.speaker if claim else None) or f"outlet:{outlet}"
    origin_label = names.get(origin_id, origin_id.split(":", 1)[-1])
    if claim is None:
        origin = _node("origin", origin_id, origin_label, [document], note="asserted by the article itself")
        return _event_node(event, names, [origin])
    cited = [
        _node("outlet", c.entity or f"outlet:{c.outlet}", c.outlet, marker=c.marker, date=c.date)
        for c in analysis.citations
        if (claim.speaker and c.entity == claim.speaker) or (claim.start <= c.start < claim.end)
    ]
    speaker_id = claim.speaker or f"speaker:{claim.speaker_text or 'unnamed'}"
    speaker = _node("speaker", speaker_id, names.get(speaker_id, claim.speaker_text or "unnamed source"),
                    cited, kind=kinds.get(speaker_id), anonymous=claim.anonymous)
    origin = _node("origin", origin_id, origin_label, [document],
                   note=f"reported in {outlet}" if kinds.get(origin_id) != "outlet" else None)
    claim_node = _node("claim", claim.id, f"{claim.kind.replace('_', ' ')}: {claim.text[:160]}",
                       [speaker, origin], cue=claim.cue, hedge=claim.hedge, text=claim.text)
    return _event_node(event, names, [claim_node])


def _event_node(event: Event, names: dict[str, str], children: list[dict[str, Any]]) -> dict[str, Any]:
    source = ", ".join(names.get(s, s) for s in event.source) or "?"
    target = ", ".join(names.get(t, t) for t in event.target) or "?"
    return _node("event", event.id, f"{event.type}: {source} → {target}", children,
                 modality=event.modality, negated=event.negated or None, trigger=event.trigger,
                 date=event.date.text if event.date else None, confidence=event.confidence)
