"""The Python API: ``import newsgraph`` analyses, stores and queries without the command line."""

from __future__ import annotations

import doctest
import io
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

import newsgraph
from newsgraph.errors import NewsgraphError

TEXT = "Russia and Iran signed a deal in Tehran on Monday, the Kremlin said."
HTML = ("<html><head><title>Drone deal</title></head><body><article><p>" + TEXT + "</p>"
        "<p>The agreement covers the production of drones in Russia for the war in Ukraine.</p>"
        "</article></body></html>")  # fmt: skip


def test_python_api_docstring_examples_run() -> None:
    result = doctest.testmod(newsgraph, optionflags=doctest.ELLIPSIS)
    assert result.attempted > 0 and result.failed == 0


def test_python_api_import_is_cheap() -> None:
    code = "import sys, newsgraph; print('spacy' in sys.modules, 'sqlalchemy' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.split() == ["False", "False"]


def test_python_api_exports_its_names() -> None:
    for name in newsgraph.__all__:
        assert getattr(newsgraph, name) is not None
    assert newsgraph.Store.__name__ == "Store" and newsgraph.Analyzer.__name__ == "Analyzer"
    with pytest.raises(AttributeError):
        _ = newsgraph.NoSuchThing  # type: ignore[attr-defined]


def test_python_api_analyze_text_returns_dataclasses(analyzer: Any) -> None:
    analysis = analyzer.analyze(TEXT, published="2022-11-21")
    assert isinstance(analysis, newsgraph.Analysis)
    agree = [e for e in analysis.events if e.type == "AGREE"]
    assert agree and isinstance(agree[0], newsgraph.Event)
    assert {"country:RUS", "country:IRN"} <= set(agree[0].source) | set(agree[0].target)
    assert agree[0].date is not None and agree[0].date.start.startswith("2022-11")
    assert all(isinstance(e, newsgraph.Entity) for e in analysis.entities)


def test_python_api_analyze_html_cleans_it_first(analyzer: Any) -> None:
    analysis = analyzer.analyze(HTML)
    assert analysis.document.title == "Drone deal"
    assert "<p>" not in analysis.document.text and "Tehran" in analysis.document.text


def test_python_api_analyze_one_call_form() -> None:
    analysis = newsgraph.analyze(TEXT, published="2022-11-21")
    assert any(e.type == "AGREE" for e in analysis.events)


def test_python_api_analyze_rejects_empty_text(analyzer: Any) -> None:
    with pytest.raises(NewsgraphError):
        analyzer.analyze("   ")


def test_python_api_store_round_trip_and_queries(analyzer: Any, tmp_path: Path) -> None:
    analysis = analyzer.analyze(TEXT, published="2022-11-21")
    with newsgraph.open_store(str(tmp_path / "api.db")) as store:
        assert isinstance(store, newsgraph.Store)
        assert store.add(analysis) == "added" and store.add(analysis) == "present"
        assert store.get(analysis.document.id) == analysis
        rows = store.events(actor="RUS", type="AGREE")
        assert rows and rows[0].document == analysis.document.id
        assert store.count_events(actor="IRN") >= 1
        assert [a.id for a in store.actors(country="IRN", kind="country")] == ["country:IRN"]
    with newsgraph.open_store(str(tmp_path / "api.db"), readonly=True) as store:
        assert store.count_documents() == 1


def test_python_api_store_takes_the_db_setting(tmp_path: Path) -> None:
    settings = newsgraph.load_settings(environ={"NEWSGRAPH_DB": str(tmp_path / "env.db")})
    with newsgraph.open_store(settings=settings) as store:
        assert store.where.endswith("env.db")


def test_python_api_export_from_python(tmp_path: Path) -> None:
    from newsgraph.export import EventQuery, export

    sys.path.insert(0, str(Path(__file__).parent / "store"))
    from store_samples import make_analysis

    with newsgraph.open_store(str(tmp_path / "x.db")) as store:
        store.add(make_analysis(0))
        buffer = io.StringIO()
        assert export(store, "jsonl", buffer, EventQuery(actor="RUS")) == 2
    assert buffer.getvalue().count("\n") == 2
