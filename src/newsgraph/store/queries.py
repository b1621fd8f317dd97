"""Select statements for the store's read API, built from the schema: every value is bound.

Event queries are shaped for ``ORDER BY ... LIMIT``: the filter that names an actor drives
from ``event_actors`` (whose indexes carry the sort key), the others from ``events``, so the
database walks one index in order and stops at the page's end instead of sorting everything.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import (
    ColumnElement,
    CompoundSelect,
    Select,
    and_,
    exists,
    false,
    func,
    literal_column,
    or_,
    select,
    union_all,
)

from newsgraph.errors import StoreError
from newsgraph.store import postgres, sqlite
from newsgraph.store.schema import NO_DATE, claims, documents, entities, event_actors, events, mentions

_ISO = re.compile(r"^(\d{4}(-\d{2}(-\d{2})?)?|--\d{2}(-\d{2})?)$")
ROLES = ("source", "target")
EVENT_SORTS = ("date", "-date", "type", "-type", "confidence", "-confidence")
# Appended to an upper bound so "2022-11" includes "2022-11-30": sorts after digits and "-".
_END = "~"


@dataclass(frozen=True)
class EventFilters:
    """The filters of Store.events(); None means "any"."""

    actor: str | None = None
    role: str | None = None
    type: str | None = None
    mode: str | None = None
    modality: str | None = None
    negated: bool | None = None
    date_from: str | None = None
    date_to: str | None = None
    outlet: str | None = None
    document: str | None = None
    text: str | None = None
    actor_is_entity: bool = False  # set by the store: ``actor`` is an entity id (not only a country)
    outlet_ids: tuple[str, ...] | None = None  # set by the store: ids of the entities named ``outlet``
    text_match: str | None = None  # set by the store: the FTS5 phrase that finds ``text`` (SQLite), if it pays
    actor_few: bool = False  # set by the store: the actor's events are few enough to read them all and sort


def check_iso(name: str, value: str | None) -> None:
    if value is not None and not _ISO.match(value):
        raise StoreError(f"{name}={value!r} is not an ISO date (YYYY, YYYY-MM, YYYY-MM-DD, --MM or --MM-DD)",
                         code="NG408")  # fmt: skip


def _date_range(column: Any, date_from: str | None, date_to: str | None) -> list[ColumnElement[bool]]:
    """One lower and one upper bound on an ISO sort key (so the index range is tight).

    Year-less filters match only year-less dates ("--" sorts before digits), yeared filters
    only yeared ones; undated rows (NO_DATE) never match a date filter.
    """
    if date_from is None and date_to is None:
        return []
    yearless = (date_from or date_to or "").startswith("--")
    lower = date_from if date_from is not None else ("--" if yearless else "0")
    conditions: list[ColumnElement[bool]] = [column >= lower]
    if date_to is not None:
        conditions.append(column <= date_to + _END)
    else:
        conditions.append(column < ("0" if yearless else NO_DATE))
    return conditions


def _actor_match(table: Any, f: EventFilters) -> ColumnElement[bool]:
    """The event_actors rows of ``table`` that the actor (and role) filter names."""
    assert f.actor is not None
    if ":" in f.actor:
        match = table.c.entity == f.actor
    elif f.actor_is_entity:
        match = or_(table.c.country == f.actor, table.c.entity == f.actor)
    else:
        match = table.c.country == f.actor
    return match if f.role is None else and_(match, table.c.role == f.role)


def _outlet_condition(f: EventFilters) -> ColumnElement[bool]:
    """The document's outlet is ``f.outlet``, or the event is attributed to it (by id or by name)."""
    e = events.c
    if f.outlet_ids is not None:
        return or_(e.outlet == f.outlet, e.attributed_to.in_([f.outlet, *f.outlet_ids]))
    outlet_ids = select(entities.c.id).where(entities.c.name == f.outlet)
    return or_(e.outlet == f.outlet, e.attributed_to == f.outlet, e.attributed_to.in_(outlet_ids))


def _outlet_branches(f: EventFilters) -> list[ColumnElement[bool]]:
    """_outlet_condition as disjoint conditions, each one equality an index walks in order."""
    assert f.outlet is not None and f.outlet_ids is not None
    e = events.c
    elsewhere = or_(e.outlet.is_(None), e.outlet != f.outlet)  # not already in the first branch
    ids = [f.outlet, *sorted(set(f.outlet_ids) - {f.outlet})]
    return [e.outlet == f.outlet, *(and_(e.attributed_to == i, elsewhere) for i in ids)]


