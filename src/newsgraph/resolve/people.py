"""People: spaCy PERSON spans, cleaned, given a country and role from the words around them, and
joined into one person per name ("Vladimir Putin", "President Putin", "Mr. Putin")."""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from newsgraph.language import tokens_where
from newsgraph.resolve.gazetteer import Gazetteer, fold, split_key
from newsgraph.resolve.matching import Match

# Words a PERSON span may carry that are not part of the name.
_CONTEXT_POS = frozenset({"PROPN", "NOUN", "ADJ"})
_LINK_WORDS = frozenset({"of", "the", "'s", "’s", "-", "for"})
_MAX_CONTEXT = 8


@dataclass
class PersonCluster:
    """One person and every span naming it, with what the text says about them."""

    name: str
    spans: list[Span] = field(default_factory=list)
    country: str | None = None
    role: str | None = None
    from_title: bool = False

    @property
    def surname(self) -> str:
        return fold(self.name.split()[-1])


def title_words(gaz: Gazetteer) -> frozenset[str]:
    return frozenset(w for rule in gaz.titles for p in rule.patterns for w in p)


def person_spans(doc: Doc, matches: list[Match], gaz: Gazetteer) -> tuple[list[Span], list[Match]]:
    """Cleaned PERSON spans and the matches left once people and gazetteer names are reconciled.

    A gazetteer name wins over a PERSON span that is exactly that name ("Kherson", "Zulfiqar") or that
    it cuts across; a person wins over a shorter name inside a first-name + surname span ("Paris
    Hilton", "Michael Jordan"), and over a bare surname already used for a person ("Jordan said").
    """
    words = title_words(gaz)
    by_token = {i: m for m in matches for i in range(m.start, m.end)}
    # Words before a name that say who the person is, never part of the name ("Russian", "NATO").
    actors = {i for i, m in by_token.items() if m.kinds() & {"demonym", "org", "bloc"}}
    spans = [s for s in (clean_person(ent, gaz, words, actors) for ent in doc.ents if ent.label_ == "PERSON")
             if s]
    spans += _leader_names(doc, spans, gaz)
    spans += _titled_names(doc, spans, words, by_token)
    people: list[Span] = []
    dropped: set[int] = set()
    surnames: set[str] = set()
    for span in spans:
        inside = {id(by_token[i]): by_token[i] for i in range(span.start, span.end) if i in by_token}
        exact = [m for m in inside.values() if m.start == span.start and m.end == span.end]
        across = [m for m in inside.values() if m.start < span.start or m.end > span.end]
        if exact and not (fold(span.text) in surnames or _is_leader_only(span, gaz)):
            continue
        if across:
            continue
        for m in inside.values():
            dropped.add(id(m))
        people.append(span)
        if len(span) > 1:
            surnames.add(fold(span[-1].text))
    people += _bare_surnames(doc, people, surnames, by_token, dropped)
    return sorted(people, key=lambda s: s.start), [m for m in matches if id(m) not in dropped]


def _leader_names(doc: Doc, spans: list[Span], gaz: Gazetteer) -> list[Span]:
    """Names of known leaders spaCy did not take for a person ("Erdogan" as a place, "Macron" as an
    organisation, "Scholz" as nothing): a capitalised name or alias of leaders.csv, longest first."""
    taken = {i for s in spans for i in range(s.start, s.end)}
    starts = gaz.leader_starts()
    out: list[Span] = []
    free = 0  # tokens before this one are inside a leader's name already found
    for token in tokens_where(doc, lower=starts, non_ascii=True):
        i = token.i
        if i < free or i in taken:
            continue
        word = token.lower_ if token.text.isascii() else fold(token.text)
        longest = starts.get(word, 0)
        for n in range(min(longest, len(doc) - i), 0, -1):
            span = doc[i:i + n]
            if any(j in taken for j in range(span.start, span.end)) or not span[-1].text[:1].isupper():
                continue
            if gaz.leader(span.text) is not None and _may_be_name(span):
                out.append(span)
                free = span.end
                break
    return out


TITLED_NAME_WORDS = (2, 3)  # a first name and a surname, perhaps a middle name


