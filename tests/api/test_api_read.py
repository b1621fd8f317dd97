"""The JSON API's read endpoints over the hand-made corpus: shapes, filters, pagination."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from api.corpus import SCRIPT, corpus, doc_id, washington_post

WAPO = doc_id(washington_post().text)
N_DOCS = len(corpus())
N_EVENTS = sum(len(a.events) for a in corpus())


def test_api_documents_lists_all_with_total(client: TestClient) -> None:
    body = client.get("/api/documents").json()
    assert body["ok"] is True
    assert body["total"] == N_DOCS
    assert len(body["items"]) == N_DOCS
    assert {"id", "title", "outlet", "n_events", "n_claims"} <= set(body["items"][0])


def test_api_documents_paginate(client: TestClient) -> None:
    first = client.get("/api/documents", params={"limit": 2}).json()
    second = client.get("/api/documents", params={"limit": 2, "offset": 2}).json()
    assert len(first["items"]) == 2 and len(second["items"]) == 2
    assert first["next_offset"] == 2 and second["next_offset"] is None
    assert not {d["id"] for d in first["items"]} & {d["id"] for d in second["items"]}


@pytest.mark.parametrize(("params", "expected"), [
    ({"outlet": "The Washington Post"}, 1),
    ({"q": "sanctions"}, 2),
    ({"published_from": "2022-11-01"}, 2),
    ({"published_to": "2022-06"}, 1),
    ({"language": "en"}, N_DOCS),
])  # fmt: skip
def test_api_documents_filter(client: TestClient, params: dict[str, str], expected: int) -> None:
    body = client.get("/api/documents", params=params).json()
    assert body["total"] == expected, body


def test_api_document_is_the_analysis_json(client: TestClient) -> None:
    body = client.get(f"/api/documents/{WAPO}").json()
    assert body["schema"] == "newsgraph.analysis/1"
    assert body["document"]["id"] == WAPO
    assert [e["type"] for e in body["events"]] == ["AGREE", "ASSAULT", "REJECT"]
    assert body["claims"][0]["speaker"] == "outlet:the-washington-post"


def test_api_document_by_prefix(client: TestClient) -> None:
    assert client.get(f"/api/documents/{WAPO[:8]}").json()["document"]["id"] == WAPO


def test_api_document_missing_is_404(client: TestClient) -> None:
    response = client.get("/api/documents/ffffffffffffffff")
    assert response.status_code == 404
    assert response.json() == {"ok": False, "error": response.json()["error"], "status": 404}


def test_api_events_all(client: TestClient) -> None:
    body = client.get("/api/events").json()
    assert body["total"] == N_EVENTS
    event = body["items"][0]
    assert {"key", "document", "type", "source", "target", "source_names", "sentence_text"} <= set(event)


@pytest.mark.parametrize(("params", "expected"), [
    ({"actor": "RUS"}, 8),
    ({"actor": "country:RUS", "role": "source"}, 3),
    ({"actor": "RUS", "role": "target"}, 3),
    ({"type": "ASSAULT"}, 3),
    ({"type": "ASSAULT", "mode": "aerial"}, 1),
    ({"modality": "reported"}, 2),
    ({"negated": "true"}, 1),
    ({"date_from": "2022-11-01", "date_to": "2022-11-30"}, 3),
    ({"date_from": "--11", "date_to": "--11"}, 2),
    ({"outlet": "Wire Service"}, 3),
    ({"text": "sanctions"}, 2),
    ({"document": WAPO}, 3),
])  # fmt: skip
def test_api_events_filter(client: TestClient, params: dict[str, str], expected: int) -> None:
    body = client.get("/api/events", params=params).json()
    assert body["total"] == expected, (params, [e["key"] for e in body["items"]])
    assert len(body["items"]) == expected


def test_api_events_sort_and_paginate(client: TestClient) -> None:
    by_type = client.get("/api/events", params={"sort": "type"}).json()["items"]
    assert [e["type"] for e in by_type] == sorted(e["type"] for e in by_type)
    page = client.get("/api/events", params={"sort": "type", "limit": 3, "offset": 3}).json()
    assert [e["key"] for e in page["items"]] == [e["key"] for e in by_type[3:6]]


def test_api_events_cluster_filter_without_clusters_says_so(client: TestClient) -> None:
    response = client.get("/api/events", params={"cluster": "k1"})
    assert response.status_code == 404
    assert "newsgraph cluster" in response.json()["error"]


@pytest.mark.parametrize("params", [
    {"type": "EXPLODE"}, {"role": "bystander"}, {"modality": "maybe"}, {"sort": "colour"},
    {"limit": 0}, {"limit": 501}, {"offset": -1}, {"date_from": "last week"}, {"negated": "perhaps"},
])  # fmt: skip
def test_api_events_bad_params_are_422(client: TestClient, params: dict[str, object]) -> None:
    response = client.get("/api/events", params=params)
    assert response.status_code == 422
    body = response.json()
    assert set(body) == {"ok", "error", "status"} and body["ok"] is False and body["status"] == 422
    assert next(iter(params)) in body["error"]


def test_api_actors_with_counts(client: TestClient) -> None:
    body = client.get("/api/actors", params={"limit": 100}).json()
    russia = next(a for a in body["items"] if a["id"] == "country:RUS")
    assert russia["n_documents"] == 3
    assert russia["n_events_source"] == 3 and russia["n_events_target"] == 3


@pytest.mark.parametrize(("params", "ids"), [
    ({"kind": "person"}, {"person:nikolai-patrushev", "person:vladimir-putin"}),
    ({"country": "IRN", "kind": "place"}, set()),
    ({"text": "patrushev"}, {"person:nikolai-patrushev"}),
])  # fmt: skip
def test_api_actors_filter(client: TestClient, params: dict[str, str], ids: set[str]) -> None:
    assert {a["id"] for a in client.get("/api/actors", params=params).json()["items"]} == ids


def test_api_actor_detail_has_roles_and_timeline(client: TestClient) -> None:
    body = client.get("/api/actors/country:RUS").json()
    assert body["actor"]["name"] == "Russia"
    assert {e["type"] for e in body["as_source"]} == {"AGREE", "ASSAULT"}
    assert {e["type"] for e in body["as_target"]} == {"SANCTION", "ACCUSE", "AID"}
    periods = {p["period"]: p for p in body["timeline"]}
    assert periods["2022-03"]["count"] == 2
    assert periods["--11"]["year_known"] is False
    assert None in periods  # the undated, denied shelling


def test_api_actor_timeline_by_day(client: TestClient) -> None:
    body = client.get("/api/actors/country:RUS", params={"granularity": "day"}).json()
    assert "2022-03-02" in {p["period"] for p in body["timeline"]}


def test_api_actor_missing_is_404(client: TestClient) -> None:
    assert client.get("/api/actors/country:ATL").status_code == 404


@pytest.mark.parametrize(("params", "expected"), [
    ({}, 5),
    ({"speaker": "outlet:the-washington-post"}, 3),
    ({"kind": "direct_quote"}, 3),
    ({"hedge": "reported"}, 2),
    ({"anonymous": "true"}, 1),
    ({"document": WAPO}, 2),
])  # fmt: skip
def test_api_claims_filter(client: TestClient, params: dict[str, str], expected: int) -> None:
    body = client.get("/api/claims", params=params).json()
    assert body["total"] == expected, body


def test_api_clusters_degrade_with_a_message(client: TestClient) -> None:
    body = client.get("/api/clusters").json()
    assert body["ok"] is True and body["items"] == []
    assert body["message"] == "no clusters yet: run `newsgraph cluster`"
    missing = client.get("/api/clusters/k1")
    assert missing.status_code == 404 and "newsgraph cluster" in missing.json()["error"]


def test_api_provenance_of_an_event(client: TestClient) -> None:
    body = client.get(f"/api/provenance/{WAPO}:e1").json()
    tree = body["tree"]
    assert tree["kind"] == "event" and tree["label"].startswith("AGREE")
    claim = tree["children"][0]
    assert claim["kind"] == "claim"
    kinds = {c["kind"] for c in claim["children"]}
    assert kinds == {"speaker", "origin"}
    assert body["independent_sources"] == 1
    assert body["origins"] == ["outlet:the-washington-post"]


def test_api_search_finds_documents_actors_events(client: TestClient) -> None:
    body = client.get("/api/search", params={"q": "Patrushev"}).json()
    assert [a["id"] for a in body["actors"]] == ["person:nikolai-patrushev"]
    assert len(body["documents"]) == 1
    assert [e["type"] for e in body["events"]] == ["CONSULT"]


def test_api_search_needs_q(client: TestClient) -> None:
    response = client.get("/api/search")
    assert response.status_code == 422 and "q" in response.json()["error"]


def test_api_health(client: TestClient) -> None:
    body = client.get("/api/health").json()
    assert body["ok"] is True and body["store"]["documents"] == N_DOCS
    assert body["writing"] is False and body["clusters"] is False


def test_api_xss_payload_is_returned_as_data(client: TestClient) -> None:
    response = client.get("/api/documents", params={"q": "Brigade"})
    assert response.headers["content-type"].startswith("application/json")
    assert SCRIPT in response.json()["items"][0]["title"]


def test_api_openapi_lists_every_endpoint(client: TestClient) -> None:
    spec = client.get("/openapi.json").json()
    paths = set(spec["paths"])
    assert {"/api/documents", "/api/documents/{doc_id}", "/api/events", "/api/actors", "/api/actors/{actor_id}",
            "/api/claims", "/api/clusters", "/api/clusters/{cluster_id}", "/api/search",
            "/api/health"} <= paths  # fmt: skip
    assert "post" in spec["paths"]["/api/documents"]
    assert not any(p.startswith(("/events", "/graph", "/static")) for p in paths)


def test_api_docs_page_is_served_without_cdn(client: TestClient) -> None:
    html = client.get("/docs").text
    assert "/api/events" in html and "cdn" not in html.lower()
