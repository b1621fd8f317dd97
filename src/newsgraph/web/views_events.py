"""Pages: the event table, the timeline and the actor graph, all over the same filter form."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.responses import Response

from newsgraph.api.deps import State
from newsgraph.api.queries import EventQuery
from newsgraph.api.services import find_events, overview_events
from newsgraph.web.graph import build_graph
from newsgraph.web.pages import make_pager
from newsgraph.web.render import render
from newsgraph.web.timeline import build_chart


def router() -> APIRouter:
    pages = APIRouter(include_in_schema=False)

    @pages.get("/events")
    def events(request: Request, state: State, query: Annotated[EventQuery, Query()]) -> Response:
        rows, total = find_events(state, query)
        pager = make_pager("/events", query.url_params(), total, query.limit, query.offset, len(rows))
        return render(request, "events.html", rows=rows, query=query, pager=pager)

    @pages.get("/timeline")
    def timeline(request: Request, state: State, query: Annotated[EventQuery, Query()]) -> Response:
        rows = overview_events(state, query)
        params = query.url_params(sort="date")
        params.pop("sort", None)
        chart = build_chart(rows, {k: v for k, v in params.items() if k not in ("type", "date_from", "date_to")})
        return render(request, "timeline.html", chart=chart, query=query)

    @pages.get("/graph")
    def graph(request: Request, state: State, query: Annotated[EventQuery, Query()]) -> Response:
        rows = overview_events(state, query)
        return render(request, "graph.html", graph=build_graph(rows), query=query, n_events=len(rows))

    return pages
