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
