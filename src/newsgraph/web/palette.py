"""Colour classes for entity kinds and event types, and the legend that explains them.

Colours live in ``static/app.css``; code only names classes, so the palette is changed in one file.
Event types are grouped in the four quad classes analysts know from CAMEO/PLOVER.
"""

from __future__ import annotations

from newsgraph.model import ENTITY_KINDS, PLOVER_TYPES

QUADS: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("vcoop", "verbal cooperation", ("AGREE", "CONSULT", "SUPPORT", "REQUEST")),
    ("mcoop", "material cooperation", ("COOPERATE", "AID", "CONCEDE", "RETREAT")),
    ("vconf", "verbal conflict", ("ACCUSE", "REJECT", "THREATEN", "PROTEST")),
    ("mconf", "material conflict", ("SANCTION", "MOBILIZE", "COERCE", "ASSAULT")),
)
QUAD_OF = {t: code for code, _, types in QUADS for t in types}
ID_PREFIX_KIND = {"org": "organization", "organisation": "organization"}
KIND_LABELS = {kind: kind for kind in ENTITY_KINDS}

assert set(QUAD_OF) == set(PLOVER_TYPES), "every PLOVER type needs a quad class"


def quad_of(event_type: str | None) -> str:
    return QUAD_OF.get(event_type or "", "none")


def kind_of_id(entity_id: str) -> str:
    """The kind encoded in an entity id (``country:RUS`` -> country), for rows that lack it."""
    prefix = entity_id.split(":", 1)[0] if ":" in entity_id else ""
    kind = ID_PREFIX_KIND.get(prefix, prefix)
    return kind if kind in ENTITY_KINDS else "group"


def label_of_id(entity_id: str) -> str:
    """A readable name for an entity id the page has no name for (``country:USA`` -> USA)."""
    tail = entity_id.split(":", 1)[-1]
    return tail if tail.isupper() else tail.replace("-", " ").title()
