"""Pages: clusters and the provenance tree of an event or a cluster."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Query, Request
from fastapi.responses import Response

from newsgraph.api.deps import State
from newsgraph.api.provenance import provenance
from newsgraph.api.services import list_clusters
from newsgraph.web.pages import make_pager
from newsgraph.web.render import render


def router() -> APIRouter:
    pages = APIRouter(include_in_schema=False)

    @pages.get("/clusters")
    def clusters(request: Request, state: State,
                 offset: Annotated[int, Query(ge=0, le=1_000_000)] = 0) -> Response:
        items, total, message = list_clusters(state, 50, offset)
        pager = make_pager("/clusters", {}, total, 50, offset, len(items))
        return render(request, "clusters.html", clusters=items, message=message, pager=pager)

    @pages.get("/provenance/{key}")
    def provenance_page(request: Request, state: State,
                        key: Annotated[str, Path(min_length=1, max_length=200)]) -> Response:
        result = provenance(state, key)
        return render(request, "provenance.html", result=result, key=key)

    return pages
