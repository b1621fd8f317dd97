"""Inputs built by hand for the events stage: entities and times placed on a real spaCy parse.

The resolve stage is another developer's; these helpers let the events tests say exactly which
entities a sentence has ({"Russia": ("country:RUS", "country", "RUS")}) and test only events.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from pathlib import Path

import yaml
from spacy.language import Language

from newsgraph.events import EventLexicon, extract_events
from newsgraph.language import parse
from newsgraph.model import Article, Entity, Event, Mention, TimeExpression

HERE = Path(__file__).parent
# surface text -> (entity id, kind, country) or (id, kind, country, lat, lon)
EntityTable = Mapping[str, tuple]


def build_entities(text: str, table: EntityTable) -> tuple[Entity, ...]:
    """One Entity per id, with a mention for every whole-word occurrence of each of its surfaces.

    Longer surfaces win where they overlap ("Russian Security Council" over "Russian").
    """
    taken: list[tuple[int, int]] = []
    mentions: dict[str, list[Mention]] = {}
    specs: dict[str, tuple] = {}
    for surface, spec in table.items():
        specs.setdefault(spec[0], (surface, *spec[1:]))
    for surface in sorted(table, key=len, reverse=True):
        spec = table[surface]
        for m in re.finditer(rf"(?<![\w-]){re.escape(surface)}(?![\w])", text):
            if any(m.start() < b and a < m.end() for a, b in taken):
                continue
            taken.append((m.start(), m.end()))
            mentions.setdefault(spec[0], []).append(Mention(m.start(), m.end(), m.group()))
    out = []
    for ent_id, found in mentions.items():
        name, kind, country, *coords = specs[ent_id]
        lat, lon = (coords + [None, None])[:2]
        out.append(Entity(id=ent_id, name=name, kind=kind, country=country, lat=lat, lon=lon,
                          mentions=tuple(sorted(found, key=lambda x: x.start))))
    return tuple(out)


def build_times(text: str, table: Mapping[str, tuple[str | None, str | None, str]]) -> tuple[TimeExpression, ...]:
    """TimeExpressions for the given surfaces: {"November 9": ("--11-09", "--11-09", "day")}."""
    out = []
    for surface, (start, end, granularity) in table.items():
        for m in re.finditer(re.escape(surface), text):
            out.append(TimeExpression(text=surface, start=start, end=end, granularity=granularity,
                                      span=(m.start(), m.end())))
    return tuple(sorted(out, key=lambda t: t.span))


def run_events(nlp: Language, lexicon: EventLexicon, text: str, table: EntityTable | None = None,
               times: Mapping[str, tuple[str | None, str | None, str]] | None = None,
               authors: tuple[str, ...] = ()) -> tuple[Event, ...]:
    """Parse ``text`` and extract its events with hand-built entities and times."""
    table = table if table is not None else actor_table()
    article = Article(id="t", source="<test>", text=text, authors=authors)
    parsed = parse(article, nlp)
    return extract_events(parsed, build_entities(text, table), build_times(text, times or {}), lexicon)


def actor_table() -> dict[str, tuple]:
    """The hand-made names table used by the gold-set evaluation without the resolve stage."""
    doc = yaml.safe_load((HERE / "actor_names.yaml").read_text(encoding="utf-8"))
    table: dict[str, tuple] = {}
    for ent_id, spec in doc.items():
        kind, country = spec["kind"], spec.get("country")
        coords = (spec.get("lat"), spec.get("lon")) if "lat" in spec else ()
        for surface in spec["names"]:
            table[surface] = (ent_id, kind, country, *coords)
    return table
