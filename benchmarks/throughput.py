"""Words per second per core: bare spaCy ``nlp.pipe`` against the full newsgraph analysis.

Both run in this one process on the same clean texts, with the same model, components and batch
size, in alternating rounds; the best round of each counts. Times are CPU seconds of this process
(the machine is shared, and CPU time is what the other processes cannot inflate), with wall time
beside them. The analysis round also times each stage by wrapping the names ``newsgraph.pipeline``
calls, so the stage costs add up to the analysis the user runs, not to a re-implementation of it.
"""

from __future__ import annotations

import time
from collections import defaultdict
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from newsgraph import pipeline
from newsgraph.model import Analysis, RawDocument
from newsgraph.pipeline import Analyzer

# The names newsgraph.pipeline calls, and the stage each belongs to.
STAGES = {
    "extract": "extract",
    "parse_many": "language",
    "resolve_entities": "resolve_entities",
    "resolve_times": "times",
    "latest_past_date": "times",
    "find_claims": "attribution",
    "attribute_events": "attribution",
    "extract_events": "events",
}


@dataclass
class StageClock:
    """CPU seconds spent in each stage, accumulated across calls."""

    cpu: dict[str, float] = field(default_factory=lambda: defaultdict(float))

    def wrap(self, stage: str, func: Callable[..., Any]) -> Callable[..., Any]:
        def timed(*args: Any, **kwargs: Any) -> Any:
            t0 = time.process_time()
            try:
                result = func(*args, **kwargs)
                if stage == "language":  # a generator: its work happens while it is consumed
                    result = list(result)
                return result
            finally:
                self.cpu[stage] += time.process_time() - t0

        return timed


@contextmanager
def stage_clock(clock: StageClock) -> Iterator[StageClock]:
    """Time newsgraph.pipeline's stage calls for the duration of the block."""
    saved = {name: getattr(pipeline, name) for name in STAGES}
    try:
        for name, stage in STAGES.items():
            setattr(pipeline, name, clock.wrap(stage, saved[name]))
        yield clock
    finally:
        for name, func in saved.items():
            setattr(pipeline, name, func)


@dataclass
class Timing:
    cpu: float
    wall: float


def _timed(run: Callable[[], Any]) -> tuple[Timing, Any]:
    c0, w0 = time.process_time(), time.perf_counter()
    result = run()
    return Timing(time.process_time() - c0, time.perf_counter() - w0), result


def measure_throughput(analyzer: Analyzer, raws: list[RawDocument], *, rounds: int = 2) -> dict[str, float]:
    """Figures for the JSON: words/s of spaCy and of newsgraph, their ratio, per-stage costs."""
    batch_size = int(analyzer.settings.get("language.batch_size"))
    analyses = [a for a in analyzer.analyze_many(raws) if isinstance(a, Analysis)]  # warm-up, and the texts
    texts = [a.document.text for a in analyses]
    words = sum(len(t.split()) for t in texts)
    best_spacy: Timing | None = None
    best_analysis: Timing | None = None
    best_stages: dict[str, float] = {}
    for _ in range(rounds):
        spacy_time, _docs = _timed(lambda: sum(1 for _ in analyzer.nlp.pipe(texts, batch_size=batch_size)))
        clock = StageClock()
        with stage_clock(clock):
            analysis_time, _out = _timed(lambda: sum(1 for _ in analyzer.analyze_many(raws)))
        if best_spacy is None or spacy_time.cpu < best_spacy.cpu:
            best_spacy = spacy_time
        if best_analysis is None or analysis_time.cpu < best_analysis.cpu:
            best_analysis, best_stages = analysis_time, dict(clock.cpu)
    assert best_spacy is not None and best_analysis is not None
    return _figures(words, len(texts), best_spacy, best_analysis, best_stages)


def _figures(words: int, docs: int, spacy: Timing, analysis: Timing, stages: dict[str, float]) -> dict[str, float]:
    per_k = 1000 / words
    out: dict[str, float] = {
        "throughput_documents": docs,
        "throughput_words": words,
        "spacy_words_per_second_per_core": words / spacy.cpu,
        "spacy_words_per_second_wall": words / spacy.wall,
        "analyze_words_per_second_per_core": words / analysis.cpu,
        "analyze_words_per_second_wall": words / analysis.wall,
        "analyze_to_spacy_ratio": spacy.cpu / analysis.cpu,
        "spacy_ms_per_1000_words": spacy.cpu * 1000 * per_k,
        "analyze_ms_per_1000_words": analysis.cpu * 1000 * per_k,
    }
    for stage in dict.fromkeys(STAGES.values()):
        out[f"stage_{stage}_ms_per_1000_words"] = stages.get(stage, 0.0) * 1000 * per_k
    out["stage_other_ms_per_1000_words"] = (analysis.cpu - sum(stages.values())) * 1000 * per_k
    language = stages.get("language", 0.0)
    resolve = stages.get("resolve_entities", 0.0) + stages.get("times", 0.0)
    out["language_words_per_second_per_core"] = words / language if language else 0.0
    out["language_and_resolve_words_per_second_per_core"] = words / (language + resolve) if language else 0.0
    out["analyze_without_resolve_words_per_second_per_core"] = words / (analysis.cpu - resolve)
    return out
