"""Hedges: the words by which a writer keeps a claim at a distance (reportedly, allegedly,
claimed, said to, could not be independently verified)."""

from __future__ import annotations

from collections.abc import Sequence

from newsgraph.attribution.cues import AttributionCues

# The event modality a hedge gives an event its claim carries.
HEDGE_MODALITY = {"reported": "reported", "alleged": "alleged", "claimed": "claimed", "unconfirmed": "reported"}


def find_hedge(words: Sequence[str], cues: AttributionCues) -> str:
    """The first hedge kind (in the lexicon's priority order) signalled by these lowercase words."""
    present = set(words)
    for hedge in cues.hedges:
        if not present.isdisjoint(hedge.words):
            return hedge.kind
        for phrase in hedge.phrases:
            # a phrase can only occur where its first word does: most are skipped on one set lookup
            if (not phrase or phrase[0] in present) and _contains(words, phrase):
                return hedge.kind
    return "none"


def _contains(words: Sequence[str], phrase: tuple[str, ...]) -> bool:
    """Whether the phrase occurs as consecutive words; compared only where its first word stands."""
    n = len(phrase)
    if n == 0:
        return True
    first, rest = phrase[0], phrase[1:]
    stop = len(words) - n + 1  # the last place the phrase could start, plus one
    if stop <= 0:
        return False
    i = -1
    while True:
        try:
            i = words.index(first, i + 1, stop)
        except ValueError:
            return False
        if tuple(words[i + 1 : i + n]) == rest:
            return True
