"""`newsgraph ingest --workers N`: the same stored analyses with any number of workers, in input order.

The folder also holds one document longer than language.max_chars: it must be cut, with a warning,
on the in-process path and in pool workers alike (settings travel to the workers).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from newsgraph.schema import analysis_to_dict
from newsgraph.store import open_store

from .documents import newsgraph, write_documents

N_SMALL = 20
N_DOCS = N_SMALL + 1  # and the long one, last
MAX_CHARS = 3000


def stored(db: Path) -> list[dict[str, object]]:
    """Every stored analysis as JSON data, in ingest order."""
    with open_store(str(db), readonly=True) as store:
        return [analysis_to_dict(a) for a in store.iter_analyses()]


@pytest.fixture(scope="module")
def ingested(tmp_path_factory: pytest.TempPathFactory) -> dict[str, object]:
    root = tmp_path_factory.mktemp("workers")
    folder = root / "docs"
    write_documents(folder, N_SMALL)
    parts = write_documents(root / "parts", 40, sentences=5)
    long_text = "\n\n".join(p.read_text(encoding="utf-8") for p in parts)
    (folder / "doc-999-long.txt").write_text(long_text, encoding="utf-8")
    runs = {}
    for workers in (1, 2):
        db = root / f"w{workers}.db"
        result = newsgraph("ingest", str(folder), "--db", str(db), "--workers", str(workers), "--quiet",
                           "--set", f"language.max_chars={MAX_CHARS}")  # fmt: skip
        assert result.returncode == 0, result.stderr
        runs[workers] = (db, result)
    return {"folder": folder, "runs": runs, "long_chars": len(long_text)}


def test_scale_workers_store_the_same_analyses(ingested: dict[str, object]) -> None:
    runs = ingested["runs"]
    one, two = stored(runs[1][0]), stored(runs[2][0])
    assert len(one) == N_DOCS
    assert [a["document"]["id"] for a in two] == [a["document"]["id"] for a in one]
    assert [a["events"] for a in two] == [a["events"] for a in one]
    assert two == one


def test_scale_workers_keep_input_order(ingested: dict[str, object]) -> None:
    sources = [Path(a["document"]["source"]).name for a in stored(ingested["runs"][2][0])]
    assert sources == [f"doc-{i:03d}.txt" for i in range(N_SMALL)] + ["doc-999-long.txt"]


def test_scale_workers_report_counts(ingested: dict[str, object]) -> None:
    for _db, result in ingested["runs"].values():
        assert f"{N_DOCS} ingested, 0 already present, 0 skipped, 0 failed" in result.stdout


def test_scale_reingest_is_a_noop(ingested: dict[str, object]) -> None:
    db = ingested["runs"][2][0]
    before = stored(db)
    result = newsgraph("ingest", str(ingested["folder"]), "--db", str(db), "--workers", "2", "--quiet",
                       "--set", f"language.max_chars={MAX_CHARS}")  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert f"0 ingested, {N_DOCS} already present" in result.stdout
    assert stored(db) == before


@pytest.mark.parametrize("workers", [1, 2])
def test_scale_long_document_is_cut_with_a_warning(ingested: dict[str, object], workers: int) -> None:
    db, result = ingested["runs"][workers]
    assert "text cut from" in result.stderr
    text = stored(db)[-1]["document"]["text"]
    assert ingested["long_chars"] > MAX_CHARS >= len(text) > MAX_CHARS // 2
