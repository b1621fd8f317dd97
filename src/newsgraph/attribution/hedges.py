"""Hedges: the words by which a writer keeps a claim at a distance (reportedly, allegedly,
claimed, said to, could not be independently verified)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from spacy.tokens import Token

from newsgraph.attribution.cues import AttributionCues

# The event modality a hedge gives an event its claim carries.
HEDGE_MODALITY = {"reported": "reported", "alleged": "alleged", "claimed": "claimed", "unconfirmed": "reported"}


def find_hedge(words: Sequence[str], cues: AttributionCues) -> str:
    """The first hedge kind (in the lexicon's priority order) signalled by these lowercase words."""
    present = set(words)
    for hedge in cues.hedges:
        if present & hedge.words:
            return hedge.kind
        for phrase in hedge.phrases:
            if _contains(words, phrase):
                return hedge.kind
    return "none"


def hedge_words(tokens: Iterable[Token]) -> list[str]:
    """Lowercase words for hedge lookup; a noun ("a claim", "the allegation") hedges nothing."""
    return [t.lower_ if t.pos_ != "NOUN" else "" for t in tokens]


def _contains(words: Sequence[str], phrase: tuple[str, ...]) -> bool:
    n = len(phrase)
    return any(tuple(words[i : i + n]) == phrase for i in range(len(words) - n + 1))
