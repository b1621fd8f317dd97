"""Trigger words: one pass over the tokens with lemma lookups, patterns checked only for candidates.

A verb is a trigger when one of its senses' patterns holds. A noun is a trigger unless a trigger
verb governs it ("signed the deal": the verb codes the event); a light verb that governs it
("held talks", "carried out strikes") becomes the event's anchor and lends its subject.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc, Token

from newsgraph.events.actors import OBJECT_DEPS, PASSIVE_SUBJECT_DEPS, ActorIndex, subjects
from newsgraph.events.lexicon import EventLexicon, Sense

VERB_TAGS = ("VERB",)
NOUN_TAGS = ("NOUN", "PROPN")
QUANTITY_HEADS = ("hundred", "thousand", "dozen", "many", "some", "most", "more", "score", "million",
                  "number", "wave", "barrage", "series", "spate", "salvo", "round")


@dataclass(frozen=True)
class Trigger:
    """A trigger word, the token whose clause carries the event, the sense and how it was found."""

    token: Token
    anchor: Token
    sense: Sense
    via: str  # verb | pattern | light | noun


def find_triggers(doc: Doc, lexicon: EventLexicon, index: ActorIndex) -> list[Trigger]:
    """Triggers in text order; a noun governed by a trigger verb is left to the verb."""
    verbs: dict[int, Trigger] = {}
    for token in doc:
        if token.pos_ in VERB_TAGS or (token.pos_ == "AUX" and token.dep_ not in ("aux", "auxpass")):
            trigger = _verb_trigger(token, lexicon, index)
            if trigger is not None:
                verbs[token.i] = trigger
    out = list(verbs.values())
    for token in doc:
        if token.pos_ in NOUN_TAGS:
            trigger = _noun_trigger(token, lexicon, index, verbs)
            if trigger is not None:
                out.append(trigger)
    return sorted(out, key=lambda t: t.anchor.i if t.via == "light" else t.token.i)


def _verb_trigger(token: Token, lexicon: EventLexicon, index: ActorIndex) -> Trigger | None:
    senses = lexicon.senses_for(token.lemma_.lower(), token.lower_, "verb")
    for sense in senses:
        if matches(token, sense, index):
            return Trigger(token, token, sense, "pattern" if sense.pattern else "verb")
    return None


def _noun_trigger(token: Token, lexicon: EventLexicon, index: ActorIndex,
                  verbs: dict[int, Trigger]) -> Trigger | None:
    senses = lexicon.senses_for(token.lemma_.lower(), token.lower_, "noun")
    if not senses:
        return None
    governor = _governor(token)
    light = (governor is not None and governor.lemma_.lower() in lexicon.light_verbs
             and governor.i not in verbs and _is_object(token, governor))
    anchor = governor if light and governor is not None else token
    for sense in senses:
        if matches(token, sense, index, also=anchor if light else None):
            if (governor is not None and governor.i in verbs and verbs[governor.i].sense.type == sense.type
                    and governor.lemma_.lower() not in lexicon.target_verbs):
                return None  # "signed the deal": the verb codes the event
            return Trigger(token, anchor, sense, "light" if light else "noun")
    return None


def _governor(noun: Token) -> Token | None:
    """The verb a noun is the object or subject of, through a quantity head ("hundreds of strikes")."""
    token = noun
    if token.dep_ == "pobj" and token.head.lower_ == "of" and token.head.head.lemma_.lower() in QUANTITY_HEADS:
        token = token.head.head
    if token.dep_ == "conj":
        while token.dep_ == "conj":
            token = token.head
    if token.dep_ in (*OBJECT_DEPS, *PASSIVE_SUBJECT_DEPS, "nsubj", "attr", "oprd") and token.head.pos_ in ("VERB", "AUX"):
        return token.head
    if token.dep_ == "pobj" and token.head.dep_ == "prep" and token.head.head.pos_ == "VERB":
        # "engage in talks", "went on strike": the verb's own patterns decide
        return token.head.head if token.head.head.lemma_.lower() in ("engage", "enter") else None
    return None


def _is_object(noun: Token, verb: Token) -> bool:
    """Whether the noun is what the light verb carries (its object, or passive subject)."""
    token = noun
    while token.dep_ == "conj":
        token = token.head
    if token.dep_ == "pobj" and token.head.lower_ == "of":
        token = token.head.head
    return token.head.i == verb.i and token.dep_ in (*OBJECT_DEPS, *PASSIVE_SUBJECT_DEPS, "pobj", "attr")


def matches(token: Token, sense: Sense, index: ActorIndex, also: Token | None = None) -> bool:
    """Whether every condition of the sense's pattern holds on the token (and its light verb)."""
    heads = (token,) if also is None else (token, also)
    preps = sense.condition("prep")
    return all(any(_holds(h, key, values, index, preps) for h in heads) for key, values in sense.pattern)


