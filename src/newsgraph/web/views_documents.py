"""Pages: the search and document list (``/``) and one document with its marked text."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Query, Request
from fastapi.responses import Response

from newsgraph.api.deps import State
from newsgraph.api.queries import DocumentQuery
from newsgraph.api.services import find_documents, get_document, search
from newsgraph.web.markup import analysis_spans, render_marked
from newsgraph.web.pages import make_pager
from newsgraph.web.render import render


def router() -> APIRouter:
    pages = APIRouter(include_in_schema=False)

    @pages.get("/")
    def home(request: Request, state: State, query: Annotated[DocumentQuery, Query()]) -> Response:
        rows, total = find_documents(state, query)
        found = search(state, query.q, limit=8) if query.q else None
        pager = make_pager("/", query.url_params(), total, query.limit, query.offset, len(rows))
        return render(request, "index.html", documents=rows, query=query, pager=pager, found=found)

    @pages.get("/documents/{doc_id}")
    def document(request: Request, state: State,
                 doc_id: Annotated[str, Path(pattern=r"^[0-9a-f]{6,64}$")]) -> Response:
        analysis = get_document(state, doc_id)
        entities = {e.id: e for e in analysis.entities}
        claims = {c.id: c for c in analysis.claims}
        marked = render_marked(analysis.document.text, analysis_spans(analysis))
        kinds_present = sorted({e.kind for e in analysis.entities})
        types_present = sorted({e.type for e in analysis.events})
        return render(request, "document.html", analysis=analysis, doc=analysis.document, marked=marked,
                      entities=entities, claims=claims, kinds_present=kinds_present,
                      types_present=types_present)

    return pages
