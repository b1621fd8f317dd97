"""``newsgraph serve``: one FastAPI app with the JSON API under ``/api`` and the web UI.

``create_app`` builds a fresh app (no global state: the store, token, Analyzer and rate limit
live on ``app.state.ng``); ``serve`` runs it with uvicorn, on 127.0.0.1 unless told otherwise.
"""

from __future__ import annotations

import os
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from fastapi import Depends, FastAPI

from newsgraph.api import routes_actors, routes_clusters, routes_documents, routes_events, routes_search
from newsgraph.api.errors import install_error_handlers
from newsgraph.api.ratelimit import RateLimiter
from newsgraph.api.security import BodySizeLimitMiddleware, SecurityHeadersMiddleware, refuse_nul
from newsgraph.api.state import AppState
from newsgraph.settings import Settings, load_settings

# Defaults for settings that [serve] in settings.toml may add later (max_body_bytes, write_rate).
MAX_BODY_BYTES = 5 * 1024 * 1024
WRITES_PER_MINUTE = 30

DESCRIPTION = """Source-attributed, time-resolved event data from news articles.

Reads are open; writes (`POST /api/documents`) need `Authorization: Bearer <token>` and are off
unless the server was given a token (`NEWSGRAPH_TOKEN`). Every error has one shape:
`{"ok": false, "error": "...", "status": 422}`."""


def create_app(
    store_url: str | None = None,
    *,
    settings: Settings | None = None,
    token: str | None = None,
    store: Any = None,
) -> FastAPI:
    """A new app over the store at ``store_url`` (or an already open ``store``, as tests pass)."""
    settings = settings or load_settings()
    serve = settings.section("serve")
    token = token if token is not None else os.environ.get("NEWSGRAPH_TOKEN")
    state = AppState(
        store_url=store_url,
        settings=settings,
        token=token or None,
        limiter=RateLimiter(int(serve.get("write_rate", WRITES_PER_MINUTE)), 60.0),
        max_body=int(serve.get("max_body_bytes", MAX_BODY_BYTES)),
        store=store,
    )

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        yield
        if store is None:  # close only what this app opened
            app.state.ng.close()

    from newsgraph import web

    app = FastAPI(title="newsgraph", version="0.1.0", description=DESCRIPTION, docs_url=None,
                  redoc_url=None, openapi_url="/openapi.json", lifespan=lifespan,
                  dependencies=[Depends(refuse_nul)])
    app.state.ng = state
    install_error_handlers(app, html=web.render_error)
    for module in (routes_documents, routes_events, routes_actors, routes_clusters, routes_search):
        app.include_router(module.router())
    web.install(app)
    app.add_middleware(BodySizeLimitMiddleware, max_bytes=state.max_body)
    app.add_middleware(SecurityHeadersMiddleware)
    return app


def serve(store_url: str | None, host: str = "127.0.0.1", port: int = 8000, token: str | None = None,
          *, settings: Settings | None = None) -> None:
    """Run the app with uvicorn until interrupted (``newsgraph serve``)."""
    import gc

    import uvicorn

    app = create_app(store_url, settings=settings, token=token)
    # What is loaded at start lives as long as the server: kept out of the collector's full passes,
    # which otherwise walk it all and show up as pauses in the slowest requests.
    gc.freeze()
    uvicorn.run(app, host=host, port=port, proxy_headers=False, server_header=False)


__all__ = ["create_app", "serve"]
