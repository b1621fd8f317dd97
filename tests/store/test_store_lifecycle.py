"""Opening, migrating, refusing, read-only use, full disks and crashes (kill -9) of a store."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
from sqlalchemy import Column, Integer, MetaData, Table, create_engine, event, func, select
from sqlalchemy.engine import Connection
from store_samples import make_analysis

from newsgraph.errors import StoreError
from newsgraph.schema import analysis_to_dict
from newsgraph.store import ADDED, PRESENT, migrations, open_store
from newsgraph.store.postgres import normalise_url
from newsgraph.store.schema import schema_version

SAMPLES = Path(__file__).parent


def _engine(store_url: str):  # a plain engine on the same database, for tampering
    url = store_url if "://" in store_url else f"sqlite:///{store_url}"
    return create_engine(normalise_url(url))


def test_store_migrates_an_empty_database(store_url: str) -> None:
    if "://" not in store_url:
        Path(store_url).touch()  # an empty file is an empty SQLite database
    with open_store(store_url) as store:
        assert store.stats()["schema_version"] == migrations.CURRENT_VERSION
        assert store.add(make_analysis(0)) == ADDED
    with open_store(store_url) as store:  # reopening applies nothing again
        assert store.count_documents() == 1 and store.check() == []


def test_store_applies_new_migrations_in_order(store_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    with open_store(store_url) as store:
        store.add(make_analysis(0))
    applied: list[int] = []
    base = migrations.CURRENT_VERSION

    def first(conn: Connection) -> None:
        applied.append(base + 1)
        Table("extra", MetaData(), Column("n", Integer)).create(conn)

    def second(conn: Connection) -> None:
        applied.append(base + 2)

    monkeypatch.setattr(migrations, "MIGRATIONS", [*migrations.MIGRATIONS, first, second])
    monkeypatch.setattr(migrations, "CURRENT_VERSION", base + 2)
    with open_store(store_url) as store:
        assert store.stats()["schema_version"] == base + 2 and store.count_documents() == 1
    with open_store(store_url):
        pass
    assert applied == [base + 1, base + 2]


def test_store_failed_migration_changes_nothing(store_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    with open_store(store_url):
        pass

    def v2(conn: Connection) -> None:
        Table("half_done", MetaData(), Column("n", Integer)).create(conn)
        raise RuntimeError("boom")

    base = migrations.CURRENT_VERSION
    monkeypatch.setattr(migrations, "MIGRATIONS", [*migrations.MIGRATIONS, v2])
    monkeypatch.setattr(migrations, "CURRENT_VERSION", base + 1)
    with pytest.raises(RuntimeError):
        open_store(store_url)
    monkeypatch.undo()
    with open_store(store_url) as store:
        assert store.stats()["schema_version"] == base
    from sqlalchemy import inspect

    engine = _engine(store_url)
    with engine.connect() as conn:
        assert "half_done" not in inspect(conn).get_table_names()
    engine.dispose()


def test_store_refuses_a_newer_schema(store_url: str) -> None:
    with open_store(store_url):
        pass
    engine = _engine(store_url)
    with engine.begin() as conn:
        conn.execute(schema_version.insert().values(version=migrations.CURRENT_VERSION + 1, applied_at="later"))
    engine.dispose()
    for readonly in (False, True):
        with pytest.raises(StoreError) as info:
            open_store(store_url, readonly=readonly)
        assert info.value.code == "NG402" and "upgrade newsgraph" in str(info.value)


def test_store_refuses_a_database_that_is_not_a_store(store_url: str) -> None:
    engine = _engine(store_url)
    with engine.begin() as conn:
        Table("customers", MetaData(), Column("id", Integer, primary_key=True)).create(conn)
    engine.dispose()
    with pytest.raises(StoreError) as info:
        open_store(store_url)
    assert info.value.code == "NG401"


def test_store_refuses_a_file_that_is_not_a_database(store_url: str, tmp_path: Path) -> None:
    path = tmp_path / "notes.db"
    path.write_text("these are my notes, not a database\n" * 200)
    with pytest.raises(StoreError) as info:
        open_store(str(path))
    assert info.value.code == "NG401"
    assert path.read_text().startswith("these are my notes")


def test_store_readonly(store_url: str) -> None:
    with open_store(store_url) as store:
        store.add(make_analysis(0))
    with open_store(store_url, readonly=True) as store:
        assert store.count_events() == 2 and store.get(make_analysis(0).document.id) is not None
        assert store.check() == []
        with pytest.raises(StoreError) as info:
            store.add(make_analysis(1))
        assert info.value.code == "NG405"


def test_store_readonly_needs_an_existing_store(store_url: str, tmp_path: Path) -> None:
    with pytest.raises(StoreError) as info:
        open_store(str(tmp_path / "missing.db"), readonly=True)
    assert info.value.code == "NG403"
    assert not (tmp_path / "missing.db").exists()
    with pytest.raises(StoreError) as info:  # an empty database is no store either
        open_store(store_url, readonly=True)
    assert info.value.code in ("NG401", "NG403")


def test_store_read_only_folder(store_url: str, tmp_path: Path) -> None:
    if os.geteuid() == 0:
        pytest.skip("root may write to read-only folders")
    folder = tmp_path / "ro"
    folder.mkdir()
    folder.chmod(0o555)
    try:
        with pytest.raises(StoreError) as info:
            open_store(str(folder / "store.db"))
        assert info.value.code == "NG405"
    finally:
        folder.chmod(0o755)


def test_store_full_disk_is_a_clear_error(store_url: str) -> None:
    if "://" in store_url:
        pytest.skip("a full disk is simulated with SQLite's max_page_count")
    with open_store(store_url) as store:
        store.add(make_analysis(0))
        pages = store.engine.connect().exec_driver_sql("PRAGMA page_count").scalar()
        store.engine.dispose()

        @event.listens_for(store.engine, "connect")
        def _limit(dbapi_conn, _record) -> None:  # type: ignore[no-untyped-def]
            dbapi_conn.execute(f"PRAGMA max_page_count = {pages + 8}")

        with pytest.raises(StoreError) as info:
            for n in range(1, 200):
                store.add(make_analysis(n))
        assert info.value.code == "NG404" and "disk is full" in str(info.value)
        assert store.check() == []


def test_store_url_forms(store_url: str, tmp_path: Path) -> None:
    assert normalise_url("postgresql://u@h/db") == "postgresql+psycopg://u@h/db"
    assert normalise_url("postgres://u@h/db") == "postgresql+psycopg://u@h/db"
    path = tmp_path / "url.db"
    with open_store(f"sqlite:///{path}") as store:
        store.add(make_analysis(0))
    with open_store(str(path)) as store:
        assert store.count_documents() == 1
    with pytest.raises(StoreError):
        open_store("mysql://u@h/db")


def test_store_default_path_comes_from_settings(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                store_url: str) -> None:  # fmt: skip
    from newsgraph.settings import load_settings

    settings = load_settings(environ={"NEWSGRAPH_DB": store_url})
    with open_store(settings=settings) as store:
        assert store.add(make_analysis(0)) == ADDED


_WRITER = """
import sys
sys.path.insert(0, {samples!r})
from store_samples import make_analysis
from newsgraph.store import open_store