def _event_conditions(f: EventFilters, *, outlet: bool = True) -> list[ColumnElement[bool]]:
    e = events.c
    conditions: list[ColumnElement[bool]] = []
    for column, value in ((e.type, f.type), (e.mode, f.mode), (e.modality, f.modality), (e.document, f.document)):
        if value is not None:
            conditions.append(column == value)
    if f.negated is not None:
        conditions.append(e.negated == f.negated)
    if f.date_to is not None:
        conditions.append(func.coalesce(e.date_end, e.date_start) <= f.date_to + _END)
    if f.outlet is not None and outlet:
        conditions.append(_outlet_condition(f))
    if f.text is not None:
        conditions.append(_text_contains(f))
    return conditions


def _text_contains(f: EventFilters) -> ColumnElement[bool]:
    """``f.text`` is a case-insensitive substring of the sentence or the trigger (LIKE wildcards are escaped).

    PostgreSQL's trigram indexes serve this ILIKE as it is. On SQLite the store may add the FTS5
    phrase: the index then picks the candidate events and LIKE confirms each, so the answer is the same.
    """
    e = events.c
    contains = or_(e.sentence_text.icontains(f.text, autoescape=True), e.trigger.icontains(f.text, autoescape=True))
    return contains if f.text_match is None else and_(sqlite.substring_condition(f.text_match), contains)


def _order(sort: str, date_key: Any, key: Any, *, type_: Any = None, confidence: Any = None) -> list[Any]:
    type_ = events.c.type if type_ is None else type_
    confidence = events.c.confidence if confidence is None else confidence
    columns = {"date": [date_key, key], "type": [type_, date_key, key], "confidence": [confidence, key]}
    chosen = columns[sort.lstrip("-")]
    return [c.desc() for c in chosen] if sort.startswith("-") else chosen


def event_select(f: EventFilters, columns: Sequence[Any], *, sort: str | None) -> Select[Any] | CompoundSelect[Any]:
    """Events matching ``f``; ordered by ``sort`` unless it is None (for counts).

    Three shapes, each letting the database walk one index in the page's order and stop at its end:

    * an actor, sorted by date (or counted): from ``event_actors`` by the actor's index, whose
      entries carry the event's date key; when several actors of one event match, the row of the
      first (by role, entity) is kept, found by an exact lookup on (actor, date key, event key);
    * an outlet (without an actor), sorted: one branch per way an event can belong to the outlet
      (disjoint), merged by UNION ALL in the sort order;
    * otherwise from ``events``, an actor being an EXISTS on its event_actors rows.

    A text filter the trigram index answers (``text_match``, set only when the substring is rare
    enough) takes the last shape: the index's few matches drive, so walking an actor's or an
    outlet's events, which would each test membership in the whole match list, is not needed.
    """
    check_iso("date_from", f.date_from)
    check_iso("date_to", f.date_to)
    if f.role is not None and f.role not in ROLES:
        raise StoreError(f"role={f.role!r}: choose source, target or none", code="NG408")
    if sort is not None and sort not in EVENT_SORTS:
        raise StoreError(f"sort={sort!r}: choose one of {', '.join(EVENT_SORTS)}", code="NG408")
    if f.actor is not None and f.text_match is None and (sort is None or sort.lstrip("-") == "date" or f.actor_few):
        return _actor_select(f, columns, sort=sort)
    e = events.c
    ea = event_actors
    branches = f.outlet is not None and f.outlet_ids is not None and sort is not None and f.text_match is None
    conditions = _event_conditions(f, outlet=not branches)
    conditions.extend(_date_range(e.date_key, f.date_from, f.date_to))
    if f.actor is not None:  # sorted by type or confidence: walk that index, keep events with such an actor
        conditions.append(exists().where(ea.c.event_key == e.key, ea.c.date_key == e.date_key, _actor_match(ea, f)))
    elif f.role is not None:  # "anyone in this role": the event has such an actor at all
        conditions.append(exists().where(ea.c.event_key == e.key, ea.c.role == f.role))
    if not branches:
        query = select(*columns).select_from(events).where(*conditions)
        return query if sort is None else query.order_by(*_order(sort, e.date_key, e.key))
    assert sort is not None
    names = {c.name for c in columns}
    extra = [c for c in (e.date_key, e.type, e.confidence, e.key) if c.name not in names]
    union = union_all(*(select(*columns, *extra).where(*conditions, branch) for branch in _outlet_branches(f)))
    out = union.selected_columns
    return union.order_by(*_order(sort, out.date_key, out.key, type_=out.type, confidence=out.confidence))


