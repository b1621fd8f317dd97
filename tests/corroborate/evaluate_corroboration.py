"""Evaluate the corroborate stage on the hand-written corpus in ``tests/resources/corroborate/``.

Every document goes through the real pipeline (extraction, spaCy, entities, events, attribution),
then into one ``Corroborator`` in publication order. Measured against ``gold.json``:

- families: gold families found exactly (same members and original), and spurious ones;
- clusters, over the gold member events only: purity (share of events in their cluster's majority
  gold event), inverse purity or completeness (share of each gold event's members found in its
  majority cluster), and B-cubed precision, recall and F1;
- per gold event: the independent-source count of its majority cluster against the gold count, and
  whether a denial shows as a contradiction; ``stages`` repeat that on a subset of the documents.

Run: ``.venv/bin/python tests/corroborate/evaluate_corroboration.py [--json]``.
"""

from __future__ import annotations

import json
import sys
import time
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from newsgraph.corroborate import Corroborator, EventCluster
from newsgraph.model import Analysis, RawDocument

RESOURCES = Path(__file__).resolve().parents[1] / "resources" / "corroborate"
GOLD = RESOURCES / "gold.json"


@dataclass
class EventScore:
    """One gold event: where its members went and how many sources its cluster counts."""

    id: str
    members: int
    found: int  # members matched to an extracted event
    cluster: str | None  # the cluster holding most of its members
    in_cluster: int  # members in that cluster
    gold_sources: int
    sources: int | None
    origins: tuple[str, ...] = ()
    gold_contradicted: bool = False
    contradicted: bool = False

    @property
    def source_error(self) -> int | None:
        return None if self.sources is None else self.sources - self.gold_sources


@dataclass
class StageScore:
    event: str
    documents: tuple[str, ...]
    gold_sources: int
    sources: int | None
    origins: tuple[str, ...] = ()


@dataclass
class Report:
    documents: int
    events: int  # events the pipeline extracted
    scored: int  # of them, gold members
    missing: list[tuple[str, str]]  # gold members no extracted event matches: (doc, snippet)
    families_gold: int
    families_found: int
    families_spurious: int
    originals_right: int
    family_accuracy: float  # exact matches / (gold families + spurious ones)
    purity: float
    completeness: float
    bcubed_precision: float
    bcubed_recall: float
    bcubed_f1: float
    source_error_abs: float  # mean absolute independent-source error per gold event
    sources_exact: int  # gold events whose count is right
    events_scores: list[EventScore] = field(default_factory=list)
    stages: list[StageScore] = field(default_factory=list)
    seconds: float = 0.0


def load_gold(path: Path = GOLD) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return data


def raw_document(name: str, meta: Mapping[str, Any], root: Path = RESOURCES) -> RawDocument:
    """A corpus file as the pipeline reads it; plain-text files take outlet and date from the gold file."""
    return RawDocument(
        source=f"corpus:{name}",
        data=(root / name).read_bytes(),
        media_type="text/html" if name.endswith(".html") else "text/plain",
        url=meta.get("url"),
        outlet=meta.get("outlet"),
        published=meta.get("published"),
    )


def analyse_corpus(gold: Mapping[str, Any], analyzer: Any = None) -> dict[str, Analysis]:
    """Every corpus document through the real pipeline, by file name."""
    if analyzer is None:
        from newsgraph.pipeline import Analyzer

        analyzer = Analyzer.from_settings()
    return {name: analyzer.analyze(raw_document(name, meta)) for name, meta in gold["documents"].items()}


def publication_order(analyses: Mapping[str, Analysis]) -> list[str]:
    """File names by publication date (undated last), then name: the order a feed would bring them."""

    def key(name: str) -> tuple[str, str]:
        published = analyses[name].document.published
        return (published.value or published.not_before or "9999", name)

    return sorted(analyses, key=key)


