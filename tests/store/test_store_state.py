from __future__ import annotations

import json
import threading

from sqlalchemy import insert
from store_samples import make_analysis

from newsgraph.store import open_store
from newsgraph.store.records import now_iso
from newsgraph.store.schema import state


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


def test_store_state_saved_by_two_processes_at_once_last_wins(store_url: str) -> None:
    """Two `newsgraph cluster` runs saving a first state together: neither fails on the key.

    The other process's save is written but not committed when ours starts; ours waits for it
    (PostgreSQL's row lock, SQLite's write lock), then replaces it.
    """
    with open_store(store_url) as store, open_store(store_url) as other:
        store.get_state("corroborator")  # both connected before the race starts
        conn = other.engine.connect().execution_options(sqlite_immediate=True)
        tx = conn.begin()
        try:
            conn.execute(insert(state).values(name="corroborator", data=json.dumps({"by": "other"}), documents=1,
                                              updated_at=now_iso()))  # fmt: skip
            errors: list[BaseException] = []

            def save() -> None:
                try:
                    store.put_state("corroborator", {"by": "us"}, documents_seen=2)
                except BaseException as exc:  # reported below, not lost in the thread
                    errors.append(exc)

            saver = threading.Thread(target=save, daemon=True)
            saver.start()
            saver.join(0.5)
            assert saver.is_alive(), f"the save did not wait for the other writer: {errors}"
            tx.commit()
        finally:
            conn.close()
        saver.join(30)
        assert not errors, errors
        assert store.get_state("corroborator") == {"by": "us"}
