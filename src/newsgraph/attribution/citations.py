"""Citations: footnote markers completed with their outlet's entity and date, and outlets a
claim names as its source ("according to Reuters", "Al Jazeera reported")."""

from __future__ import annotations

import dataclasses
import re

from newsgraph.attribution.context import Context
from newsgraph.attribution.referents import entity_at, outlet_id
from newsgraph.model import Citation, TimeExpression

# Between an outlet and its date: a footnote number, "on", commas and spaces.
DATE_GAP = re.compile(r"[\s,]*(?:\d{1,3}\b)?[\s,]*(?:on|dated|of)?\s*$", re.IGNORECASE)
MAX_GAP = 24


def complete_citation(ctx: Context, citation: Citation, times: tuple[TimeExpression, ...]) -> Citation:
    """The citation with the id of the outlet entity covering it and the date written right after it."""
    entity = citation.entity
    if entity is None:
        found = entity_at(ctx, citation.start, citation.end, skip=("weapon", "place", "person", "country"))
        entity = found.id if found is not None else outlet_id(citation.outlet)
    date = citation.date or date_after(ctx.text, citation.end, times)
    return dataclasses.replace(citation, entity=entity, date=date)


def date_after(text: str, offset: int, times: tuple[TimeExpression, ...]) -> str | None:
    """The start of the time expression written right after ``offset`` ("... Post 1 on November 19")."""
    for time in sorted(times, key=lambda t: t.span[0]):
        start = time.span[0]
        if offset <= start <= offset + MAX_GAP and DATE_GAP.fullmatch(text[offset:start]):
            return time.start
    return None


def cited_outlet(ctx: Context, start: int, end: int, outlet: str, entity: str, times: tuple[TimeExpression, ...]) -> Citation:
    """A citation without footnote marker for an outlet named as a claim's source."""
    return Citation(marker=None, outlet=outlet, start=start, end=end, entity=entity,
                    date=date_after(ctx.text, end, times))
