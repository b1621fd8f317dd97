"""The web UI: server-rendered pages over the store, static CSS and JS served by the app itself."""

from __future__ import annotations

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles

from newsgraph.web import (
    views_actors,
    views_alerts,
    views_docs,
    views_documents,
    views_events,
    views_provenance,
)
from newsgraph.web.render import HERE, make_templates, render_error


def install(app: FastAPI) -> None:
    """Add the pages, ``/static`` and ``/docs`` to ``app``."""
    app.state.templates = make_templates()
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")
    for module in (views_documents, views_events, views_actors, views_provenance, views_alerts, views_docs):
        app.include_router(module.router())


__all__ = ["install", "render_error"]
