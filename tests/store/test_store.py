"""The store through its public API, on SQLite and PostgreSQL (the ``store_url`` fixture)."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator

import pytest
from store_samples import make_analysis

from newsgraph.errors import StoreError
from newsgraph.model import Analysis
from newsgraph.schema import analysis_to_dict
from newsgraph.store import ADDED, PRESENT, Store, migrations, open_store

PROBES = ("' OR 1=1 --", "%", "_", '"', "\\", "'; DROP TABLE documents; --")


@pytest.fixture
def store(store_url: str) -> Iterator[Store]:
    with open_store(store_url) as store:
        yield store


@pytest.fixture
def corpus(store: Store) -> list[Analysis]:
    """Four yeared documents (outlets alternate) and one year-less, Kyiv Post one."""
    analyses = [make_analysis(n) for n in range(4)] + [make_analysis(4, year=None, outlet="Kyiv Post")]
    assert [status for _, status in store.add_many(analyses)] == [ADDED] * 5
    return analyses


def test_store_add_then_present(store: Store) -> None:
    analysis = make_analysis(0)
    assert store.add(analysis) == ADDED
    assert store.add(analysis) == PRESENT
    assert store.count_documents() == 1
    assert store.count_events() == 2
    assert store.check() == []


def test_store_get_round_trips_exactly(store: Store, corpus: list[Analysis]) -> None:
    for analysis in corpus:
        got = store.get(analysis.document.id)
        assert got is not None
        assert analysis_to_dict(got) == analysis_to_dict(analysis)


def test_store_get_accepts_a_unique_prefix(store: Store, corpus: list[Analysis]) -> None:
    doc_id = corpus[0].document.id
    got = store.get(doc_id[:6])
    assert got is not None and got.document.id == doc_id
    assert store.get(doc_id[:5]) is None  # too short for a prefix
    assert store.get("ffffffffffffffff0") is None
    assert store.has(doc_id) and not store.has(doc_id[:6])


def test_store_get_refuses_an_ambiguous_prefix(store: Store) -> None:
    store.add(make_analysis(0, doc_id="abcdef0000000001"))
    store.add(make_analysis(1, doc_id="abcdef0000000002"))
    with pytest.raises(StoreError) as info:
        store.get("abcdef")
    assert info.value.code == "NG406"
    assert store.get("abcdef0000000002") is not None


def test_store_entities_are_global_and_updated(store: Store, corpus: list[Analysis]) -> None:
    rus = store.actor("country:RUS")
    assert rus is not None
    assert (rus.name, rus.country, rus.n_documents, rus.n_events_source) == ("Russia", "RUS", 5, 10)
    assert rus.n_mentions == 10
    ukr = store.actor("country:UKR")  # named only by an event: a placeholder entity
    assert ukr is not None and ukr.kind == "country" and ukr.country == "UKR" and ukr.n_events_target == 5
    first = corpus[0]
    renamed = dataclasses.replace(first.entities[1], name="Islamic Republic of Iran", country="IRQ")
    changed = dataclasses.replace(first, document=dataclasses.replace(first.document, id="0000000000000099"),
                                  entities=(first.entities[0], renamed, *first.entities[2:]))  # fmt: skip
    assert store.add(changed) == ADDED
    iran = store.actor("country:IRN")
    assert iran is not None and iran.name == "Islamic Republic of Iran" and iran.country == "IRQ"
    assert store.count_events(actor="IRQ") == 6  # copies of the country follow the entity
    assert store.count_events(actor="IRN") == 0
    assert store.check() == []


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        ({}, 10),
        ({"type": "AGREE"}, 5),
        ({"type": "ASSAULT"}, 0),
        ({"mode": "military"}, 5),
        ({"modality": "reported"}, 5),
        ({"negated": True}, 5),
        ({"negated": False}, 5),
        ({"actor": "country:RUS"}, 10),
        ({"actor": "RUS"}, 10),  # Russia and Patrushev in one event count once
        ({"actor": "RUS", "role": "target"}, 0),
        ({"actor": "UKR", "role": "target"}, 5),
        ({"actor": "person:nikolai-patrushev", "role": "source"}, 5),
        ({"actor": "country:IRN", "role": "target", "type": "AGREE"}, 5),
        ({"role": "target"}, 10),
        ({"date_from": "2022-11-02"}, 3),
        ({"date_from": "2022-11-02", "date_to": "2022-11-03"}, 2),
        ({"date_to": "2022-11"}, 4),
        ({"date_from": "2022"}, 4),
        ({"date_from": "--11-01"}, 1),
        ({"date_to": "--11"}, 1),
        ({"actor": "RUS", "date_from": "2022-11-04"}, 1),
        ({"outlet": "Kyiv Post"}, 6),
        ({"outlet": "outlet:the-washington-post"}, 5),
        ({"outlet": "The Washington Post"}, 5),
        ({"text": "DRONES IN TEHRAN"}, 5),
        ({"text": "threaten"}, 5),
    ],
)
def test_store_events_filters(store: Store, corpus: list[Analysis], filters: dict, expected: int) -> None:
    rows = store.events(**filters, limit=1000)
    assert len(rows) == expected == store.count_events(**filters)
    assert len({r.key for r in rows}) == expected


def test_store_events_by_document(store: Store, corpus: list[Analysis]) -> None:
    doc_id = corpus[2].document.id
    rows = store.events(document=doc_id)
    assert sorted(r.key for r in rows) == [f"{doc_id}:e1", f"{doc_id}:e2"]


def test_store_event_rows_carry_actors_and_sentence(store: Store, corpus: list[Analysis]) -> None:
    doc_id = corpus[0].document.id
    (e2,) = store.events(document=doc_id, type="THREATEN")
    assert e2.source == ("person:nikolai-patrushev", "country:RUS")
    assert e2.source_names == ("Nikolai Patrushev", "Russia")
    assert e2.target == ("country:UKR",) and e2.target_names == ("UKR",)
    assert e2.sentence_text.startswith('"We will not stop,"')
    assert (e2.negated, e2.quantity_value, e2.quantity_unit, e2.date_start) == (True, 400.0, "drone", None)
    (e1,) = store.events(document=doc_id, type="AGREE")
    assert (e1.date_start, e1.granularity, e1.location_name, e1.location_lat) == ("2022-11-01", "day", "Tehran", 35.69)
    assert (e1.attributed_to, e1.claim, e1.confidence, e1.outlet) == ("outlet:the-washington-post", "c1", 0.8,
                                                                      "The Daily Planet")  # fmt: skip


def test_store_events_sort_and_pagination(store: Store, corpus: list[Analysis]) -> None:
    by_date = store.events(type="AGREE")
    assert [r.date_start for r in by_date] == ["--11-05", "2022-11-01", "2022-11-02", "2022-11-03", "2022-11-04"]
    assert [r.key for r in store.events(type="AGREE", sort="-date")] == [r.key for r in reversed(by_date)]
    pages = [store.events(sort="date", limit=3, offset=o) for o in (0, 3, 6, 9)]
    keys = [r.key for page in pages for r in page]
    assert [len(p) for p in pages] == [3, 3, 3, 1]
    assert keys == [r.key for r in store.events(limit=100)] and len(set(keys)) == 10
    undated = store.events(sort="date")[-5:]
    assert all(r.date_start is None for r in undated)  # undated last, on both backends
    assert [r.type for r in store.events(sort="type", limit=10)][:5] == ["AGREE"] * 5
    assert [r.confidence for r in store.events(sort="-confidence", limit=1)] == [0.8]
    actor_pages = [store.events(actor="RUS", limit=4, offset=o) for o in (0, 4, 8)]
    assert [r.key for p in actor_pages for r in p] == [r.key for r in store.events(actor="RUS")]


def test_store_events_reject_bad_arguments(store: Store) -> None:
    for bad in ({"sort": "cost"}, {"role": "victim"}, {"date_from": "November"}, {"limit": -1}):
        with pytest.raises(StoreError) as info:
            store.events(**bad)  # type: ignore[arg-type]
        assert info.value.code == "NG408"


def test_store_documents_filters(store: Store, corpus: list[Analysis]) -> None:
    rows = store.documents()
    assert len(rows) == 5 == store.count_documents()
    assert [r.published for r in rows] == ["2022-11-04", "2022-11-03", "2022-11-02", "2022-11-01", None]
    assert rows[0].authors == ("Jane Doe", "Ivan Ivanov") and rows[0].n_events == 2 and rows[0].n_claims == 2
    assert store.count_documents(outlet="Kyiv Post") == 3
    assert store.count_documents(language="en") == 5 and store.count_documents(language="fr") == 0
    assert store.count_documents(published_from="2022-11-02") == 3
    assert store.count_documents(published_from="2022-11-02", published_to="2022-11-03") == 2
    assert store.count_documents(published_to="2022-11") == 4
    assert [r.id for r in store.documents(limit=2, offset=4)] == [corpus[4].document.id]


def test_store_documents_full_text_search(store: Store, corpus: list[Analysis]) -> None:
    rows = store.documents(text="Patrushev drones")
    assert len(rows) == 5 == store.count_documents(text="Patrushev drones")
    assert all(r.snippet and "[" in r.snippet for r in rows)
    assert store.count_documents(text="Drone deal") == 5  # titles are searched too
    (hit,) = store.documents(text="November 4, report 3")
    assert hit.id == corpus[3].document.id
    assert store.count_documents(text="submarine") == 0
    assert store.count_documents(text="Patrushev", outlet="Kyiv Post") == 3


def test_store_search_snippets_follow_their_page(store: Store) -> None:
    """Snippets are built for the page of rows only, and each stays with its own document."""
    every = store.documents(text="Patrushev drones")
    pages = [r for offset in (0, 2, 4) for r in store.documents(text="Patrushev drones", limit=2, offset=offset)]
    assert [(r.id, r.snippet) for r in pages] == [(r.id, r.snippet) for r in every]
    assert all(r.snippet is None for r in store.documents())  # no search, no snippet
    assert store.documents(text="submarine") == [] and store.documents(text="!!!") == []


def test_store_actors_filters(store: Store, corpus: list[Analysis]) -> None:
    names = [a.name for a in store.actors()]
    assert names == sorted(names) and len(names) == 6
    assert {a.id for a in store.actors(kind="country")} == {"country:RUS", "country:IRN", "country:UKR"}
    assert {a.id for a in store.actors(country="IRN")} == {"country:IRN", "place:tehran"}
    assert [a.id for a in store.actors(text="patru")] == ["person:nikolai-patrushev"]
    assert store.count_actors(kind="person") == 1
    assert [a.id for a in store.actors(limit=2, offset=1)] == [a.id for a in store.actors()][1:3]
    assert store.actor("person:nobody") is None


def test_store_claims_filters(store: Store, corpus: list[Analysis]) -> None:
    assert len(store.claims()) == 10 == store.count_claims()
    assert store.count_claims(kind="direct_quote") == 5
    assert store.count_claims(speaker="person:nikolai-patrushev") == 5
    assert store.count_claims(speaker="The Washington Post") == 5
    assert store.count_claims(hedge="reported") == 5
    assert store.count_claims(outlet="Kyiv Post") == 6
    assert store.count_claims(anonymous=True) == 0 and store.count_claims(anonymous=False) == 10
    doc_id = corpus[1].document.id
    assert [(c.document, c.id) for c in store.claims(document=doc_id)] == [(doc_id, "c1"), (doc_id, "c2")]
    assert len(store.claims(limit=3, offset=9)) == 1


@pytest.mark.parametrize("probe", PROBES)
def test_store_injection_probes_return_nothing(store: Store, corpus: list[Analysis], probe: str) -> None:
    for name in ("actor", "type", "mode", "modality", "outlet", "document"):
        assert store.events(**{name: probe}) == [], name
        assert store.count_events(**{name: probe}) == 0, name
    # text is a literal substring: it finds the probe only where the sentence really holds it
    literal = [r.key for r in store.events(limit=100) if probe in r.sentence_text or probe in r.trigger]
    assert [r.key for r in store.events(text=probe, limit=100)] == literal
    assert literal == [] or probe == '"'
    for name in ("outlet", "language", "text"):
        assert store.documents(**{name: probe}) == [], name
    for name in ("kind", "country", "text"):
        assert store.actors(**{name: probe}) == [], name
    for name in ("speaker", "outlet", "kind", "hedge", "document"):
        assert store.claims(**{name: probe}) == [], name
    assert store.get(probe) is None and not store.has(probe) and store.actor(probe) is None
    assert store.count_documents() == 5 and store.check() == []


def test_store_check_finds_damage(store: Store, corpus: list[Analysis]) -> None:
    from sqlalchemy import delete, update

    from newsgraph.store.schema import documents, sentences

    doc_id, other = corpus[0].document.id, corpus[1].document.id
    with store.engine.begin() as conn:
        conn.execute(delete(sentences).where(sentences.c.document == doc_id, sentences.c.seq == 1))
        conn.execute(update(documents).where(documents.c.id == other).values(analysis="{not json"))
    problems = store.check()
    assert any(doc_id in p and "sentences" in p for p in problems)
    assert any(other in p and "does not parse" in p for p in problems)


def test_store_stats(store: Store, corpus: list[Analysis]) -> None:
    stats = store.stats()
    assert (stats["documents"], stats["events"], stats["claims"], stats["schema_version"]) == (5, 10, 10, migrations.CURRENT_VERSION)
    assert stats["backend"] in ("sqlite", "postgresql")
