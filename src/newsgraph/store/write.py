"""Writing one document's rows in the caller's transaction, idempotently."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import Table, func, select, update
from sqlalchemy.dialects import postgresql
from sqlalchemy.dialects import sqlite as sqlite_dialect
from sqlalchemy.engine import Connection

from newsgraph.store import sqlite
from newsgraph.store.records import Records
from newsgraph.store.schema import (
    citations,
    claims,
    documents,
    entities,
    event_actors,
    events,
    mentions,
    sentences,
    state,
    times,
)


def dialect_insert(conn: Connection, table: Table) -> Any:
    """An INSERT with the backend's ON CONFLICT clauses (both dialects spell them alike)."""
    module = sqlite_dialect if conn.dialect.name == "sqlite" else postgresql
    return module.insert(table)


def upsert_state(conn: Connection, name: str, text: str, documents_seen: int, stamp: str) -> None:
    """Save the JSON ``text`` as state ``name``, updated in place when the row exists.

    One statement, so two processes saving a first state at once do not fail on the key: on
    PostgreSQL the later one waits for the earlier's row, then replaces it.
    """
    values = {"data": text, "documents": documents_seen, "updated_at": stamp}
    stmt = dialect_insert(conn, state).values(name=name, **values)
    conn.execute(stmt.on_conflict_do_update(index_elements=["name"], set_=values))


def write_records(conn: Connection, records: Records) -> bool:
    """Insert a document and its rows; False (and nothing written) when it is already stored."""
    # RETURNING, not rowcount: drivers disagree on rowcount after ON CONFLICT DO NOTHING.
    insert = dialect_insert(conn, documents).on_conflict_do_nothing(index_elements=["id"]).returning(documents.c.id)
    if conn.execute(insert, records.document).first() is None:
        return False
    _upsert_entities(conn, records)
    _set_actor_countries(conn, records.event_actors)
    for table, rows in (
        (sentences, records.sentences), (mentions, records.mentions), (times, records.times),
        (citations, records.citations), (claims, records.claims), (events, records.events),
        (event_actors, records.event_actors),
    ):  # fmt: skip
        if rows:
            conn.execute(table.insert(), rows)
    if conn.dialect.name == "sqlite":
        doc = records.document
        sqlite.index_document(conn, doc["id"], doc["title"], doc["text"])
        sqlite.index_events(conn, records.events)
    return True


def _countries(conn: Connection, ids: Sequence[str]) -> dict[str, str | None]:
    if not ids:
        return {}
    rows = conn.execute(select(entities.c.id, entities.c.country).where(entities.c.id.in_(ids)))
    return {entity_id: country for entity_id, country in rows}


def _upsert_entities(conn: Connection, records: Records) -> None:
    """One row per entity id across documents: the latest description wins, known values are kept."""
    if records.entities:
        before = _countries(conn, [e["id"] for e in records.entities])
        stmt = dialect_insert(conn, entities)
        ex = stmt.excluded
        t = entities.c
        stmt = stmt.on_conflict_do_update(
            index_elements=["id"],
            set_={
                "name": ex.name, "kind": ex.kind,
                "country": _coalesce(ex.country, t.country), "role": _coalesce(ex.role, t.role),
                "lat": _coalesce(ex.lat, t.lat), "lon": _coalesce(ex.lon, t.lon),
            },  # fmt: skip
        )
        conn.execute(stmt, records.entities)
        after = _countries(conn, [e["id"] for e in records.entities])
        for entity_id, country in after.items():
            if entity_id in before and before[entity_id] != country:  # keep the copies in event_actors in step
                conn.execute(update(event_actors).where(event_actors.c.entity == entity_id).values(country=country))
    if records.placeholders:
        conn.execute(dialect_insert(conn, entities).on_conflict_do_nothing(index_elements=["id"]), records.placeholders)


def _coalesce(new: Any, old: Any) -> Any:
    return func.coalesce(new, old)


def _set_actor_countries(conn: Connection, rows: list[dict[str, Any]]) -> None:
    """Copy each actor's stored country onto its event_actors rows (filters match on it)."""
    countries = _countries(conn, sorted({row["entity"] for row in rows}))
    for row in rows:
        row["country"] = countries.get(row["entity"])
