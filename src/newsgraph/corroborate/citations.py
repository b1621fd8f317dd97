"""Citation links: which outlets a document cites, and which known documents those outlets wrote.

A document cites an outlet through a ``Citation`` (footnote, "according to"), a claim whose speaker
is an outlet, or an event attributed to one. When a document of that outlet is known and is about
the same matter (it shares an event cluster, or enough text), the citing document links to it;
otherwise the outlet stays an external origin (``outlet:the-washington-post``).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

from newsgraph.model import Analysis

OUTLET_PREFIX = "outlet:"
_NON_SLUG = re.compile(r"[^a-z0-9]+")


def slugify(name: str) -> str:
    """The slug entity ids use: ASCII, lower case, words joined by hyphens."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii")
    return _NON_SLUG.sub("-", ascii_name.lower()).strip("-")


def outlet_id(name: str | None) -> str | None:
    """An outlet name (``The Washington Post``) or id as an entity id (``outlet:the-washington-post``)."""
    if not name:
        return None
    if name.startswith(OUTLET_PREFIX):
        return name
    slug = slugify(name)
    return OUTLET_PREFIX + slug if slug else None


def is_outlet(entity_id: str | None) -> bool:
    return bool(entity_id) and str(entity_id).startswith(OUTLET_PREFIX)


def cited_outlets(analysis: Analysis) -> list[str]:
    """Outlet ids a document cites, in order of first citation, without the document's own outlet."""
    own = outlet_id(analysis.document.outlet)
    found: list[str | None] = []
    for citation in (*analysis.citations, *analysis.document.citations):
        found.append(citation.entity if is_outlet(citation.entity) else outlet_id(citation.outlet))
    found.extend(c.speaker for c in analysis.claims if is_outlet(c.speaker))
    found.extend(e.attributed_to for e in analysis.events if is_outlet(e.attributed_to))
    return [o for o in _unique(found) if o and o != own]


def _unique(items: Iterable[str | None]) -> list[str | None]:
    return list(dict.fromkeys(items))