def objects_of(token: Token) -> list[Token]:
    """A verb's objects, the passive subject counting as one; "hundreds of X" gives X.

    A passive verb's direct object is a parser slip and is ignored; a passive complement with no
    subject of its own ("vehicles were claimed to have been *spotted*") takes its governor's.
    """
    passive = any(c.dep_ in ("auxpass", *PASSIVE_SUBJECT_DEPS) for c in token.children)
    out = []
    for child in token.children:
        if child.dep_ in PASSIVE_SUBJECT_DEPS or (not passive and child.dep_ in (*OBJECT_DEPS, "dative")):
            out.append(_through_quantity(child))
    if passive and not out and token.dep_ == "xcomp":
        out.extend(c for c in token.head.children if c.dep_ in PASSIVE_SUBJECT_DEPS)
    return out


def _through_quantity(token: Token) -> Token:
    if token.lemma_.lower() in QUANTITY_HEADS or token.pos_ == "NUM":
        for child in token.children:
            if child.dep_ == "prep" and child.lower_ == "of":
                for pobj in child.children:
                    if pobj.dep_ == "pobj":
                        return pobj
    return token


def _prep_children(token: Token) -> list[Token]:
    """Prepositions of a token and, for a verb, of its objects ("deployed drones *against* X")."""
    out = [c for c in token.children if c.dep_ in ("prep", "agent", "dative")]
    if token.pos_ in VERB_TAGS:
        out.extend(c for o in objects_of(token) for c in o.children if c.dep_ == "prep")
    return out


def _holds(token: Token, key: str, values: tuple[str, ...], index: ActorIndex,
           preps: tuple[str, ...] | None = None) -> bool:
    if key == "object":
        objects = objects_of(token)
        if values == ("@none",):
            return not objects
        if values == ("*",):
            return bool(objects)
        if values == ("@actor",):
            return any(index.is_actor(o) for o in objects)
        return any(o.lemma_.lower() in values or o.lower_ in values for o in objects)
    if key == "not_object":
        objects = objects_of(token)
        if values == ("*",):
            return not objects
        return not any(o.lemma_.lower() in values for o in objects)
    if key == "prep":
        return any(c.lower_ in values for c in _prep_children(token))
    if key == "not_prep":
        return not any(c.lower_ in values for c in token.children if c.dep_ == "prep")
    if key == "pobj":
        pobjs = [p for c in _prep_children(token) if preps is None or c.lower_ in preps
                 for p in c.children if p.dep_ == "pobj"]
        if values == ("@actor",):
            return any(index.is_actor(p) for p in pobjs)
        return any(p.lemma_.lower() in values or p.lower_ in values for p in pobjs)
    if key == "particle":
        return any(c.dep_ == "prt" and c.lower_ in values for c in token.children)
    if key == "xcomp":
        comps = [c for c in token.children if c.dep_ in ("xcomp", "ccomp") and c.pos_ in ("VERB", "AUX")]
        return bool(comps) if values == ("*",) else any(c.lemma_.lower() in values for c in comps)
    if key == "subject":
        if values == ("@actor",):
            return bool(subjects(token, index)[0])
        return any(c.dep_ in ("nsubj", "nsubjpass") and c.lemma_.lower() in values for c in token.children)
    if key == "passive":
        passive = any(c.dep_ in ("auxpass", *PASSIVE_SUBJECT_DEPS) for c in token.children)
        return passive == (values[0] == "true")
    if key == "modifier":
        targets = [token] if token.pos_ in NOUN_TAGS else objects_of(token)
        return any(c.dep_ in ("compound", "amod", "nmod", "npadvmod") and
                   (c.lemma_.lower() in values or c.lower_ in values)
                   for t in targets for c in t.children)
    return False
