"""One error shape for every JSON response: ``{"ok": false, "error": "...", "status": 422}``.

FastAPI's own handlers (validation, HTTPException) are replaced so a client never has to parse
two shapes; pages outside ``/api`` get the same message as an HTML page instead.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from pydantic import BaseModel
from starlette.exceptions import HTTPException as StarletteHTTPException

from newsgraph.errors import NewsgraphError, StoreError

# Store errors that are the caller's fault (an ambiguous id prefix, a bad filter); others are 503.
CLIENT_STORE_CODES = frozenset({"NG406", "NG408"})

log = logging.getLogger(__name__)

HtmlRenderer = Callable[[Request, int, str], Response]


class ApiError(Exception):
    """An error the client should see, with its HTTP status and optional headers."""

    def __init__(self, status: int, message: str, headers: dict[str, str] | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.message = message
        self.headers = headers


class ErrorBody(BaseModel):
    """The body of every JSON error response."""

    ok: bool = False
    error: str
    status: int


ERROR_RESPONSES: dict[int | str, dict[str, Any]] = {
    code: {"model": ErrorBody, "description": text}
    for code, text in (
        (400, "Bad request"),
        (404, "Not found"),
        (413, "Request body too large"),
        (422, "Invalid parameters"),
        (503, "Store unavailable"),
    )
}
WRITE_RESPONSES: dict[int | str, dict[str, Any]] = {
    **ERROR_RESPONSES,
    401: {"model": ErrorBody, "description": "Missing or wrong token"},
    403: {"model": ErrorBody, "description": "Writing is off"},
    429: {"model": ErrorBody, "description": "Too many writes"},
}


def error_body(status: int, message: str) -> dict[str, Any]:
    return {"ok": False, "error": message, "status": status}


def json_error(status: int, message: str, headers: dict[str, str] | None = None) -> JSONResponse:
    return JSONResponse(error_body(status, message), status_code=status, headers=headers)


def wants_json(request: Request) -> bool:
    """API paths, and any client that does not ask for HTML, get JSON."""
    path = request.url.path
    if path.startswith("/api/") or path in ("/api", "/openapi.json"):
        return True
    return "text/html" not in request.headers.get("accept", "")


def describe_validation(exc: RequestValidationError) -> str:
    """Pydantic's error list as one readable line: ``query.limit: must be <= 500; ...``."""
    parts = []
    for err in exc.errors():
        where = ".".join(str(x) for x in err.get("loc", ()) if x != "body" or len(err.get("loc", ())) == 1)
        parts.append(f"{where}: {err.get('msg', 'invalid')}" if where else str(err.get("msg", "invalid")))
    return "; ".join(parts) or "invalid request"


def install_error_handlers(app: FastAPI, html: HtmlRenderer | None = None) -> None:
    """Route every error through one place, JSON for the API and HTML for pages."""

    def respond(request: Request, status: int, message: str, headers: dict[str, str] | None = None) -> Response:
        if html is not None and not wants_json(request):
            response = html(request, status, message)
            if headers:
                response.headers.update(headers)
            return response
        return json_error(status, message, headers)

    @app.exception_handler(ApiError)
    async def _api_error(request: Request, exc: ApiError) -> Response:
        return respond(request, exc.status, exc.message, exc.headers)

    @app.exception_handler(StarletteHTTPException)
    async def _http_error(request: Request, exc: StarletteHTTPException) -> Response:
        message = exc.detail if isinstance(exc.detail, str) else "request failed"
        if exc.status_code == 404 and message == "Not Found":
            message = f"no such path: {request.url.path}"
        if exc.status_code == 405:
            message = f"method {request.method} is not allowed on {request.url.path}"
        return respond(request, exc.status_code, message, getattr(exc, "headers", None))

    @app.exception_handler(RequestValidationError)
    async def _validation_error(request: Request, exc: RequestValidationError) -> Response:
        return respond(request, 422, describe_validation(exc))

    @app.exception_handler(StoreError)
    async def _store_error(request: Request, exc: StoreError) -> Response:
        if exc.code in CLIENT_STORE_CODES:
            return respond(request, 400, str(exc))
        log.warning("store error on %s: %s", request.url.path, exc)
        return respond(request, 503, str(exc))

    @app.exception_handler(NewsgraphError)
    async def _newsgraph_error(request: Request, exc: NewsgraphError) -> Response:
        return respond(request, 422, str(exc))

    @app.exception_handler(Exception)
    async def _unexpected(request: Request, exc: Exception) -> Response:
        # Starlette sends this response from its outermost middleware, outside our header
        # middleware, so the security headers are added here too.
        from newsgraph.api.security import SECURITY_HEADERS

        log.exception("unexpected error on %s %s", request.method, request.url.path)
        response = respond(request, 500, "internal error; the server log has the details")
        for name, value in SECURITY_HEADERS:
            response.headers[name.decode()] = value.decode()
        return response
