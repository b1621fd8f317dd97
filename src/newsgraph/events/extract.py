"""The events stage's entry: triggers, then actors and arguments per trigger, then ids in text order."""

from __future__ import annotations

from dataclasses import dataclass, replace

from spacy.tokens import Token

from newsgraph.events.actors import (
    ActorIndex,
    between,
    noun_sources,
    prep_objects,
    subjects,
)
from newsgraph.events.arguments import (
    TimeIndex,
    clause_tokens,
    date_of,
    location_of,
    mode_of,
    place_entity,
    quantity_of,
)
from newsgraph.events.confidence import confidence_of
from newsgraph.events.lexicon import EventLexicon, Sense
from newsgraph.events.modality import modality_of
from newsgraph.events.triggers import Trigger, find_triggers, objects_of
from newsgraph.language import Parsed, sentence_index_at
from newsgraph.model import Entity, Event, TimeExpression


@dataclass(frozen=True)
class Roles:
    source: tuple[str, ...]
    target: tuple[str, ...]


def extract_events(parsed: Parsed, entities: tuple[Entity, ...], times: tuple[TimeExpression, ...],
                   lexicon: EventLexicon) -> tuple[Event, ...]:
    """PLOVER events of an article, in text order, ids e1, e2, ...

    parsed: the article and its spaCy parse. entities: every entity with all its mentions.
    times: resolved temporal expressions. lexicon: from ``load_event_lexicon``.
    RETURNS: events with no claim or attribution yet (the attribution stage adds them).
    """
    index = ActorIndex(parsed.doc, entities, lexicon, parsed.article.authors)
    time_index = TimeIndex(times)
    events: list[Event] = []
    seen: dict[tuple[int | None, str, tuple[str, ...], tuple[str, ...], bool], int] = {}
    for trigger in find_triggers(parsed.doc, lexicon, index):
        roles = roles_of(trigger, index, lexicon)
        if not is_emittable(trigger, roles, _named_targets(trigger, index, lexicon)):
            continue
        event = build_event(trigger, roles, parsed, index, time_index, lexicon, len(events) + 1)
        key = (event.sentence, event.type, event.source, event.target, event.negated)
        if key in seen:  # the same event twice in one sentence: keep one, with the finer details
            events[seen[key]] = merge_events(events[seen[key]], event)
            continue
        seen[key] = len(events)
        events.append(event)
    return tuple(events)


def merge_events(first: Event, second: Event) -> Event:
    """One event from two mentions of it in a sentence: the first, completed by the second."""
    location = first.location
    if second.location is not None and (location is None or (
            location.entity or "").startswith("country:") and not (second.location.entity or "").startswith("country:")):
        location = second.location
    return replace(
        first,
        date=first.date or second.date,
        location=location,
        quantity=first.quantity or second.quantity,
        mode=first.mode or second.mode,
        confidence=max(first.confidence, second.confidence),
    )


def roles_of(trigger: Trigger, index: ActorIndex, lexicon: EventLexicon) -> Roles:
    """Source and target actors of a trigger, by its kind (verb, light verb, noun)."""
    sense = trigger.sense
    token, anchor = trigger.token, trigger.anchor
    source: list[str] = []
    target: list[str] = []
    if trigger.via == "noun":
        source, target = noun_sources(token, sense, index)
        if token.head.lemma_.lower() in lexicon.target_verbs and token.dep_ in ("dobj", "obj"):
            target.extend(subjects(token.head, index)[0])
    else:
        source, target = subjects(anchor, index)
        if sense.owner_source:
            source, target = _owner(anchor, index), []
        for obj in objects_of(anchor):
            if obj.i == token.i and trigger.via == "light":
                continue
            if not sense.owner_source:
                target.extend(index.phrase(obj, instrument=_is_instrument(obj, lexicon)))
            target.extend(prep_objects(obj, _target_preps(sense), index, agents=False))
        target.extend(_small_clause_subjects(anchor, index))
        if trigger.via == "light" and not source:
            source.extend(noun_sources(token, sense, index)[0])
    if trigger.via in ("noun", "light"):
        source.extend(prep_objects(token, ("by", "from", *sense.source_preps), index))
        target.extend(prep_objects(token, _target_preps(sense), index, agents=False))
    source.extend(prep_objects(anchor, sense.source_preps, index))
    if anchor.i != token.i or trigger.via != "noun":
        target.extend(prep_objects(anchor, _target_preps(sense), index, agents=False))
    target.extend(_destinations(anchor if trigger.via != "noun" else token, sense, index))
    parties = between(token, index) or (between(anchor, index) if anchor.i != token.i else [])
    if parties:
        if source:
            target.extend(parties)
        else:
            source.append(parties[0])
            target.extend(parties[1:])
    if sense.location_actor and not target:
        # protesters address the government of the place, or of their own country
        place = _clause_place(anchor, index) or (_country_of(source[0], index) if source else None)
        if place:
            return Roles(tuple(dict.fromkeys(source or [place])), (place,))
    source = list(dict.fromkeys(source))
    target = list(dict.fromkeys(a for a in target if a not in source))
    return Roles(tuple(source), tuple(target))


