"""find_hedge skips a phrase whose first word is absent: the same answers as a full scan."""

from __future__ import annotations

import random

from newsgraph.attribution.cues import load_cues
from newsgraph.attribution.hedges import _contains, find_hedge


def _contains_plain(words, phrase):
    n = len(phrase)
    return any(tuple(words[i : i + n]) == phrase for i in range(len(words) - n + 1))


def _find_plain(words, cues):
    present = set(words)
    for hedge in cues.hedges:
        if present & hedge.words:
            return hedge.kind
        for phrase in hedge.phrases:
            if _contains_plain(words, phrase):
                return hedge.kind
    return "none"


def test_attribution_contains_matches_a_plain_scan():
    rng = random.Random(3)
    vocab = ["said", "to", "have", "been", "", "not"]
    for _ in range(20_000):
        words = [rng.choice(vocab) for _ in range(rng.randint(0, 9))]
        phrase = tuple(rng.choice(vocab) for _ in range(rng.randint(0, 4)))
        assert _contains(words, phrase) == _contains_plain(words, phrase), (words, phrase)
        assert _contains(tuple(words), phrase) == _contains_plain(words, phrase)


def test_attribution_find_hedge_matches_a_plain_scan():
    cues = load_cues()
    phrases = [p for h in cues.hedges for p in h.phrases]
    singles = sorted({w for h in cues.hedges for w in h.words})
    assert phrases, "the lexicon has hedge phrases"
    rng = random.Random(5)
    filler = ["the", "minister", "said", "on", "tuesday", "that", "troops", "had", "crossed", "into", "the", "region"]
    for _ in range(3000):
        words = list(filler)
        for _ in range(rng.randint(0, 2)):
            at = rng.randrange(len(words) + 1)
            piece = list(rng.choice(phrases))
            if rng.random() < 0.3:  # a broken phrase: its first words only
                piece = piece[: max(1, len(piece) - 1)]
            words[at:at] = piece
        if rng.random() < 0.1:
            words.insert(rng.randrange(len(words) + 1), rng.choice(singles))
        assert find_hedge(words, cues) == _find_plain(words, cues), words
