"""Each export read back with the library its users read it with: pandas, pyarrow, networkx."""

from __future__ import annotations

import io
import json
import re
from pathlib import Path

import networkx as nx
import pandas as pd
import pyarrow.parquet as pq
import pytest
from typer.testing import CliRunner

from newsgraph.cli import app
from newsgraph.errors import NewsgraphError
from newsgraph.export import (
    COLUMN_NAMES,
    EventQuery,
    export,
    parquet_schema,
    write_csv,
    write_gexf,
    write_graphml,
    write_jsonl,
    write_parquet,
    write_plover,
)
from newsgraph.export import query as export_query
from newsgraph.schema import analysis_from_dict, analysis_to_dict
from newsgraph.store import Store

from .helpers import N_DOCUMENTS, build_store

N_EVENTS = 2 * N_DOCUMENTS


def _agree(frame: pd.DataFrame) -> pd.Series:
    return frame[frame.plover_type == "AGREE"].iloc[0]


def test_export_csv_round_trips_through_pandas(store: Store, tmp_path: Path) -> None:
    path = tmp_path / "events.csv"
    assert write_csv(store, path) == N_EVENTS
    frame = pd.read_csv(path, dtype={"cameo_code": str, "cameo_root": str})
    assert tuple(frame.columns) == COLUMN_NAMES
    assert len(frame) == N_EVENTS
    row = _agree(frame)
    assert (row.actor1_code, row.actor1_country, row.actor1_role) == ("RUSGOV", "RUS", "GOV")
    assert (row.actor2_id, row.actor2_name) == ("country:IRN", "Iran")
    assert (row.cameo_code, row.cameo_root, row.quad_class) == ("057", "05", 1)
    assert row.quad_class_name == "verbal cooperation"
    assert (row.location_name, row.location_lat) == ("Tehran", 35.69)
    assert row.claim_speaker == "outlet:the-washington-post" and row.modality == "reported"
    assert row.attributed_to_name == "The Washington Post"
    assert row.source_url.startswith("https://example.org/")
    assert frame.yearless.sum() == 1  # the year-less document's dated event (its other is undated)
    assert frame.cluster_id.notna().all() and (frame.independent_sources >= 1).all()
    threat = frame[frame.plover_type == "THREATEN"].iloc[0]
    assert bool(threat.negated) and threat.quantity == 400.0 and threat.quad_class == 3


def test_export_jsonl_round_trips_through_pandas(store: Store) -> None:
    buffer = io.StringIO()
    assert write_jsonl(store, buffer) == N_EVENTS
    frame = pd.read_json(io.StringIO(buffer.getvalue()), lines=True, dtype={"cameo_code": str})
    assert set(frame.columns) == set(COLUMN_NAMES)
    assert _agree(frame).cameo_code == "057"
    first = json.loads(buffer.getvalue().splitlines()[0])
    assert list(first) == list(COLUMN_NAMES)  # every column, in order, None where unknown


def test_export_parquet_has_the_documented_schema(store: Store, tmp_path: Path) -> None:
    path = tmp_path / "events.parquet"
    assert write_parquet(store, path) == N_EVENTS
    assert pq.read_schema(path).remove_metadata().equals(parquet_schema().remove_metadata())
    table = pq.read_table(path)
    assert table.schema.field("quad_class").type == "int32"
    assert table.schema.field("negated").type == "bool"
    assert table.schema.field("date_start").metadata[b"description"].startswith(b"First day")
    frame = pd.read_parquet(path)
    assert len(frame) == N_EVENTS and _agree(frame).actor1_code == "RUSGOV"


def test_export_parquet_of_no_events_is_still_readable(store: Store, tmp_path: Path) -> None:
    path = tmp_path / "none.parquet"
    assert write_parquet(store, path, EventQuery(type="PROTEST")) == 0
    assert pq.read_table(path).num_rows == 0


def test_export_plover_has_polecat_fields(store: Store) -> None:
    buffer = io.StringIO()
    assert write_plover(store, buffer) == N_EVENTS
    events = [json.loads(line) for line in buffer.getvalue().splitlines()]
    agree = next(e for e in events if e["event_type"] == "AGREE")
    for field in ("id", "date", "event_type", "event_mode", "quad_code", "contexts", "event_text", "attributes",
                  "event_geolocation", "story_id", "pub_date", "publisher", "headline", "version"):  # fmt: skip
        assert field in agree
    assert agree["attributes"]["ACTOR"][0] == {"text": "Russia", "id": "country:RUS", "wiki": None,
                                               "country": "RUS", "code_1": "GOV", "code_2": "",
                                               "kind": "country"}  # fmt: skip
    assert agree["attributes"]["RECIP"][0]["country"] == "IRN"
    assert agree["event_geolocation"]["geo"]["lat"] == 35.69
    assert agree["newsgraph"]["attributed_to"] == "outlet:the-washington-post"
    threat = next(e for e in events if e["event_type"] == "THREATEN")
    assert threat["event_mode"] == ["military"] and threat["event_geolocation"]["geo"] is None
    assert [a["id"] for a in threat["attributes"]["ACTOR"]] == ["person:nikolai-patrushev", "country:RUS"]


