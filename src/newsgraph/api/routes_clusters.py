"""/api/clusters: same-event clusters across documents and their provenance trees."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Path, Query

from newsgraph.api.deps import State
from newsgraph.api.errors import ERROR_RESPONSES
from newsgraph.api.provenance import provenance
from newsgraph.api.queries import plain
from newsgraph.api.services import get_cluster, list_clusters

ClusterId = Annotated[str, Path(min_length=1, max_length=200)]


def router() -> APIRouter:
    api = APIRouter(prefix="/api", tags=["clusters"], responses=ERROR_RESPONSES)

    @api.get("/clusters", summary="Event clusters with their independent-source counts")
    def list_all(
        state: State,
        limit: Annotated[int, Query(ge=1, le=500)] = 100,
        offset: Annotated[int, Query(ge=0, le=1_000_000)] = 0,
    ) -> dict[str, Any]:
        items, total, message = list_clusters(state, limit, offset)
        body: dict[str, Any] = {"ok": True, "total": total, "limit": limit, "offset": offset,
                                "items": plain(items)}
        if message:
            body["message"] = message
        return body

    @api.get("/clusters/{cluster_id}", summary="One cluster and its provenance tree")
    def read_cluster(state: State, cluster_id: ClusterId) -> dict[str, Any]:
        cluster = get_cluster(state, cluster_id)
        tree = provenance(state, cluster_id)
        return {"ok": True, "cluster": plain(cluster), "provenance": tree}

    @api.get("/provenance/{key}", summary="Who says so: the provenance tree of an event key or a cluster")
    def read_provenance(state: State, key: ClusterId) -> dict[str, Any]:
        return provenance(state, key)

    return api
