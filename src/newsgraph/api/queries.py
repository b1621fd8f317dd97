"""Query parameters shared by the JSON API and the pages, and the Store calls they turn into.

One pydantic model per listing, so ``/api/events`` and ``/events`` accept the same filters, the
OpenAPI document lists them with their enums, and an empty form field means "no filter".
"""

from __future__ import annotations

import dataclasses
from typing import Any, Literal

from fastapi.encoders import jsonable_encoder
from pydantic import BaseModel, ConfigDict, Field, model_validator

from newsgraph.model import CLAIM_KINDS, ENTITY_KINDS, HEDGES, MODALITIES, PLOVER_TYPES
from newsgraph.schema import to_jsonable

DATE_PATTERN = r"^(\d{4}(-\d{2}(-\d{2})?)?|--\d{2}(-\d{2})?)$"
DATE_HELP = "ISO 8601: YYYY, YYYY-MM, YYYY-MM-DD, or year-less --MM / --MM-DD"
MAX_LIMIT = 500
MAX_OFFSET = 1_000_000

PloverType = Literal[PLOVER_TYPES]  # type: ignore[valid-type]
Modality = Literal[MODALITIES]  # type: ignore[valid-type]
EntityKind = Literal[ENTITY_KINDS]  # type: ignore[valid-type]
ClaimKind = Literal[CLAIM_KINDS]  # type: ignore[valid-type]
Hedge = Literal[HEDGES]  # type: ignore[valid-type]


def _text() -> Any:
    return Field(None, min_length=1, max_length=200)


class _Query(BaseModel):
    """Common behaviour: unknown parameters are ignored, empty values are absent."""

    model_config = ConfigDict(extra="ignore", frozen=True)

    @model_validator(mode="before")
    @classmethod
    def _drop_empty(cls, data: Any) -> Any:
        if isinstance(data, dict):
            return {k: v for k, v in data.items() if v not in ("", None)}
        return data

    def filters(self, *exclude: str) -> dict[str, Any]:
        """The set filters as Store keyword arguments, without paging and ``exclude``."""
        skip = {"limit", "offset", *exclude}
        return {k: v for k, v in self.model_dump().items() if v is not None and k not in skip}

    def url_params(self, **changes: Any) -> dict[str, Any]:
        """The query string that reproduces this query, with ``changes`` applied (for links)."""
        values = {**self.model_dump(), **changes}
        defaults = {name: f.default for name, f in type(self).model_fields.items()}
        return {k: v for k, v in values.items() if v is not None and v != defaults.get(k)}


class DocumentQuery(_Query):
    q: str | None = Field(None, min_length=1, max_length=200, description="full-text search")
    outlet: str | None = _text()
    language: str | None = Field(None, pattern=r"^[a-z]{2,3}$")
    published_from: str | None = Field(None, pattern=DATE_PATTERN, description=DATE_HELP)
    published_to: str | None = Field(None, pattern=DATE_PATTERN, description=DATE_HELP)
    limit: int = Field(50, ge=1, le=MAX_LIMIT)
    offset: int = Field(0, ge=0, le=MAX_OFFSET)

    def store_filters(self) -> dict[str, Any]:
        out = self.filters("q")
        if self.q:
            out["text"] = self.q
        return out


class EventQuery(_Query):
    actor: str | None = Field(None, min_length=1, max_length=200, description="entity id or ISO 3166 alpha-3")
    role: Literal["source", "target"] | None = Field(None, description="the actor's role in the event")
    type: PloverType | None = Field(None, description="PLOVER event type")
    mode: str | None = Field(None, min_length=1, max_length=60)
    modality: Modality | None = None
    negated: bool | None = None
    date_from: str | None = Field(None, pattern=DATE_PATTERN, description=DATE_HELP)
    date_to: str | None = Field(None, pattern=DATE_PATTERN, description=DATE_HELP)
    outlet: str | None = _text()
    document: str | None = Field(None, pattern=r"^[0-9a-f]{6,64}$")
    cluster: str | None = Field(None, min_length=1, max_length=200, description="events of one cluster")
    text: str | None = _text()
    sort: Literal["date", "-date", "type", "-type", "confidence", "-confidence"] = "date"
    limit: int = Field(100, ge=1, le=MAX_LIMIT)
    offset: int = Field(0, ge=0, le=MAX_OFFSET)


class ActorQuery(_Query):
    kind: EntityKind | None = None
    country: str | None = Field(None, pattern=r"^[A-Z]{3}$")
    text: str | None = _text()
    limit: int = Field(100, ge=1, le=MAX_LIMIT)
    offset: int = Field(0, ge=0, le=MAX_OFFSET)


class ClaimQuery(_Query):
    speaker: str | None = _text()
    outlet: str | None = _text()
    kind: ClaimKind | None = None
    hedge: Hedge | None = None
    document: str | None = Field(None, pattern=r"^[0-9a-f]{6,64}$")
    anonymous: bool | None = None
    limit: int = Field(100, ge=1, le=MAX_LIMIT)
    offset: int = Field(0, ge=0, le=MAX_OFFSET)


def plain(obj: Any) -> Any:
    """A store row (frozen dataclass), list or value as JSON-ready data."""
    if dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        obj = to_jsonable(obj)
    elif isinstance(obj, list | tuple):
        obj = [plain(x) for x in obj]
    return jsonable_encoder(obj)


def page_body(items: list[Any], total: int, query: _Query) -> dict[str, Any]:
    """The envelope of every listing: items plus what is needed to page through them."""
    limit = int(getattr(query, "limit", len(items)))
    offset = int(getattr(query, "offset", 0))
    return {
        "ok": True,
        "total": total,
        "limit": limit,
        "offset": offset,
        "next_offset": offset + limit if offset + limit < total else None,
        "items": plain(items),
    }


def event_key(row: Any) -> str:
    """The ``<docid>:e1`` key of an event row, whatever the row calls it."""
    key = getattr(row, "key", None)
    if key:
        return str(key)
    return f"{getattr(row, 'document', '')}:{getattr(row, 'id', '')}"
