"""What the routes and pages ask of the store and the corroborator, in one place.

Only Store and Corroborator calls here, never SQL: the store owns its queries. Routes turn these
results into JSON, pages into HTML.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from newsgraph.api.errors import ApiError
from newsgraph.api.queries import ActorQuery, DocumentQuery, EventQuery, event_key
from newsgraph.api.state import NO_CLUSTERS, AppState

# Enough events for a graph or a timeline of one filter without loading a whole corpus.
MAX_OVERVIEW_EVENTS = 5000


def find_documents(state: AppState, query: DocumentQuery) -> tuple[list[Any], int]:
    store = state.get_store()
    filters = query.store_filters()
    rows = store.documents(**filters, limit=query.limit, offset=query.offset)
    return list(rows), int(store.count_documents(**filters))


def find_events(state: AppState, query: EventQuery) -> tuple[list[Any], int]:
    """Events for a query; a ``cluster`` filter keeps the events the cluster names."""
    store = state.get_store()
    filters = query.filters("cluster", "sort")
    if query.cluster is None:
        rows = store.events(**filters, sort=query.sort, limit=query.limit, offset=query.offset)
        return list(rows), int(store.count_events(**filters))
    cluster = get_cluster(state, query.cluster)
    keys = set(_field(cluster, "events") or ())
    matched: list[Any] = []
    for document in _field(cluster, "documents") or ():
        if query.document and not str(document).startswith(query.document):
            continue
        per_doc = {**filters, "document": document}
        matched.extend(r for r in store.events(**per_doc, sort=query.sort, limit=1000) if event_key(r) in keys)
    return matched[query.offset : query.offset + query.limit], len(matched)


def overview_events(state: AppState, query: EventQuery) -> list[Any]:
    """All events of a filter (up to a bound) for the timeline and the graph."""
    rows, _ = find_events(state, query.model_copy(update={"limit": MAX_OVERVIEW_EVENTS, "offset": 0}))
    return rows


def find_actors(state: AppState, query: ActorQuery) -> tuple[list[Any], int]:
    store = state.get_store()
    filters = query.filters()
    rows = list(store.actors(**filters, limit=query.limit, offset=query.offset))
    counter = getattr(store, "count_actors", None)
    total = int(counter(**filters)) if counter else query.offset + len(rows) + (1 if len(rows) == query.limit else 0)
    return rows, total


def actor_detail(state: AppState, actor_id: str, *, limit: int = 100, granularity: str = "month",
                 events_out: list[Any] | None = None) -> dict[str, Any]:
    """An actor with its events as source and as target and a timeline of counts.

    ``events_out``, when given, receives every event of the actor (up to MAX_OVERVIEW_EVENTS, by
    date): what ``overview_events(EventQuery(actor=actor_id))`` returns, without a second query.
    """
    store = state.get_store()
    actor = store.actor(actor_id)
    if actor is None:
        raise ApiError(404, f"no actor {actor_id!r}: /api/actors lists them")
    as_source = list(store.events(actor=actor_id, role="source", sort="date", limit=limit))
    as_target = list(store.events(actor=actor_id, role="target", sort="date", limit=limit))
    every = list(store.events(actor=actor_id, sort="date", limit=MAX_OVERVIEW_EVENTS))
    if events_out is not None:
        events_out.extend(every)
    return {
        "actor": actor,
        "as_source": as_source,
        "as_target": as_target,
        "n_as_source": int(store.count_events(actor=actor_id, role="source")),
        "n_as_target": int(store.count_events(actor=actor_id, role="target")),
        "timeline": timeline_counts(every, granularity),
    }


def timeline_counts(rows: list[Any], granularity: str = "month") -> list[dict[str, Any]]:
    """Event counts per month (or day); year-less dates keep their ``--MM`` form, undated ``null``."""
    width = {"month": 7, "day": 10}[granularity]
    counts: Counter[str | None] = Counter()
    for row in rows:
        start = getattr(row, "date_start", None)
        if not start:
            counts[None] += 1
        elif start.startswith("--"):
            counts[start[: width - 2]] += 1
        else:
            counts[start[:width]] += 1
    dated = sorted((k, v) for k, v in counts.items() if k and not k.startswith("--"))
    yearless = sorted((k, v) for k, v in counts.items() if k and k.startswith("--"))
    out = [{"period": k, "count": v, "year_known": True} for k, v in dated]
    out += [{"period": k, "count": v, "year_known": False} for k, v in yearless]
    if counts[None]:
        out.append({"period": None, "count": counts[None], "year_known": False})
    return out


def search(state: AppState, q: str, limit: int = 10) -> dict[str, Any]:
    store = state.get_store()
    return {
        "documents": list(store.documents(text=q, limit=limit)),
        "actors": list(store.actors(text=q, limit=limit)),
        "events": list(store.events(text=q, limit=limit)),
    }


def get_document(state: AppState, doc_id: str) -> Any:
    analysis = state.get_store().get(doc_id)
    if analysis is None:
        raise ApiError(404, f"no document {doc_id!r}: /api/documents lists them")
    return analysis


# Clusters: whatever newsgraph.corroborate offers, or a clear "not yet".


def list_clusters(state: AppState, limit: int, offset: int) -> tuple[list[Any], int, str | None]:
    corroborator = state.get_corroborator()
    if corroborator is None:
        return [], 0, NO_CLUSTERS
    clusters = state.get_clusters()
    if not clusters:
        return [], 0, NO_CLUSTERS
    return clusters[offset : offset + limit], len(clusters), None


def get_cluster(state: AppState, cluster_id: str) -> Any:
    corroborator = state.get_corroborator()
    if corroborator is None:
        raise ApiError(404, NO_CLUSTERS)
    getter = getattr(corroborator, "cluster", None)
    cluster = getter(cluster_id) if getter else None
    if cluster is None:
        cluster = next((c for c in state.get_clusters() if _field(c, "id") == cluster_id), None)
    if cluster is None:
        raise ApiError(404, f"no cluster {cluster_id!r}: /api/clusters lists them")
    return cluster


def cluster_of_event(state: AppState, key: str) -> Any | None:
    corroborator = state.get_corroborator()
    if corroborator is None or not hasattr(corroborator, "cluster_of"):
        return None
    try:
        return corroborator.cluster_of(key)
    except (KeyError, LookupError):
        return None


def _field(obj: Any, name: str) -> Any:
    return obj.get(name) if isinstance(obj, dict) else getattr(obj, name, None)
