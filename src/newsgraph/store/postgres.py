"""PostgreSQL specifics: the engine, full-text search on a tsvector expression index, trigram indexes.

The text search configuration is written as a constant (not a bound value) so the query's
expression is identical to the index's and the planner can use the GIN index.

The event text filter is ILIKE on events.sentence_text and events.trigger; pg_trgm's GIN indexes
on those two columns (migration 4) let the planner answer it without reading every event.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Engine,
    Index,
    MetaData,
    Select,
    Table,
    cast,
    create_engine,
    func,
    inspect,
    literal,
    literal_column,
    select,
)
from sqlalchemy import text as sql_text
from sqlalchemy.dialects.postgresql import REGCONFIG
from sqlalchemy.engine import Connection, make_url
from sqlalchemy.exc import DBAPIError
from sqlalchemy.schema import CreateIndex
from sqlalchemy.sql.expression import Executable

from newsgraph.store.schema import documents, events

log = logging.getLogger(__name__)


def _config() -> ColumnElement[Any]:
    # Rendered inline (not bound) so query and index expressions are the same constant.
    return cast(literal("english", literal_execute=True), REGCONFIG)

FTS_INDEX = "ix_documents_tsv"
TRGM_EXTENSION = "pg_trgm"
# index name -> the events column it covers with pg_trgm's gin_trgm_ops (ILIKE '%...%' uses it)
TRGM_INDEXES = {"ix_events_sentence_trgm": "sentence_text", "ix_events_trigger_trgm": "trigger"}


def normalise_url(url: str) -> str:
    """postgresql:// and postgres:// use psycopg (3), the driver newsgraph depends on."""
    for prefix in ("postgresql://", "postgres://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix) :]
    return url


def create_pg_engine(url: str, *, readonly: bool) -> Engine:
    """An engine for PostgreSQL; read-only stores get read-only transactions server-side."""
    parsed = make_url(url)
    connect_args: dict[str, Any] = {}
    if readonly:  # keep the URL's own options (a search_path, say) and add ours
        options = parsed.query.get("options", "")
        options = options if isinstance(options, str) else " ".join(options)
        connect_args["options"] = f"{options} -c default_transaction_read_only=on".strip()
        parsed = parsed.difference_update_query(["options"])
    return create_engine(parsed, connect_args=connect_args, pool_pre_ping=True)


def create_fts(conn: Connection) -> None:
    """Create the GIN expression index full-text queries use.

    The index is built on a private copy of the table so the shared MetaData (which SQLite
    also creates) never carries this PostgreSQL-only index.
    """
    table = documents.to_metadata(MetaData())
    Index(FTS_INDEX, _document_tsvector(table), postgresql_using="gin").create(conn)


def create_event_trgm(conn: Connection) -> bool:
    """The trigram indexes of the event text filter; False (and a warning) when pg_trgm is unavailable.

    The extension is used wherever it is installed; otherwise it is created, in schema public
    when the role may (so that it outlives any one store's schema), else in the store's own. Each
    attempt, and the indexes, run in a savepoint, so a refusal (no privilege, no contrib package)
    leaves the migration's transaction usable: the store then works with plain ILIKE, only slower.
    """
    schema = _trgm_schema(conn)
    reason = ""
    if schema is None:
        name = conn.dialect.identifier_preparer.quote(TRGM_EXTENSION)
        for ddl in (f"CREATE EXTENSION IF NOT EXISTS {name} SCHEMA public", f"CREATE EXTENSION IF NOT EXISTS {name}"):
            reason = _in_savepoint(conn, [sql_text(ddl)])
            if not reason:
                break
        schema = _trgm_schema(conn)  # also when another store's migration created it meanwhile
    if schema is not None:
        opclass = f"{conn.dialect.identifier_preparer.quote_schema(schema)}.gin_trgm_ops"
        table = events.to_metadata(MetaData())  # a private copy, as for the tsvector index
        indexes = [CreateIndex(Index(name, table.c[column], postgresql_using="gin", postgresql_ops={column: opclass}))
                   for name, column in TRGM_INDEXES.items()]  # fmt: skip
        reason = _in_savepoint(conn, indexes)  # may fail too: no USAGE on the extension's schema, say
        if not reason:
            return True
    log.warning("PostgreSQL extension %s is not usable here (%s): event text search will read every event instead "
                "of using trigram indexes (docs/postgresql.md says how to add them)", TRGM_EXTENSION, reason)  # fmt: skip
    return False


def _in_savepoint(conn: Connection, statements: Sequence[Executable]) -> str:
    """Run ``statements`` in one savepoint; the database's refusal as one line ("" when they succeeded)."""
    try:
        with conn.begin_nested():
            for statement in statements:
                conn.execute(statement)
    except DBAPIError as exc:
        return str(exc.orig).strip().splitlines()[0]
    return ""


def _trgm_schema(conn: Connection) -> str | None:
    """The schema pg_trgm is installed in, or None."""
    found = conn.execute(
        sql_text("SELECT n.nspname FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace "
             "WHERE e.extname = :name"), {"name": TRGM_EXTENSION}
    ).scalar_one_or_none()  # fmt: skip
    return None if found is None else str(found)


def _document_tsvector(table: Table) -> ColumnElement[Any]:
    # DDL cannot take bound values: the "" and " " literals are rendered inline.
    body = func.coalesce(table.c.title, literal_column("''")).op("||")(literal_column("' '")).op("||")(table.c.text)
    return func.to_tsvector(_config(), body)


def _tsquery(text: str) -> ColumnElement[Any]:
    return func.websearch_to_tsquery(_config(), text)


def match_condition(text: str) -> ColumnElement[bool]:
    """Documents whose title or text match the user's words (web-search syntax, never an error)."""
    return _document_tsvector(documents).op("@@")(_tsquery(text))


def snippets(text: str, doc_ids: list[str]) -> Select[Any]:
    """(id, snippet) of the documents ``doc_ids``: the matching passage, terms in [brackets].

    ts_headline re-parses the whole text, so it runs for the page of ids only, never for every match.
    """
    headline = func.ts_headline(
        _config(),
        documents.c.text,
        _tsquery(text),
        literal_column("'StartSel=[, StopSel=], MaxWords=24, MinWords=8, MaxFragments=1'"),
    )
    return select(documents.c.id, headline.label("snippet")).where(documents.c.id.in_(doc_ids))


def check_postgres(conn: Connection) -> list[str]:
    """The full-text index must exist (it is what keeps text search fast)."""
    names = {index["name"] for index in inspect(conn).get_indexes(documents.name)}
    return [] if FTS_INDEX in names else [f"full-text index {FTS_INDEX} is missing"]
