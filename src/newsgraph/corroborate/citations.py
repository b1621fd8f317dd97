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
from typing import TYPE_CHECKING

from newsgraph.model import Analysis

if TYPE_CHECKING:
    from newsgraph.corroborate.outlets import OutletIndex

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


def cited_outlets(analysis: Analysis, outlets: OutletIndex | None = None) -> list[str]:
    """Outlet ids a document cites, in order of first citation, without the document's own outlet.

    With an outlet index, every name goes to its gazetteer id ("Thomson Reuters", "reuters.com"
    and ``outlet:reuters`` are one outlet), and a claim's speaker text that names a known outlet
    ("according to reuters.com", left without a speaker id) is a citation too.
    """
    doc = analysis.document
    own = outlets.canonical(doc.outlet, doc.url) if outlets else outlet_id(doc.outlet)
    found: list[str | None] = []
    for citation in (*analysis.citations, *doc.citations):
        found.append(citation.entity if is_outlet(citation.entity) else outlet_id(citation.outlet))
    found.extend(c.speaker for c in analysis.claims if is_outlet(c.speaker))
    found.extend(e.attributed_to for e in analysis.events if is_outlet(e.attributed_to))
    if outlets is not None:
        found = [outlets.canonical(o) for o in found]
        found.extend(
            outlets.source(c.speaker) for c in analysis.claims if c.speaker and not is_outlet(c.speaker)
        )
        found.extend(outlets.known(c.speaker_text) for c in analysis.claims if not c.speaker)
        found.extend(outlets.source(e.attributed_to) for e in analysis.events if e.attributed_to)
        found = [o if is_outlet(o) else None for o in found]
    return [o for o in _unique(found) if o and o != own]


def _unique(items: Iterable[str | None]) -> list[str | None]:
    return list(dict.fromkeys(items))
