"""Store.events(text=...): a case-insensitive substring of the event's sentence or trigger, on both backends.

SQLite finds substrings of three or more characters with a trigram FTS5 index (events_fts) when that pays
and scans otherwise; PostgreSQL uses pg_trgm GIN indexes behind the same ILIKE. Whatever the plan, the
answer must be exactly what a plain Python substring filter over the stored events gives.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import delete, inspect

from newsgraph.model import Analysis, Article, Entity, Event, EventDate, Published, Sentence
from newsgraph.store import ADDED, EventRow, Store, migrations, open_store, postgres, sqlite
from newsgraph.store.schema import documents

# (sentence, trigger): the trigger is usually a word of the sentence; "redeployed" is not.
SENTENCES = [
    ("Kyiv’s air defence shot down 40 drones over Zaporizhzhia on Tuesday.", "shot down"),
    ("Officials said turnout was 100% in the district, up 5_000 votes.", "said"),
    ('The minister said "we will respond" after the strike.', "respond"),
    ("O'Neil's forces attacked the convoy near Kharkiv.", "attacked"),
    ("ZAPORIZHZHIA NUCLEAR PLANT SHELLED AGAIN", "SHELLED"),
    ("The deal (50/50 split) was signed AND NEAR(final)* approved.", "signed"),
    ("Protesters gathered in Tbilisi’s main square; police used tear gas.", "gathered"),
    ("Київ заявив про обстріл Харкова.", "обстріл"),
    ("Résumé of talks: Ankara and Athens agreed to meet.", "agreed"),
    ("A back\\slash, and a percent sign % alone.", "alone"),
    ("Names like foo_bar and fooXbar must differ.", "differ"),
    ("Troops moved north of the river.", "redeployed"),
]

NEEDLES = [
    # the middle of a word; case
    "aporizh", "efenc", "rotest", "kyiv’S", "zaporizhzhia", "ZAPORIZHZHIA", "Shelled", "REDEPLOY", "eploye",
    # one or two characters (no trigram: always a scan)
    "a", "Z", "’", "%", "_", "'", '"', "\\", "/", "50", "ky", "Ки", "ий", "é", " ",
    # quotes and LIKE wildcards, which must mean themselves
    '"we will', 'said "we', '"we will respond"', '""', '"""', "100%", "0% i", "%%%", "5_0", "o_b", "___",
    "O'Neil", "o'neil's", "l's f", "''",
    # non-ASCII
    "Kyiv’s", "Tbilisi’s", "Київ", "обстріл", "Résumé", "ésu", "Харкова.",
    # FTS5 and SQL syntax, which must be plain text
    "AND NEAR", "NEAR(final)*", "(50/50", "50/50", "a:b", "talks:", "OR", "NOT", "*", "^", "-",
    "back\\slash", "' OR 1=1 --", "'; DROP TABLE events; --",
    # spaces, everything, nothing
    "   ", "d ap", "", "xyzzy", "zzz", "did",
]  # fmt: skip


def _analyses() -> list[Analysis]:
    """Four documents of three sentences each, one event per sentence; dates and actors vary."""
    entities = (Entity("country:UKR", "Ukraine", "country", country="UKR"),
                Entity("country:RUS", "Russia", "country", country="RUS"))  # fmt: skip
    out = []
    for d in range(4):
        chosen = SENTENCES[d * 3 : d * 3 + 3]
        text, sentences, events, pos = "", [], [], 0
        for i, (sentence, trigger) in enumerate(chosen):
            text += sentence + " "
            sentences.append(Sentence(i, pos, pos + len(sentence)))
            start = max(sentence.find(trigger), 0)
            day = f"2022-0{1 + (d * 3 + i) % 9}-1{i}"
            events.append(Event(f"e{i}", ("ASSAULT", "AGREE", "PROTEST")[i], trigger, i, pos + start,
                                pos + start + len(trigger), source=(("country:UKR", "country:RUS")[(d + i) % 2],),
                                date=EventDate(day, day, day, "day") if (d + i) % 4 else None))  # fmt: skip
            pos += len(sentence) + 1
        article = Article(id=f"{d:016x}", source=f"doc{d}", text=text, outlet=("Kyiv Post", "Daily")[d % 2],
                          published=Published("2022-01-01", "metadata"))  # fmt: skip
        out.append(Analysis(document=article, sentences=tuple(sentences), entities=entities, events=tuple(events)))
    return out


def _sort_key(row: EventRow) -> tuple[str, str]:
    return (row.date_start or "~", row.key)


def _expected(rows: list[EventRow], needle: str) -> list[str]:
    """The plain filter: a case-insensitive substring of the sentence or of the trigger, in date order."""
    low = needle.lower()
    # The needles and texts differ in case only in ASCII letters, which both backends fold alike
    # (SQLite's lower() folds ASCII only): the Python filter is exact for them.
    for row in rows:
        for text in (row.sentence_text, row.trigger):
            assert (low in text.lower()) == (_ascii_lower(needle) in _ascii_lower(text))
    hits = [r for r in rows if low in r.sentence_text.lower() or low in r.trigger.lower()]
    return [r.key for r in sorted(hits, key=_sort_key)]