with open_store({url!r}) as store:
    print("ready", flush=True)
    for n in range({count}):
        store.add(make_analysis(n))
"""


def test_store_survives_kill_9(store_url: str, tmp_path: Path) -> None:
    count = 400
    script = tmp_path / "writer.py"
    script.write_text(textwrap.dedent(_WRITER.format(samples=str(SAMPLES), url=store_url, count=count)))
    rng = random.Random(7)
    for _ in range(4):
        proc = subprocess.Popen([sys.executable, str(script)], stdout=subprocess.PIPE, text=True)
        assert proc.stdout is not None and proc.stdout.readline().strip() == "ready"
        time.sleep(rng.uniform(0.05, 0.6))
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        proc.stdout.close()
    expected = {a.document.id: a for a in (make_analysis(n) for n in range(count))}
    with open_store(store_url) as store:
        assert store.check() == []
        stored = store.count_documents()
        assert 0 < stored < count, "the writer was killed before it started or after it finished"
        for row in store.documents(limit=count):
            got = store.get(row.id)
            assert got is not None and analysis_to_dict(got) == analysis_to_dict(expected[row.id])
            assert store.count_events(document=row.id) == row.n_events == 2
        statuses = [status for _, status in store.add_many(expected.values())]
        assert statuses.count(PRESENT) == stored and statuses.count(ADDED) == count - stored
        assert store.count_documents() == count and store.count_events() == 2 * count
        assert store.check() == []
        with store.engine.connect() as conn:
            from newsgraph.store.schema import documents

            assert conn.execute(select(func.count(documents.c.id.distinct()))).scalar_one() == count
