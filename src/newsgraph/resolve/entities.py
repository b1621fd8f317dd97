"""Entity resolution: gazetteer names, spaCy's entities, people, groups and pronouns become
``Entity`` records with stable ids and every mention in text order.

Gazetteer matches override spaCy's labels where the gazetteer knows better (a city is not a
PERSON, an outlet not a WORK_OF_ART, a weapon not an ORG); spaCy adds the names the gazetteer
lacks. Metonyms give two entities the same mention ("Moscow" is Russia and the place Moscow);
an organisation's metonyms (organizations.csv) do so only where the place acts ("Europe imposed
sanctions" is the EU and the place Europe, "gas prices rose in Europe" only the place).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span

from newsgraph.language import Parsed, sentence_index_at
from newsgraph.model import Entity, Mention
from newsgraph.resolve.coref import link_organisation_anaphors, link_pronouns
from newsgraph.resolve.gazetteer import Gazetteer, fold, slugify, split_key
from newsgraph.resolve.groups import (
    country_in_context,
    find_definite_forces,
    find_groups,
    find_unnamed_forces,
)
from newsgraph.resolve.matching import Match, find_matches
from newsgraph.resolve.people import PersonCluster, cluster_people, person_spans, role_from_titles

READS = ("doc.ents", "doc.parse", "sentences", "article.authors")
FILLS = ("entities",)

_SPACY_PLACES = frozenset({"GPE", "LOC", "FAC"})
_ACTOR_KINDS = frozenset({"country", "demonym", "metonym", "place"})
_PLACE_KIND = frozenset({"place"})


@dataclass
class _Draft:
    id: str
    name: str
    kind: str
    country: str | None = None
    role: str | None = None
    lat: float | None = None
    lon: float | None = None
    mentions: dict[tuple[int, int], Mention] = field(default_factory=dict)
    aliases: dict[str, None] = field(default_factory=dict)

    def freeze(self) -> Entity:
        mentions = tuple(sorted(self.mentions.values(), key=lambda m: (m.start, m.end)))
        aliases = tuple(a for a in self.aliases if fold(a) != fold(self.name))
        return Entity(id=self.id, name=self.name, kind=self.kind, country=self.country, role=self.role,
                      lat=self.lat, lon=self.lon, mentions=mentions, aliases=aliases)


class _Entities:
    """Drafts keyed by id; the first call for an id fixes its name, kind and attributes."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.drafts: dict[str, _Draft] = {}

    def add(self, draft: _Draft, start: int | None = None, end: int | None = None) -> _Draft:
        found = self.drafts.setdefault(draft.id, draft)
        if start is not None and end is not None and end > start:
            mention = Mention(start=start, end=end, text=self.text[start:end])
            found.mentions.setdefault((start, end), mention)
            found.aliases.setdefault(mention.text)
        return found

    def result(self) -> tuple[Entity, ...]:
        def order(d: _Draft) -> tuple[int, str]:
            return (min((m.start for m in d.mentions.values()), default=len(self.text) + 1), d.id)

        return tuple(d.freeze() for d in sorted(self.drafts.values(), key=order))


def resolve_entities(parsed: Parsed, gazetteer: Gazetteer) -> tuple[Entity, ...]:
    """Every entity of the document, with ids stable across documents and mentions in text order."""
    doc = parsed.doc
    out = _Entities(parsed.article.text)  # the doc's text: Doc.text would rebuild it token by token
    matches = find_matches(doc, gazetteer, parsed.article.text)
    people, matches = person_spans(doc, matches, gazetteer)
    for match in matches:
        _add_match(out, doc, match, gazetteer)
    person_tokens = {i for span in people for i in range(span.start, span.end)}
    groups = find_groups(doc, matches, gazetteer, person_tokens)
    named = person_tokens | {i for g in groups for i in range(g.start, g.end)}
    groups += find_unnamed_forces(doc, matches, gazetteer, named)
    named |= {i for g in groups for i in range(g.start, g.end)}
    for group in groups + find_definite_forces(doc, matches, gazetteer, named, groups):
        span = doc[group.start:group.end]
        out.add(_Draft(id=f"group:{group.prefix}-{slugify(group.slug)}", name=group.name, kind="group",
                       country=group.country, role=group.role), span.start_char, span.end_char)
    # a group spaCy also tags as a name ("Sudanese Armed Forces") is the group alone
    _add_spacy_names(out, doc, matches, person_tokens, named, gazetteer)
    _add_organisation_anaphors(out, parsed, named | {i for m in matches for i in range(m.start, m.end)})
    _add_people(out, parsed, matches, people, gazetteer)
    _add_named_outside_text(out, parsed, gazetteer)
    return out.result()


def _add_organisation_anaphors(out: _Entities, parsed: Parsed, taken: set[int]) -> None:
    """"the Iran-backed group" after "Hezbollah": a mention of the organisation named just before."""
    named = [(d.id, m.start, m.end) for d in out.drafts.values() if d.kind == "organization" and d.role != "IGO"
             for m in d.mentions.values()]  # the UN, the EU are no "group"
    for entity_id, span in link_organisation_anaphors(parsed.doc, named, parsed.sentences, taken):
        out.add(out.drafts[entity_id], span.start_char, span.end_char)