def _actor_select(f: EventFilters, columns: Sequence[Any], *, sort: str | None) -> Select[Any]:
    ea = event_actors
    ea2 = event_actors.alias("ea2")
    conditions = _event_conditions(f)
    conditions.append(_actor_match(ea, f))
    conditions.extend(_date_range(ea.c.date_key, f.date_from, f.date_to))
    entity = ":" in f.actor  # type: ignore[operator]
    if not (entity and f.role is not None):
        # One row per event although several of its actors (or roles) may match: keep the first
        # by (role, entity), spelt out without a row value (SQLite's planner would take that for
        # an index range and pick a far worse index). Same event, same date key: the actor's own
        # index finds the earlier rows in one exact lookup.
        if entity:  # one entity: its target row gives way to its source row
            before = and_(ea.c.role != ROLES[0], ea2.c.role == ROLES[0])
        elif f.role is not None:
            before = ea2.c.entity < ea.c.entity
        else:
            before = or_(ea2.c.role < ea.c.role, and_(ea2.c.role == ea.c.role, ea2.c.entity < ea.c.entity))
        # Correlated on the events row, so it is checked only once the event's own filters held.
        earlier = and_(ea2.c.event_key == events.c.key, ea2.c.date_key == events.c.date_key, _actor_match(ea2, f),
                       before)  # fmt: skip
        conditions.append(~exists().where(earlier))
    source = ea.join(events, events.c.key == ea.c.event_key)
    query = select(*columns).select_from(source).where(*conditions)
    if sort is None:
        return query
    # By type or confidence, an actor's few events are all read and sorted: ordering by an expression
    # keeps SQLite from walking the whole events table in that index's order instead.
    return query.order_by(*_order(sort, ea.c.date_key, ea.c.event_key, type_=events.c.type.concat(""),
                                  confidence=events.c.confidence + 0))


def actor_rows(f: EventFilters, cap: int) -> Select[Any]:
    """How many event_actors rows the actor filter names, counted up to ``cap`` on the actor's index."""
    one: ColumnElement[int] = literal_column("1")
    some = select(one).select_from(event_actors).where(_actor_match(event_actors, f)).limit(cap)
    return select(func.count()).select_from(some.subquery())


EVENT_COLUMNS = [
    events.c.key, events.c.document, events.c.event_id, events.c.type, events.c.mode, events.c.cameo,
    events.c.trigger, events.c.sentence, events.c.sentence_text, events.c.start, events.c.end,
    events.c.date_text, events.c.date_start, events.c.date_end, events.c.date_granularity,
    events.c.location_entity, events.c.location_name, events.c.location_country, events.c.location_lat,
    events.c.location_lon, events.c.quantity_value, events.c.quantity_text, events.c.quantity_unit,
    events.c.quantity_qualifier, events.c.modality, events.c.negated, events.c.claim, events.c.attributed_to,
    events.c.confidence, events.c.outlet,
]  # fmt: skip


def event_actor_select(keys: Sequence[str]) -> Select[Any]:
    """The actors of the given events with their names, in the order the analysis listed them."""
    ea = event_actors
    return (
        select(ea.c.event_key, ea.c.role, ea.c.entity, entities.c.name)
        .select_from(ea.join(entities, entities.c.id == ea.c.entity))
        .where(ea.c.event_key.in_(keys))
        .order_by(ea.c.event_key, ea.c.role, ea.c.seq)
    )


@dataclass(frozen=True)
class DocumentFilters:
    outlet: str | None = None
    language: str | None = None
    published_from: str | None = None
    published_to: str | None = None
    text: str | None = None


def _text_condition(dialect: str, text: str) -> ColumnElement[bool]:
    """The full-text condition for ``text`` on this backend."""
    if dialect == "sqlite":
        query = sqlite.fts_query(text)
        return false() if query is None else sqlite.match_condition(query)
    return postgres.match_condition(text)


def snippet_select(dialect: str, text: str, doc_ids: list[str]) -> Select[Any] | None:
    """(id, snippet) rows for a page of documents found by the text search ``text``; None: no snippets."""
    if not doc_ids:
        return None
    if dialect == "sqlite":
        query = sqlite.fts_query(text)
        return None if query is None else sqlite.snippets(query, doc_ids)
    return postgres.snippets(text, doc_ids)


