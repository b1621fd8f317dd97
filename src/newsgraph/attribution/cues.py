"""The attribution cue lexicon (``data/en/attribution_cues.yaml``) as one frozen object.

Cues are data, not code: reporting verbs, according-to forms, outlet references, anonymity
phrases and hedges all come from the YAML file, a user's file of the same name adding to them.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from newsgraph.datafiles import read_yaml
from newsgraph.errors import DataFileError

CUES_FILE = "en/attribution_cues.yaml"


@dataclass(frozen=True)
class Hedge:
    """One hedge kind with the words and word sequences that signal it."""

    kind: str
    words: frozenset[str]
    phrases: tuple[tuple[str, ...], ...]


@dataclass(frozen=True)
class AttributionCues:
    """Everything the attribution stage looks for, loaded once per data folder."""

    reporting_verbs: frozenset[str]
    according_to: tuple[tuple[str, ...], ...]
    outlet_reference_heads: frozenset[str]
    outlet_reference_determiners: frozenset[str]
    anonymous_heads: frozenset[str]
    anonymous_determiners: frozenset[str]
    anonymity_phrases: tuple[str, ...]
    hedges: tuple[Hedge, ...]
    pronouns: dict[str, tuple[str, ...]]
    scare_quote_max_words: int
    scare_markers: tuple[str, ...]
    unrealised_auxiliaries: frozenset[str] = frozenset()
    comment_nouns: frozenset[str] = frozenset()

    def __hash__(self) -> int:  # the pronoun dict makes the default hash fail; identity is enough
        return id(self)


def _words(items: Any, path: Path, key: str) -> list[str]:
    if items is None:
        return []
    if not isinstance(items, list) or not all(isinstance(x, str) and x.strip() for x in items):
        raise DataFileError(f"{path}: '{key}' must be a list of non-empty strings", code="NG310")
    return [x.strip().lower() for x in items]


def _merge(docs: list[tuple[Path, dict[str, Any]]]) -> AttributionCues:
    lists: dict[str, list[str]] = {}
    hedges: dict[str, tuple[set[str], list[tuple[str, ...]]]] = {}
    pronouns: dict[str, tuple[str, ...]] = {}
    max_words = 3
    for path, data in docs:
        if not isinstance(data, dict):
            raise DataFileError(f"{path}: expected a mapping of cue lists", code="NG310")
        for key, value in data.items():
            if key == "hedges":
                for item in value or []:
                    kind = item.get("kind") if isinstance(item, dict) else None
                    if not kind:
                        raise DataFileError(f"{path}: each hedge needs a 'kind'", code="NG310")
                    words, phrases = hedges.setdefault(kind, (set(), []))
                    words.update(_words(item.get("words"), path, f"hedges.{kind}.words"))
                    phrases.extend(tuple(p.split()) for p in _words(item.get("phrases"), path, f"hedges.{kind}"))
            elif key == "pronouns":
                pronouns.update({k.lower(): tuple(_words(v, path, f"pronouns.{k}")) for k, v in value.items()})
            elif key == "scare_quote_max_words":
                max_words = int(value)
            else:
                lists.setdefault(key, []).extend(_words(value, path, key))
    return AttributionCues(
        reporting_verbs=frozenset(lists.get("reporting_verbs", ())),
        according_to=tuple(tuple(p.split()) for p in lists.get("according_to", ())),
        outlet_reference_heads=frozenset(lists.get("outlet_reference_heads", ())),
        outlet_reference_determiners=frozenset(lists.get("outlet_reference_determiners", ())),
        anonymous_heads=frozenset(lists.get("anonymous_heads", ())),
        anonymous_determiners=frozenset(lists.get("anonymous_determiners", ())),
        anonymity_phrases=tuple(lists.get("anonymity_phrases", ())),
        hedges=tuple(Hedge(k, frozenset(w), tuple(p)) for k, (w, p) in hedges.items()),
        pronouns=pronouns,
        scare_quote_max_words=max_words,
        scare_markers=tuple(lists.get("scare_markers", ())),
        unrealised_auxiliaries=frozenset(lists.get("unrealised_auxiliaries", ())),
        comment_nouns=frozenset(lists.get("comment_nouns", ())),
    )


@lru_cache(maxsize=8)
def load_cues(data_dir: str | None = None) -> AttributionCues:
    """The bundled cue lexicon with a user's file (``data_dir/en/attribution_cues.yaml``) added."""
    return _merge(list(read_yaml(CUES_FILE, data_dir)))
