"""An event's arguments besides its actors: the clause's time, place, quantity and mode.

Each is looked for in the event's clause first (the anchor's subtree without the clauses
coordinated with it or embedded under it), then, for time, in the sentence; nothing is invented.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable

from spacy.tokens import Doc, Span, Token

from newsgraph.events.actors import ActorIndex
from newsgraph.events.lexicon import EventLexicon, Sense
from newsgraph.model import Entity, EventDate, Location, Quantity, TimeExpression

CLAUSE_DEPS = ("conj", "ccomp", "advcl", "relcl", "parataxis", "csubj")
PLACE_PREPS = ("in", "near", "inside", "at", "outside", "around", "across", "over", "into", "on", "within")
PLACE_KINDS = ("place", "country")


def clause_root(anchor: Token) -> Token:
    """The verb whose clause holds the anchor (itself when it is a verb)."""
    token = anchor
    hops = 0
    while token.pos_ not in ("VERB", "AUX") and token.head.i != token.i and hops < 8:
        token = token.head
        hops += 1
    return token if token.pos_ in ("VERB", "AUX") else anchor


def clause_tokens(anchor: Token) -> list[Token]:
    """Tokens of the anchor's clause: its subtree without coordinated or embedded clauses."""
    root = clause_root(anchor)
    out: list[Token] = []
    stack = [root]
    while stack:
        token = stack.pop()
        out.append(token)
        for child in token.children:
            if child.dep_ in CLAUSE_DEPS and child.pos_ in ("VERB", "AUX") and not _contains(child, anchor) \
                    and not _is_described_object(child):
                continue
            stack.append(child)
    return sorted(out, key=lambda t: t.i)


def _is_described_object(clause: Token) -> bool:
    """"struck what the military said were depots in X on Sunday": a clause that is the object,
    so its places and times are the strike's."""
    return clause.dep_ == "ccomp" and clause.i > clause.head.i and any(
        t.lower_ == "what" and t.i < clause.i for t in clause.subtree)


def _contains(token: Token, other: Token) -> bool:
    return token.left_edge.i <= other.i <= token.right_edge.i


class TimeIndex:
    """Time expressions by position, to find those inside a clause or a sentence quickly."""

    def __init__(self, times: Iterable[TimeExpression]) -> None:
        self.times = sorted((t for t in times if t.span[1] > t.span[0]), key=lambda t: t.span[0])
        self.starts = [t.span[0] for t in self.times]

    def in_clause(self, tokens: list[Token]) -> TimeExpression | None:
        chars = {t.idx for t in tokens}
        for time in self.times:
            if time.span[0] in chars or any(time.span[0] <= c < time.span[1] for c in chars):
                return time
        return None

    def in_sentence(self, sent: Span, near: int) -> TimeExpression | None:
        lo = bisect.bisect_left(self.starts, sent.start_char)
        hi = bisect.bisect_left(self.starts, sent.end_char)
        inside = self.times[lo:hi]
        return min(inside, key=lambda t: abs(t.span[0] - near)) if inside else None


def date_of(time: TimeExpression | None) -> EventDate | None:
    if time is None:
        return None
    return EventDate(text=time.text, start=time.start, end=time.end, granularity=time.granularity)


def location_of(tokens: list[Token], sense: Sense, index: ActorIndex, trigger: Token) -> Location | None:
    """The place of the clause: "in Tehran", "near Kherson", "to Tehran" for a visit."""
    preps = PLACE_PREPS + (("to",) if sense.destination else ())
    # "Iranian drones in Russian arsenal have provoked ...": a place inside the subject is not
    # where the event happens, unless the event is that subject ("Protests in Georgia ...")
    in_subject = {sub.i for t in tokens if t.dep_ in ("nsubj", "nsubjpass") and not _contains(t, trigger)
                  for sub in t.subtree}
    for token in tokens:
        if token.dep_ == "prep" and token.lower_ in preps and token.i not in in_subject:
            for pobj in token.children:
                if pobj.dep_ == "pobj":
                    entity = place_entity(pobj, index)
                    if entity is not None:
                        return Location(name=entity.name, entity=entity.id, country=entity.country,
                                        lat=entity.lat, lon=entity.lon)
    return None


def clause_place(anchor: Token, index: ActorIndex) -> Entity | None:
    """The place or country the anchor's clause (or the clause it hangs from) happens in."""
    for head in (anchor, anchor.head):
        for token in clause_tokens(head):
            if token.dep_ == "prep" and token.lower_ in (*PLACE_PREPS, "throughout"):
                for pobj in token.children:
                    entity = place_entity(pobj, index) if pobj.dep_ == "pobj" else None
                    if entity is not None and entity.country:
                        return entity
        if anchor.dep_ not in ("advcl", "conj", "xcomp", "relcl", "acl"):
            break
    return None


