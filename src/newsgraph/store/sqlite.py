"""SQLite specifics: connection pragmas, transactions we control, and the FTS5 tables.

pysqlite's own transaction handling does not cover DDL and begins lazily; we switch it off
and emit BEGIN ourselves (BEGIN IMMEDIATE for writers, so a writer never fails half-way on a
lock upgrade that busy_timeout cannot wait out).

Two FTS5 tables, both filled by explicit writes in the document's transaction (write.py):
documents_fts (words, for document search) and events_fts (trigrams of each event's sentence
and trigger, so that the event text filter, a substring match, need not read every event).
"""

from __future__ import annotations

import logging
import math
import re
from pathlib import Path
from typing import Any

from sqlalchemy import (
    Column,
    ColumnElement,
    Engine,
    MetaData,
    Select,
    Table,
    Text,
    create_engine,
    event,
    func,
    literal_column,
    select,
)
from sqlalchemy.engine import Connection
from sqlalchemy.exc import DBAPIError

from newsgraph.store.schema import documents, events

log = logging.getLogger(__name__)

BUSY_TIMEOUT_MS = 30000

# The FTS5 table mirrors documents.title and documents.text; doc_id links back. It is a
# contentful table (its own copy) so SQLite's VACUUM, which may renumber rowids, cannot
# desynchronise it.
_fts_metadata = MetaData()
documents_fts = Table(
    "documents_fts",
    _fts_metadata,
    Column("doc_id", Text),
    Column("title", Text),
    Column("text", Text),
)
FTS_NAME = "documents_fts"
_FTS_CHECK = "INSERT INTO documents_fts(documents_fts) VALUES ('integrity-check')"
_FTS_DDL = "CREATE VIRTUAL TABLE IF NOT EXISTS documents_fts USING fts5(doc_id UNINDEXED, title, text)"

# Migration 4: every event's sentence_text and trigger as trigrams, the event key linking back (a
# contentful table too, for the same reason). A phrase of three or more characters matches
# where the text holds it as a substring, case folded; shorter needles have no trigram.
events_fts = Table(
    "events_fts",
    _fts_metadata,
    Column("key", Text),
    Column("sentence_text", Text),
    Column("trigger", Text),
)
EVENTS_FTS_NAME = "events_fts"
_EVENTS_FTS_DDL = ("CREATE VIRTUAL TABLE IF NOT EXISTS events_fts "
                   "USING fts5(key UNINDEXED, sentence_text, trigger, tokenize='trigram')")  # fmt: skip
_EVENTS_FTS_CHECK = "INSERT INTO events_fts(events_fts) VALUES ('integrity-check')"
TRIGRAM = 3
COUNT_ROWS = 100  # a count beside other filters may use the index as a page of this many rows would
TRIGRAM_SQLITE = (3, 34, 0)  # the first SQLite with FTS5's trigram tokenizer


def create_sqlite_engine(path: str, *, readonly: bool, immutable: bool = False) -> Engine:
    """An engine for one SQLite file with WAL, foreign keys, busy_timeout and our own BEGIN.

    ``immutable`` (read-only only) tells SQLite that nobody changes the file while it is open, so
    it reads a WAL store without its -shm file: for a store on a read-only file system.
    """
    if readonly:
        uri = Path(path).resolve().as_uri() + ("?mode=ro&immutable=1" if immutable else "?mode=ro")
        engine = create_engine("sqlite://", creator=lambda: _connect(uri, uri=True))
    else:
        engine = create_engine("sqlite://", creator=lambda: _connect(path, uri=False))

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn: Any, _record: Any) -> None:
        cursor = dbapi_conn.cursor()
        cursor.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        cursor.execute("PRAGMA foreign_keys = ON")
        if not readonly:
            cursor.execute("PRAGMA journal_mode = WAL")
        cursor.execute("PRAGMA synchronous = NORMAL")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Connection) -> None:
        immediate = conn.get_execution_options().get("sqlite_immediate", False)
        conn.exec_driver_sql("BEGIN IMMEDIATE" if immediate and not readonly else "BEGIN")

    return engine


def _connect(target: str, *, uri: bool) -> Any:
    import sqlite3

    conn = sqlite3.connect(target, uri=uri, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None,
                           check_same_thread=False)  # fmt: skip
    return conn