def _add_named_outside_text(out: _Entities, parsed: Parsed, gaz: Gazetteer) -> None:
    """Outlets the extractor took out of the body (photo credits, the publishing outlet, cited
    sources), listed without mentions so the analysis still names them."""
    article = parsed.article
    names = [c.credit for c in article.photo_captions if c.credit]
    names += [article.outlet] if article.outlet else []
    names += [c.outlet for c in article.citations]
    for name in names:
        outlet = gaz.outlet(name)
        if outlet is not None:
            out.add(_Draft(id=f"outlet:{outlet.id}", name=outlet.name, kind="outlet", country=outlet.country,
                           role="MED"))


# --- gazetteer matches ------------------------------------------------------------------------


def _add_match(out: _Entities, doc: Doc, match: Match, gaz: Gazetteer) -> None:
    span = doc[match.start:match.end]
    start, end = span.start_char, span.end_char
    for key in match.keys:
        kind, ident, extra = split_key(key)
        if kind in ("country", "demonym", "metonym"):
            country = gaz.countries[ident]
            out.add(_Draft(id=f"country:{ident}", name=country.name, kind="country", country=ident), start, end)
            if kind == "metonym" and extra:
                out.add(_Draft(id=f"group:{ident.lower()}-{extra.lower()}", name=span.text, kind="group",
                               country=ident, role=extra), start, end)
        elif kind == "place":
            place = gaz.places[ident]
            out.add(_Draft(id=f"place:{ident}", name=place.name, kind="place", country=place.country,
                           lat=place.lat, lon=place.lon), start, end)
        elif kind == "org" or (kind == "orgmetonym" and is_acting(span)):  # "Europe imposed"
            org = gaz.organizations[ident]
            out.add(_Draft(id=f"org:{ident}", name=org.name, kind="organization", country=org.country,
                           role=org.role), start, end)
        elif kind == "outlet":
            outlet = gaz.outlets[ident]
            start = _with_article(doc, match, start)  # "The Washington Post" when the text has it
            out.add(_Draft(id=f"outlet:{ident}", name=outlet.name, kind="outlet", country=outlet.country,
                           role="MED"), start, end)
        elif kind == "blocname":
            start = _with_article(doc, match, start)
            bloc = next(b for b in gaz.blocs if b.id == ident)
            out.add(_Draft(id=f"group:{ident}", name=bloc.names[0], kind="group"), start, end)
        elif kind == "weapon":
            weapon = gaz.weapons[ident]
            out.add(_Draft(id=f"weapon:{ident}", name=weapon.name, kind="weapon", country=weapon.country),
                    start, end)


# Prepositions whose object takes part in what the phrase says ("sanctions from Europe", "talks
# with Brussels", "pressure by Europe"), not where it happens ("in Europe").
_ACTING_PREPS = frozenset({"from", "with", "by", "against"})


def is_acting(span: Span) -> bool:
    """Whether a place name acts for its organisation here: a subject, an agent, a possessor
    ("Europe's response") or the object of "from"/"with"/"by"/"against" after a noun or verb."""
    token = span.root
    while token.dep_ == "conj" and token.head is not token:
        token = token.head  # "the US and Europe condemned": the first conjunct's role
    if token.dep_ in ("nsubj", "nsubjpass", "poss", "csubj"):
        return True
    if token.dep_ == "pobj":
        prep = token.head
        return prep.dep_ == "agent" or (prep.lower_ in _ACTING_PREPS and prep.head.pos_ in ("NOUN", "VERB"))
    return False


def _with_article(doc: Doc, match: Match, start: int) -> int:
    if match.start > 0 and doc[match.start - 1].lower_ == "the" and doc[match.start].lower_ != "the":
        return doc[match.start - 1].idx
    return start


# --- names only spaCy found -------------------------------------------------------------------


def _add_spacy_names(out: _Entities, doc: Doc, matches: list[Match], person_tokens: set[int],
                     group_tokens: set[int], gaz: Gazetteer) -> None:
    """Places and organisations spaCy found that the gazetteer does not know and no group holds."""
    covered = {i: m for m in matches for i in range(m.start, m.end)}
    for ent in doc.ents:
        if ent.label_ not in _SPACY_PLACES and ent.label_ != "ORG":
            continue
        span = _trim(ent)
        if span is None or any(i in person_tokens for i in range(span.start, span.end)):
            continue
        if all(i in group_tokens for i in range(span.start, span.end)):
            continue
        inside = [covered[i] for i in range(span.start, span.end) if i in covered]
        if any(not (m.kinds() <= {"country", "demonym", "bloc"}) for m in inside):
            continue  # the gazetteer knows this name (or a part that decides what it is)
        if len(inside) == len(span) or _ends_title(span, gaz):
            continue
        if ent.label_ == "ORG":
            country = next((split_key(k)[1] for m in inside for k in m.keys
                            if split_key(k)[0] in ("country", "demonym")), None)
            titled = role_from_titles(list(span), gaz)
            out.add(_Draft(id=f"org:{slugify(span.text)}", name=span.text, kind="organization",
                           country=country, role=titled[0] if titled else None), span.start_char, span.end_char)
        elif not inside:
            country = _country_of_places_near(span, covered, gaz)
            out.add(_Draft(id=f"place:{slugify(span.text)}", name=span.text, kind="place", country=country),
                    span.start_char, span.end_char)