def place_entity(token: Token, index: ActorIndex) -> Entity | None:
    """A place or country a noun names, itself or through a modifier ("Iranian cities" -> Iran)."""
    entity = index.place_of(token)
    if entity is not None:
        return entity
    for candidate in (c for c in token.children if c.dep_ in ("compound", "amod", "nmod")):
        for entity in index.by_token.get(candidate.i, ()):
            if entity.kind == "country":  # "Iranian cities" -> Iran
                return entity
    for child in token.children:  # "the town of Bakhmut"
        if child.dep_ == "prep" and child.lower_ == "of":
            for pobj in child.children:
                if pobj.dep_ == "pobj":
                    return index.place_of(pobj)
    return None


def mode_of(sense: Sense, tokens: list[Token], lexicon: EventLexicon) -> str | None:
    """The sense's own mode, else the first cue word of the type in the clause ("drones" -> aerial)."""
    if sense.mode:
        return sense.mode
    cues = lexicon.mode_cues.get(sense.type)
    if not cues:
        return None
    for token in tokens:
        mode = cues.get(token.lemma_.lower()) or cues.get(token.lower_)
        if mode:
            return mode
    return None


_NUMBER = re.compile(r"^\d[\d,]*(\.\d+)?$")


def quantity_of(trigger: Token, anchor: Token, doc: Doc, lexicon: EventLexicon) -> Quantity | None:
    """A counted argument of the event: "more than 400 drones", "hundreds of aircraft"."""
    heads = [trigger] if trigger.pos_ in ("NOUN", "PROPN") else []
    for token in (anchor, trigger):
        heads.extend(c for c in token.children if c.dep_ in ("dobj", "obj", "nsubjpass", "nsubj", "pobj"))
        heads.extend(p for c in token.children if c.dep_ == "prep" and c.lower_ == "with"
                     for p in c.children if p.dep_ == "pobj")
    for head in heads:
        found = _count(head, lexicon)
        if found is not None:
            return found
    return None


def _count(head: Token, lexicon: EventLexicon) -> Quantity | None:
    doc = head.doc
    lemma = head.lower_
    if lemma in lexicon.plural_numbers:  # "hundreds of unmanned aircraft"
        unit = _of_object(head)
        end = unit.i + 1 if unit is not None else head.i + 1
        return Quantity(value=lexicon.plural_numbers[lemma], text=doc[head.i:end].text,
                        unit=unit.text if unit is not None else None,
                        qualifier=f"{head.text} of" if unit is not None else head.text)
    for child in head.children:
        if child.dep_ == "nummod" or (child.pos_ == "NUM" and child.i < head.i):
            value = _value(child, lexicon)
            if value is None:
                continue
            start = min(t.i for t in child.subtree)
            prefix = doc[start:child.i].text.lower()
            qualifier: str | None = prefix if prefix in lexicon.qualifiers else _qualifier(doc, start, lexicon)
            if qualifier and qualifier != prefix:
                start -= len(qualifier.split())
            return Quantity(value=value, text=doc[start:head.i + 1].text, unit=head.text, qualifier=qualifier)
    return None


def _of_object(token: Token) -> Token | None:
    for child in token.children:
        if child.dep_ == "prep" and child.lower_ == "of":
            for pobj in child.children:
                if pobj.dep_ == "pobj":
                    return pobj
    return None


def _value(token: Token, lexicon: EventLexicon) -> float | None:
    text = token.lower_
    if _NUMBER.match(text):
        value = float(text.replace(",", ""))
    elif text in lexicon.numbers:
        value = lexicon.numbers[text]
    else:
        return None
    for child in token.children:  # "1.5 million"
        if child.lower_ in lexicon.numbers and child.i > token.i:
            value *= lexicon.numbers[child.lower_]
    nxt = token.doc[token.i + 1] if token.i + 1 < len(token.doc) else None
    if nxt is not None and nxt.lower_ in ("million", "billion", "thousand") and nxt.head.i == token.head.i:
        value *= lexicon.numbers[nxt.lower_]
    return value


def _qualifier(doc: Doc, start: int, lexicon: EventLexicon) -> str | None:
    before = doc[max(0, start - 4):start].text.lower()
    for qualifier in lexicon.qualifiers:
        if before == qualifier or before.endswith(" " + qualifier):
            return qualifier
    return None
