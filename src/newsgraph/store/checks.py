"""Store.check(): is every stored document whole, and does every row belong somewhere?"""

from __future__ import annotations

import json
from collections import Counter
from typing import Any

from sqlalchemy import Table, and_, func, select
from sqlalchemy.engine import Connection

from newsgraph.schema import analysis_from_dict
from newsgraph.store import postgres, sqlite
from newsgraph.store.schema import CHILD_TABLES, documents, entities, event_actors, events, mentions

# documents column -> (child table, how many rows the analysis JSON says it should have)
_COUNTS = {
    "n_sentences": "sentences",
    "n_mentions": "mentions",
    "n_times": "times",
    "n_citations": "citations",
    "n_claims": "claims",
    "n_events": "events",
}


def check_store(conn: Connection, *, readonly: bool) -> list[str]:
    """Every problem found, as one readable line each; an empty list when the store is consistent."""
    if conn.dialect.name == "sqlite":
        problems = sqlite.check_sqlite(conn, readonly=readonly)
    else:
        problems = postgres.check_postgres(conn)
    problems += _orphans(conn)
    problems += _actor_copies(conn)
    problems += _documents_whole(conn)
    return problems


def _count_missing(conn: Connection, table: Table, column: Any, parent: Any) -> int:
    return int(conn.execute(
        select(func.count()).select_from(table).where(column.is_not(None), column.not_in(select(parent)))
    ).scalar_one())  # fmt: skip


def _orphans(conn: Connection) -> list[str]:
    problems = []
    links = [(t, t.c.document, documents.c.id) for t in CHILD_TABLES.values()]
    links += [(mentions, mentions.c.entity, entities.c.id), (event_actors, event_actors.c.event_key, events.c.key),
              (event_actors, event_actors.c.entity, entities.c.id)]  # fmt: skip
    for table, column, parent in links:
        n = _count_missing(conn, table, column, parent)
        if n:
            problems.append(f"{n} {table.name} row(s) refer to a missing {parent.table.name} row ({column.name})")
    return problems


def _actor_copies(conn: Connection) -> list[str]:
    """event_actors copies the entity's country and the event's sort key: they must agree."""
    ea = event_actors
    stale_country = conn.execute(
        select(func.count()).select_from(ea.join(entities, entities.c.id == ea.c.entity))
        .where(func.coalesce(ea.c.country, "") != func.coalesce(entities.c.country, ""))
    ).scalar_one()  # fmt: skip
    stale_date = conn.execute(
        select(func.count()).select_from(ea.join(events, events.c.key == ea.c.event_key))
        .where(and_(ea.c.date_key != events.c.date_key))
    ).scalar_one()  # fmt: skip
    problems = []
    if stale_country:
        problems.append(f"{stale_country} event_actors row(s) carry a country that differs from their entity's")
    if stale_date:
        problems.append(f"{stale_date} event_actors row(s) carry a date key that differs from their event's")
    return problems


def _child_counts(conn: Connection) -> dict[str, Counter[str]]:
    out: dict[str, Counter[str]] = {}
    for name, table in CHILD_TABLES.items():
        rows = conn.execute(select(table.c.document, func.count()).group_by(table.c.document))
        out[name] = Counter({doc_id: n for doc_id, n in rows})
    return out


def _expected_counts(data: dict[str, Any]) -> dict[str, int]:
    return {
        "n_sentences": len(data.get("sentences", [])),
        "n_mentions": sum(len(e.get("mentions", [])) for e in data.get("entities", [])),
        "n_times": len(data.get("times", [])),
        "n_citations": len(data.get("citations", [])),
        "n_claims": len(data.get("claims", [])),
        "n_events": len(data.get("events", [])),
    }


def _documents_whole(conn: Connection) -> list[str]:
    """Each document's JSON parses, and its stored counts match both the JSON and its child rows."""
    children = _child_counts(conn)
    problems = []
    columns = [documents.c.id, documents.c.analysis, *(documents.c[name] for name in _COUNTS)]
    for row in conn.execute(select(*columns).order_by(documents.c.id)).mappings():
        doc_id = row["id"]
        try:
            data = json.loads(row["analysis"])
            analysis_from_dict(data)
        except (ValueError, KeyError, TypeError) as exc:
            problems.append(f"document {doc_id}: its analysis JSON does not parse ({exc})")
            continue
        expected = _expected_counts(data)
        for column, table in _COUNTS.items():
            stored, rows = row[column], children[table].get(doc_id, 0)
            if not stored == rows == expected[column]:
                problems.append(f"document {doc_id}: {table}: JSON has {expected[column]}, "
                                f"count column {stored}, rows {rows}")  # fmt: skip
    return problems
