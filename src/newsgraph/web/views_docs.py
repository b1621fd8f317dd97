"""``/docs``: the API reference, rendered server-side from the app's own OpenAPI document.

Swagger UI needs inline script and a CDN; this page needs neither, so it keeps the strict CSP and
works offline. The machine-readable document stays at ``/openapi.json``.
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import Response

from newsgraph.web.render import render


def router() -> APIRouter:
    pages = APIRouter(include_in_schema=False)

    @pages.get("/docs")
    def docs(request: Request) -> Response:
        spec = request.app.openapi()
        return render(request, "docs.html", spec=spec, operations=operations(spec))

    return pages


def operations(spec: dict[str, Any]) -> list[dict[str, Any]]:
    """Each operation with its parameters flattened and its body schema named, in path order."""
    schemas = spec.get("components", {}).get("schemas", {})
    out = []
    for path, methods in spec.get("paths", {}).items():
        for method, op in methods.items():
            params = [
                {"name": p["name"], "in": p["in"], "required": p.get("required", False),
                 "type": _type(p.get("schema", {}), schemas), "description": p.get("description")
                 or p.get("schema", {}).get("description", "")}
                for p in op.get("parameters", [])
            ]
            body = op.get("requestBody", {}).get("content", {}).get("application/json", {}).get("schema")
            body_fields = []
            if body and "$ref" in body:
                model = schemas.get(body["$ref"].rsplit("/", 1)[-1], {})
                body_fields = [{"name": n, "type": _type(s, schemas), "description": s.get("description", "")}
                               for n, s in model.get("properties", {}).items()]
            out.append({"method": method.upper(), "path": path, "summary": op.get("summary", ""),
                        "tag": (op.get("tags") or ["other"])[0], "params": params, "body": body_fields,
                        "security": method.upper() == "POST",
                        "responses": sorted(op.get("responses", {}))})
    return out


def _type(schema: dict[str, Any], schemas: dict[str, Any]) -> str:
    if "enum" in schema:
        return " | ".join(str(v) for v in schema["enum"])
    if "anyOf" in schema:
        return " | ".join(_type(s, schemas) for s in schema["anyOf"] if s.get("type") != "null") + "?"
    if "$ref" in schema:
        return schema["$ref"].rsplit("/", 1)[-1]
    kind = str(schema.get("type", "any"))
    bounds = [f"{k} {schema[k]}" for k in ("minimum", "maximum", "maxLength") if k in schema]
    return kind + (f" ({', '.join(bounds)})" if bounds else "")
