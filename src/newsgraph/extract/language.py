"""Which language an article is in, so English-only stages can skip the rest."""

from __future__ import annotations

import re
from functools import cache

from py3langid.langid import MODEL_FILE, LanguageIdentifier
from spacy.lang.en.stop_words import STOP_WORDS

# Below this many characters an identifier guesses; English is the likeliest answer for news here.
MIN_CHARS = 40
# Enough text to decide; identifying a whole book is wasted work. The identifier's cost grows with
# the text, so it first reads a short sample, and reads the long one only when the short one leaves
# it less than SURE (it never does on a normal news article, whose first lines settle it).
SAMPLE_CHARS = 1500
LONG_SAMPLE_CHARS = 5000
SURE = 0.999
# A text whose words are this much English function words is English beyond doubt (English news
# runs at about 0.45; French or German text scores under 0.15): the identifier then only confirms
# it on a short sample, at a quarter of the cost; on so little text "fairly sure" (UNSURE) is enough.
PLAINLY_ENGLISH = 0.3
SHORT_SAMPLE_CHARS = 400
# A text the identifier is not sure of is English when this share of its words are English
# function words: short wire sentences are mostly names, which identifiers read as anything.
UNSURE = 0.9
ENGLISH_SHARE = 0.15
# When the identifier has no real idea (a sentence of names and titles), plain ASCII text with
# any English function word is English: calling it Latin would drop the whole analysis.
CLUELESS = 0.5
_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")


@cache
def _identifier() -> LanguageIdentifier:
    """The py3langid model with probabilities, loaded once (a pure loader, cached)."""
    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def english_share(text: str) -> float:
    """The share of words that are English function words (spaCy's English stop words)."""
    words = _WORD.findall(text.lower())
    return sum(w in STOP_WORDS for w in words) / len(words) if words else 0.0


def detect_language(text: str) -> tuple[str, float]:
    """ISO 639-1 code and confidence; short texts are taken to be English with low confidence."""
    if len(text.strip()) < MIN_CHARS:
        return "en", 0.1
    sample = text[:SAMPLE_CHARS]
    if english_share(sample) >= PLAINLY_ENGLISH:
        lang, prob = _identifier().classify(text[:SHORT_SAMPLE_CHARS])
        if lang == "en" and prob >= UNSURE:
            return "en", float(prob)
    lang, prob = _identifier().classify(sample)
    if prob < SURE and len(text) > SAMPLE_CHARS:
        sample = text[:LONG_SAMPLE_CHARS]
        lang, prob = _identifier().classify(sample)
    if lang != "en" and prob < UNSURE:
        share = english_share(sample)
        if share >= ENGLISH_SHARE or (prob < CLUELESS and share > 0 and sample.isascii()):
            return "en", share
    return str(lang), float(prob)