DOCUMENT_COLUMNS = [
    documents.c.id, documents.c.source, documents.c.url, documents.c.outlet, documents.c.title,
    documents.c.authors, documents.c.published_value, documents.c.language, documents.c.n_events,
    documents.c.n_claims, documents.c.ingested_at,
]  # fmt: skip


def document_select(f: DocumentFilters, dialect: str, *, count: bool) -> Select[Any]:
    """Documents matching ``f``, newest published first (undated last); or their count."""
    check_iso("published_from", f.published_from)
    check_iso("published_to", f.published_to)
    d = documents.c
    conditions: list[ColumnElement[bool]] = []
    if f.outlet is not None:
        conditions.append(d.outlet == f.outlet)
    if f.language is not None:
        conditions.append(d.language == f.language)
    if f.published_from is not None or f.published_to is not None:
        conditions.append(d.published_value.is_not(None))
        conditions.extend(c for c in _date_range(d.published_key, f.published_from, f.published_to))
    if f.text is not None:
        conditions.append(_text_condition(dialect, f.text))
    if count:
        return select(func.count()).select_from(documents).where(*conditions)
    # Snippets are added by snippet_select for the page of rows only.
    return select(*DOCUMENT_COLUMNS).where(*conditions).order_by(d.published_key.desc(), d.id.desc())


@dataclass(frozen=True)
class ActorFilters:
    kind: str | None = None
    country: str | None = None
    text: str | None = None
    id: str | None = None


def _count_where(*conditions: ColumnElement[bool], table: Any, what: Any = None) -> Any:
    counted = func.count() if what is None else func.count(what.distinct())
    return select(counted).select_from(table).where(*conditions).scalar_subquery()


def actor_select(f: ActorFilters, *, count: bool) -> Select[Any]:
    """Entities matching ``f`` by name, with their mention, document and event counts."""
    en = entities.c
    conditions: list[ColumnElement[bool]] = []
    for column, value in ((en.kind, f.kind), (en.country, f.country), (en.id, f.id)):
        if value is not None:
            conditions.append(column == value)
    if f.text is not None:
        conditions.append(or_(en.name.icontains(f.text, autoescape=True), en.id.icontains(f.text, autoescape=True)))
    if count:
        return select(func.count()).select_from(entities).where(*conditions)
    ea = event_actors.c
    return (
        select(
            en.id, en.name, en.kind, en.country, en.role, en.lat, en.lon,
            _count_where(mentions.c.entity == en.id, table=mentions).label("n_mentions"),
            _count_where(mentions.c.entity == en.id, table=mentions, what=mentions.c.document).label("n_documents"),
            _count_where(ea.entity == en.id, ea.role == "source", table=event_actors).label("n_events_source"),
            _count_where(ea.entity == en.id, ea.role == "target", table=event_actors).label("n_events_target"),
        )  # fmt: skip
        .where(*conditions)
        .order_by(en.name, en.id)
    )


@dataclass(frozen=True)
class ClaimFilters:
    speaker: str | None = None
    outlet: str | None = None
    kind: str | None = None
    hedge: str | None = None
    document: str | None = None
    anonymous: bool | None = None


def claim_select(f: ClaimFilters, *, count: bool) -> Select[Any]:
    """Claims matching ``f`` (speaker: entity id or the words naming the speaker), in document order."""
    c = claims.c
    conditions: list[ColumnElement[bool]] = []
    for column, value in ((c.kind, f.kind), (c.hedge, f.hedge), (c.document, f.document)):
        if value is not None:
            conditions.append(column == value)
    if f.speaker is not None:
        conditions.append(or_(c.speaker == f.speaker, c.speaker_text == f.speaker))
    if f.outlet is not None:
        conditions.append(documents.c.outlet == f.outlet)
    if f.anonymous is not None:
        conditions.append(c.anonymous == f.anonymous)
    source = claims.join(documents, documents.c.id == c.document)
    if count:
        return select(func.count()).select_from(source).where(*conditions)
    return (
        select(c.document, c.claim_id, c.kind, c.speaker, c.speaker_text, c.cue, c.text, c.start, c.end, c.hedge,
               c.anonymous, documents.c.outlet)
        .select_from(source)
        .where(*conditions)
        .order_by(c.document, c.seq)
    )  # fmt: skip
