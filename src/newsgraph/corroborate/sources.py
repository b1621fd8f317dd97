"""Origins and independent sources: who really reports each event of a cluster.

A member event's origin is, in order:
1. for a copy, the origin of its family original's events in the cluster (a copy repeats its
   original, whatever its credit line or byline was taken for);
2. the source it is attributed to (its claim's speaker) when that is not the document's own
   outlet: a person or a ministry is the origin; an outlet leads to the origin of that outlet's
   known document about the same matter (it has events in the cluster, or enough shared text),
   else to the outlet itself;
3. for a document citing an outlet whose known document is in the cluster, that document's origin;
4. for a document telling the event on its own account while another of its events in the cluster
   is attributed to an outlet (an opinion piece restating what it cites), that event's origin;
5. else the outlet of the document's family original (its id when it has no outlet).

Origins are computed when asked, so a document that arrives later (the cited report, an earlier
original) changes the counts of clusters already built, without rebuilding them.
"""

from __future__ import annotations

from collections import Counter

from newsgraph.corroborate.citations import is_outlet
from newsgraph.corroborate.clusters import ClusterState
from newsgraph.corroborate.copies import similarity
from newsgraph.corroborate.records import Contradiction
from newsgraph.corroborate.state import CorroborationState


def origin_of(state: CorroborationState, key: str, cid: str, visited: frozenset[str] = frozenset()) -> str:
    """The original reporter of event ``key`` within cluster ``cid``."""
    event = state.events[key]
    doc = event.doc
    visited = visited | {doc}
    original = state.family_original(doc)
    if original != doc and original not in visited and state.keys_in(original, cid):
        return document_origin(state, original, cid, visited)
    own = state.docs[doc].outlet
    source = event.attributed_to
    if source and source != own:
        return attributed_origin(state, source, doc, cid, visited)
    for outlet in state.docs[doc].cited:
        for other in state.by_outlet.get(outlet, ()):
            if other not in visited and state.keys_in(other, cid):
                return document_origin(state, other, cid, visited)
    for sibling in state.keys_in(doc, cid):
        cited = state.events[sibling].attributed_to
        if sibling != key and is_outlet(cited) and cited != own:
            return attributed_origin(state, str(cited), doc, cid, visited)
    return family_origin(state, doc)


def attributed_origin(
    state: CorroborationState, source: str, doc: str, cid: str, visited: frozenset[str]
) -> str:
    """A person or body is its own origin; an outlet leads to its known document about the matter."""
    if not is_outlet(source):
        return source
    linked = linked_document(state, source, doc, cid, visited)
    return source if linked is None else document_origin(state, linked, cid, visited)


def family_origin(state: CorroborationState, doc: str) -> str:
    """The outlet of the document's family original, or the original's id when it has no outlet."""
    original = state.family_original(doc)
    return state.docs[original].outlet or original


def document_origin(state: CorroborationState, doc: str, cid: str, visited: frozenset[str]) -> str:
    """Where a cited or copied document got the event from: its own first event in the cluster."""
    keys = state.keys_in(doc, cid)
    if not keys:
        return family_origin(state, doc)
    return origin_of(state, keys[0], cid, visited)


def linked_document(
    state: CorroborationState, outlet: str, citing: str, cid: str, visited: frozenset[str] = frozenset()
) -> str | None:
    """The known document of ``outlet`` that ``citing`` draws on: one in the cluster, else a similar one."""
    docs = [d for d in state.by_outlet.get(outlet, ()) if d not in visited and d != citing]
    for d in docs:
        if state.keys_in(d, cid):
            return d
    sig = state.copies.signatures.get(citing)
    for d in docs:
        if similarity(sig, state.copies.signatures.get(d)) >= state.settings.link_threshold:
            return d
    return None


def cluster_sources(
    state: CorroborationState, cluster: ClusterState
) -> tuple[tuple[str, ...], tuple[Contradiction, ...], dict[str, int]]:
    """(origins of the members that assert the event, the denials if some also assert, modality counts).

    A denial does not corroborate, so it is not counted as a source; when every member denies,
    the deniers are the origins.
    """
    affirm: dict[str, None] = {}
    oppose: list[Contradiction] = []
    modalities: Counter[str] = Counter()
    for key in cluster.members:
        event = state.events[key]
        modalities[event.modality] += 1
        if event.negated:
            modalities["negated"] += 1
        origin = origin_of(state, key, cluster.id)
        if event.opposing:
            oppose.append(Contradiction(key, event.doc, origin, event.modality, event.negated))
        else:
            affirm.setdefault(origin, None)
    if not affirm:
        return tuple(dict.fromkeys(c.origin for c in oppose)), (), dict(modalities)
    return tuple(affirm), tuple(oppose), dict(modalities)
