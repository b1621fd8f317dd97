"""The provenance tree of an event or cluster: event -> claim -> speaker -> cited outlet -> documents.

It answers "who says so, citing whom": each member event with the document it is in (and the
original that document copies), the claim that carries it, the speaker, the outlet cited and the
known document of that outlet (with its own events, recursively), ending in the resolved origin.
"""

from __future__ import annotations

from dataclasses import replace

from newsgraph.corroborate.citations import is_outlet
from newsgraph.corroborate.records import ProvenanceNode
from newsgraph.corroborate.sources import linked_document, origin_of
from newsgraph.corroborate.state import CorroborationState


def cluster_tree(state: CorroborationState, cid: str) -> ProvenanceNode:
    """A cluster and the provenance of each member event."""
    cluster = state.index.clusters[cid]
    children = tuple(event_tree(state, key) for key in cluster.members)
    return ProvenanceNode("cluster", cid, cluster.type, {"events": len(cluster.members)}, children)


def event_tree(state: CorroborationState, key: str, visited: frozenset[str] = frozenset()) -> ProvenanceNode:
    """One event: its document, its claim and speaker, the cited outlets, and its origin."""
    event = state.events[key]
    cid = state.index.cluster_of[key]
    visited = visited | {event.doc}
    children = [document_node(state, event.doc)]
    speaker = event.attributed_to
    if speaker:
        speaker_node = ProvenanceNode(
            "speaker", speaker, speaker, {}, cited_nodes(state, speaker, key, visited)
        )
        if event.claim:
            claim = event.claim
            children.append(
                ProvenanceNode(
                    "claim", f"{event.doc}:{claim['id']}", claim["text"][:120], dict(claim), (speaker_node,)
                )
            )
        else:
            children.append(speaker_node)
    else:
        for outlet in state.docs[event.doc].cited:
            children.append(
                ProvenanceNode(
                    "outlet", outlet, outlet, {"cited_by": event.doc}, _linked(state, outlet, key, visited)
                )
            )
    children.append(ProvenanceNode("origin", origin_of(state, key, cid), ""))
    detail = {
        "document": event.doc,
        "type": event.type,
        "modality": event.modality,
        "negated": event.negated,
        "trigger": event.trigger,
        "cluster": cid,
    }
    return ProvenanceNode("event", key, event.text[:160], detail, tuple(children))


def document_node(state: CorroborationState, doc_id: str) -> ProvenanceNode:
    """A document, with the original it copies when it is a syndicated or edited copy."""
    doc = state.docs[doc_id]
    original = state.family_original(doc_id)
    children = () if original == doc_id else (replace(document_node(state, original), kind="original"),)
    detail = {"outlet": doc.outlet, "published": doc.published, "url": doc.url}
    return ProvenanceNode("document", doc_id, doc.title or "", detail, children)


def cited_nodes(
    state: CorroborationState, speaker: str, key: str, visited: frozenset[str]
) -> tuple[ProvenanceNode, ...]:
    if not is_outlet(speaker):
        return ()
    return (ProvenanceNode("outlet", speaker, speaker, {}, _linked(state, speaker, key, visited)),)


def _linked(
    state: CorroborationState, outlet: str, key: str, visited: frozenset[str]
) -> tuple[ProvenanceNode, ...]:
    """The known document of a cited outlet, with its events in the same cluster, or nothing (external)."""
    event = state.events[key]
    cid = state.index.cluster_of[key]
    doc = linked_document(state, outlet, event.doc, cid, visited)
    if doc is None:
        return (ProvenanceNode("origin", outlet, "external: no document of this outlet is known"),)
    events = tuple(event_tree(state, k, visited) for k in state.keys_in(doc, cid))
    node = document_node(state, doc)
    return (ProvenanceNode(node.kind, node.id, node.label, node.detail, node.children + events),)
