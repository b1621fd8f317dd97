"""attribute_events: each event linked to the claim that carries it, or to the writer."""

from __future__ import annotations

import dataclasses

from newsgraph.attribution.hedges import HEDGE_MODALITY
from newsgraph.attribution.referents import outlet_id, slug
from newsgraph.language import Parsed
from newsgraph.model import Claim, Entity, Event

# Modalities the events stage sets from the event's own wording; a claim does not override them.
KEPT_MODALITIES = frozenset({"planned", "possible", "hypothetical", "threatened", "denied", "alleged", "claimed"})


def attribute_events(
    events: tuple[Event, ...], claims: tuple[Claim, ...], parsed: Parsed, entities: tuple[Entity, ...]
) -> tuple[Event, ...]:
    """Events with ``claim``, ``attributed_to`` and a modality that says who asserts them.

    An event inside a claim belongs to the innermost claim and is attributed to its speaker;
    when that speaker is an unnamed source cited inside another claim (the Washington Post citing
    intelligence officials), to the nearest named speaker around it. Other events are the writer's.
    """
    by_id = {c.id: c for c in claims}
    writer = document_voice(parsed, entities)
    out = []
    for event in events:
        claim = innermost_claim(claims, event.start, event.end)
        if claim is None:
            out.append(dataclasses.replace(event, claim=None, attributed_to=writer))
            continue
        out.append(dataclasses.replace(
            event, claim=claim.id, attributed_to=_named_speaker(claim, by_id),
            modality=_modality(event, claim, claims),
        ))
    return tuple(out)


def innermost_claim(claims: tuple[Claim, ...], start: int, end: int) -> Claim | None:
    """The shortest claim whose span holds the event's trigger."""
    holding = [c for c in claims if c.start <= start and end <= c.end]
    return min(holding, key=lambda c: c.end - c.start) if holding else None


def document_voice(parsed: Parsed, entities: tuple[Entity, ...]) -> str | None:
    """The writer's id: the author's person entity, else the outlet, else None."""
    article = parsed.article
    if article.authors:
        name = article.authors[0]
        found = next((e for e in entities if e.kind == "person" and e.name.lower() == name.lower()), None)
        return found.id if found is not None else f"person:{slug(name)}"
    if article.outlet:
        found = next((e for e in entities if e.kind == "outlet" and e.name.lower() == article.outlet.lower()), None)
        return found.id if found is not None else outlet_id(article.outlet)
    return None


def _named_speaker(claim: Claim, by_id: dict[str, Claim]) -> str | None:
    current: Claim | None = claim
    while current is not None:
        if (current.speaker or current.speaker_text) and not current.anonymous:
            return current.speaker or current.speaker_text
        current = by_id.get(current.parent) if current.parent else None
    return claim.speaker or claim.speaker_text


def _modality(event: Event, claim: Claim, claims: tuple[Claim, ...]) -> str:
    if event.modality in KEPT_MODALITIES:
        return event.modality
    hedge = claim.hedge
    if hedge in ("alleged", "claimed"):
        return HEDGE_MODALITY[hedge]
    return "reported" if event.modality == "asserted" else event.modality