def _country_of_places_near(span: Span, covered: dict[int, Match], gaz: Gazetteer) -> str | None:
    """The country of the known places in the span's sentence ("Zorianske in the Donetsk region"),
    else in the sentences just before. Countries and nationalities named there are not counted:
    "Russian forces captured X" says who attacked, not where X is."""
    return country_in_context(span.sent, covered, gaz, kinds=_PLACE_KIND)


def _ends_title(span: Span, gaz: Gazetteer) -> bool:
    """"Secretary of State", "head of State", "Defence Minister", "Army": the name is part of a
    title of titles.yaml (or is one by itself), so it names no organisation."""
    doc = span.doc
    index = gaz.title_index()
    if not any(doc[k].lower_ in index for k in range(max(0, span.start - 3), span.start + 1)):
        return False  # no title starts near: the usual case, decided without building phrases
    words = tuple(t.lower_ for t in span)

    def is_title(phrase: tuple[str, ...]) -> bool:
        return any(pattern == phrase for _rank, pattern in index.get(phrase[0], ()))

    if len(words) == 1 and is_title(words):
        return True  # "Army", "Police": a word of office, not a name (a longer "Interior Ministry" is)
    for start in range(max(0, span.start - 3), span.start):
        if is_title((*(t.lower_ for t in doc[start:span.start]), *words)):
            return True
    return any(is_title((*words, *(t.lower_ for t in doc[span.end:end])))
               for end in range(span.end + 1, min(len(doc), span.end + 2) + 1))


def _trim(ent: Span) -> Span | None:
    """A name without a leading "the" or trailing footnote digits and punctuation."""
    start, end = ent.start, ent.end
    doc = ent.doc
    while start < end and (doc[start].lower_ == "the" or doc[start].is_punct):
        start += 1
    while end > start and (doc[end - 1].like_num or doc[end - 1].is_punct or doc[end - 1].lower_ in ("'s", "’s")):
        end -= 1
    if end <= start or not any(t.text[:1].isupper() for t in doc[start:end]):
        return None
    return doc[start:end]


# --- people -----------------------------------------------------------------------------------


def _add_people(out: _Entities, parsed: Parsed, matches: list[Match], people: list[Span],
                gaz: Gazetteer) -> None:
    doc = parsed.doc
    matches_at = {i: m for m in matches for i in range(m.start, m.end)}
    clusters = cluster_people(people, matches_at, gaz)
    authors = {fold(a) for a in parsed.article.authors}
    named: list[tuple[int, Span]] = []
    drafts: list[_Draft] = []
    for n, cluster in enumerate(clusters):
        is_author = fold(cluster.name) in authors
        if is_author:
            cluster.country = cluster.role = None
        elif not cluster.role:
            cluster.role = "CVL"  # named without a title: a civilian of the place the text is about
            cluster.country = cluster.country or _context_country(parsed, matches, cluster, gaz)
        draft = out.add(_Draft(id=f"person:{slugify(cluster.name)}", name=cluster.name, kind="person",
                               country=cluster.country, role=cluster.role))
        for span in cluster.spans:
            out.add(draft, span.start_char, span.end_char)
            if not is_author:
                named.append((n, span))
        drafts.append(draft)
    for n, pronoun in link_pronouns(doc, named, parsed.sentences):
        out.add(drafts[n], pronoun.start_char, pronoun.end_char)
    for author in parsed.article.authors:
        if fold(author) not in {fold(c.name) for c in clusters} and author.strip():
            out.add(_Draft(id=f"person:{slugify(author)}", name=author.strip(), kind="person"))


def _context_country(parsed: Parsed, matches: list[Match], cluster: PersonCluster, gaz: Gazetteer) -> str | None:
    """The country the sentence around a person's first mention is about, if one stands out."""
    doc = parsed.doc
    first = cluster.spans[0]
    here = sentence_index_at(parsed.sentences, first.start_char)
    if here is None:
        return None
    for index in (here, here - 1):
        if index < 0:
            break
        sent = parsed.sentences[index]
        counts: Counter[str] = Counter()
        for match in matches:
            if sent.start <= doc[match.start].idx < sent.end:
                for key in match.keys:
                    kind, ident, _ = split_key(key)
                    if kind in _ACTOR_KINDS:
                        iso = gaz.places[ident].country if kind == "place" else ident
                        if iso:
                            counts[iso] += 1
        top = counts.most_common(2)
        if top and (len(top) == 1 or top[0][1] > top[1][1]):
            return top[0][0]
    return None