def gold_members(
    gold: Mapping[str, Any], analyses: Mapping[str, Analysis]
) -> tuple[dict[str, str], list[tuple[str, str]]]:
    """(event key -> gold event id, gold members that match no extracted event)."""
    labels: dict[str, str] = {}
    missing: list[tuple[str, str]] = []
    for gevent in gold["events"]:
        for member in gevent["members"]:
            keys = _matching_events(analyses[member["doc"]], member["snippet"], member.get("type"))
            if not keys:
                missing.append((member["doc"], member["snippet"]))
            for key in keys:
                labels.setdefault(key, gevent["id"])
    return labels, missing


def _matching_events(analysis: Analysis, snippet: str, type_: str | None) -> list[str]:
    text = analysis.document.text
    sentences = {s.index: s for s in analysis.sentences}
    out = []
    for event in analysis.events:
        sent = sentences.get(event.sentence)
        if sent is None or snippet not in text[sent.start : sent.end]:
            continue
        if type_ is None or event.type == type_:
            out.append(f"{analysis.document.id}:{event.id}")
    return out


def corroborate(analyses: Mapping[str, Analysis], names: Iterable[str]) -> Corroborator:
    corroborator = Corroborator.new()
    for name in names:
        corroborator.add(analyses[name])
    return corroborator


def cluster_scores(labels: Mapping[str, str], clusters: Sequence[EventCluster]) -> dict[str, float]:
    """Purity, inverse purity (completeness) and B-cubed over the gold-labelled events."""
    predicted = {key: c.id for c in clusters for key in c.events if key in labels}
    n = len(predicted)
    if n == 0:
        return dict.fromkeys(
            ("purity", "completeness", "bcubed_precision", "bcubed_recall", "bcubed_f1"), 0.0
        )
    overlap: Counter[tuple[str, str]] = Counter((predicted[k], labels[k]) for k in predicted)
    by_cluster: Counter[str] = Counter(predicted.values())
    by_gold: Counter[str] = Counter(labels[k] for k in predicted)
    purity = sum(max(v for (c, _g), v in overlap.items() if c == cid) for cid in by_cluster) / n
    completeness = sum(max(v for (_c, g), v in overlap.items() if g == gid) for gid in by_gold) / n
    precision = sum(overlap[(predicted[k], labels[k])] / by_cluster[predicted[k]] for k in predicted) / n
    recall = sum(overlap[(predicted[k], labels[k])] / by_gold[labels[k]] for k in predicted) / n
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {
        "purity": purity,
        "completeness": completeness,
        "bcubed_precision": precision,
        "bcubed_recall": recall,
        "bcubed_f1": f1,
    }


def majority_cluster(corroborator: Corroborator, keys: Iterable[str]) -> tuple[EventCluster | None, int]:
    """The cluster holding most of ``keys`` (the earliest founded on a tie) and how many it holds."""
    counts: Counter[str] = Counter()
    for key in keys:
        cluster = corroborator.cluster_of(key)
        if cluster is not None:
            counts[cluster.id] += 1
    if not counts:
        return None, 0
    seq = {c.id: i for i, c in enumerate(corroborator.clusters())}
    best = max(counts, key=lambda cid: (counts[cid], -seq[cid]))
    return corroborator.cluster(best), counts[best]


def family_scores(
    gold: Mapping[str, Any], corroborator: Corroborator, names: Mapping[str, str]
) -> tuple[int, int, int, float]:
    """(gold families found exactly, spurious families, originals right, accuracy)."""
    gold_fams = {frozenset(f["members"]): f["original"] for f in gold["families"]}
    found = spurious = right = 0
    for family in corroborator.families():
        members = frozenset(names[d] for d in family.members)
        if members in gold_fams:
            found += 1
            right += gold_fams[members] == names[family.original]
        else:
            spurious += 1
    total = len(gold_fams) + spurious
    return found, spurious, right, found / total if total else 1.0


