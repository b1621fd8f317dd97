"""`newsgraph ingest --dask`: a real LocalCluster of processes analyses, the store receives the same rows."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from newsgraph.ingestion import analyze_sources, store_outcomes
from newsgraph.schema import analysis_to_dict
from newsgraph.settings import load_settings
from newsgraph.store import open_store

from .documents import newsgraph, write_documents

N_DOCS = 6


@pytest.fixture(scope="module")
def cluster() -> Iterator[Any]:
    distributed = pytest.importorskip("distributed")
    with distributed.LocalCluster(n_workers=2, processes=True, threads_per_worker=1, dashboard_address=None,
                                  host="127.0.0.1") as local:  # fmt: skip
        yield local


def stored(db: Path) -> list[dict[str, Any]]:
    with open_store(str(db), readonly=True) as store:
        return [analysis_to_dict(a) for a in store.iter_analyses()]


def test_scale_dask_ingest_matches_local_path(tmp_path: Path, cluster: Any, analyzer: Any) -> None:
    folder = tmp_path / "docs"
    write_documents(folder, N_DOCS)
    local_db, dask_db = tmp_path / "local.db", tmp_path / "dask.db"
    settings = load_settings()
    with open_store(str(local_db)) as store:
        report = store_outcomes(analyze_sources([str(folder)], analyzer, settings=settings), store)
    assert len(report.added) == N_DOCS

    result = newsgraph("ingest", str(folder), "--db", str(dask_db), "--dask", cluster.scheduler_address, "--quiet")
    assert result.returncode == 0, result.stderr
    assert f"{N_DOCS} ingested, 0 already present" in result.stdout
    assert stored(dask_db) == stored(local_db)


def test_scale_dask_analyses_in_input_order(tmp_path: Path, cluster: Any) -> None:
    from distributed import Client

    from newsgraph.distributed import analyze_on_dask
    from newsgraph.ingest import read_sources

    folder = tmp_path / "docs"
    paths = write_documents(folder, N_DOCS)
    settings = load_settings()
    with Client(cluster) as client:
        outcomes = list(analyze_on_dask(read_sources([str(folder)], settings=settings), client,
                                        settings=settings, batch_size=2))  # fmt: skip
    assert [Path(o.document.source).name for o in outcomes] == [p.name for p in paths]


def test_scale_dask_workers_skip_what_is_stored(tmp_path: Path, cluster: Any) -> None:
    from distributed import Client

    from newsgraph.distributed import analyze_on_dask
    from newsgraph.ingest import read_sources
    from newsgraph.model import AlreadyPresent, Analysis

    folder, db = tmp_path / "docs", tmp_path / "store.db"
    write_documents(folder, N_DOCS)
    settings = load_settings()
    with Client(cluster) as client:
        def run() -> list[Any]:
            return list(analyze_on_dask(read_sources([str(folder)], settings=settings), client,
                                        settings=settings, store_url=str(db), batch_size=2))  # fmt: skip

        with open_store(str(db)) as store:
            first = run()
            store_outcomes(first, store)
        again = run()
    assert all(isinstance(o, Analysis) for o in first)
    # the workers read the store and never parsed the documents a second time
    assert [type(o) for o in again] == [AlreadyPresent] * N_DOCS
    assert [o.id for o in again] == [o.document.id for o in first]


def test_scale_dask_workers_that_cannot_read_the_store_still_analyse(tmp_path: Path, cluster: Any) -> None:
    from distributed import Client

    from newsgraph.distributed import analyze_on_dask
    from newsgraph.ingest import read_sources
    from newsgraph.model import Analysis

    folder = tmp_path / "docs"
    write_documents(folder, 2)
    settings = load_settings()
    missing = str(tmp_path / "elsewhere" / "store.db")  # as a writer's file is to a remote worker
    with Client(cluster) as client:
        outcomes = list(analyze_on_dask(read_sources([str(folder)], settings=settings), client,
                                        settings=settings, store_url=missing))  # fmt: skip
    assert [type(o) for o in outcomes] == [Analysis, Analysis]
