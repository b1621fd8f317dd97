"""The actor graph as GraphML or GEXF for Gephi: actors are nodes, events are directed edges
aggregated per (source, target, PLOVER type) with ``weight`` = how many events."""

from __future__ import annotations

from collections import Counter
from typing import Any

from newsgraph.export.columns import actor_code
from newsgraph.export.lookups import Lookups
from newsgraph.export.query import EventQuery, iter_events
from newsgraph.export.sinks import Target, binary_sink
from newsgraph.settings import Settings
from newsgraph.store import Store


def actor_graph(store: Store, query: EventQuery | None = None, *, settings: Settings | None = None) -> Any:
    """A networkx MultiDiGraph: one node per actor, one edge per (source, target, type), keyed "source->target:TYPE"."""
    import networkx as nx

    lookups = Lookups(store, settings=settings, clusters=False)
    counts: Counter[tuple[str, str, str]] = Counter()
    names: dict[str, str] = {}
    for row in iter_events(store, query):
        names.update(zip(row.source, row.source_names, strict=False))
        names.update(zip(row.target, row.target_names, strict=False))
        for source in row.source:
            for target in row.target:
                if source != target:
                    counts[(source, target, row.type)] += 1
    graph = nx.MultiDiGraph(name="newsgraph actor graph")
    for entity_id, name in sorted(names.items()):
        actor = lookups.actor(entity_id)
        graph.add_node(entity_id, label=actor.name if actor else name, kind=(actor.kind if actor else "") or "",
                       country=(actor.country if actor else "") or "", role=(actor.role if actor else "") or "",
                       code=actor_code(actor) or "")  # fmt: skip
    for (source, target, type_), count in sorted(counts.items()):
        quad = lookups.ontology.quad.get(type_, 0)
        graph.add_edge(source, target, key=f"{source}->{target}:{type_}", plover_type=type_, label=type_, weight=count, quad_class=quad)
    return graph


def write_graphml(store: Store, target: Target, query: EventQuery | None = None, *,
                  settings: Settings | None = None) -> int:  # fmt: skip
    """Write the actor graph as GraphML; returns the number of edges."""
    import networkx as nx

    graph = actor_graph(store, query, settings=settings)
    with binary_sink(target) as fh:
        nx.write_graphml(graph, fh)
    return int(graph.number_of_edges())


def write_gexf(store: Store, target: Target, query: EventQuery | None = None, *,
               settings: Settings | None = None) -> int:  # fmt: skip
    """Write the actor graph as GEXF 1.2; returns the number of edges."""
    import networkx as nx

    graph = actor_graph(store, query, settings=settings)
    with binary_sink(target) as fh:
        nx.write_gexf(graph, fh)
    return int(graph.number_of_edges())
