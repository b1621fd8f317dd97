"""Unnamed collective actors: a nationality or bloc with a title or collective noun
("Russian and Iranian officials", "Western security agencies", "protesters in several Iranian
cities"), driven by the demonyms of countries.csv, the blocs of groups.yaml and titles.yaml."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from newsgraph.language import tokens_where
from newsgraph.resolve.gazetteer import Gazetteer, split_key
from newsgraph.resolve.matching import Match
from newsgraph.resolve.people import role_from_titles

_UP_DEPS = frozenset({"amod", "compound", "nmod", "conj", "cc", "npadvmod", "poss", "case", "punct"})
_PLACE_PREPS = frozenset({"in", "from", "of", "across", "throughout", "inside"})
_MAX_STEPS = 6
# People who are of the place they are in ("residents of Kherson"); troops in a country are not its own.
_LOCAL_ROLES = frozenset({"CVL", "OPP", "REB", "COP", "REL", "EDU"})
# Armed and police bodies the text names without a nationality ("the army", "riot police",
# "six militants"): they belong to the one country their sentence is about.
_FORCE_ROLES = frozenset({"MIL", "COP", "REB"})
_CONTEXT_KINDS = frozenset({"country", "demonym", "metonym", "place"})
# Protesters are of the place they protest in, whatever their role in the sentence.
_PROTESTERS = ("CVL", "protesters")
# A sentence that names no country continues the one before it, up to this many back.
LOOKBACK_SENTENCES = 2


@dataclass(frozen=True)
class GroupMention:
    """A group actor named by ``start``..``end`` (token offsets); ``prefix`` is an iso3 or a bloc id."""

    prefix: str
    country: str | None
    role: str
    slug: str
    name: str
    start: int
    end: int


def find_groups(doc: Doc, matches: list[Match], gaz: Gazetteer, person_tokens: set[int]) -> list[GroupMention]:
    """Group mentions anchored on demonyms, country names and bloc words."""
    named = {i for m in matches if m.kinds() & {"place", "org", "outlet", "weapon"} for i in range(m.start, m.end)}
    out: list[GroupMention] = []
    for match in matches:
        anchor = _anchor(match)
        if anchor is None:
            continue
        prefix, country = anchor
        token = doc[match.end - 1]
        head = _phrase_head(token)
        if head.pos_ not in ("NOUN", "PROPN") or head.i in named or _is_title_of_name(doc, head, named):
            continue
        if any(i in person_tokens for i in range(match.start, head.i + 1)):
            continue  # "Russian President Vladimir Putin": a person's title, not a group
        if any(t.pos_ == "VERB" for t in doc[match.end:head.i]):
            continue  # "Iranian-backed militias", "Saudi-led coalition": the sponsor, not the group
        found = role_from_titles(list(doc[match.start:head.i + 1]), gaz) if head.i > token.i else None
        start = match.start
        if found is None:
            head, found = _place_phrase_owner(head, gaz)
            if found is None or head.i in person_tokens:
                continue
            start = head.i
        role, slug = found
        first = doc[match.start:match.end].text
        out.append(GroupMention(prefix=prefix, country=country, role=role, slug=slug,
                                name=f"{first} {head.text}", start=min(start, head.i),
                                end=max(head.i + 1, match.end)))
    return out


def find_unnamed_forces(doc: Doc, matches: list[Match], gaz: Gazetteer, taken: set[int]) -> list[GroupMention]:
    """Forces named by a title alone as the subject of their clause ("the army shelled", "riot police
    fired", "militants attacked"), given the country their sentence is about when exactly one stands
    out; ``taken`` are tokens already named."""
    by_token = {i: m for m in matches for i in range(m.start, m.end)}
    out: list[GroupMention] = []
    for token in tokens_where(doc, pos=("NOUN",)):
        if token.i in taken or token.i in by_token or token.ent_type_:
            continue
        own = role_from_titles([token], gaz)
        if own is None:
            continue  # no title or force word: nothing to name
        if own != _PROTESTERS and not _is_subject(token):
            continue  # as an object a force is mostly the subject's own ("deployed more troops")
        left = [t for t in token.lefts if t.dep_ in ("compound", "amod", "nmod", "poss", "det", "nummod")]
        modifiers = [m for t in left for m in t.subtree]
        if any(m.i in by_token or m.i in taken or m.ent_type_ in ("ORG", "GPE", "NORP") or m.dep_ == "poss"
               for m in modifiers):
            continue  # "Hamas militants", "Russia's army": named elsewhere or not ours to name
        if token.tag_ != "NNS" and not any(t.lower_ == "the" for t in left) and not left:
            continue  # a bare singular ("army life") names no body
        if any(t.lower_ in ("a", "an") for t in left) or any(c.dep_ == "prep" and c.lower_ == "of" for c in token.rights):
            continue  # "an army of volunteers": a crowd, not a country's army
        words = [t for t in left if t.dep_ in ("compound", "amod") and not t.is_stop] + [token]
        found = role_from_titles(words, gaz)
        if found is None or (found[0] not in _FORCE_ROLES and found != _PROTESTERS):
            continue
        country = country_in_context(token.sent, by_token, gaz)
        if country is None:
            continue
        start = min((t.i for t in words), default=token.i)
        out.append(GroupMention(prefix=country.lower(), country=country, role=found[0], slug=found[1],
                                name=doc[start:token.i + 1].text, start=start, end=token.i + 1))
    return out


def find_definite_forces(doc: Doc, matches: list[Match], gaz: Gazetteer, taken: set[int],
                         named: list[GroupMention]) -> list[GroupMention]:
    """"the army", "the military" in any role, after the text has named exactly one such force
    ("Sudan's army ... accused the army of shelling"): a definite description of that force.

    ``named`` are the group mentions found so far; ``taken`` the tokens already named. Nothing is
    linked when the text named forces of that kind for two countries, or none before.
    """
    forces = sorted((g for g in named if g.role in _FORCE_ROLES), key=lambda g: g.start)
    if not forces:
        return []
    by_token = {i for m in matches for i in range(m.start, m.end)}
    out: list[GroupMention] = []
    for token in tokens_where(doc, pos=("NOUN",)):
        if token.i in taken or token.i in by_token or token.ent_type_:
            continue
        left = list(token.lefts)
        if [t.lower_ for t in left] != ["the"]:
            continue  # "an army of volunteers", "Hamas's armed wing": not the force named before
        found = role_from_titles([token], gaz)
        if found is None or found[0] not in _FORCE_ROLES:
            continue
        before = {(g.prefix, g.country, g.role, g.slug): g for g in forces if g.end <= token.i and
                  (g.role, g.slug) == found}  # fmt: skip
        if len(before) != 1:
            continue
        (first,) = before.values()
        out.append(GroupMention(prefix=first.prefix, country=first.country, role=first.role, slug=first.slug,
                                name=first.name, start=token.i, end=token.i + 1))
    return out


def _is_subject(token: Token) -> bool:
    while token.dep_ == "conj" and token.head is not token:
        token = token.head
    return token.dep_ in ("nsubj", "nsubjpass") or (token.dep_ == "pobj" and token.head.dep_ == "agent")


def country_in_context(sent: Span, by_token: dict[int, Match], gaz: Gazetteer, *,
                       kinds: frozenset[str] = _CONTEXT_KINDS) -> str | None:
    """The one country a sentence is about, by the names of ``kinds`` in it; when it names none,
    the one the sentence before it is about ("Thousands of Georgians rallied. Riot police
    dispersed them."), going back at most LOOKBACK_SENTENCES sentences and stopping at the first
    that names one. None when two countries are named as often."""
    for _ in range(LOOKBACK_SENTENCES + 1):
        counts = _country_counts(sent, by_token, gaz, kinds)
        if counts:
            top = counts.most_common(2)
            return top[0][0] if len(top) == 1 or top[0][1] > top[1][1] else None
        if sent.start == 0:
            return None
        sent = sent.doc[sent.start - 1].sent
    return None


def _country_counts(sent: Span, by_token: dict[int, Match], gaz: Gazetteer, kinds: frozenset[str]) -> Counter[str]:
    counts: Counter[str] = Counter()
    for match in {id(by_token[i]): by_token[i] for i in range(sent.start, sent.end) if i in by_token}.values():
        for key in match.keys:
            kind, ident, _ = split_key(key)
            if kind in kinds:
                iso = gaz.places[ident].country if kind == "place" else ident
                if iso:
                    counts[iso] += 1
                break
    return counts


def _is_title_of_name(doc: Doc, head: Token, named: set[int]) -> bool:
    """ "the US newspaper The Washington Post": the noun only describes the name after it."""
    nxt = head.i + 1
    if nxt < len(doc) and doc[nxt].lower_ in ("the", ","):
        nxt += 1
    return nxt < len(doc) and (nxt in named or doc[nxt].ent_type_ == "PERSON")


def _anchor(match: Match) -> tuple[str, str | None] | None:
    for key in match.keys:
        kind, ident, _ = split_key(key)
        if kind in ("demonym", "country"):
            return ident.lower(), ident
        if kind == "bloc":
            return ident, None
    return None


def _phrase_head(token: Token) -> Token:
    """The noun a modifier belongs to: "Iranian" in "Russian and Iranian officials" -> "officials"."""
    head = token
    for _ in range(_MAX_STEPS):
        if head.dep_ not in _UP_DEPS or head.head is head:
            break
        if head.head.i < head.i and (head.dep_ != "conj" or head.pos_ == "NOUN"):
            break  # "Russian and Iranian officials" climbs from "Iranian"; a noun's conj is another phrase
        head = head.head
    return head


def _place_phrase_owner(noun: Token, gaz: Gazetteer) -> tuple[Token, tuple[str, str] | None]:
    """ "protesters in several Iranian cities": the titled noun the place phrase hangs on."""
    prep = noun.head
    if noun.dep_ != "pobj" or prep.lower_ not in _PLACE_PREPS or prep.head.pos_ != "NOUN":
        return noun, None
    if noun.conjuncts:
        return noun, None  # "militias in Syria and Iraq": no one country owns them
    owner = prep.head
    found = role_from_titles([owner], gaz)
    return owner, found if found and found[0] in _LOCAL_ROLES else None