def evaluate(gold: Mapping[str, Any], analyses: Mapping[str, Analysis]) -> Report:
    """Score one Corroborator fed every document in publication order, and each gold stage."""
    order = publication_order(analyses)
    names = {analyses[n].document.id: n for n in analyses}
    labels, missing = gold_members(gold, analyses)
    corroborator = corroborate(analyses, order)
    clusters = corroborator.clusters()
    scores = cluster_scores(labels, clusters)
    found, spurious, right, accuracy = family_scores(gold, corroborator, names)
    event_scores = []
    stage_scores = []
    for gevent in gold["events"]:
        keys = [k for k, g in labels.items() if g == gevent["id"]]
        cluster, held = majority_cluster(corroborator, keys)
        event_scores.append(
            EventScore(
                id=gevent["id"], members=len(gevent["members"]), found=len(keys),
                cluster=cluster.id if cluster else None, in_cluster=held,
                gold_sources=gevent["independent_sources"],
                sources=cluster.independent_sources if cluster else None,
                origins=cluster.origins if cluster else (),
                gold_contradicted=bool(gevent.get("contradicted")),
                contradicted=bool(cluster and cluster.contradictions),
            )
        )  # fmt: skip
        for stage in gevent.get("stages", ()):
            subset = [n for n in order if n in set(stage["documents"])]
            partial = corroborate(analyses, subset)
            sub_keys = [k for k in keys if names[k.split(":")[0]] in subset]
            sub_cluster, _ = majority_cluster(partial, sub_keys)
            stage_scores.append(
                StageScore(
                    gevent["id"], tuple(subset), stage["independent_sources"],
                    sub_cluster.independent_sources if sub_cluster else None,
                    sub_cluster.origins if sub_cluster else (),
                )
            )  # fmt: skip
    errors = [abs(e.source_error) if e.source_error is not None else e.gold_sources for e in event_scores]
    return Report(
        documents=len(analyses),
        events=sum(len(a.events) for a in analyses.values()),
        scored=len(labels),
        missing=missing,
        families_gold=len(gold["families"]),
        families_found=found,
        families_spurious=spurious,
        originals_right=right,
        family_accuracy=accuracy,
        source_error_abs=sum(errors) / len(errors) if errors else 0.0,
        sources_exact=sum(e == 0 for e in errors),
        events_scores=event_scores,
        stages=stage_scores,
        **scores,
    )


def render(report: Report) -> str:
    lines = [
        f"documents {report.documents}, events {report.events}, gold-labelled {report.scored}, "
        f"gold members not extracted {len(report.missing)}  ({report.seconds:.1f}s)",
        f"families: {report.families_found}/{report.families_gold} exact, {report.families_spurious} spurious, "
        f"originals right {report.originals_right}, accuracy {report.family_accuracy:.3f}",
        f"clusters: purity {report.purity:.3f}  completeness {report.completeness:.3f}  "
        f"B3 P {report.bcubed_precision:.3f} R {report.bcubed_recall:.3f} F1 {report.bcubed_f1:.3f}",
        f"independent sources: exact {report.sources_exact}/{len(report.events_scores)}, "
        f"mean |error| {report.source_error_abs:.3f}",
        "",
        f"{'gold event':30} {'found':>5} {'held':>4} {'gold':>4} {'got':>4} {'contra':>6}  origins",
    ]
    for e in report.events_scores:
        contra = f"{'y' if e.contradicted else 'n'}/{'y' if e.gold_contradicted else 'n'}"
        lines.append(
            f"{e.id:30} {e.found:>2}/{e.members:<2} {e.in_cluster:>4} {e.gold_sources:>4} "
            f"{'-' if e.sources is None else e.sources:>4} {contra:>6}  {', '.join(e.origins)}"
        )
    for s in report.stages:
        lines.append(f"stage {s.event} ({len(s.documents)} docs): gold {s.gold_sources}, got {s.sources}  "
                     f"{', '.join(s.origins)}")  # fmt: skip
    for doc, snippet in report.missing:
        lines.append(f"not extracted: {doc}: {snippet!r}")
    return "\n".join(lines)


def run(analyzer: Any = None) -> Report:
    start = time.perf_counter()
    gold = load_gold()
    report = evaluate(gold, analyse_corpus(gold, analyzer))
    report.seconds = time.perf_counter() - start
    return report


def main(argv: Sequence[str] = ()) -> int:
    report = run()
    print(json.dumps(asdict(report), indent=2) if "--json" in argv else render(report))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
