"""Numbered migrations, applied in order inside one transaction each.

``MIGRATIONS[i]`` brings a store from version ``i`` to ``i + 1``. Add new ones at the end;
never edit a released one. A store newer than the code is refused, not guessed at.
"""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy import func, inspect, select
from sqlalchemy.engine import Connection

from newsgraph.errors import StoreError
from newsgraph.store import postgres, sqlite
from newsgraph.store.records import now_iso
from newsgraph.store.schema import WATCH_TABLES, metadata, schema_version, state

_LATER_TABLES = {"state", *(t.name for t in WATCH_TABLES)}
_V1_TABLES = [t for name, t in metadata.tables.items() if name not in _LATER_TABLES]


def _v1_create_tables(conn: Connection) -> None:
    """Every table and index of the first schema, and the backend's full-text index."""
    metadata.create_all(conn, tables=_V1_TABLES)
    if conn.dialect.name == "sqlite":
        sqlite.create_fts(conn)
    else:
        postgres.create_fts(conn)


def _v2_state(conn: Connection) -> None:
    """The state table for cross-document stages (corroboration)."""
    state.create(conn, checkfirst=True)


def _v3_watch(conn: Connection) -> None:
    """The tables of `newsgraph watch`: sources, seen items, saved alerts, what fired."""
    metadata.create_all(conn, tables=list(WATCH_TABLES), checkfirst=True)


def _v4_event_text(conn: Connection) -> None:
    """An index for the event text filter (a substring): SQLite's events_fts, PostgreSQL's pg_trgm indexes.

    Either may be unavailable (an old SQLite, no right to create the extension): the migration then
    warns and completes, and the filter reads every event as before.
    """
    if conn.dialect.name == "sqlite":
        sqlite.create_event_fts(conn)
    else:
        postgres.create_event_trgm(conn)


MIGRATIONS: list[Callable[[Connection], None]] = [_v1_create_tables, _v2_state, _v3_watch, _v4_event_text]
CURRENT_VERSION = len(MIGRATIONS)


def stored_version(conn: Connection) -> int | None:
    """The store's schema version; 0 for an empty database; None when it is something else."""
    names = set(inspect(conn).get_table_names())
    if "schema_version" in names:
        return int(conn.execute(select(func.coalesce(func.max(schema_version.c.version), 0))).scalar_one())
    ours = set(metadata.tables)
    return 0 if not names or names <= ours else None


def check_version(version: int | None, where: str) -> None:
    """Refuse a database that is not a store, or a store newer than this code."""
    if version is None:
        raise StoreError(
            f"{where} is a database but not a newsgraph store (it has no schema_version table); "
            "choose another file or an empty database",
            code="NG401",
        )
    if version > CURRENT_VERSION:
        raise StoreError(
            f"{where} has store schema version {version}, newer than this newsgraph "
            f"(version {CURRENT_VERSION}); upgrade newsgraph to open it",
            code="NG402",
        )


def migrate(conn: Connection, where: str) -> int:
    """Apply the missing migrations in the caller's transaction; return the version reached."""
    version = stored_version(conn)
    check_version(version, where)
    assert version is not None
    for number in range(version, CURRENT_VERSION):
        MIGRATIONS[number](conn)
        conn.execute(schema_version.insert().values(version=number + 1, applied_at=now_iso()))
    return CURRENT_VERSION