def create_fts(conn: Connection) -> None:
    """Create the FTS5 table and fill it from the documents already stored."""
    conn.exec_driver_sql(_FTS_DDL)
    conn.execute(
        documents_fts.insert().from_select(
            ["doc_id", "title", "text"],
            select(documents.c.id, func.coalesce(documents.c.title, ""), documents.c.text),
        )
    )


def index_document(conn: Connection, doc_id: str, title: str | None, text: str) -> None:
    """Add one document to the FTS5 table, in the caller's transaction."""
    conn.execute(documents_fts.insert().values(doc_id=doc_id, title=title or "", text=text))


def trigram_available(conn: Connection) -> bool:
    """Whether this SQLite has FTS5's trigram tokenizer (3.34 and later)."""
    return tuple(conn.dialect.dbapi.sqlite_version_info) >= TRIGRAM_SQLITE  # type: ignore[union-attr]


def create_event_fts(conn: Connection) -> None:
    """Create events_fts and fill it from the events already stored; without trigrams, warn and go on.

    An old SQLite leaves the store without the table: event text search then reads the events
    (same results, slower), and writes skip the index.
    """
    if not trigram_available(conn):
        version = conn.dialect.dbapi.sqlite_version  # type: ignore[union-attr]
        log.warning("SQLite %s has no trigram tokenizer (3.34 or later has it): event text search will read "
                    "every event instead of using an index", version)  # fmt: skip
        return
    conn.exec_driver_sql(_EVENTS_FTS_DDL)
    conn.execute(
        events_fts.insert().from_select(
            ["key", "sentence_text", "trigger"], select(events.c.key, events.c.sentence_text, events.c.trigger)
        )
    )


def has_event_fts(conn: Connection) -> bool:
    """Whether the store has events_fts (not when migration 4 ran on a SQLite without trigrams)."""
    found = conn.exec_driver_sql(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'events_fts'"
    ).first()  # fmt: skip
    return found is not None


def index_events(conn: Connection, rows: list[dict[str, Any]]) -> None:
    """Add one document's events (their rows as written) to events_fts, in the caller's transaction."""
    if rows and has_event_fts(conn):
        conn.execute(events_fts.insert(), [
            {"key": r["key"], "sentence_text": r["sentence_text"], "trigger": r["trigger"]} for r in rows
        ])  # fmt: skip


def substring_phrase(text: str) -> str | None:
    """``text`` as one FTS5 phrase (a string literal, ``"`` doubled); None when the index cannot find it.

    A needle of fewer than three characters has no trigram; one with a NUL would be read only up to it.
    """
    if len(text) < TRIGRAM or "\x00" in text:
        return None
    return '"' + text.replace('"', '""') + '"'


def substring_match(conn: Connection, text: str, rows: int | None, *, alone: bool = True) -> str | None:
    """The FTS5 phrase for ``text`` when events_fts should find the events; None when a scan is faster.

    The index collects every event holding the substring before the page is sorted: cheap for a rare
    one, costly for a common one, which a walk through the events in the page's order meets at
    once. With ``m`` matches among ``n`` events, filling a page of ``rows`` (limit + offset) reads
    about ``rows * n / m`` events by walking and ``m`` through the index, so the index is used below
    ``m = sqrt(rows * n)``. A count (``rows`` None) of the text ``alone`` reads all ``n`` events by
    scanning, and an index match costs several scanned rows: below ``n / 8``; beside other filters,
    which may select few events to scan, a count gets the cap of a page of COUNT_ROWS. The matches
    are counted only up to the cap, without reading the table's content.
    """
    phrase = substring_phrase(text)
    if phrase is None or not has_event_fts(conn):
        return None
    n = conn.execute(select(func.max(literal_column("rowid"))).select_from(events)).scalar() or 0
    page = COUNT_ROWS if rows is None else rows
    cap = n // 8 if rows is None and alone else math.isqrt(page * n)
    if cap < 1:
        return None
    # No column is read: the key would cost a lookup in the table's content per match.
    one: ColumnElement[int] = literal_column("1")
    some = select(one).select_from(events_fts).where(_events_match(phrase)).limit(cap).subquery()
    found = conn.execute(select(func.count()).select_from(some)).scalar_one()
    return phrase if found < cap else None


