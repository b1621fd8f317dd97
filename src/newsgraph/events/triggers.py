"""Trigger words: one pass over the tokens with lemma lookups, patterns checked only for candidates.

A verb is a trigger when one of its senses' patterns holds. A noun is a trigger unless a trigger
verb governs it ("signed the deal": the verb codes the event); a light verb that governs it
("held talks", "carried out strikes") becomes the event's anchor and lends its subject.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

import numpy as np
from spacy.attrs import DEP, LEMMA, LOWER, POS
from spacy.strings import StringStore
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
    """Triggers in text order; a noun governed by a trigger verb is left to the verb.

    The part of speech and dependency of every token are read at once, as ids (``Doc.to_array``);
    only verbs and nouns have their lemma looked up, and only a token whose lemma (or form) has
    senses in the lexicon is made into a ``Token`` and has its patterns checked.
    """
    strings = doc.vocab.strings
    attrs = doc.to_array([POS, DEP, LEMMA, LOWER])
    pos, dep = attrs[:, 0], attrs[:, 1]
    is_verb = np.isin(pos, [strings[t] for t in VERB_TAGS]) | (
        (pos == strings["AUX"]) & ~np.isin(dep, [strings["aux"], strings["auxpass"]]))  # fmt: skip
    is_noun = np.isin(pos, [strings[t] for t in NOUN_TAGS])
    facts = _Facts()
    name = _Names(strings)
    verbs: dict[int, Trigger] = {}
    for i, lemma_id, lower_id in _indexed(is_verb, attrs):
        senses = name.senses(lexicon, lemma_id, lower_id, "verb")
        if senses:
            trigger = _verb_trigger(doc[i], senses, index, facts)
            if trigger is not None:
                verbs[i] = trigger
    out = list(verbs.values())
    for i, lemma_id, lower_id in _indexed(is_noun, attrs):
        senses = name.senses(lexicon, lemma_id, lower_id, "noun")
        if senses:
            trigger = _noun_trigger(doc[i], senses, lexicon, index, verbs, facts)
            if trigger is not None:
                out.append(trigger)
    return sorted(out, key=lambda t: t.anchor.i if t.via == "light" else t.token.i)


def _indexed(mask: np.ndarray, attrs: np.ndarray) -> Iterator[tuple[int, int, int]]:
    """(token index, lemma id, lower id) of the tokens the mask selects, in text order."""
    where = np.flatnonzero(mask)
    return zip(where.tolist(), attrs[where, 2].tolist(), attrs[where, 3].tolist(), strict=True)


class _Names:
    """A lexicon's senses for a (lemma id, form id) pair, each pair looked up once per doc."""

    def __init__(self, strings: StringStore) -> None:
        self.strings = strings
        self.cache: dict[tuple[int, int, str], tuple[Sense, ...]] = {}

    def senses(self, lexicon: EventLexicon, lemma_id: int, lower_id: int, pos: str) -> tuple[Sense, ...]:
        key = (lemma_id, lower_id, pos)
        found = self.cache.get(key)
        if found is None:
            found = lexicon.senses_for(self.strings[lemma_id].lower(), self.strings[lower_id], pos)
            self.cache[key] = found
        return found


@dataclass
class _Facts:
    """What the patterns ask of a token, worked out once per token however many senses ask it."""

    objects: dict[int, list[Token]] = field(default_factory=dict)
    preps: dict[int, list[Token]] = field(default_factory=dict)

    def objects_of(self, token: Token) -> list[Token]:
        found = self.objects.get(token.i)
        if found is None:
            found = self.objects[token.i] = objects_of(token)
        return found

    def prep_children(self, token: Token) -> list[Token]:
        found = self.preps.get(token.i)
        if found is None:
            found = [c for c in token.children if c.dep_ in ("prep", "agent", "dative")]
            if token.pos_ in VERB_TAGS:
                found.extend(c for o in self.objects_of(token) for c in o.children if c.dep_ == "prep")
            self.preps[token.i] = found
        return found


def _verb_trigger(token: Token, senses: tuple[Sense, ...], index: ActorIndex, facts: _Facts) -> Trigger | None:
    for sense in senses:
        if matches(token, sense, index, facts=facts):
            return Trigger(token, token, sense, "pattern" if sense.pattern else "verb")
    return None


def _noun_trigger(token: Token, senses: tuple[Sense, ...], lexicon: EventLexicon, index: ActorIndex,
                  verbs: dict[int, Trigger], facts: _Facts) -> Trigger | None:
    governor = _governor(token)
    light = (governor is not None and governor.lemma_.lower() in lexicon.light_verbs
             and governor.i not in verbs and _is_object(token, governor))
    anchor = governor if light and governor is not None else token
    for sense in senses:
        if matches(token, sense, index, also=anchor if light else None, facts=facts):
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