ORDERS: dict[str, Callable[[EventRow], tuple[Any, ...]]] = {
    "-date": _sort_key, "confidence": lambda r: (r.confidence, r.key), "type": lambda r: (r.type, *_sort_key(r)),
}  # fmt: skip


def _ascii_lower(text: str) -> str:
    return "".join(chr(ord(c) + 32) if "A" <= c <= "Z" else c for c in text)


@pytest.fixture
def store(store_url: str) -> Iterator[Store]:
    with open_store(store_url) as store:
        assert [status for _, status in store.add_many(_analyses())] == [ADDED] * 4
        yield store


def _check_needles(store: Store, needles: list[str]) -> None:
    every = store.events(limit=1000)
    assert len(every) == 12
    for needle in needles:
        expected = _expected(every, needle)
        assert [r.key for r in store.events(text=needle, limit=1000)] == expected, needle
        assert store.count_events(text=needle) == len(expected), needle
        pages = [store.events(text=needle, limit=2, offset=o) for o in range(0, 14, 2)]  # small pages: scans too
        assert [r.key for page in pages for r in page] == expected, needle


def test_event_text_search_matches_a_plain_substring_filter(store: Store) -> None:
    _check_needles(store, NEEDLES)
    assert _expected(store.events(limit=1000), "zaporizhzhia") != []  # the corpus does hold what is asked
    assert len(_expected(store.events(limit=1000), "a")) > 6


