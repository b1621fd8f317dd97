"""/api/documents: list, read one analysis, and add one (with a token)."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Path, Query
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import JSONResponse
from pydantic import BaseModel, ConfigDict, Field, model_validator

from newsgraph.api.deps import State
from newsgraph.api.errors import ERROR_RESPONSES, WRITE_RESPONSES, ApiError
from newsgraph.api.queries import DATE_HELP, DATE_PATTERN, DocumentQuery, page_body
from newsgraph.api.security import require_writer
from newsgraph.api.services import find_documents, get_document
from newsgraph.api.state import AppState
from newsgraph.errors import NewsgraphError
from newsgraph.model import RawDocument
from newsgraph.schema import analysis_to_dict

DocId = Annotated[str, Path(pattern=r"^[0-9a-f]{6,64}$", description="document id or a prefix of 6+ digits")]


class NewDocument(BaseModel):
    """A document to analyse and store: exactly one of ``text``, ``html`` or ``url``."""

    model_config = ConfigDict(extra="forbid")

    text: str | None = Field(None, min_length=1, description="plain article text")
    html: str | None = Field(None, min_length=1, description="an HTML page; the article is extracted from it")
    url: str | None = Field(None, pattern=r"^https?://", max_length=2000, description="a page to fetch")
    published: str | None = Field(None, pattern=DATE_PATTERN, description=DATE_HELP)
    title: str | None = Field(None, max_length=1000)
    outlet: str | None = Field(None, max_length=200)

    @model_validator(mode="after")
    def _one_body(self) -> NewDocument:
        given = [name for name in ("text", "html", "url") if getattr(self, name)]
        if len(given) != 1:
            raise ValueError("give exactly one of text, html or url")
        return self


class Added(BaseModel):
    ok: bool = True
    id: str
    result: str = Field(description="added, or present when the same clean text was already stored")
    url: str


def router() -> APIRouter:
    api = APIRouter(prefix="/api", tags=["documents"], responses=ERROR_RESPONSES)

    @api.get("/documents", summary="List documents, filtered and searched")
    def list_documents(state: State, query: Annotated[DocumentQuery, Query()]) -> dict[str, Any]:
        rows, total = find_documents(state, query)
        return page_body(rows, total, query)

    @api.get("/documents/{doc_id}", summary="One document's whole analysis (newsgraph.analysis/1)")
    def read_document(state: State, doc_id: DocId) -> dict[str, Any]:
        return analysis_to_dict(get_document(state, doc_id))

    @api.post("/documents", summary="Analyse a document and store it (needs a token)",
              dependencies=[Depends(require_writer)], responses=WRITE_RESPONSES, status_code=201,
              response_model=Added)
    async def add_document(state: State, body: NewDocument) -> JSONResponse:
        doc_id, result = await run_in_threadpool(analyse_and_store, state, body)
        payload = Added(id=doc_id, result=result, url=f"/api/documents/{doc_id}")
        return JSONResponse(payload.model_dump(), status_code=201 if result == "added" else 200)

    return api


def analyse_and_store(state: AppState, body: NewDocument) -> tuple[str, str]:
    """Run the pipeline on the body and add the analysis; returns (id, "added" | "present")."""
    raw = _raw_document(body, state.settings)
    store = state.get_store()
    try:
        analysis = state.get_analyzer().analyze(raw, published=body.published)
    except NewsgraphError as exc:
        raise ApiError(422, f"the document could not be analysed: {exc}") from None
    return analysis.document.id, str(store.add(analysis))


def _raw_document(body: NewDocument, settings: Any = None) -> RawDocument:
    hints: dict[str, Any] = {"title": body.title, "outlet": body.outlet, "published": body.published}
    if body.text is not None:
        return RawDocument(source="<api>", data=body.text.encode("utf-8"), media_type="text/plain", **hints)
    if body.html is not None:
        return RawDocument(source="<api>", data=body.html.encode("utf-8"), media_type="text/html", **hints)
    return _fetch(str(body.url), hints, settings)


def _fetch(url: str, hints: dict[str, Any], settings: Any = None) -> RawDocument:
    """Fetch through the ingest stage (its private-address and size rules apply, with the app's settings)."""
    try:
        from newsgraph import ingest
    except ImportError:
        raise ApiError(501, "fetching URLs is not available: send text or html") from None
    fetch = getattr(ingest, "fetch_url", None) or getattr(ingest, "fetch", None)
    if fetch is None:
        raise ApiError(501, "fetching URLs is not available: send text or html")
    try:
        raw = fetch(url, settings=settings)
    except NewsgraphError as exc:
        raise ApiError(422, f"cannot fetch {url}: {exc}") from None
    import dataclasses

    return dataclasses.replace(raw, **{k: v for k, v in hints.items() if v})
