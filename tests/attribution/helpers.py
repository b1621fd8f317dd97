"""Hand-built inputs for attribution tests: an Article parsed for real, with entities and
citations made the simple way (spaCy's names, a list of outlets, "Outlet 2" footnote markers),
standing in for the stages other packages own."""

from __future__ import annotations

import re
from collections.abc import Iterable

from spacy.language import Language

from newsgraph.attribution.referents import slug
from newsgraph.language import Parsed, parse
from newsgraph.model import Article, Citation, Entity, Mention, TimeExpression

KINDS = {"PERSON": "person", "ORG": "organization", "GPE": "country", "NORP": "group"}
MONTHS = ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"]


def make_parsed(nlp: Language, text: str, *, outlets: Iterable[str] = (), authors: tuple[str, ...] = (),
                outlet: str | None = None) -> Parsed:
    """The text parsed, with footnote citations "Outlet 2" for each listed outlet followed by a number."""
    citations = []
    for name in outlets:
        for m in re.finditer(re.escape(name) + r"\s+(\d{1,2})\b", text):
            citations.append(Citation(marker=m.group(1), outlet=name, start=m.start(), end=m.start() + len(name)))
    citations.sort(key=lambda c: c.start)
    article = Article(id="t", source="<test>", text=text, authors=authors, outlet=outlet, citations=tuple(citations))
    return parse(article, nlp)


def make_entities(parsed: Parsed, outlets: Iterable[str] = (), extra: Iterable[Entity] = ()) -> tuple[Entity, ...]:
    """Outlets found by name, other entities from spaCy's named entities (people merged by surname)."""
    text = parsed.article.text
    found: dict[str, Entity] = {}
    taken: list[tuple[int, int]] = []
    for name in outlets:
        mentions = tuple(Mention(m.start(), m.end(), m.group()) for m in re.finditer(re.escape(name), text))
        if mentions:
            found[f"outlet:{slug(name)}"] = Entity(f"outlet:{slug(name)}", name, "outlet", mentions=mentions)
            taken += [(m.start, m.end) for m in mentions]
    for ent in parsed.doc.ents:
        kind = KINDS.get(ent.label_)
        if kind is None or any(a < ent.end_char and ent.start_char < b for a, b in taken):
            continue
        mention = Mention(ent.start_char, ent.end_char, ent.text)
        key = _person_key(found, ent.text) if kind == "person" else f"{kind}:{slug(ent.text)}"
        old = found.get(key)
        if old is None:
            found[key] = Entity(key, ent.text, kind, mentions=(mention,))
        else:
            found[key] = Entity(old.id, old.name, old.kind, mentions=(*old.mentions, mention))
    for entity in extra:
        found[entity.id] = entity
    return tuple(found.values())


def _person_key(found: dict[str, Entity], name: str) -> str:
    for key, entity in found.items():
        if entity.kind == "person" and (name.split()[-1] == entity.name.split()[-1]):
            return key
    return f"person:{slug(name)}"


def make_times(text: str) -> tuple[TimeExpression, ...]:
    """Month-day dates ("November 19") as year-less times, standing in for the times stage."""
    out = []
    for m in re.finditer(r"\b(" + "|".join(MONTHS) + r")\s+(\d{1,2})\b", text, re.IGNORECASE):
        value = f"--{MONTHS.index(m.group(1).lower()) + 1:02d}-{int(m.group(2)):02d}"
        out.append(TimeExpression(m.group(), value, value, "day", (m.start(), m.end())))
    return tuple(out)
