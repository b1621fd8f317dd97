"""Synthetic stored analyses for the query benchmark: many events, fast to make, realistic to filter.

Built on benchmarks/bench_corroborate.synthetic_corpus (types, actors, days, places, copies), with
the parts a query reads added: sentences, country entities, claims, outlets and attributions.
"""

from __future__ import annotations

import dataclasses
import random
from collections.abc import Iterator

from benchmarks.bench_corroborate import synthetic_corpus
from newsgraph.model import Analysis, Claim, Entity, Event, Sentence

MODALITIES = ("asserted", "reported", "alleged", "claimed", "planned", "possible", "threatened", "denied")
OUTLET_IDS = [f"outlet:outlet-{i}" for i in range(200)]


def synthetic_analyses(n_events: int, *, seed: int = 11) -> Iterator[Analysis]:
    """About ``n_events`` events in documents of ten, each event in its own sentence."""
    rng = random.Random(seed)
    for analysis in synthetic_corpus(n_events, text=True, seed=seed):
        yield _fill(analysis, rng)


def _fill(analysis: Analysis, rng: random.Random) -> Analysis:
    article = analysis.document
    words = article.text.split()
    pieces: list[str] = []
    sentences: list[Sentence] = []
    pos = 0
    events: list[Event] = []
    actors = sorted({a for e in analysis.events for a in (*e.source, *e.target)})
    for i, event in enumerate(analysis.events):
        sent = f"{' '.join(rng.sample(words, 12))} {event.type.lower()} {event.source[0]}."
        sentences.append(Sentence(index=i, start=pos, end=pos + len(sent)))
        events.append(dataclasses.replace(
            event, sentence=i, start=pos, end=pos + len(sent), modality=rng.choice(MODALITIES),
            claim="c1" if i % 3 == 0 else None, attributed_to=rng.choice(OUTLET_IDS) if i % 3 == 0 else None,
            confidence=round(rng.uniform(0.3, 1.0), 2),
        ))  # fmt: skip
        pieces.append(sent)
        pos += len(sent) + 1
    text = " ".join(pieces)
    entities = tuple(
        Entity(id=a, name=a.split(":")[1], kind="country" if a.startswith("country:") else "group",
               country=a.split(":")[1][:3].upper())
        for a in actors
    )  # fmt: skip
    claim = Claim(id="c1", kind="according_to", text=pieces[0], start=0, end=len(pieces[0]),
                  speaker=rng.choice(OUTLET_IDS), hedge="reported")  # fmt: skip
    doc = dataclasses.replace(article, text=text, title=" ".join(words[:6]))
    return Analysis(document=doc, sentences=tuple(sentences), entities=entities, claims=(claim,),
                    events=tuple(events))  # fmt: skip
