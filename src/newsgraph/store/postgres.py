"""PostgreSQL specifics: the engine, and full-text search on a tsvector expression index.

The text search configuration is written as a constant (not a bound value) so the query's
expression is identical to the index's and the planner can use the GIN index.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import ColumnElement, Engine, Index, create_engine, func, literal_column, select
from sqlalchemy.engine import Connection, make_url

from newsgraph.store.schema import documents

_CONFIG = literal_column("'english'::regconfig")
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


def _document_tsvector() -> ColumnElement[Any]:
    body = func.coalesce(documents.c.title, "") + " " + documents.c.text
    return func.to_tsvector(_CONFIG, body)


def create_fts(conn: Connection) -> None:
    """Create the GIN expression index full-text queries use."""
    index = Index(FTS_INDEX, _tsvector_for_index(), postgresql_using="gin")
    index.create(conn, checkfirst=True)


def _tsvector_for_index() -> ColumnElement[Any]:
    # DDL cannot take bound values: the "" and " " literals are rendered inline here.
    body = func.coalesce(documents.c.title, literal_column("''")).op("||")(literal_column("' '")).op("||")(
        documents.c.text
    )
    return func.to_tsvector(_CONFIG, body)


def _tsquery(text: str) -> ColumnElement[Any]:
    return func.websearch_to_tsquery(_CONFIG, text)


def match_condition(text: str) -> ColumnElement[bool]:
    """Documents whose title or text match the user's words (web-search syntax, never an error)."""
    return _tsvector_for_index().op("@@")(_tsquery(text))


def snippet(text: str) -> ColumnElement[Any]:
    """The matching passage of the document, terms in [brackets]."""
    return func.ts_headline(
        _CONFIG,
        documents.c.text,
        _tsquery(text),
        literal_column("'StartSel=[, StopSel=], MaxWords=24, MinWords=8, MaxFragments=1'"),
    )


def check_postgres(conn: Connection) -> list[str]:
    """The full-text index must exist (it is what keeps text search fast)."""
    found = conn.execute(
        select(literal_column("indexname")).select_from(literal_column("pg_indexes"))
        .where(literal_column("indexname") == FTS_INDEX)
    ).first()  # fmt: skip
    return [] if found else [f"full-text index {FTS_INDEX} is missing"]
