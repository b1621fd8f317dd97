"""PostgreSQL specifics: the engine, and full-text search on a tsvector expression index.

The text search configuration is written as a constant (not a bound value) so the query's
expression is identical to the index's and the planner can use the GIN index.
"""

from __future__ import annotations

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
from sqlalchemy.dialects.postgresql import REGCONFIG
from sqlalchemy.engine import Connection, make_url

from newsgraph.store.schema import documents


def _config() -> ColumnElement[Any]:
    # Rendered inline (not bound) so query and index expressions are the same constant.
    return cast(literal("english", literal_execute=True), REGCONFIG)

FTS_INDEX = "ix_documents_tsv"


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
