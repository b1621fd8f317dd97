"""The events stage's entry: triggers, then actors and arguments per trigger, then ids in text order."""

from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Token

from newsgraph.events.actors import ActorIndex
from newsgraph.events.arguments import (
    TimeIndex,
    clause_tokens,
    date_of,
    location_of,
    mode_of,
    quantity_of,
)
from newsgraph.events.confidence import confidence_of
from newsgraph.events.lexicon import EventLexicon, Sense
from newsgraph.events.modality import modality_of
from newsgraph.events.roles import Roles, has_unnamed_doer, is_emittable, named_targets, roles_of
from newsgraph.events.triggers import Trigger, find_triggers
from newsgraph.language import Parsed, sentence_index_at
from newsgraph.model import Entity, Event, Location, TimeExpression


def extract_events(parsed: Parsed, entities: tuple[Entity, ...], times: tuple[TimeExpression, ...],
                   lexicon: EventLexicon, *, min_confidence: float = 0.0) -> tuple[Event, ...]:
    """PLOVER events of an article, in text order, ids e1, e2, ...

    parsed: the article and its spaCy parse. entities: every entity with all its mentions.
    times: resolved temporal expressions. lexicon: from ``load_event_lexicon``.
    min_confidence: events found with less confidence are dropped (setting events.min_confidence).
    RETURNS: events with no claim or attribution yet (the attribution stage adds them).
    """
    index = ActorIndex(parsed.doc, entities, lexicon, parsed.article.authors)
    time_index = TimeIndex(times)
    events: list[Event] = []
    seen: dict[tuple[int, str, frozenset[str], frozenset[str], bool], int] = {}
    for trigger in find_triggers(parsed.doc, lexicon, index):
        if is_requested(trigger.anchor, lexicon):
            continue
        roles = roles_of(trigger, index, lexicon)
        min_parties = lexicon.types[trigger.sense.type].min_parties
        if not is_emittable(trigger, roles, named_targets(trigger, index, lexicon), min_parties,
                            unnamed_doer=not roles.source and has_unnamed_doer(trigger, lexicon)):
            continue
        event = build_event(trigger, roles, parsed, index, time_index, lexicon, len(events) + 1)
        if event.confidence < min_confidence:
            continue
        key = (event.sentence, event.type, _countries(event.source, index), _countries(event.target, index),
               event.negated)
        if key in seen:  # the same event twice in one sentence: keep one, with the finer details
            events[seen[key]] = merge_events(events[seen[key]], event)
            continue
        seen[key] = len(events)
        events.append(event)
    return tuple(events)


def _countries(actors: tuple[str, ...], index: ActorIndex) -> frozenset[str]:
    """Actors by the country they stand for, so "Israeli military" and "Israel" are one side."""
    out = set()
    for actor in actors:
        entity = index.by_id.get(actor)
        out.add(entity.country if entity is not None and entity.country else actor)
    return frozenset(out)


def is_requested(anchor: Token, lexicon: EventLexicon) -> bool:
    """"urged Germany to send air defences": the sending is asked for, not an event."""
    return anchor.dep_ in ("xcomp", "ccomp") and anchor.head.lemma_.lower() in lexicon.modality.requesting


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


def _parent_location(anchor: Token, sense: Sense, index: ActorIndex) -> Location | None:
    """"shelled Kherson, killing three": a participle clause happens where its governor does."""
    if anchor.dep_ in ("advcl", "conj", "xcomp") and anchor.head.pos_ in ("VERB", "AUX"):
        return location_of(clause_tokens(anchor.head), sense, index, anchor)
    return None


def _in_relative_clause(anchor: Token) -> bool:
    """Whether the anchor is in a relative clause: what it says happened at no time of its sentence."""
    token = anchor
    for _ in range(6):
        if token.dep_ == "relcl":
            return True
        if token.head.i == token.i:
            return False
        token = token.head
    return False


def build_event(trigger: Trigger, roles: Roles, parsed: Parsed, index: ActorIndex, time_index: TimeIndex,
                lexicon: EventLexicon, number: int) -> Event:
    """The Event for a trigger with its roles: arguments, modality, confidence."""
    token, anchor, sense = trigger.token, trigger.anchor, trigger.sense
    clause = clause_tokens(anchor)
    time = time_index.in_clause(clause)
    if time is None and not _in_relative_clause(anchor):  # "Hamas, which is backed by Iran, seized X in April"
        time = time_index.in_sentence(token.sent, token.idx)
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
        location=location_of(clause, sense, index, token) or _parent_location(anchor, sense, index),
        quantity=quantity_of(token, anchor, parsed.doc, lexicon),
        modality=modality,
        negated=negated,
        confidence=confidence_of(trigger.via, len(roles.source), len(roles.target), sense.weight),
    )


__all__ = ["extract_events"]
