"""FastAPI dependencies: the app's state, taken from the request, never from a global."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request

from newsgraph.api.state import AppState


def get_state(request: Request) -> AppState:
    return request.app.state.ng  # type: ignore[no-any-return]


State = Annotated[AppState, Depends(get_state)]