@pytest.mark.parametrize("plan", ["index", "scan"])
def test_event_text_search_both_sqlite_plans_agree(tmp_path: Path, plan: str,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:  # fmt: skip
    """The trigram index and the scan give the same answers, however the store would choose."""
    if plan == "index":
        monkeypatch.setattr(sqlite, "substring_match", lambda conn, text, rows, **_: sqlite.substring_phrase(text))
    else:
        monkeypatch.setattr(sqlite, "substring_match", lambda conn, text, rows, **_: None)
    with open_store(str(tmp_path / "store.db")) as store:
        list(store.add_many(_analyses()))
        _check_needles(store, NEEDLES)
        _check_filters(store)


def test_event_text_search_with_other_filters(store: Store) -> None:
    _check_filters(store)


def _check_filters(store: Store) -> None:
    """Text beside each other filter, in each query shape (actor walk, outlet branches, EXISTS), paged or counted."""
    every = store.events(limit=1000)
    by_key = {r.key: r for r in every}
    docs = sorted({r.document for r in every})
    cases = [{"actor": "UKR"}, {"actor": "country:RUS", "role": "source"}, {"type": "AGREE"},
             {"document": docs[1]}, {"outlet": "Kyiv Post"}, {"date_from": "2022-02", "date_to": "2022-06"}]  # fmt: skip
    for needle in ("the", "ZAPORIZHZHIA", "a", "’s", "sai", "xyzzy"):
        hits = set(_expected(every, needle))
        for f in cases:
            allowed = {r.key for r in store.events(**f, limit=1000)}
            expected = [r.key for r in sorted((r for r in every if r.key in hits & allowed), key=_sort_key)]
            assert [r.key for r in store.events(text=needle, **f, limit=1000)] == expected, (needle, f)
            assert store.count_events(text=needle, **f) == len(expected), (needle, f)
            for sort, order in ORDERS.items():
                want = sorted((by_key[k] for k in expected), key=order, reverse=sort.startswith("-"))
                got = [r.key for r in store.events(text=needle, **f, sort=sort, limit=1000)]
                assert got == [r.key for r in want], (needle, f, sort)


def test_event_text_search_index_choice(tmp_path: Path) -> None:
    """SQLite: the index drives rare substrings; short ones and common ones (for a small page) are scanned."""
    assert sqlite.substring_phrase("ab") is None and sqlite.substring_phrase("") is None
    assert sqlite.substring_phrase('say "no"') == '"say ""no"""'
    assert sqlite.substring_phrase("a\x00bc") is None  # FTS5 would read the query only up to the NUL
    with open_store(str(tmp_path / "store.db")) as store:
        list(store.add_many(_analyses()))
        with store.engine.connect() as conn:
            # 2 of 12 events: a page of 100 (cap sqrt(100 * 12) = 34) takes the index, a count (cap 12 / 8) scans
            assert sqlite.substring_match(conn, "Zaporizhzhia", 100) == '"Zaporizhzhia"'
            assert sqlite.substring_match(conn, "Zaporizhzhia", None) is None
            assert sqlite.substring_match(conn, "xyzzy", None) == '"xyzzy"'
            assert sqlite.substring_match(conn, "ab", 100) is None
            assert sqlite.substring_match(conn, "the", 1) is None  # in most sentences: a walk fills the page first
        assert store.events(text="ab\x00cd") == [] and store.count_events(text="ab\x00cd") == 0


def test_event_text_search_after_a_document_is_deleted_and_readded(store: Store) -> None:
    """The store has no delete: a document deleted in SQL (cascading to its events) leaves rows in
    events_fts, which check() names and which never match (the index is joined to events by key);
    adding the document again finds its events once each, and the store checks clean."""
    analyses = _analyses()
    gone = analyses[1].document.id  # holds "ZAPORIZHZHIA NUCLEAR PLANT SHELLED AGAIN"
    before = store.events(limit=1000)
    with store.engine.begin() as conn:
        conn.execute(delete(documents).where(documents.c.id == gone))  # cascades to its events
    left = [r for r in before if r.document != gone]
    for needle in ("zaporizhzhia", "shelled", "O'Neil", "nuclear plant", "a", "the"):
        assert [r.key for r in store.events(text=needle, limit=1000)] == _expected(left, needle), needle
        assert store.count_events(text=needle) == len(_expected(left, needle))
    if store.dialect == "sqlite":
        problems = store.check()
        assert any("events_fts without an event" in p for p in problems)
        assert all("full-text index" in p for p in problems)  # documents_fts too, nothing else
    assert store.add(analyses[1]) == ADDED
    for needle in ("zaporizhzhia", "shelled", "O'Neil", "nuclear plant", "a", "the"):
        assert [r.key for r in store.events(text=needle, limit=1000)] == _expected(before, needle), needle
    assert store.check() == []


def test_event_text_search_in_a_v3_store_migrated_to_v4(store_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """A store written by version 3 (no event text index) finds its old events once migrated."""
    with monkeypatch.context() as m:
        m.setattr(migrations, "MIGRATIONS", migrations.MIGRATIONS[:3])
        m.setattr(migrations, "CURRENT_VERSION", 3)
        m.setattr(sqlite, "index_events", lambda conn, rows: None)  # version 3 wrote no event index rows
        with open_store(store_url) as store:
            list(store.add_many(_analyses()))
            assert store.stats()["schema_version"] == 3
            if store.dialect == "sqlite":
                assert "events_fts" not in inspect(store.engine).get_table_names()
    with open_store(store_url) as store:
        assert store.stats()["schema_version"] == migrations.CURRENT_VERSION == 4
        assert store.check() == []
        _check_needles(store, ["zaporizhzhia", "Kyiv’s", "O'Neil", "100%", "5_0", "a", "xyzzy"])
        if store.dialect == "sqlite":
            with store.engine.connect() as conn:
                assert sqlite.substring_match(conn, "Zaporizhzhia", 100) == '"Zaporizhzhia"'
        else:
            names = {i["name"] for i in inspect(store.engine).get_indexes("events")}
            assert set(postgres.TRGM_INDEXES) <= names


@pytest.mark.postgres
@pytest.mark.parametrize("store_url", ["postgres"], indirect=True)
@pytest.mark.parametrize("failure", ["no extension", "unusable extension"])
def test_event_text_search_without_pg_trgm(store_url: str, monkeypatch: pytest.MonkeyPatch,
                                           caplog: pytest.LogCaptureFixture, failure: str) -> None:  # fmt: skip
    """PostgreSQL without the extension (not installed, no right to create or use it): plain ILIKE, a warning."""
    if failure == "no extension":  # CREATE EXTENSION fails, in its savepoint
        monkeypatch.setattr(postgres, "TRGM_EXTENSION", "pg_trgm_not_installed_here")
    else:  # CREATE INDEX fails, in its savepoint
        monkeypatch.setattr(postgres, "_trgm_schema", lambda conn: "no_such_schema")
    with caplog.at_level(logging.WARNING, logger="newsgraph.store.postgres"), open_store(store_url) as store:
        assert store.stats()["schema_version"] == migrations.CURRENT_VERSION
        list(store.add_many(_analyses()))
        names = {i["name"] for i in inspect(store.engine).get_indexes("events")}
        assert not set(postgres.TRGM_INDEXES) & names
        _check_needles(store, ["zaporizhzhia", "O'Neil", "100%", "a"])
        assert store.check() == []
    assert any("pg_trgm" in r.getMessage() for r in caplog.records)


def test_event_text_search_without_the_trigram_tokenizer(tmp_path: Path,
                                                         monkeypatch: pytest.MonkeyPatch,
                                                         caplog: pytest.LogCaptureFixture) -> None:  # fmt: skip
    """SQLite older than 3.34 has no trigram tokenizer: the store opens, warns, and scans."""
    monkeypatch.setattr(sqlite, "trigram_available", lambda conn: False)
    with caplog.at_level(logging.WARNING, logger="newsgraph.store.sqlite"), \
            open_store(str(tmp_path / "store.db")) as store:  # fmt: skip
        list(store.add_many(_analyses()))
        assert "events_fts" not in inspect(store.engine).get_table_names()
        _check_needles(store, ["zaporizhzhia", "O'Neil", "100%", "a"])
        assert store.check() == []
        with store.engine.connect() as conn:
            assert sqlite.substring_match(conn, "Zaporizhzhia", 100) is None
    assert any("trigram" in r.getMessage() for r in caplog.records)
