"""Security for every response (headers, body size) and for writes (token, rate limit).

Both middlewares are plain ASGI so they also cover static files, errors and the OpenAPI document.
"""

from __future__ import annotations

import hmac
import math

from fastapi import Request
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from newsgraph.api.errors import ApiError, error_body

CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "object-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'"
)
SECURITY_HEADERS: tuple[tuple[bytes, bytes], ...] = (
    (b"content-security-policy", CSP.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"x-frame-options", b"DENY"),
    (b"cross-origin-opener-policy", b"same-origin"),
)
WRITING_OFF = "writing is off: set NEWSGRAPH_TOKEN"


class SecurityHeadersMiddleware:
    """Add the security headers to every HTTP response the app sends."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                names = {name.lower() for name, _ in message.get("headers", [])}
                extra = [(n, v) for n, v in SECURITY_HEADERS if n not in names]
                message["headers"] = [*message.get("headers", []), *extra]
            await send(message)

        await self.app(scope, receive, send_with_headers)


class BodySizeLimitMiddleware:
    """Refuse request bodies above ``max_bytes`` with 413, by header and while streaming.

    The body is read up front (at most ``max_bytes``) and replayed to the app, so a chunked
    upload without Content-Length cannot slip past the limit.
    """

    def __init__(self, app: ASGIApp, max_bytes: int) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] in ("GET", "HEAD", "OPTIONS"):
            await self.app(scope, receive, send)
            return
        declared = dict(scope.get("headers", [])).get(b"content-length")
        if declared is not None and declared.isdigit() and int(declared) > self.max_bytes:
            await self._refuse(send)
            return
        chunks: list[bytes] = []
        size = 0
        while True:
            message = await receive()
            if message["type"] == "http.disconnect":
                return
            chunk = message.get("body", b"")
            size += len(chunk)
            if size > self.max_bytes:
                await self._refuse(send)
                return
            chunks.append(chunk)
            if not message.get("more_body", False):
                break
        body = b"".join(chunks)
        replayed = False

        async def replay() -> Message:
            nonlocal replayed
            if not replayed:
                replayed = True
                return {"type": "http.request", "body": body, "more_body": False}
            return await receive()

        await self.app(scope, replay, send)

    async def _refuse(self, send: Send) -> None:
        import json

        message = f"request body too large: the limit is {self.max_bytes} bytes"
        payload = json.dumps(error_body(413, message)).encode()
        headers = [(b"content-type", b"application/json"), (b"content-length", str(len(payload)).encode())]
        await send({"type": "http.response.start", "status": 413, "headers": [*headers, *SECURITY_HEADERS]})
        await send({"type": "http.response.body", "body": payload})


def refuse_nul(request: Request) -> None:
    """App-wide dependency: a NUL character in the path or a parameter is refused with 422.

    PostgreSQL cannot hold NUL in text (the driver raises, which would be a 500), and SQLite's
    LIKE stops at it (``text=%00`` would match every row); no filter value needs one.
    """
    if "\x00" in request.url.path or "%00" in request.url.query:
        raise ApiError(422, "a NUL character (%00) is not allowed in a path or a parameter")


def client_key(request: Request) -> str:
    """Who is writing, for the rate limit: the peer address (no proxy headers are trusted)."""
    return request.client.host if request.client else "unknown"


def require_writer(request: Request) -> None:
    """Dependency for write endpoints: writing on, not too fast, right bearer token."""
    state = request.app.state.ng
    if not state.token:
        raise ApiError(403, WRITING_OFF)
    wait = state.limiter.hit(client_key(request))
    if wait:
        raise ApiError(429, f"too many writes: retry in {math.ceil(wait)} s", {"Retry-After": str(math.ceil(wait))})
    scheme, _, given = request.headers.get("authorization", "").partition(" ")
    if scheme.lower() != "bearer" or not given.strip():
        raise ApiError(401, "writing needs a token: send `Authorization: Bearer <token>`",
                       {"WWW-Authenticate": "Bearer"})
    if not hmac.compare_digest(given.strip().encode(), state.token.encode()):
        raise ApiError(401, "wrong token", {"WWW-Authenticate": 'Bearer error="invalid_token"'})