def matches(token: Token, sense: Sense, index: ActorIndex, also: Token | None = None, *,
            facts: _Facts | None = None) -> bool:  # fmt: skip
    """Whether every condition of the sense's pattern holds on the token (and its light verb).

    ``facts`` carries what earlier checks in the same doc worked out about a token (its objects,
    its prepositions); without it they are worked out afresh.
    """
    if not sense.pattern:
        return True
    facts = facts if facts is not None else _Facts()
    heads = (token,) if also is None else (token, also)
    preps = sense.condition("prep")
    return all(any(_holds(h, key, values, index, preps, facts) for h in heads) for key, values in sense.pattern)


def objects_of(token: Token) -> list[Token]:
    """A verb's objects, the passive subject counting as one; "hundreds of X" gives X.

    A passive verb's direct object is a parser slip and is ignored; a passive complement with no
    subject of its own ("vehicles were claimed to have been *spotted*") takes its governor's.
    """
    passive = any(c.dep_ in ("auxpass", *PASSIVE_SUBJECT_DEPS) for c in token.children)
    out = []
    for child in token.children:
        # "which ... is backed by Rwanda": the parser may label a passive's subject nsubj
        undergoer = child.dep_ in PASSIVE_SUBJECT_DEPS or (passive and child.dep_ == "nsubj")
        if undergoer or (not passive and child.dep_ in (*OBJECT_DEPS, "dative")):
            out.append(_through_quantity(child))
    if passive and not out and token.dep_ == "xcomp":
        out.extend(c for c in token.head.children if c.dep_ in PASSIVE_SUBJECT_DEPS)
    if not out and not passive:
        out.extend(_described_object(token))
    return out


def _described_object(verb: Token) -> list[Token]:
    """"struck what the military said were weapons depots", "hit what officials described as a
    base": the parser makes the object a clause; the thing struck is what the clause calls it."""
    for clause in verb.children:
        if clause.dep_ != "ccomp" or clause.i < verb.i:
            continue
        what = next((t for t in clause.subtree if t.lower_ == "what" and t.i < clause.i), None)
        if what is None:
            continue
        for token in (what.head, *(t for t in clause.subtree if t.dep_ == "ccomp")):
            for child in token.children:
                if child.dep_ in ("attr", "oprd"):
                    return [_through_quantity(child)]
                if child.dep_ == "prep" and child.lower_ == "as":
                    return [_through_quantity(p) for p in child.children if p.dep_ == "pobj"][:1]
    return []


def _noun_forms(noun: Token) -> set[str]:
    """A noun's lemma and form, and each with its compound before it ("sanctions package")."""
    heads = {noun.lemma_.lower(), noun.lower_}
    return heads | {f"{c.lower_} {h}" for c in noun.children if c.dep_ == "compound" for h in heads}


def _through_quantity(token: Token) -> Token:
    if token.lemma_.lower() in QUANTITY_HEADS or token.pos_ == "NUM":
        for child in token.children:
            if child.dep_ == "prep" and child.lower_ == "of":
                for pobj in child.children:
                    if pobj.dep_ == "pobj":
                        return pobj
    return token


def _holds(token: Token, key: str, values: tuple[str, ...], index: ActorIndex,
           preps: tuple[str, ...] | None, facts: _Facts) -> bool:  # fmt: skip
    if key == "object":
        objects = facts.objects_of(token)
        if values == ("@none",):
            return not objects
        if values == ("*",):
            return bool(objects)
        if values == ("@actor",):
            return any(index.is_actor(o) for o in objects)
        return any(o.lemma_.lower() in values or o.lower_ in values for o in objects)
    if key == "not_object":
        objects = facts.objects_of(token)
        if values == ("*",):
            return not objects
        return not any(o.lemma_.lower() in values for o in objects)
    if key == "prep":
        return any(c.lower_ in values for c in facts.prep_children(token))
    if key == "not_prep":
        return not any(c.lower_ in values for c in token.children if c.dep_ == "prep")
    if key == "pobj":
        pobjs = [p for c in facts.prep_children(token) if preps is None or c.lower_ in preps
                 for p in c.children if p.dep_ == "pobj"]
        if values == ("@actor",):
            return any(index.is_actor(p) for p in pobjs)
        wanted = set(values)
        return any(_noun_forms(p) & wanted for p in pobjs)
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
        targets = [token] if token.pos_ in NOUN_TAGS else facts.objects_of(token)
        return any(c.dep_ in ("compound", "amod", "nmod", "npadvmod") and
                   (c.lemma_.lower() in values or c.lower_ in values)
                   for t in targets for c in t.children)
    return False
