"""SQLite specifics: connection pragmas, transactions we control, and the FTS5 table.

pysqlite's own transaction handling does not cover DDL and begins lazily; we switch it off
and emit BEGIN ourselves (BEGIN IMMEDIATE for writers, so a writer never fails half-way on a
lock upgrade that busy_timeout cannot wait out).
"""

from __future__ import annotations

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

from newsgraph.store.schema import documents

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
    if not readonly:  # FTS5's check is issued as a (no-op) write
        try:
            conn.exec_driver_sql(_FTS_CHECK)
        except DBAPIError as exc:  # the FTS5 module reports damage as an error
            problems.append(f"full-text index: {exc.orig}")
    fts_ids = select(documents_fts.c.doc_id)
    missing = conn.execute(
        select(func.count()).select_from(documents).where(documents.c.id.not_in(fts_ids))
    ).scalar_one()
    extra = conn.execute(
        select(func.count()).select_from(documents_fts).where(documents_fts.c.doc_id.not_in(select(documents.c.id)))
    ).scalar_one()
    if missing:
        problems.append(f"full-text index: {missing} document(s) missing from {FTS_NAME}")
    if extra:
        problems.append(f"full-text index: {extra} row(s) in {FTS_NAME} without a document")
    return problems
