"""/api/search and /api/health."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query
from fastapi.responses import JSONResponse

from newsgraph.api.deps import State
from newsgraph.api.errors import ERROR_RESPONSES, ApiError
from newsgraph.api.queries import plain
from newsgraph.api.services import search


def router() -> APIRouter:
    api = APIRouter(prefix="/api", responses=ERROR_RESPONSES)

    @api.get("/search", tags=["search"], summary="Documents, actors and events matching a text")
    def search_all(
        state: State,
        q: Annotated[str, Query(min_length=1, max_length=200, description="words to find")],
        limit: Annotated[int, Query(ge=1, le=100)] = 10,
    ) -> dict[str, Any]:
        return {"ok": True, "q": q, **plain(search(state, q, limit))}

    @api.get("/health", tags=["health"], summary="Whether the store answers, and what it holds")
    def health(state: State) -> JSONResponse:
        try:
            store = state.get_store()
            stats = plain(store.stats()) if hasattr(store, "stats") else {}
        except ApiError as exc:
            return JSONResponse({"ok": False, "error": exc.message, "status": 503}, status_code=503)
        return JSONResponse({"ok": True, "status": 200, "store": stats,
                             "writing": bool(state.token), "clusters": state.get_corroborator() is not None})

    return api
