"""Paging links for listing pages."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode


@dataclass(frozen=True)
class Pager:
    total: int
    limit: int
    offset: int
    shown: int
    prev_url: str | None
    next_url: str | None


def make_pager(path: str, params: dict[str, Any], total: int, limit: int, offset: int, shown: int) -> Pager:
    def url(new_offset: int) -> str:
        query = {**params, "offset": new_offset} if new_offset else {k: v for k, v in params.items() if k != "offset"}
        return f"{path}?{urlencode(query)}" if query else path

    prev_url = url(max(offset - limit, 0)) if offset > 0 else None
    next_url = url(offset + limit) if offset + limit < total else None
    return Pager(total, limit, offset, shown, prev_url, next_url)
