"""Store.events against a plain Python filter of every event, on SQLite and PostgreSQL.

The event queries take different shapes by filter (an actor's index with a first-actor check, a
UNION ALL per way an event belongs to an outlet, EXISTS on the actors); whatever the shape, each
page must hold exactly the rows the filters describe, in the sort's order, once each.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from typing import Any

import pytest

from newsgraph.model import Analysis, Article, Entity, Event, EventDate, Published
from newsgraph.store import EventRow, Store, open_store

ENTITIES = {  # id: (name, country)
    "country:AAA": ("Aland", "AAA"), "person:a1": ("Ann", "AAA"), "person:a2": ("Abe", "AAA"),
    "country:BBB": ("Bland", "BBB"), "person:b1": ("Bob", "BBB"),
    "outlet:the-post": ("The Post", "USA"), "org:nowhere": ("Nowhere", None),
}  # fmt: skip
ACTORS = list(ENTITIES)
TYPES = ("AGREE", "ASSAULT", "PROTEST")
OUTLETS = ("The Post", "Daily", None)
ATTRIBUTED = (None, None, "outlet:the-post", "The Post", "Daily", "outlet:elsewhere")
DATES = ("2022-01-05", "2022-03-01", "2022-03-01", "2022-06-30", "2022-07", "2023-02-10", "--05-01", None)
SORTS = ("date", "-date", "type", "-type", "confidence", "-confidence")
NO_DATE = "~"


def _event(rng: random.Random, n: int) -> Event:
    sources = rng.sample(ACTORS, rng.choice((1, 1, 2, 3)))
    targets = rng.sample(ACTORS, rng.choice((0, 1, 1, 2)))
    if rng.random() < 0.15:  # one entity in both roles
        targets = [sources[0], *[t for t in targets if t != sources[0]]]
    day = rng.choice(DATES)
    return Event(id=f"e{n}", type=rng.choice(TYPES), trigger="did", sentence=0, start=0, end=3,
                 source=tuple(sources), target=tuple(targets),
                 date=EventDate(day, day, day, "day") if day else None,
                 attributed_to=rng.choice(ATTRIBUTED), confidence=rng.choice((0.3, 0.5, 0.5, 0.9)))  # fmt: skip


def _analyses(seed: int = 5) -> list[Analysis]:
    rng = random.Random(seed)
    entities = tuple(Entity(i, name, i.split(":")[0], country=c) for i, (name, c) in ENTITIES.items())
    out = []
    for d in range(14):
        events = tuple(_event(rng, n) for n in range(1, rng.randint(3, 8)))
        article = Article(id=f"{d:016x}", source=f"doc{d}", text=f"Document {d}: something happened.",
                          outlet=OUTLETS[d % 3], published=Published("2022-01-01", "metadata"))  # fmt: skip
        out.append(Analysis(document=article, entities=entities, events=events))
    return out


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory, request: pytest.FixtureRequest) -> Iterator[Store]:
    yield from _store(request.param, tmp_path_factory)


def _store(backend: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    if backend == "sqlite":
        with open_store(str(tmp_path_factory.mktemp("events") / "store.db")) as store:
            list(store.add_many(_analyses()))
            yield store
        return
    import uuid

    from sqlalchemy import create_engine
    from sqlalchemy.engine import make_url
    from sqlalchemy.schema import CreateSchema, DropSchema

    from conftest import _pg_base  # a fresh schema, dropped afterwards

    base = _pg_base()
    schema = f"ng_test_{uuid.uuid4().hex[:12]}"
    admin = create_engine(base)
    with admin.begin() as conn:
        conn.execute(CreateSchema(schema))
    url = make_url(base).update_query_dict({"options": f"-csearch_path={schema}"})
    try:
        with open_store(url.render_as_string(hide_password=False)) as store:
            list(store.add_many(_analyses()))
            yield store
    finally:
        with admin.begin() as conn:
            conn.execute(DropSchema(schema, cascade=True))
        admin.dispose()


def _matches(row: EventRow, f: dict[str, Any]) -> bool:
    if f.get("type") is not None and row.type != f["type"]:
        return False
    actor, role = f.get("actor"), f.get("role")
    pairs = [("source", a) for a in row.source] + [("target", a) for a in row.target]
    if actor is not None:
        if not any((a == actor or ENTITIES.get(a, ("", None))[1] == actor) and role in (None, r) for r, a in pairs):
            return False
    elif role is not None and not any(r == role for r, _ in pairs):
        return False
    outlet = f.get("outlet")
    if outlet is not None:
        ids = {i for i, (name, _) in ENTITIES.items() if name == outlet}
        if row.outlet != outlet and row.attributed_to != outlet and row.attributed_to not in ids:
            return False
    if f.get("date_from") is not None:  # yeared bounds only here
        key = row.date_start or NO_DATE
        end = row.date_end or row.date_start or NO_DATE
        if not (f["date_from"] <= key <= f["date_to"] + "~" and end <= f["date_to"] + "~"):
            return False
    return True


def _sort_key(row: EventRow, sort: str) -> tuple[Any, ...]:
    date_key = row.date_start or NO_DATE
    return {"date": (date_key, row.key), "type": (row.type, date_key, row.key),
            "confidence": (row.confidence, row.key)}[sort.lstrip("-")]  # fmt: skip


def _filters(rng: random.Random) -> dict[str, Any]:
    f: dict[str, Any] = {
        "actor": rng.choice((None, "AAA", "BBB", "USA", "country:AAA", "person:a1", "org:nowhere")),
        "role": rng.choice((None, None, "source", "target")),
        "type": rng.choice((None, None, "AGREE")),
        "outlet": rng.choice((None, None, "The Post", "outlet:the-post", "Daily", "outlet:elsewhere")),
    }
    if rng.random() < 0.3:
        f["date_from"], f["date_to"] = "2022-02", "2022-06"
    return {k: v for k, v in f.items() if v is not None}


@pytest.mark.parametrize("store", ["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)], indirect=True)
def test_store_events_match_a_plain_filter_in_every_shape(store: Store) -> None:
    everything = store.events(limit=10_000)
    assert len(everything) == sum(len(a.events) for a in _analyses()) == len({r.key for r in everything})
    rng = random.Random(11)
    cases = [_filters(rng) for _ in range(70)]
    cases += [{"actor": "AAA"}, {"actor": "country:AAA"}, {"actor": "AAA", "role": "target"}, {"outlet": "The Post"},
              {"outlet": "The Post", "actor": "BBB"}, {"role": "target"}]  # fmt: skip
    for f in cases:
        for sort in SORTS:
            expected = sorted((r for r in everything if _matches(r, f)), key=lambda r: _sort_key(r, sort),
                              reverse=sort.startswith("-"))  # fmt: skip
            pages = [store.events(**f, sort=sort, limit=4, offset=o) for o in range(0, len(expected) + 4, 4)]
            got = [r.key for page in pages for r in page]
            assert got == [r.key for r in expected], (f, sort)
        assert store.count_events(**f) == len(expected), f
    assert sum(1 for f in cases if store.count_events(**f)) > 40  # the filters do find something


@pytest.mark.parametrize("few", [True, False])
@pytest.mark.parametrize("store", ["sqlite"], indirect=True)
def test_store_actor_pages_by_type_or_confidence_agree_in_both_plans(store: Store, few: bool,
                                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    """An actor sorted by type or confidence is read from its own index when its events are few, else by
    walking the sort's index; forced either way, the pages are the ones the plain filter gives."""
    from newsgraph.store import sqlite

    everything = store.events(limit=10_000)
    monkeypatch.setattr(sqlite, "actor_is_few", lambda *args: few)
    for f in ({"actor": "AAA"}, {"actor": "country:AAA"}, {"actor": "BBB", "role": "target"},
              {"actor": "person:a1", "type": "AGREE"}, {"actor": "AAA", "outlet": "The Post"}):  # fmt: skip
        for sort in ("type", "-type", "confidence", "-confidence"):
            expected = sorted((r for r in everything if _matches(r, f)), key=lambda r: _sort_key(r, sort),
                              reverse=sort.startswith("-"))  # fmt: skip
            pages = [store.events(**f, sort=sort, limit=3, offset=o) for o in range(0, len(expected) + 3, 3)]
            assert [r.key for page in pages for r in page] == [r.key for r in expected], (f, sort)
