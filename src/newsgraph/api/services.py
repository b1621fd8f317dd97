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
from newsgraph.store.aggregates import (
    ActorLinks,
    TypeDateCounts,
    actor_links_of_rows,
    type_date_counts_of_rows,
)

# The graph links the first this many events of a filter, in its sort order: plenty to draw, and a
# bound on the page's size. The timeline and the actor page count every event (the store counts).
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
    matched = _cluster_events(state, query)
    return matched[query.offset : query.offset + query.limit], len(matched)


def _cluster_events(state: AppState, query: EventQuery) -> list[Any]:
    """Every event of ``query.cluster`` matching the other filters, document by document, each sorted."""
    store = state.get_store()
    filters = query.filters("cluster", "sort")
    cluster = get_cluster(state, str(query.cluster))
    keys = set(_field(cluster, "events") or ())
    matched: list[Any] = []
    for document in _field(cluster, "documents") or ():
        if query.document and not str(document).startswith(query.document):
            continue
        per_doc = {**filters, "document": document}
        matched.extend(r for r in store.events(**per_doc, sort=query.sort, limit=1000) if event_key(r) in keys)
    return matched


def overview_counts(state: AppState, query: EventQuery) -> TypeDateCounts:
    """Every event of a filter counted per (type, start date), for the timeline: exact, never capped.

    The store counts, so no event is loaded; a cluster's events, which no store filter names, are
    loaded and counted here.
    """
    if query.cluster is not None:
        return type_date_counts_of_rows(_cluster_events(state, query))
    return state.get_store().event_type_dates(**query.filters("cluster", "sort"))


def overview_links(state: AppState, query: EventQuery) -> tuple[ActorLinks, int]:
    """Who acts on whom, for the graph: the links of the first MAX_OVERVIEW_EVENTS events of a filter
    in its sort order (``links.events`` of them), and how many events match the filter in all."""
    if query.cluster is not None:
        rows = _cluster_events(state, query)
        return actor_links_of_rows(rows[:MAX_OVERVIEW_EVENTS]), len(rows)
    store = state.get_store()
    filters = query.filters("cluster", "sort")
    links = store.event_links(**filters, sort=query.sort, limit=MAX_OVERVIEW_EVENTS)
    total = links.events if links.events < MAX_OVERVIEW_EVENTS else int(store.count_events(**filters))
    return links, total


def find_actors(state: AppState, query: ActorQuery) -> tuple[list[Any], int]:
    store = state.get_store()
    filters = query.filters()
    rows = list(store.actors(**filters, limit=query.limit, offset=query.offset))
    counter = getattr(store, "count_actors", None)
    total = int(counter(**filters)) if counter else query.offset + len(rows) + (1 if len(rows) == query.limit else 0)
    return rows, total


def actor_detail(state: AppState, actor_id: str, *, limit: int = 100, granularity: str = "month",
                 counts_out: TypeDateCounts | None = None) -> dict[str, Any]:  # fmt: skip
    """An actor with its first ``limit`` events (by date) as source and as target, how many it has in
    each role, and a timeline counting every one of its events.

    ``counts_out``, when given, receives the actor's events counted per (type, start date): what
    ``overview_counts(EventQuery(actor=actor_id))`` returns, without a second query.
    """
    store = state.get_store()
    actor = store.actor(actor_id)
    if actor is None:
        raise ApiError(404, f"no actor {actor_id!r}: /api/actors lists them")
    as_source = list(store.events(actor=actor_id, role="source", sort="date", limit=limit))
    as_target = list(store.events(actor=actor_id, role="target", sort="date", limit=limit))
    counts = store.event_type_dates(actor=actor_id)
    if counts_out is not None:
        counts_out.update(counts)
    return {
        "actor": actor,
        "as_source": as_source,
        "as_target": as_target,
        "n_as_source": int(store.count_events(actor=actor_id, role="source")),
        "n_as_target": int(store.count_events(actor=actor_id, role="target")),
        "timeline": timeline_counts(counts, granularity),
    }


def timeline_counts(counts: TypeDateCounts, granularity: str = "month") -> list[dict[str, Any]]:
    """Event counts per month (or day); year-less dates keep their ``--MM`` form, undated ``null``."""
    width = {"month": 7, "day": 10}[granularity]
    periods: Counter[str | None] = Counter()
    for (_, start), n in counts.items():
        if not start:
            periods[None] += n
        elif start.startswith("--"):
            periods[start[: width - 3]] += n  # "--MM" of "--MM-DD", as "YYYY-MM" of a dated day
        else:
            periods[start[:width]] += n
    dated = sorted((k, v) for k, v in periods.items() if k and not k.startswith("--"))
    yearless = sorted((k, v) for k, v in periods.items() if k and k.startswith("--"))
    out = [{"period": k, "count": v, "year_known": True} for k, v in dated]
    out += [{"period": k, "count": v, "year_known": False} for k, v in yearless]
    if periods[None]:
        out.append({"period": None, "count": periods[None], "year_known": False})
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
