"""Which language an article is in, so English-only stages can skip the rest."""

from __future__ import annotations

from functools import cache

from py3langid.langid import MODEL_FILE, LanguageIdentifier

# Below this many characters an identifier guesses; English is the likeliest answer for news here.
MIN_CHARS = 40
# Enough text to decide; identifying a whole book is wasted work.
SAMPLE_CHARS = 5000


@cache
def _identifier() -> LanguageIdentifier:
    """The py3langid model with probabilities, loaded once (a pure loader, cached)."""
    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def detect_language(text: str) -> tuple[str, float]:
    """ISO 639-1 code and confidence; short texts are taken to be English with low confidence."""
    if len(text.strip()) < MIN_CHARS:
        return "en", 0.1
    lang, prob = _identifier().classify(text[:SAMPLE_CHARS])
    return str(lang), float(prob)
