"""Pages: the event table, the timeline and the actor graph, all over the same filter form."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.responses import Response

from newsgraph.api.deps import State
from newsgraph.api.queries import EventQuery
from newsgraph.api.services import find_events, overview_counts, overview_links
from newsgraph.web.graph import build_graph
from newsgraph.web.pages import make_pager
from newsgraph.web.render import render
from newsgraph.web.timeline import build_chart

# How the graph's "first N events" are chosen, in words, per sort order.
ORDER_WORDS = {
    "date": "earliest first", "-date": "latest first", "type": "by type, then earliest first",
    "-type": "by type in reverse, then latest first", "confidence": "least confident first",
    "-confidence": "most confident first",
}  # fmt: skip


def router() -> APIRouter:
    pages = APIRouter(include_in_schema=False)

    @pages.get("/events")
    def events(request: Request, state: State, query: Annotated[EventQuery, Query()]) -> Response:
        rows, total = find_events(state, query)
        pager = make_pager("/events", query.url_params(), total, query.limit, query.offset, len(rows))
        return render(request, "events.html", rows=rows, query=query, pager=pager)

    @pages.get("/timeline")
    def timeline(request: Request, state: State, query: Annotated[EventQuery, Query()]) -> Response:
        counts = overview_counts(state, query)  # every matching event, counted by the store
        params = query.url_params(sort="date")
        params.pop("sort", None)
        kept = {k: v for k, v in params.items() if k not in ("type", "date_from", "date_to")}  # in dots' links
        chart = build_chart(counts, kept)
        return render(request, "timeline.html", chart=chart, query=query)

    @pages.get("/graph")
    def graph(request: Request, state: State, query: Annotated[EventQuery, Query()]) -> Response:
        links, n_matching = overview_links(state, query)  # the first MAX_OVERVIEW_EVENTS, in the query's sort
        return render(request, "graph.html", graph=build_graph(links), query=query, n_events=links.events,
                      n_matching=n_matching, order=ORDER_WORDS[query.sort])  # fmt: skip

    return pages
