"""Pronoun links: "he" / "she" in the sentences after a person usually mean the nearest person
named before. A simple rule, recorded as extra mentions of that person; no gender guessing.
Likewise "the group" / "the militant group" means the organisation named just before it."""

from __future__ import annotations

from spacy.tokens import Doc, Span

from newsgraph.language import sentence_index_at, tokens_where
from newsgraph.model import Sentence

PERSON_PRONOUNS = frozenset({"he", "she", "him", "her", "his"})
MAX_SENTENCES_BACK = 2
# Nouns a text uses for an organisation it has just named ("the Iran-backed group", "the movement")
ORGANISATION_ANAPHORS = frozenset({"group", "movement", "militia", "organisation", "organization", "faction"})


def link_pronouns(doc: Doc, named: list[tuple[int, Span]], sentences: tuple[Sentence, ...]) -> list[tuple[int, Span]]:
    """(person index, pronoun span) for each pronoun that follows a named person closely enough.

    ``named`` holds (person index, name span) pairs; people who should not attract pronouns (the
    article's author) are left out of it by the caller.
    """
    ordered = sorted(named, key=lambda pair: pair[1].start)
    out: list[tuple[int, Span]] = []
    k = -1
    for token in tokens_where(doc, lower=PERSON_PRONOUNS):
        if token.pos_ != "PRON":
            continue
        while k + 1 < len(ordered) and ordered[k + 1][1].end <= token.i:
            k += 1
        if k < 0:
            continue
        person, span = ordered[k]
        here = sentence_index_at(sentences, token.idx)
        there = sentence_index_at(sentences, span.start_char)
        if here is None or there is None or here - there > MAX_SENTENCES_BACK:
            continue
        out.append((person, doc[token.i:token.i + 1]))
    return out


def link_organisation_anaphors(doc: Doc, named: list[tuple[str, int, int]], sentences: tuple[Sentence, ...],
                               taken: set[int]) -> list[tuple[str, Span]]:
    """(organisation id, noun span) for each "the group", "the Iran-backed group", "the militant
    movement" whose sentence, with the one before, names exactly one organisation before it.

    ``named`` holds (id, start char, end char) of organisation mentions; ``taken`` the tokens
    already part of a name ("the Wagner Group"). "a group", "the group of tourists" are left alone.
    """
    ordered = sorted(named, key=lambda m: m[1])
    out: list[tuple[str, Span]] = []
    for token in tokens_where(doc, lower=ORGANISATION_ANAPHORS):
        if token.pos_ != "NOUN" or token.i in taken or token.tag_ == "NNS":
            continue
        if not any(c.dep_ == "det" and c.lower_ == "the" for c in token.children):
            continue
        if any(c.dep_ == "poss" or (c.dep_ == "prep" and c.lower_ == "of") for c in token.children):
            continue  # "the group of tourists", "the country's ruling group"
        here = sentence_index_at(sentences, token.idx)
        if here is None:
            continue
        near = set()
        for entity_id, start, end in ordered:
            there = sentence_index_at(sentences, start)
            if end <= token.idx and there is not None and here - there <= 1:
                near.add(entity_id)
        if len(near) == 1:  # two organisations near: which one "the group" is, is a guess
            out.append((near.pop(), doc[token.i:token.i + 1]))
    return out
