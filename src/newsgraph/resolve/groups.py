"""Unnamed collective actors: a nationality or bloc with a title or collective noun
("Russian and Iranian officials", "Western security agencies", "protesters in several Iranian
cities"), driven by the demonyms of countries.csv, the blocs of groups.yaml and titles.yaml."""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc, Token

from newsgraph.resolve.gazetteer import Gazetteer, split_key
from newsgraph.resolve.matching import Match
from newsgraph.resolve.people import role_from_titles

_UP_DEPS = frozenset({"amod", "compound", "nmod", "conj", "cc", "npadvmod", "poss", "case", "punct"})
_PLACE_PREPS = frozenset({"in", "from", "of", "across", "throughout", "inside"})
_MAX_STEPS = 6
# People who are of the place they are in ("residents of Kherson"); troops in a country are not its own.
_LOCAL_ROLES = frozenset({"CVL", "OPP", "REB", "COP", "REL", "EDU"})


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
    owner = prep.head
    found = role_from_titles([owner], gaz)
    return owner, found if found and found[0] in _LOCAL_ROLES else None
