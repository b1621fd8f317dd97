"""/api/events and /api/claims: the event table and the claims that carry events."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query

from newsgraph.api.deps import State
from newsgraph.api.errors import ERROR_RESPONSES
from newsgraph.api.queries import ClaimQuery, EventQuery, page_body
from newsgraph.api.services import find_events


def router() -> APIRouter:
    api = APIRouter(prefix="/api", responses=ERROR_RESPONSES)

    @api.get("/events", tags=["events"], summary="Events, filtered, sorted and paged")
    def list_events(state: State, query: Annotated[EventQuery, Query()]) -> dict[str, Any]:
        rows, total = find_events(state, query)
        return page_body(rows, total, query)

    @api.get("/claims", tags=["claims"], summary="Claims (quotes, reported speech, according-to)")
    def list_claims(state: State, query: Annotated[ClaimQuery, Query()]) -> dict[str, Any]:
        store = state.get_store()
        filters = query.filters()
        rows = list(store.claims(**filters, limit=query.limit, offset=query.offset))
        counter = getattr(store, "count_claims", None)
        total = int(counter(**filters)) if counter else query.offset + len(rows)
        return page_body(rows, total, query)

    return api
