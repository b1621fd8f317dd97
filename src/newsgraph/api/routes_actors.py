"""/api/actors: actors with counts, and one actor's events and timeline."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Path, Query

from newsgraph.api.deps import State
from newsgraph.api.errors import ERROR_RESPONSES
from newsgraph.api.queries import ActorQuery, page_body, plain
from newsgraph.api.services import actor_detail, find_actors

ActorId = Annotated[str, Path(min_length=1, max_length=200, description="entity id, e.g. country:RUS")]


def router() -> APIRouter:
    api = APIRouter(prefix="/api", tags=["actors"], responses=ERROR_RESPONSES)

    @api.get("/actors", summary="Actors with mention and event counts")
    def list_actors(state: State, query: Annotated[ActorQuery, Query()]) -> dict[str, Any]:
        rows, total = find_actors(state, query)
        return page_body(rows, total, query)

    @api.get("/actors/{actor_id}", summary="One actor: events as source and as target, and a timeline")
    def read_actor(
        state: State,
        actor_id: ActorId,
        limit: Annotated[int, Query(ge=1, le=500)] = 100,
        granularity: Annotated[Literal["month", "day"], Query()] = "month",
    ) -> dict[str, Any]:
        detail = actor_detail(state, actor_id, limit=limit, granularity=granularity)
        return {"ok": True, **plain(detail)}

    return api
