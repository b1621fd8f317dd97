"""The store stage: analyses into SQLite (default) or PostgreSQL, and the queries over them.

One transaction per document, so a crash loses at most the document in flight; re-adding a
stored document is a no-op that says so. Each ``Store`` owns its engine: no global state.
"""

from __future__ import annotations

import dataclasses
import json
import logging
import os
from collections.abc import Iterable, Iterator
from pathlib import Path
from types import TracebackType
from typing import Any

from sqlalchemy import Engine, func, select
from sqlalchemy.engine import Connection
from sqlalchemy.exc import OperationalError

from newsgraph.errors import StoreError
from newsgraph.model import Analysis
from newsgraph.schema import analysis_from_dict
from newsgraph.settings import Settings, load_settings
from newsgraph.store import aggregates, checks, migrations, queries, sqlite
from newsgraph.store.engine import open_engine, sqlite_path, translated_errors
from newsgraph.store.records import build_records, now_iso
from newsgraph.store.rows import ActorRow, ClaimRow, DocumentRow, EventRow
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
from newsgraph.store.write import upsert_state, write_records

log = logging.getLogger(__name__)

ADDED = "added"
PRESENT = "present"
MIN_PREFIX = 6
_PG_RETRIES = 3


class Store:
    """A newsgraph store: add analyses, get them back exactly, query events, actors, claims."""

    def __init__(self, engine: Engine, where: str, *, readonly: bool = False, url: str | None = None) -> None:
        self.engine = engine
        self.where = where
        self.readonly = readonly
        self.url = url or where  # what open_store accepts, to reopen this store elsewhere (workers)

    # -- lifecycle -------------------------------------------------------------------------------

    def close(self) -> None:
        """Release the connections (the file stays consistent whether or not this is called)."""
        self.engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:  # fmt: skip
        self.close()

    def __repr__(self) -> str:
        return f"Store({self.where!r}{', readonly' if self.readonly else ''})"

    @property
    def dialect(self) -> str:
        return self.engine.dialect.name

    def _write(self) -> Any:
        if self.readonly:
            raise StoreError(f"{self.where} was opened read-only; open it writable to add documents", code="NG405")
        return self.engine.connect().execution_options(sqlite_immediate=True)

    # -- writing ---------------------------------------------------------------------------------

    def add(self, analysis: Analysis) -> str:
        """Store one analysis in one transaction; ``"added"``, or ``"present"`` when already stored."""
        with translated_errors(self.where), self._write() as conn:
            return self._add(conn, analysis)

    def add_many(self, analyses: Iterable[Analysis]) -> Iterator[tuple[str, str]]:
        """Store analyses one transaction each, yielding ``(document id, "added" | "present")``."""
        with translated_errors(self.where), self._write() as conn:
            for analysis in analyses:
                yield analysis.document.id, self._add(conn, analysis)

    def _add(self, conn: Connection, analysis: Analysis) -> str:
        records = build_records(analysis)
        for attempt in range(_PG_RETRIES):
            try:
                with conn.begin():
                    return ADDED if write_records(conn, records) else PRESENT
            except OperationalError as exc:  # PostgreSQL may pick us as a deadlock victim: retry
                if self.dialect != "postgresql" or "deadlock" not in str(exc.orig) or attempt == _PG_RETRIES - 1:
                    raise
                log.info("%s: deadlock while adding %s, retrying", self.where, analysis.document.id)
                records = build_records(analysis)
        raise AssertionError("unreachable")

    # -- documents -------------------------------------------------------------------------------

    def has(self, doc_id: str) -> bool:
        """Whether a document with exactly this id is stored."""
        with translated_errors(self.where), self.engine.connect() as conn:
            return conn.execute(select(documents.c.id).where(documents.c.id == doc_id)).first() is not None

    def resolve_id(self, doc_id: str) -> str | None:
        """The full id of a stored document given its id or a unique prefix of at least 6 characters."""
        with translated_errors(self.where), self.engine.connect() as conn:
            if conn.execute(select(documents.c.id).where(documents.c.id == doc_id)).first():
                return doc_id
            if len(doc_id) < MIN_PREFIX:
                return None
            found = conn.execute(
                select(documents.c.id)
                .where(documents.c.id >= doc_id, documents.c.id < doc_id + "\U0010ffff")
                .order_by(documents.c.id)
                .limit(3)
            ).scalars().all()  # fmt: skip
        if len(found) > 1:
            raise StoreError(f"{doc_id!r} matches several documents ({', '.join(found)}, ...); give more characters",
                             code="NG406")  # fmt: skip
        return found[0] if found else None

    def get(self, doc_id: str) -> Analysis | None:
        """The stored analysis, rebuilt from its JSON; None when no document has this id or prefix."""
        full = self.resolve_id(doc_id)
        if full is None:
            return None
        with translated_errors(self.where), self.engine.connect() as conn:
            data = conn.execute(select(documents.c.analysis).where(documents.c.id == full)).scalar_one_or_none()
        return None if data is None else analysis_from_dict(json.loads(data))

    def documents(self, *, outlet: str | None = None, language: str | None = None,
                  published_from: str | None = None, published_to: str | None = None, text: str | None = None,
                  limit: int = 50, offset: int = 0) -> list[DocumentRow]:  # fmt: skip
        """Documents, newest published first; ``text`` is a full-text search (rows carry a snippet)."""
        f = queries.DocumentFilters(outlet, language, published_from, published_to, text)
        query = queries.document_select(f, self.dialect, count=False)
        rows = self._page(query, limit, offset)
        snippets: dict[str, str] = {}
        if text is not None:
            snippet_query = queries.snippet_select(self.dialect, text, [r.id for r in rows])
            if snippet_query is not None:
                with translated_errors(self.where), self.engine.connect() as conn:
                    snippets = {r.id: r.snippet for r in conn.execute(snippet_query)}
        return [
            DocumentRow(id=r.id, source=r.source, url=r.url, outlet=r.outlet, title=r.title,
                        authors=tuple(json.loads(r.authors)), published=r.published_value, language=r.language,
                        n_events=r.n_events, n_claims=r.n_claims, ingested_at=r.ingested_at,
                        snippet=snippets.get(r.id))
            for r in rows
        ]  # fmt: skip

    def count_documents(self, *, outlet: str | None = None, language: str | None = None,
                        published_from: str | None = None, published_to: str | None = None,
                        text: str | None = None) -> int:  # fmt: skip
        """How many documents documents() would return without a limit."""
        f = queries.DocumentFilters(outlet, language, published_from, published_to, text)
        return self._scalar(queries.document_select(f, self.dialect, count=True))

    # -- events ----------------------------------------------------------------------------------

    def _event_filters(self, rows: int | None = None, sort: str | None = None, **kwargs: Any) -> queries.EventFilters:
        """The filters with what the store looks up first; ``rows``: the page's limit + offset (None: every row)."""
        actor, outlet, text = kwargs.get("actor"), kwargs.get("outlet"), kwargs.get("text")
        # SQLite's trigram index, for needles it can find; a document's few events are read directly.
        by_index = (text is not None and kwargs.get("document") is None and self.dialect == "sqlite"
                    and sqlite.substring_phrase(text) is not None)  # fmt: skip
        # An actor's events in an order no actor index has: read them all if they are few (SQLite).
        by_actor = (actor is not None and rows is not None and sort is not None and sort.lstrip("-") != "date"
                    and self.dialect == "sqlite")  # fmt: skip
        if (actor is None or ":" in actor) and outlet is None and not by_index and not by_actor:
            return queries.EventFilters(**kwargs)
        is_entity = False
        outlet_ids: tuple[str, ...] | None = None
        text_match: str | None = None
        with translated_errors(self.where), self.engine.connect() as conn:
            if actor is not None and ":" not in actor:  # a country code, unless an entity has that very id
                is_entity = conn.execute(select(entities.c.id).where(entities.c.id == actor)).first() is not None
            if outlet is not None:  # an outlet's name also names its entities (events are attributed to ids)
                outlet_ids = tuple(conn.execute(select(entities.c.id).where(entities.c.name == outlet)).scalars())
            if by_index and text is not None:  # the index if the substring is rare enough (else LIKE alone)
                alone = all(v is None for k, v in kwargs.items() if k != "text")
                text_match = sqlite.substring_match(conn, text, rows, alone=alone)
            f = queries.EventFilters(**kwargs, actor_is_entity=is_entity, outlet_ids=outlet_ids, text_match=text_match)
            if by_actor and rows is not None and text_match is None:
                f = dataclasses.replace(f, actor_few=sqlite.actor_is_few(conn, f, rows))
        return f

    def events(self, *, actor: str | None = None, role: str | None = None, type: str | None = None,
               mode: str | None = None, modality: str | None = None, negated: bool | None = None,
               date_from: str | None = None, date_to: str | None = None, outlet: str | None = None,
               document: str | None = None, text: str | None = None, sort: str = "date",
               limit: int = 100, offset: int = 0) -> list[EventRow]:  # fmt: skip
        """Events matching every given filter, one page, sorted by ``sort`` ("-x" for descending).

        ``actor`` is an entity id or an ISO3 country code (matches the entities of that country);
        ``role`` restricts it to source or target. Dates compare as ISO strings: an event matches
        when its interval lies within [date_from, date_to]; year-less dates (--MM-DD) match only
        year-less filters. ``outlet`` is the document's outlet or the outlet the event is attributed to.
        """
        f = self._event_filters(max(limit, 0) + max(offset, 0), sort, actor=actor, role=role, type=type, mode=mode,
                                modality=modality, negated=negated, date_from=date_from, date_to=date_to,
                                outlet=outlet, document=document, text=text)  # fmt: skip
        rows = self._page(queries.event_select(f, queries.EVENT_COLUMNS, sort=sort), limit, offset)
        if not rows:
            return []
        actors: dict[tuple[str, str], list[tuple[str, str]]] = {}
        with translated_errors(self.where), self.engine.connect() as conn:
            for key, role_, entity_id, name in conn.execute(queries.event_actor_select([r.key for r in rows])):
                actors.setdefault((key, role_), []).append((entity_id, name))
        return [_event_row(r, actors) for r in rows]

    def count_events(self, *, actor: str | None = None, role: str | None = None, type: str | None = None,
                     mode: str | None = None, modality: str | None = None, negated: bool | None = None,
                     date_from: str | None = None, date_to: str | None = None, outlet: str | None = None,
                     document: str | None = None, text: str | None = None) -> int:  # fmt: skip
        """How many events events() would return without a limit (a full count: ask only when needed)."""
        f = self._event_filters(None, actor=actor, role=role, type=type, mode=mode, modality=modality,
                                negated=negated, date_from=date_from, date_to=date_to, outlet=outlet,
                                document=document, text=text)  # fmt: skip
        return self._scalar(queries.event_select(f, [func.count()], sort=None))

    # -- counts over events (newsgraph.store.aggregates) ------------------------------------------

    def event_type_dates(self, *, actor: str | None = None, role: str | None = None, type: str | None = None,
                         mode: str | None = None, modality: str | None = None, negated: bool | None = None,
                         date_from: str | None = None, date_to: str | None = None, outlet: str | None = None,
                         document: str | None = None,
                         text: str | None = None) -> aggregates.TypeDateCounts:  # fmt: skip
        """Every event events() would return, counted by the database: {(type, start date or None): count}."""
        f = self._event_filters(actor=actor, role=role, type=type, mode=mode, modality=modality,
                                negated=negated, date_from=date_from, date_to=date_to, outlet=outlet,
                                document=document, text=text)  # fmt: skip
        with translated_errors(self.where), self.engine.connect() as conn:
            return aggregates.type_date_counts(conn, f)

    def event_links(self, *, actor: str | None = None, role: str | None = None, type: str | None = None,
                    mode: str | None = None, modality: str | None = None, negated: bool | None = None,
                    date_from: str | None = None, date_to: str | None = None, outlet: str | None = None,
                    document: str | None = None, text: str | None = None, sort: str = "date",
                    limit: int = 100) -> aggregates.ActorLinks:  # fmt: skip
        """Source -> target links (per event type) of the events events() would return with this
        ``sort`` and ``limit``, counted by the database; the actors' names come with them."""
        if limit < 0:
            raise StoreError(f"limit={limit}: must be 0 or more", code="NG408")
        f = self._event_filters(limit, sort, actor=actor, role=role, type=type, mode=mode, modality=modality,
                                negated=negated, date_from=date_from, date_to=date_to, outlet=outlet,
                                document=document, text=text)  # fmt: skip
        with translated_errors(self.where), self.engine.connect() as conn:
            return aggregates.actor_links(conn, f, sort=sort, limit=limit)

    # -- actors and claims -----------------------------------------------------------------------

    def actors(self, *, kind: str | None = None, country: str | None = None, text: str | None = None,
               limit: int = 100, offset: int = 0) -> list[ActorRow]:  # fmt: skip
        """Entities by name; ``text`` is a case-insensitive substring of the name or id."""
        query = queries.actor_select(queries.ActorFilters(kind=kind, country=country, text=text), count=False)
        return [ActorRow(*r) for r in self._page(query, limit, offset)]

    def count_actors(self, *, kind: str | None = None, country: str | None = None, text: str | None = None) -> int:
        """How many entities actors() would return without a limit."""
        return self._scalar(queries.actor_select(queries.ActorFilters(kind=kind, country=country, text=text),
                                                 count=True))  # fmt: skip

    def actor(self, entity_id: str) -> ActorRow | None:
        """One entity with its counts, or None."""
        rows = self._page(queries.actor_select(queries.ActorFilters(id=entity_id), count=False), 1, 0)
        return ActorRow(*rows[0]) if rows else None

    def claims(self, *, speaker: str | None = None, outlet: str | None = None, kind: str | None = None,
               hedge: str | None = None, document: str | None = None, anonymous: bool | None = None,
               limit: int = 100, offset: int = 0) -> list[ClaimRow]:  # fmt: skip
        """Claims in document order; ``speaker`` is the speaker's entity id or the words naming them."""
        f = queries.ClaimFilters(speaker, outlet, kind, hedge, document, anonymous)
        return [ClaimRow(*r) for r in self._page(queries.claim_select(f, count=False), limit, offset)]

    def count_claims(self, *, speaker: str | None = None, outlet: str | None = None, kind: str | None = None,
                     hedge: str | None = None, document: str | None = None, anonymous: bool | None = None) -> int:
        """How many claims claims() would return without a limit."""
        f = queries.ClaimFilters(speaker, outlet, kind, hedge, document, anonymous)
        return self._scalar(queries.claim_select(f, count=True))

    # -- maintenance -----------------------------------------------------------------------------

    def check(self) -> list[str]:
        """Integrity problems (damage, orphans, documents not whole, full-text index out of step); [] if none."""
        with translated_errors(self.where), self.engine.connect() as conn:
            return checks.check_store(conn, readonly=self.readonly)

    def stats(self) -> dict[str, Any]:
        """Row counts, schema version, backend and (SQLite) file size."""
        out: dict[str, Any] = {"backend": self.dialect, "store": self.where}
        with translated_errors(self.where), self.engine.connect() as conn:
            out["schema_version"] = migrations.stored_version(conn)
            for table in (documents, sentences, entities, mentions, events, event_actors, claims, citations, times):
                out[table.name] = conn.execute(select(func.count()).select_from(table)).scalar_one()
        if self.dialect == "sqlite":
            path = Path(self.where)
            out["size_bytes"] = sum(p.stat().st_size for p in (path, Path(f"{path}-wal")) if p.exists())
        return out

    # -- cross-document state ----------------------------------------------------------------------

    def iter_analyses(self, *, exclude: Iterable[str] = (), batch: int = 200) -> Iterator[Analysis]:
        """Every stored analysis in ingest order, except the ids in ``exclude``."""
        skip = set(exclude)
        last = ""
        while True:
            with translated_errors(self.where), self.engine.connect() as conn:
                rows = conn.execute(
                    select(documents.c.ingested_at, documents.c.id, documents.c.analysis)
                    .where((documents.c.ingested_at + documents.c.id) > last)
                    .order_by(documents.c.ingested_at, documents.c.id)
                    .limit(batch)
                ).all()  # fmt: skip
            if not rows:
                return
            for ingested_at, doc_id, data in rows:
                last = ingested_at + doc_id
                if doc_id not in skip:
                    yield analysis_from_dict(json.loads(data))

    def get_state(self, name: str) -> dict[str, Any] | None:
        """The JSON state saved under ``name``, or None."""
        with translated_errors(self.where), self.engine.connect() as conn:
            data = conn.execute(select(state.c.data).where(state.c.name == name)).scalar_one_or_none()
        return json.loads(data) if data is not None else None

    def put_state(self, name: str, data: dict[str, Any], *, documents_seen: int = 0) -> None:
        """Save ``data`` under ``name``, replacing what was there, in one transaction."""
        text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
        with translated_errors(self.where), self._write() as conn, conn.begin():
            upsert_state(conn, name, text, documents_seen, now_iso())

    # -- helpers ---------------------------------------------------------------------------------

    def _page(self, query: Any, limit: int, offset: int) -> list[Any]:
        if limit < 0 or offset < 0:
            raise StoreError(f"limit={limit}, offset={offset}: both must be 0 or more", code="NG408")
        with translated_errors(self.where), self.engine.connect() as conn:
            return list(conn.execute(query.limit(limit).offset(offset)))

    def _scalar(self, query: Any) -> int:
        with translated_errors(self.where), self.engine.connect() as conn:
            return int(conn.execute(query).scalar_one())


