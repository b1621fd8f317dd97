"""How sure an event is, from how it was found: verb or noun, pattern or bare word, actors named."""

from __future__ import annotations

# Base confidence per way of finding a trigger: a verb whose pattern held is surer than a bare
# verb, a light-verb construction ("held talks") than a bare noun ("talks").
BASE = {"pattern": 0.6, "verb": 0.5, "light": 0.55, "noun": 0.4}
BOTH_ACTORS = 0.25
ONE_ACTOR = 0.1


def confidence_of(via: str, n_source: int, n_target: int, weight: float) -> float:
    """A score in [0, 1]; both actors found beats one, and the sense's weight scales the result."""
    score = BASE.get(via, 0.4)
    if n_source and n_target:
        score += BOTH_ACTORS
    elif n_source or n_target:
        score += ONE_ACTOR
    return round(max(0.0, min(1.0, score * weight)), 3)