def actor_is_few(conn: Connection, f: Any, rows: int) -> bool:
    """Whether the actor of ``f`` has few enough events to read them all and sort them, for a page of
    ``rows`` (limit + offset) in an order its index does not give (type, confidence).

    The other way walks every event in that order and keeps the actor's: about ``rows * n / m``
    events read for an actor with ``m`` of ``n``, against ``m`` read and sorted; so below
    ``m = sqrt(rows * n)``, as for the text index. Only the actor's index entries are counted.
    """
    from newsgraph.store.queries import actor_rows  # queries builds on this module

    n = conn.execute(select(func.max(literal_column("rowid"))).select_from(events)).scalar() or 0
    cap = math.isqrt(max(rows, 1) * n)
    return cap > 0 and conn.execute(actor_rows(f, cap)).scalar_one() < cap


def _events_match(phrase: str) -> ColumnElement[bool]:
    return literal_column(EVENTS_FTS_NAME).op("MATCH")(phrase)


def substring_condition(phrase: str) -> ColumnElement[bool]:
    """Events whose sentence_text or trigger hold the phrase (from substring_phrase, bound as a value).

    The index's case folding is Unicode's, wider than lower()'s ASCII: callers keep the LIKE test
    beside it, so the answer is exactly LIKE's and the index only narrows the rows it reads.
    """
    matching = select(events_fts.c.key).where(_events_match(phrase))
    return events.c.key.in_(matching.scalar_subquery())


def fts_query(text: str) -> str | None:
    """A user's words as a safe FTS5 query: each word quoted, all required; None when no words."""
    words = re.findall(r"\w+", text)
    return " ".join(f'"{w}"' for w in words) if words else None


def match_condition(query: str) -> ColumnElement[bool]:
    """Documents whose title or text match the FTS5 ``query`` (from fts_query, bound as a value)."""
    matching = select(documents_fts.c.doc_id).where(literal_column(FTS_NAME).op("MATCH")(query))
    return documents.c.id.in_(matching.scalar_subquery())


def snippets(query: str, doc_ids: list[str]) -> Select[Any]:
    """(id, snippet) of the documents ``doc_ids`` that match ``query``: the matching passage, terms in [brackets].

    One full-text match for the whole page of ids: snippet() is computed only for the rows of the page
    (a per-row subquery re-ran the match for every document returned).
    """
    return select(
        documents_fts.c.doc_id.label("id"),
        func.snippet(literal_column(FTS_NAME), 2, "[", "]", "…", 16).label("snippet"),
    ).where(literal_column(FTS_NAME).op("MATCH")(query), documents_fts.c.doc_id.in_(doc_ids))


def check_sqlite(conn: Connection, *, readonly: bool) -> list[str]:
    """Problems SQLite itself reports: page-level damage, broken foreign keys, FTS5 index damage."""
    problems: list[str] = []
    for (line,) in conn.exec_driver_sql("PRAGMA quick_check").fetchall():
        if line != "ok":
            problems.append(f"quick_check: {line}")
    for row in conn.exec_driver_sql("PRAGMA foreign_key_check").fetchall():
        problems.append(f"foreign key: table {row[0]} rowid {row[1]} refers to a missing {row[2]} row")
    indexes = [(_FTS_CHECK, FTS_NAME, documents_fts.c.doc_id, documents.c.id, "document")]
    if has_event_fts(conn):
        indexes.append((_EVENTS_FTS_CHECK, EVENTS_FTS_NAME, events_fts.c.key, events.c.key, "event"))
    for check, name, fts_key, key, what in indexes:
        problems += _check_fts(conn, check, name, fts_key, key, what, readonly=readonly)
    return problems


def _check_fts(conn: Connection, check: str, name: str, fts_key: Any, key: Any, what: str, *,
               readonly: bool) -> list[str]:  # fmt: skip
    """An FTS5 table's own integrity check, and one row in it for each row it mirrors."""
    problems: list[str] = []
    if not readonly:  # FTS5's check is issued as a (no-op) write
        try:
            conn.exec_driver_sql(check)
        except DBAPIError as exc:  # the FTS5 module reports damage as an error
            problems.append(f"full-text index: {name}: {exc.orig}")
    missing = conn.execute(
        select(func.count()).select_from(key.table).where(key.not_in(select(fts_key)))
    ).scalar_one()
    extra = conn.execute(
        select(func.count()).select_from(fts_key.table).where(fts_key.not_in(select(key)))
    ).scalar_one()
    if missing:
        problems.append(f"full-text index: {missing} {what}(s) missing from {name}")
    if extra:
        problems.append(f"full-text index: {extra} row(s) in {name} without {'an' if what[0] in 'aeiou' else 'a'} {what}")
    return problems