def _country_of(actor: str, index: ActorIndex) -> str | None:
    entity = index.by_id.get(actor)
    if entity is None or not entity.country:
        return None
    return index.countries.get(entity.country, entity.id if entity.kind == "country" else None)


def is_emittable(trigger: Trigger, roles: Roles, named_targets: int) -> bool:
    """An event needs its doer; only a passive verb may leave the doer unnamed ("Kyiv was shelled")."""
    if not roles.source:
        passive = any(c.dep_ in ("auxpass", "nsubjpass") for c in trigger.anchor.children)
        return passive and bool(roles.target) and trigger.via in ("verb", "pattern")
    if named_targets and not roles.target and not trigger.sense.symmetric:
        return False  # the only target was the source itself ("an alliance that aided Moscow")
    return True


def _target_preps(sense: Sense) -> tuple[str, ...]:
    return tuple(p for p in sense.target_preps if p != "between")


def _owner(verb: Token, index: ActorIndex) -> list[str]:
    """The nationality of the thing seen ("Israeli(-made) vehicles"), makers included."""
    out: list[str] = []
    for obj in objects_of(verb):
        for token in obj.subtree:
            if token.i < obj.i:
                entity = index.entity_of(token)
                if entity is not None and entity.kind in ("country", "group", "organization"):
                    out.append(index.actor_id(entity))
    return out


def _small_clause_subjects(verb: Token, index: ActorIndex) -> list[str]:
    """"help Russia build drones", "urged Iran to stop": the complement's subject is addressed."""
    out: list[str] = []
    for child in verb.children:
        if child.dep_ in ("ccomp", "xcomp") and not any(c.dep_ == "mark" for c in child.children):
            for sub in child.children:
                if sub.dep_ == "nsubj":
                    out.extend(index.phrase(sub))
    return out


def _named_targets(trigger: Trigger, index: ActorIndex, lexicon: EventLexicon) -> int:
    """How many targets the clause named before those equal to the source were dropped."""
    anchor = trigger.anchor
    preps = _target_preps(trigger.sense)
    found = prep_objects(anchor, preps, index, agents=False) + prep_objects(trigger.token, preps, index, agents=False)
    for obj in objects_of(anchor):
        if obj.i != trigger.token.i:
            found.extend(index.phrase(obj, instrument=_is_instrument(obj, lexicon)))
    return len(found)


def _is_instrument(obj: Token, lexicon: EventLexicon) -> bool:
    return obj.lemma_.lower() in lexicon.instrument_nouns


def _destinations(head: Token, sense: Sense, index: ActorIndex) -> list[str]:
    """For a visit, "to Tehran" names the host country."""
    out: list[str] = []
    if sense.destination:
        for child in head.children:
            if child.dep_ == "prep" and child.lower_ in ("to", "in"):
                for pobj in child.children:
                    entity = place_entity(pobj, index) if pobj.dep_ == "pobj" else None
                    if entity is not None:
                        out.append(index.actor_id(entity))
    return out


def _clause_place(anchor: Token, index: ActorIndex) -> str | None:
    """For protests with no named actor: the country where they happen acts and is addressed."""
    for token in clause_tokens(anchor):
        if token.dep_ == "prep" and token.lower_ in ("in", "across", "throughout", "at", "outside"):
            for pobj in token.children:
                entity = place_entity(pobj, index) if pobj.dep_ == "pobj" else None
                if entity is not None and entity.country:
                    return index.countries.get(entity.country, entity.id)
    return None


def build_event(trigger: Trigger, roles: Roles, parsed: Parsed, index: ActorIndex, time_index: TimeIndex,
                lexicon: EventLexicon, number: int) -> Event:
    """The Event for a trigger with its roles: arguments, modality, confidence."""
    token, anchor, sense = trigger.token, trigger.anchor, trigger.sense
    clause = clause_tokens(anchor)
    time = time_index.in_clause(clause) or time_index.in_sentence(token.sent, token.idx)
    modality, negated = modality_of(token, anchor, lexicon.modality)
    first = min(token.i, anchor.i)
    last = max(token.i, anchor.i)
    start = parsed.doc[first].idx
    end = parsed.doc[last].idx + len(parsed.doc[last])
    sentence = sentence_index_at(parsed.sentences, token.idx)
    return Event(
        id=f"e{number}",
        type=sense.type,
        trigger=parsed.doc[first:last + 1].text if trigger.via == "light" else token.text,
        sentence=sentence if sentence is not None else 0,
        start=start,
        end=end,
        mode=mode_of(sense, clause, lexicon),
        cameo=sense.cameo,
        source=roles.source,
        target=roles.target,
        date=date_of(time),
        location=location_of(clause, sense, index),
        quantity=quantity_of(token, anchor, parsed.doc, lexicon),
        modality=modality,
        negated=negated,
        confidence=confidence_of(trigger.via, len(roles.source), len(roles.target), sense.weight),
    )


__all__ = ["extract_events"]
