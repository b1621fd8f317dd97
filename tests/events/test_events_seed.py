"""The seed article through the whole pipeline: the scorer's event scores and our own precision.

Precision is judged by hand: tests/events/seed_judgements.json holds a verdict (right or wrong,
and why) for each event the stage emits on the seed, keyed by a snippet of its sentence, its
trigger, type, actors (as country codes where the actor has a country) and polarity. An emitted
event without a judgement counts as wrong until someone reads its sentence and judges it.
"""

from __future__ import annotations

import json
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from newsgraph.model import Analysis, Event

HERE = Path(__file__).parent
PRECISION_FLOOR = 0.85


@pytest.fixture(scope="module")
def seed_analysis(analyzer: Any, seed_text: str) -> Analysis:
    return analyzer.analyze(seed_text)


def _codes(actors: tuple[str, ...], analysis: Analysis) -> list[str]:
    entities = {e.id: e for e in analysis.entities}
    return sorted({(entities[a].country if a in entities and entities[a].country else a) for a in actors})


def _judgement(event: Event, analysis: Analysis, judgements: list[dict]) -> dict | None:
    sent = analysis.sentences[event.sentence]
    text = analysis.document.text[sent.start:sent.end]
    for j in judgements:
        if (j["snippet"] in text and j["trigger"] == event.trigger and j["type"] == event.type
                and j["source"] == _codes(event.source, analysis) and j["target"] == _codes(event.target, analysis)
                and j["negated"] == event.negated):
            return j
    return None


@pytest.mark.slow
def test_events_seed_precision_by_hand_judgement(seed_analysis: Analysis) -> None:
    judgements = json.loads((HERE / "seed_judgements.json").read_text(encoding="utf-8"))
    right, unjudged = 0, []
    for event in seed_analysis.events:
        found = _judgement(event, seed_analysis, judgements)
        if found is None:
            unjudged.append((event.type, event.trigger, event.source, event.target))
        elif found["verdict"] == "right":
            right += 1
    precision = right / len(seed_analysis.events)
    assert precision >= PRECISION_FLOOR, f"precision {precision:.2f}; unjudged (judge them): {unjudged}"


@pytest.mark.slow
def test_events_seed_scores(seed_analysis: Analysis, seed_gold: dict[str, Any], scorer: ModuleType) -> None:
    from newsgraph.schema import analysis_to_dict

    scores = scorer.score(analysis_to_dict(seed_analysis), seed_gold)["scores"]
    assert scores["core events"][0] >= 10
    assert scores["all events"][0] >= 15
    for field in ("date", "location", "modality", "mode"):
        ok, n = scores[f"event {field}"]
        assert n == 0 or ok / n >= 0.8, (field, ok, n)
