"""Gazetteer matches on a parsed document: exact phrase matches, then fuzzy weapon names.

One PhraseMatcher pass finds every known name; overlaps keep the longest span, and a span keeps
all the keys it matched (``Moscow`` is both a metonym of Russia and the place Moscow). Rapidfuzz
runs only on the few tokens that look like a designation with a number (``Arroiw-4``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
from rapidfuzz import fuzz, process
from spacy.attrs import IS_UPPER
from spacy.tokens import Doc, Span

from newsgraph.resolve.gazetteer import Gazetteer, split_key

# Labels under which spaCy has seen a name: a place match inside one of them is a name, not a word.
NAME_LABELS = frozenset({"GPE", "LOC", "FAC", "PERSON", "ORG", "NORP", "WORK_OF_ART", "EVENT", "PRODUCT"})
BIG_PLACE = 1_000_000
FUZZY_CUTOFF = 85.0
MAX_CAPITAL_WORDS = 3  # "RIO DE JANEIRO"
_DESIGNATION = re.compile(r"\b[A-Z][A-Za-z]{2,}-?\d+[A-Za-z]?\b")


@dataclass(frozen=True)
class Match:
    """A gazetteer hit: token span [start, end) and the keys (kind|id|extra) it matched."""

    start: int
    end: int
    keys: tuple[str, ...]
    fuzzy: bool = False

    def kinds(self) -> frozenset[str]:
        return _kinds(self.keys)


@lru_cache(maxsize=4096)  # pure, and asked of every match many times
def _kinds(keys: tuple[str, ...]) -> frozenset[str]:
    return frozenset(split_key(k)[0] for k in keys)


def find_matches(doc: Doc, gaz: Gazetteer, text: str | None = None) -> list[Match]:
    """Every gazetteer name in ``doc``, longest first on overlaps, in text order.

    ``text`` is the doc's text when the caller has it (``Doc.text`` rebuilds it token by token).
    """
    names, weapons = gaz.matchers_for(doc.vocab)
    spans: dict[tuple[int, int], list[str]] = {}
    for matcher in (names, weapons):
        for match_id, start, end in matcher(doc):
            spans.setdefault((start, end), []).append(doc.vocab.strings[match_id])
    candidates = [Match(s, e, tuple(dict.fromkeys(keys))) for (s, e), keys in spans.items()]
    candidates = [m for m in (_filter_keys(doc, m, gaz) for m in candidates) if m is not None]
    chosen = _longest_first(candidates)
    chosen += _names_in_capitals(doc, gaz, chosen)
    chosen += _fuzzy_weapons(doc, doc.text if text is None else text, gaz, chosen)
    return sorted(chosen, key=lambda m: m.start)


def _names_in_capitals(doc: Doc, gaz: Gazetteer, chosen: list[Match]) -> list[Match]:
    """Places and countries written in capitals ("KYIV, Ukraine (AP) —"), which the case-sensitive
    matcher misses; acronyms it already matched (NATO) are left alone."""
    taken = {i for m in chosen for i in range(m.start, m.end)}
    upper = [i for i in np.flatnonzero(doc.to_array(IS_UPPER)).tolist() if i not in taken]
    if not upper:
        return []
    index = gaz.places_in_capitals()
    found: list[Match] = []
    used: set[int] = set()
    for i in upper:
        if i in used or not doc[i].is_alpha or len(doc[i]) < 3:
            continue
        for n in range(MAX_CAPITAL_WORDS, 0, -1):
            span = doc[i:i + n]
            if len(span) < n or any(t.i in taken or not t.is_upper for t in span):
                continue
            keys = index.get(span.text)
            match = _filter_keys(doc, Match(i, i + n, keys), gaz) if keys else None
            if match is not None:
                found.append(match)
                used.update(range(i, i + n))
                break
    return found


def _longest_first(candidates: list[Match]) -> list[Match]:
    taken: set[int] = set()
    out: list[Match] = []
    for match in sorted(candidates, key=lambda m: (-(m.end - m.start), m.start)):
        if any(i in taken for i in range(match.start, match.end)):
            continue
        taken.update(range(match.start, match.end))
        out.append(match)
    return out


def _filter_keys(doc: Doc, match: Match, gaz: Gazetteer) -> Match | None:
    """Drop the keys a span cannot mean here; None when none is left."""
    span = doc[match.start:match.end]
    keys = [k for k in match.keys if _plausible(span, k, gaz)]
    kinds = {split_key(k)[0] for k in keys}
    if "country" in kinds and "place" in kinds:
        # "Georgia": the country, unless a place of the same country as the other reading precedes
        # it as "Atlanta, Georgia".
        place_keys = [k for k in keys if split_key(k)[0] == "place"]
        if _follows_place_of(doc, match.start, gaz, place_keys):
            keys = place_keys
        else:
            keys = [k for k in keys if split_key(k)[0] != "place"]
    places = [k for k in keys if split_key(k)[0] == "place"]
    if len(places) > 1:  # "Washington": the capital, not the state; the better-known place wins
        known = {k: gaz.places[split_key(k)[1]] for k in places}
        best = max(places, key=lambda k: (known[k].population, known[k].kind == "city"))
        keys = [k for k in keys if k not in places or k == best]
    if not keys:
        return None
    return Match(match.start, match.end, tuple(keys))


def _plausible(span: Span, key: str, gaz: Gazetteer) -> bool:
    kind, ident, extra = split_key(key)
    if kind == "place":
        return _plausible_place(span, gaz.places[ident].population, gaz.places[ident].kind)
    if kind == "weapon" and gaz.weapons[ident].ambiguous:
        return _has_weapon_cue(span, gaz)
    if kind == "weapon":
        return any(t.is_upper or t.is_title or any(c.isdigit() for c in t.text) for t in span)
    if kind == "blocname" and len(span) == 1:  # "the West", not "West Africa"
        nxt = span.end < len(span.doc) and span.doc[span.end].pos_ == "PROPN"
        return span.start > 0 and span.doc[span.start - 1].lower_ == "the" and not nxt
    if kind == "bloc":
        return span[-1].i + 1 < len(span.doc) and span.doc[span[-1].i + 1].pos_ in ("NOUN", "PROPN", "ADJ")
    if kind == "org" and extra == "generic":
        return not _has_owner_before(span)
    return True


def _has_owner_before(span: Span) -> bool:
    """A shared name ("Security Council") with a qualifier before it: "the Russian Security Council",
    "Iran's Supreme National Security Council", "Kenya's Security Council"."""
    if span.start == 0:
        return False
    prev = span.doc[span.start - 1]
    if prev.lower_ in ("'s", "’s"):
        return span.start > 1 and span.doc[span.start - 2].ent_type_ in ("GPE", "NORP", "ORG")
    return prev.text[:1].isupper() and prev.pos_ in ("PROPN", "ADJ", "NOUN") and prev.lower_ != "the"


def _plausible_place(span: Span, population: int, kind: str) -> bool:
    """A place name that is also a word ("Reading", "Mobile") needs spaCy to see a name there."""
    if any(t.ent_type_ in NAME_LABELS for t in span):
        return True
    if population >= BIG_PLACE or kind == "region":
        return True
    first = span[0]
    return all(t.pos_ == "PROPN" for t in span) and not first.is_sent_start


def _has_weapon_cue(span: Span, gaz: Gazetteer) -> bool:
    sent = span.sent
    lemmas = {t.lemma_.lower() for t in sent} | {t.lower_ for t in sent}
    text = sent.text.lower()
    return any((cue in lemmas) if " " not in cue else (cue in text) for cue in gaz.weapon_cues)


def _follows_place_of(doc: Doc, start: int, gaz: Gazetteer, place_keys: list[str]) -> bool:
    if start < 2 or doc[start - 1].text != ",":
        return False
    wanted = {gaz.places[split_key(k)[1]].country for k in place_keys}
    before = doc[start - 2].text
    return any(p.country in wanted for p in gaz.places.values() if p.name == before)


def _fuzzy_weapons(doc: Doc, text: str, gaz: Gazetteer, chosen: list[Match]) -> list[Match]:
    """Misspelt designations ("Arroiw-4"), compared only with weapon names carrying the same number."""
    taken = {i for m in chosen for i in range(m.start, m.end)}
    out: list[Match] = []
    for found in _DESIGNATION.finditer(text):
        span = doc.char_span(found.start(), found.end())
        if span is None or len(span) != 1 or span.start in taken:
            continue
        token = span[0]
        word = token.lower_
        choices = gaz.weapon_designations().get(tuple(re.findall(r"\d+", word)), {})
        pool = [c for c in choices if c[0] == word[0]]
        best = process.extractOne(word, pool, scorer=fuzz.ratio, score_cutoff=FUZZY_CUTOFF) if pool else None
        if best:
            out.append(Match(token.i, token.i + 1, (f"weapon|{choices[best[0]]}|",), fuzzy=True))
    return out