def _event_row(r: Any, actors: dict[tuple[str, str], list[tuple[str, str]]]) -> EventRow:
    sources = actors.get((r.key, "source"), [])
    targets = actors.get((r.key, "target"), [])
    return EventRow(
        key=r.key, document=r.document, id=r.event_id, type=r.type, mode=r.mode, cameo=r.cameo,
        trigger=r.trigger, sentence=r.sentence, sentence_text=r.sentence_text, start=r.start, end=r.end,
        date_text=r.date_text, date_start=r.date_start, date_end=r.date_end, granularity=r.date_granularity,
        location_entity=r.location_entity, location_name=r.location_name, location_country=r.location_country,
        location_lat=r.location_lat, location_lon=r.location_lon, quantity_value=r.quantity_value,
        quantity_text=r.quantity_text, quantity_unit=r.quantity_unit, quantity_qualifier=r.quantity_qualifier,
        modality=r.modality, negated=bool(r.negated), claim=r.claim, attributed_to=r.attributed_to,
        confidence=r.confidence, outlet=r.outlet,
        source=tuple(i for i, _ in sources), source_names=tuple(n for _, n in sources),
        target=tuple(i for i, _ in targets), target_names=tuple(n for _, n in targets),
    )  # fmt: skip


def open_store(url_or_path: str | None = None, *, settings: Settings | None = None,
               readonly: bool = False) -> Store:  # fmt: skip
    """Open (and create or migrate, unless ``readonly``) a store.

    ``url_or_path`` is a file path, ``sqlite:///file.db`` or ``postgresql+psycopg://...``
    (``postgresql://`` uses psycopg); None takes the ``store.db`` setting.
    """
    if url_or_path is None:
        url_or_path = str((settings or load_settings()).get("store.db"))
    url_or_path = os.fspath(url_or_path)
    engine, where = open_engine(url_or_path, readonly=readonly)
    try:
        with translated_errors(where):
            if readonly:
                with engine.connect() as conn:
                    _check_readable(conn, where)
            else:
                with engine.connect().execution_options(sqlite_immediate=True) as conn, conn.begin():
                    migrations.migrate(conn, where)
    except BaseException:
        engine.dispose()
        raise
    return Store(engine, where, readonly=readonly, url=url_or_path)


def _check_readable(conn: Connection, where: str) -> None:
    version = migrations.stored_version(conn)
    if version == 0:
        version = None  # an empty database opened read-only is not a store
    migrations.check_version(version, where)
    if version is not None and version < migrations.CURRENT_VERSION:
        raise StoreError(f"{where} has store schema version {version}; open it once writable to migrate it "
                         f"to version {migrations.CURRENT_VERSION}", code="NG407")  # fmt: skip


__all__ = [
    "ADDED", "PRESENT", "ActorRow", "ClaimRow", "DocumentRow", "EventRow", "Store", "open_store", "sqlite_path",
]  # fmt: skip
