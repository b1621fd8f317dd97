"""Pages: the actor list and one actor with its events as source and target and a timeline."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Query, Request
from fastapi.responses import Response

from newsgraph.api.deps import State
from newsgraph.api.queries import ActorQuery
from newsgraph.api.services import actor_detail, find_actors
from newsgraph.store.aggregates import TypeDateCounts
from newsgraph.web.pages import make_pager
from newsgraph.web.render import render
from newsgraph.web.timeline import build_chart


def router() -> APIRouter:
    pages = APIRouter(include_in_schema=False)

    @pages.get("/actors")
    def actors(request: Request, state: State, query: Annotated[ActorQuery, Query()]) -> Response:
        rows, total = find_actors(state, query)
        pager = make_pager("/actors", query.url_params(), total, query.limit, query.offset, len(rows))
        return render(request, "actors.html", rows=rows, query=query, pager=pager)

    @pages.get("/actors/{actor_id}")
    def actor(request: Request, state: State,
              actor_id: Annotated[str, Path(min_length=1, max_length=200)]) -> Response:
        counts: TypeDateCounts = {}  # the actor's events, counted once for the stats and the chart
        detail = actor_detail(state, actor_id, limit=200, counts_out=counts)
        chart = build_chart(counts, {"actor": actor_id})
        return render(request, "actor.html", chart=chart, **detail)

    return pages
