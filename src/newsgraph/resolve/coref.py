"""Pronoun links: "he" / "she" in the sentences after a person usually mean the nearest person
named before. A simple rule, recorded as extra mentions of that person; no gender guessing."""

from __future__ import annotations

from spacy.tokens import Doc, Span

from newsgraph.language import sentence_index_at, tokens_where
from newsgraph.model import Sentence

PERSON_PRONOUNS = frozenset({"he", "she", "him", "her", "his"})
MAX_SENTENCES_BACK = 2


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
