"""Counts over the events of a filter, made by the database: what the timeline, the actor graph and
the actor page draw, without loading the events themselves.

Each query starts from ``queries.event_select``, the very select behind ``Store.events()``, so a
count here is a count of the rows ``events()`` would return for the same filters (one per event,
however many of its actors match). Every value is bound; the SQL is the same on SQLite and
PostgreSQL. The ``*_of_rows`` functions make the same counts from rows already loaded, for event
sets no filter names (a cluster's events), and say in a few lines what the SQL computes.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Select, and_, func, select
from sqlalchemy.engine import Connection

from newsgraph.store.queries import EventFilters, event_select
from newsgraph.store.schema import NO_DATE, entities, event_actors, events

# How many events of each type start on each date: {(type, start date or None if undated): count}.
# Plain tuples in a dict, not an object per entry: a big store's timeline has thousands of entries,
# and tuples of strings drop out of the garbage collector's sight (objects would trigger full collections).
TypeDateCounts = dict[tuple[str, str | None], int]


@dataclass(frozen=True)
class ActorLinks:
    """Who acts on whom in a set of events.

    ``names``: every actor (source or target) of the events, id -> name; ``weights``: for each
    (source id, target id, event type) with different source and target, the number of events
    having that source and that target; ``events``: how many events were counted.
    """

    names: dict[str, str]
    weights: dict[tuple[str, str, str], int]
    events: int


def type_date_counts(conn: Connection, f: EventFilters) -> TypeDateCounts:
    """Every event matching ``f``, counted per (type, start date)."""
    e = events.c
    query = event_select(f, [e.type, e.date_key, func.count().label("n")], sort=None)
    assert isinstance(query, Select)  # unsorted event selects are never a UNION
    query = query.group_by(e.type, e.date_key)
    # Row by row, not .all(): thousands of live rows would make the request pay for a full collection.
    return {(kind, None if key == NO_DATE else key): int(n) for kind, key, n in conn.execute(query)}


def actor_links(conn: Connection, f: EventFilters, *, sort: str, limit: int) -> ActorLinks:
    """The links of the first ``limit`` events matching ``f`` in the order ``sort``, as events() pages them."""
    capped = event_select(f, [events.c.key], sort=sort).limit(limit).subquery("capped")
    # "key IN (the capped keys)", not a join with them: the planner then drives from those few keys
    # (SQLite, not knowing a bound LIMIT, would otherwise scan every event_actors row).
    counted = events.c.key.in_(select(capped.c.key))
    source, target = event_actors.alias("s"), event_actors.alias("t")
    weights = (
        select(source.c.entity, target.c.entity, events.c.type, func.count())
        .select_from(
            events.join(source, and_(source.c.event_key == events.c.key, source.c.role == "source")).join(
                target, and_(target.c.event_key == events.c.key, target.c.role == "target")
            )
        )
        .where(counted, source.c.entity != target.c.entity)
        .group_by(source.c.entity, target.c.entity, events.c.type)
    )
    names = (
        select(event_actors.c.entity, entities.c.name)
        .select_from(event_actors.join(entities, entities.c.id == event_actors.c.entity))
        .where(event_actors.c.event_key.in_(select(capped.c.key)))
        .distinct()
    )
    n_events = select(func.count()).select_from(capped)
    return ActorLinks(
        names={entity: name for entity, name in conn.execute(names)},
        weights={(s, t, kind): int(n) for s, t, kind, n in conn.execute(weights)},
        events=int(conn.execute(n_events).scalar_one()),
    )


def type_date_counts_of_rows(rows: Iterable[Any]) -> TypeDateCounts:
    """type_date_counts() of event rows already loaded."""
    return dict(Counter((row.type, row.date_start or None) for row in rows))


def actor_links_of_rows(rows: Iterable[Any]) -> ActorLinks:
    """actor_links() of event rows already loaded (each with ``source``/``target`` ids and names)."""
    names: dict[str, str] = {}
    weights: Counter[tuple[str, str, str]] = Counter()
    n_events = 0
    for row in rows:
        n_events += 1
        names.update(zip(row.source, row.source_names or row.source, strict=False))
        names.update(zip(row.target, row.target_names or row.target, strict=False))
        for s in row.source:
            for t in row.target:
                if s != t:
                    weights[(s, t, row.type)] += 1
    return ActorLinks(names, dict(weights), n_events)