def _titled_names(doc: Doc, spans: list[Span], words: frozenset[str], by_token: dict[int, Match]) -> list[Span]:
    """Names spaCy missed right after a capitalised title: "Defence Minister Rustem Umerov",
    "General Oleksandr Syrskyi". Two or three capitalised proper nouns that no gazetteer name,
    other entity or title word covers."""
    taken = {i for s in spans for i in range(s.start, s.end)}
    out: list[Span] = []
    for token in tokens_where(doc, lower=words):
        if not (token.text[:1].isupper() and token.pos_ in ("PROPN", "NOUN")):
            continue
        end = token.i + 1
        while end < len(doc) and end - token.i <= max(TITLED_NAME_WORDS) and _is_name_word(doc[end], words):
            end += 1
        span = doc[token.i + 1:end]
        if len(span) not in TITLED_NAME_WORDS or any(i in taken or i in by_token for i in range(span.start, span.end)):
            continue
        if end < len(doc) and _is_name_word(doc[end], words):
            continue  # a longer run of capitals: a name of something else
        out.append(span)
        taken.update(range(span.start, span.end))
    return out


def _is_name_word(token: Token, words: frozenset[str]) -> bool:
    return (token.pos_ == "PROPN" and token.is_alpha and token.text[:1].isupper() and token.lower_ not in words
            and token.ent_type_ in ("", "PERSON"))


def _may_be_name(span: Span) -> bool:
    """A proper name in the text, not a capitalised word ("Gallant efforts")."""
    if any(t.ent_type_ in ("PERSON", "ORG", "GPE", "NORP") for t in span):
        return True
    return span[-1].pos_ == "PROPN" and not span[-1].ent_type_


def _bare_surnames(doc: Doc, people: list[Span], surnames: set[str], by_token: dict[int, Match],
                   dropped: set[int]) -> list[Span]:
    """A full name's surname alone, where spaCy missed it or took it for a place ("Jordan said")."""
    if not surnames:
        return []
    first = min(s.start for s in people if len(s) > 1)
    in_people = {i for s in people for i in range(s.start, s.end)}
    out: list[Span] = []
    for token in doc[first:]:
        if token.i in in_people or token.pos_ != "PROPN" or fold(token.text) not in surnames:
            continue
        match = by_token.get(token.i)
        if match is not None and (match.end - match.start > 1 or match.kinds() & {"org", "outlet", "weapon"}):
            continue
        if match is not None:
            dropped.add(id(match))
        out.append(doc[token.i:token.i + 1])
    return out


def _is_leader_only(span: Span, gaz: Gazetteer) -> bool:
    return gaz.leader(span.text) is not None


def clean_person(ent: Span, gaz: Gazetteer, words: frozenset[str], actors: set[int]) -> Span | None:
    """The name inside a PERSON span: no leading title or honorific, no trailing possessive, digit or
    glued word ("President Putin" -> "Putin", "Ali-the" -> "Ali", "Post 1" -> "Post")."""
    start, end = ent.start, ent.end
    doc = ent.doc
    while start < end and (start in actors or _is_not_name(doc[start], gaz, words, leading=True)):
        start += 1
    while end > start and _is_not_name(doc[end - 1], gaz, words, leading=False):
        end -= 1
    # A glued fragment: "Ali-the" -> "Ali"
    for i in range(start + 1, end):
        if doc[i].text in ("-", "–") and doc[i].whitespace_ == "" and i + 1 < end and doc[i + 1].is_lower:
            end = i
            break
    if end <= start or not doc[start].text[:1].isupper():
        return None
    return doc[start:end]


def _is_not_name(token: Token, gaz: Gazetteer, words: frozenset[str], *, leading: bool) -> bool:
    low = token.lower_
    if token.is_punct or token.is_space or token.like_num or low in ("'s", "’s", "'"):
        return True
    if token.is_lower:
        return True
    return leading and (gaz.is_honorific(low) or low.rstrip(".") in words or low == "the")


def context_tokens(span: Span) -> list[Token]:
    """Words before a name ("Russian Security Council Secretary") and in a following apposition
    (", the Russian president,") that may carry the person's title and nationality."""
    doc = span.doc
    left: list[Token] = []
    i = span.start - 1
    if i > 0 and doc[i].text == "," and doc[i - 1].pos_ in ("NOUN",):
        i -= 1  # "the Russian president, Vladimir Putin"
    while i >= 0 and len(left) < _MAX_CONTEXT:
        token = doc[i]
        if token.ent_type_ == "PERSON" or token.is_space or "\n" in token.whitespace_:
            break
        if token.pos_ in _CONTEXT_POS or token.lower_ in _LINK_WORDS:
            left.append(token)
            i -= 1
            continue
        break
    right: list[Token] = []
    j = span.end
    if j < len(doc) and doc[j].text == ",":
        j += 1
        while j < len(doc) and len(right) < _MAX_CONTEXT:
            token = doc[j]
            if token.ent_type_ == "PERSON" or token.is_space:
                break
            if token.pos_ in _CONTEXT_POS or token.pos_ == "DET" or token.lower_ in _LINK_WORDS:
                right.append(token)
                j += 1
                continue
            break
    return list(reversed(left)) + right


