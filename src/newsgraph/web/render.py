"""Jinja2 set-up (autoescape always on) and the one function views render pages with."""

from __future__ import annotations

from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import jinja2
from fastapi import Request
from fastapi.responses import HTMLResponse, Response
from fastapi.templating import Jinja2Templates

from newsgraph.model import CLAIM_KINDS, ENTITY_KINDS, HEDGES, MODALITIES, PLOVER_TYPES
from newsgraph.web.palette import QUADS, kind_of_id, label_of_id, quad_of

HERE = Path(__file__).parent


def make_templates() -> Jinja2Templates:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(HERE / "templates"),
        autoescape=True,  # article text, titles and urls are untrusted: escape everything
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.globals.update(
        PLOVER_TYPES=PLOVER_TYPES, MODALITIES=MODALITIES, ENTITY_KINDS=ENTITY_KINDS, QUADS=QUADS,
        CLAIM_KINDS=CLAIM_KINDS, HEDGES=HEDGES, quad_of=quad_of, kind_of_id=kind_of_id, label_of_id=label_of_id,
    )
    env.filters["qs"] = lambda params: urlencode({k: v for k, v in params.items() if v not in (None, "")})
    env.filters["safe_url"] = safe_url
    return Jinja2Templates(env=env)


def safe_url(url: str | None) -> str | None:
    """Only http(s) URLs become links: a stored ``javascript:`` URL is shown, never followed."""
    if url and url.strip().lower().startswith(("http://", "https://")):
        return url.strip()
    return None


def render(request: Request, name: str, status: int = 200, **context: Any) -> Response:
    templates: Jinja2Templates = request.app.state.templates
    return templates.TemplateResponse(request, name, {"path": request.url.path, **context}, status_code=status)


def render_error(request: Request, status: int, message: str) -> Response:
    try:
        return render(request, "error.html", status, status_code=status, message=message)
    except Exception:  # the error page itself failed: fall back to plain, escaped text
        from markupsafe import escape

        return HTMLResponse(f"<h1>{status}</h1><p>{escape(message)}</p>", status_code=status)
