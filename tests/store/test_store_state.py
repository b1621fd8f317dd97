from __future__ import annotations

from store_samples import make_analysis

from newsgraph.store import open_store


def test_store_state_round_trips_and_replaces(store_url: str) -> None:
    with open_store(store_url) as store:
        assert store.get_state("corroborator") is None
        store.put_state("corroborator", {"documents": ["a"], "n": 1}, documents_seen=1)
        store.put_state("corroborator", {"documents": ["a", "b"], "n": 2, "text": "‘quoted’ \"x\""}, documents_seen=2)
        assert store.get_state("corroborator") == {"documents": ["a", "b"], "n": 2, "text": "‘quoted’ \"x\""}
        assert store.get_state("other") is None


def test_store_iter_analyses_in_ingest_order_with_exclusions(store_url: str) -> None:
    with open_store(store_url) as store:
        ids = [make_analysis(i).document.id for i in range(5)]
        for i in range(5):
            store.add(make_analysis(i))
        got = [a.document.id for a in store.iter_analyses(batch=2)]
        assert sorted(got) == sorted(ids) and len(got) == 5
        rest = [a.document.id for a in store.iter_analyses(exclude=ids[:2], batch=2)]
        assert sorted(rest) == sorted(ids[2:])