def test_export_graphml_opens_in_networkx(store: Store, tmp_path: Path) -> None:
    path = tmp_path / "actors.graphml"
    n_edges = write_graphml(store, path)
    graph = nx.read_graphml(path, force_multigraph=True)
    assert graph.is_directed() and graph.number_of_edges() == n_edges
    assert graph.nodes["country:RUS"] == {"label": "Russia", "kind": "country", "country": "RUS", "role": "GOV",
                                          "code": "RUSGOV"}  # fmt: skip
    agree = [d for _, _, d in graph.edges("country:RUS", data=True) if d["plover_type"] == "AGREE"]
    assert agree and agree[0]["weight"] == N_DOCUMENTS and agree[0]["quad_class"] == 1
    assert graph.has_edge("person:nikolai-patrushev", "country:UKR")
    ids = re.findall(r'<edge [^>]*id="([^"]+)"', path.read_text(encoding="utf-8"))
    assert len(ids) == n_edges == len(set(ids))  # unique edge ids: Gephi keeps every edge


def test_export_gexf_opens_in_networkx(store: Store, tmp_path: Path) -> None:
    path = tmp_path / "actors.gexf"
    n_edges = write_gexf(store, path)
    graph = nx.read_gexf(path)
    assert graph.number_of_edges() == n_edges == 3
    assert graph.nodes["country:IRN"]["label"] == "Iran" and graph.nodes["country:IRN"]["country"] == "IRN"
    weights = {(u, v, d["plover_type"]): d["weight"] for u, v, d in graph.edges(data=True)}
    assert weights[("country:RUS", "country:IRN", "AGREE")] == N_DOCUMENTS


def test_export_analysis_round_trips(store: Store) -> None:
    doc_id = store.documents(limit=1)[0].id
    buffer = io.StringIO()
    export(store, "analysis", buffer, EventQuery(document=doc_id[:8]))
    data = json.loads(buffer.getvalue())
    assert data["schema"] == "newsgraph.analysis/1"
    assert analysis_from_dict(data) == store.get(doc_id)
    assert data == analysis_to_dict(store.get(doc_id))


def test_export_analysis_of_unknown_document_is_an_error(store: Store) -> None:
    with pytest.raises(NewsgraphError, match="no document"):
        export(store, "analysis", io.StringIO(), EventQuery(document="ffffffffffff"))
    with pytest.raises(NewsgraphError, match="needs a document"):
        export(store, "analysis", io.StringIO())


def test_export_unknown_format_is_an_error(store: Store) -> None:
    with pytest.raises(NewsgraphError, match="unknown export format"):
        export(store, "xlsx", io.StringIO())


@pytest.mark.parametrize(("query", "expected"), [
    (EventQuery(actor="IRN"), N_DOCUMENTS),
    (EventQuery(type="threaten"), N_DOCUMENTS),
    (EventQuery(modality="reported"), N_DOCUMENTS),
    (EventQuery(date_from="2022-11-01", date_to="2022-11-30"), 2),
    (EventQuery(date_from="--11-01", date_to="--11-30"), 1),
    (EventQuery(actor="person:nikolai-patrushev", type="AGREE"), 0),
])  # fmt: skip
def test_export_filters_select_events(store: Store, query: EventQuery, expected: int) -> None:
    buffer = io.StringIO()
    assert write_jsonl(store, buffer, query) == expected
    assert len(buffer.getvalue().splitlines()) == expected


def test_export_streams_events_page_by_page(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(export_query, "PAGE", 2)
    limits: list[int] = []
    events = store.events

    def spy(**kwargs: object) -> list:
        limits.append(int(kwargs["limit"]))  # type: ignore[call-overload]
        return events(**kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(store, "events", spy)
    buffer = io.StringIO()
    assert write_csv(store, buffer) == N_EVENTS
    assert limits and set(limits) == {2} and len(limits) == N_EVENTS // 2 + 1
    keys = [line.split(",")[0] for line in buffer.getvalue().splitlines()[1:]]
    assert len(set(keys)) == N_EVENTS  # no event lost or repeated across pages


def test_export_without_clusters_leaves_cluster_columns_empty(tmp_path: Path) -> None:
    store = build_store(tmp_path / "plain.db", cluster=False)
    frame = pd.read_csv(io.StringIO(_csv(store)))
    store.close()
    assert frame.cluster_id.isna().all() and frame.independent_sources.isna().all()


def _csv(store: Store) -> str:
    buffer = io.StringIO()
    write_csv(store, buffer)
    return buffer.getvalue()


def test_export_cli_writes_file_and_stdout(store: Store, tmp_path: Path) -> None:
    runner = CliRunner()
    out = tmp_path / "irn.csv"
    result = runner.invoke(app, ["export", "--db", store.url, "--format", "csv", "--actor", "IRN", "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert len(pd.read_csv(out)) == N_DOCUMENTS
    result = runner.invoke(app, ["export", "--db", store.url, "-f", "plover", "--type", "THREATEN"])
    assert result.exit_code == 0, result.output
    lines = [line for line in result.stdout.splitlines() if line.startswith("{")]
    assert len(lines) == N_DOCUMENTS and json.loads(lines[0])["event_type"] == "THREATEN"
    result = runner.invoke(app, ["export", "--db", store.url, "-f", "gexf", "-o", str(tmp_path / "g.gexf")])
    assert result.exit_code == 0 and nx.read_gexf(tmp_path / "g.gexf").number_of_nodes() == 4


def test_export_cli_rejects_unknown_format(store: Store) -> None:
    result = CliRunner().invoke(app, ["export", "--db", store.url, "--format", "xlsx"])
    assert result.exit_code != 0
