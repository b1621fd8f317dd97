"""Clusters once `newsgraph cluster` has run: listing, one cluster's tree, the cluster filter, the pages."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from fastapi.testclient import TestClient

from api.conftest import build_store

clustering = pytest.importorskip("newsgraph.clustering")


@pytest.fixture(scope="module")
def clustered(tmp_path_factory: pytest.TempPathFactory, settings: Any) -> Iterator[TestClient]:
    from newsgraph.api import create_app
    from newsgraph.store import open_store

    url = build_store(tmp_path_factory.mktemp("clustered") / "c.db")
    store = open_store(url)
    clustering.cluster_store(store, settings)
    store.close()
    with TestClient(create_app(url, settings=settings, token="")) as client:
        yield client


def test_api_clusters_listed_with_sources(clustered: TestClient) -> None:
    body = clustered.get("/api/clusters").json()
    assert body["total"] > 0 and "message" not in body
    cluster = body["items"][0]
    assert {"id", "type", "events", "documents", "origins", "independent_sources"} <= set(cluster)


def test_api_cluster_detail_has_provenance_tree(clustered: TestClient) -> None:
    cluster = clustered.get("/api/clusters").json()["items"][0]
    body = clustered.get(f"/api/clusters/{cluster['id']}").json()
    assert body["cluster"]["id"] == cluster["id"]
    tree = body["provenance"]["tree"]
    assert tree["kind"] and isinstance(tree["children"], list)
    assert body["provenance"]["independent_sources"] == cluster["independent_sources"]


def test_api_events_filtered_by_cluster(clustered: TestClient) -> None:
    cluster = clustered.get("/api/clusters").json()["items"][0]
    body = clustered.get("/api/events", params={"cluster": cluster["id"]}).json()
    assert body["total"] == len(cluster["events"])
    assert {e["key"] for e in body["items"]} == set(cluster["events"])


def test_api_event_provenance_uses_its_cluster(clustered: TestClient) -> None:
    cluster = clustered.get("/api/clusters").json()["items"][0]
    body = clustered.get(f"/api/provenance/{cluster['events'][0]}").json()
    assert body["cluster"]["id"] == cluster["id"]


def test_web_clusters_and_cluster_provenance_pages(clustered: TestClient) -> None:
    cluster = clustered.get("/api/clusters").json()["items"][0]
    listing = clustered.get("/clusters").text
    assert f'href="/provenance/{cluster["id"]}"' in listing
    page = clustered.get(f"/provenance/{cluster['id']}").text
    assert "Independent sources" in page and "<details open>" in page


def test_api_clusters_built_once_per_corroborator(clustered: TestClient, monkeypatch: pytest.MonkeyPatch) -> None:
    """Listing pages from a cache kept next to the corroborator; a reload rebuilds it once."""
    state = clustered.app.state.ng  # type: ignore[attr-defined]
    corroborator = state.get_corroborator()
    calls: list[int] = []
    original = corroborator.clusters

    def counting(*args: Any, **kwargs: Any) -> Any:
        calls.append(1)
        return original(*args, **kwargs)

    monkeypatch.setattr(corroborator, "clusters", counting)
    monkeypatch.setattr(state, "_clusters", (None, []))  # as if just loaded elsewhere
    first = clustered.get("/api/clusters", params={"limit": 1}).json()
    second = clustered.get("/api/clusters", params={"limit": 1, "offset": 1}).json()
    assert clustered.get("/clusters").status_code == 200
    assert len(calls) == 1
    assert first["total"] == second["total"] and first["items"][0]["id"] != second["items"][0]["id"]
    monkeypatch.setattr(state, "_corroborator_at", -1e9)  # the TTL passed: reloaded with its clusters
    assert clustered.get("/api/clusters").json()["total"] == first["total"]
    assert state.get_corroborator() is not corroborator and len(calls) == 1