def role_from_titles(tokens: list[Token], gaz: Gazetteer) -> tuple[str, str] | None:
    """The first titles.yaml entry (in priority order) with a pattern among ``tokens``: (role, group)."""
    words = [(t.lower_, t.lemma_.lower()) for t in tokens if t.pos_ in ("NOUN", "PROPN", "ADJ", "VERB")
             or t.lower_ in _LINK_WORDS]
    index = gaz.title_index()
    best: int | None = None
    for k, forms in enumerate(words):
        for form in set(forms):
            for rank, pattern in index.get(form, ()):
                if (best is None or rank < best) and _pattern_at(pattern, words, k):
                    best = rank
    if best is None:
        return None
    rule = gaz.titles[best]
    return rule.role, rule.group


def _pattern_at(pattern: tuple[str, ...], words: list[tuple[str, str]], k: int) -> bool:
    return k + len(pattern) <= len(words) and all(p in words[k + x] for x, p in enumerate(pattern))


def context_actor(tokens: list[Token], matches_at: dict[int, Match], gaz: Gazetteer,
                  near: int) -> tuple[str | None, str | None]:
    """(country, role) given by gazetteer names among the context tokens, nearest to token ``near``."""
    country: str | None = None
    role: str | None = None
    for token in sorted(tokens, key=lambda t: abs(t.i - near)):
        match = matches_at.get(token.i)
        if match is None:
            continue
        for key in match.keys:
            kind, ident, extra = split_key(key)
            c, r = _actor_of(kind, ident, extra, gaz)
            country = country or c
            role = role or r
    return country, role


def _actor_of(kind: str, ident: str, extra: str, gaz: Gazetteer) -> tuple[str | None, str | None]:
    if kind in ("country", "demonym"):
        return ident, None
    if kind == "metonym":
        return ident, extra or None
    if kind == "place":
        return gaz.places[ident].country, None
    if kind == "org":
        org = gaz.organizations[ident]
        return org.country, org.role
    if kind == "outlet":
        return gaz.outlets[ident].country, "MED"
    return None, None


def cluster_people(spans: list[Span], matches_at: dict[int, Match], gaz: Gazetteer) -> list[PersonCluster]:
    """Join spans naming the same person: a known leader's aliases, the same full name, or a bare
    surname (after an honorific has been cleaned off) of a full name used in the same document."""
    clusters: list[PersonCluster] = []
    by_name: dict[str, PersonCluster] = {}
    for span in sorted(spans, key=lambda s: (-len(s), s.start)):  # full names first
        leader = gaz.leader(span.text)
        cluster = None
        if len(span) == 1:  # "Harris" after "John Harris" is John Harris, not the leader
            cluster = next((c for c in clusters if c.surname == fold(span.text)), None)
        name = leader.name if leader and cluster is None else span.text
        cluster = cluster or by_name.get(fold(name))
        if cluster is None:
            cluster = PersonCluster(name=name)
            clusters.append(cluster)
            by_name[fold(name)] = cluster
        cluster.spans.append(span)
    for cluster in clusters:
        cluster.spans.sort(key=lambda s: s.start)
        _describe(cluster, matches_at, gaz)
    return sorted(clusters, key=lambda c: c.spans[0].start)


def _describe(cluster: PersonCluster, matches_at: dict[int, Match], gaz: Gazetteer) -> None:
    for span in cluster.spans:
        tokens = context_tokens(span)
        if not tokens:
            continue
        country, org_role = context_actor(tokens, matches_at, gaz, span.start)
        titled = role_from_titles(tokens, gaz)
        role = org_role or (titled[0] if titled else None)
        if role and not cluster.role:
            cluster.role, cluster.from_title = role, True
        if country and not cluster.country and (role or titled or _adjacent(tokens, span)):
            cluster.country = country
    leader = gaz.leader(cluster.name)
    if leader:
        cluster.country = cluster.country or leader.country
        cluster.role = cluster.role or leader.role


def _adjacent(tokens: list[Token], span: Span) -> bool:
    return any(t.i == span.start - 1 for t in tokens)
