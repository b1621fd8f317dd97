"""Benchmark the corroborate stage on synthetic documents: events per second at 10,000 and 100,000 events.

Each synthetic real-world event (a type, two actors, a day in 2023-2024, sometimes a place) is
reported by one to four documents, some of them syndicated copies; every document carries about
ten events. The growth ratio between the two sizes shows whether cost stays about linear.

    .venv/bin/python benchmarks/bench_corroborate.py [--sizes 10000 100000] [--no-text]

Not run by the tests; nothing here asserts a time.
"""

from __future__ import annotations

import argparse
import gc
import hashlib
import random
import time
from datetime import date, timedelta

from newsgraph.corroborate import Corroborator
from newsgraph.model import PLOVER_TYPES, Analysis, Article, Event, EventDate, Location, Published

EVENTS_PER_DOC = 10
WORDS = [f"w{i}" for i in range(5000)]


def synthetic_corpus(n_events: int, *, text: bool, seed: int = 7) -> list[Analysis]:
    """About ``n_events`` events spread over documents, with repeats and copies, reproducibly."""
    rng = random.Random(seed)
    actors = [f"country:C{i:02d}" for i in range(150)] + [f"group:c{i:02d}-gov" for i in range(150)]
    outlets = [f"Outlet {i}" for i in range(200)]
    start = date(2023, 1, 1).toordinal()
    reports: list[Event] = []
    n_true = n_events // 2
    for i in range(n_true):
        day = date.fromordinal(start + rng.randrange(730)).isoformat()
        src, tgt = rng.sample(actors, 2)
        place = Location(f"P{i % 500}", entity=f"place:p{i % 500}") if rng.random() < 0.3 else None
        for _ in range(rng.choice((1, 1, 2, 3, 4))):
            modality = "denied" if rng.random() < 0.05 else "asserted"
            reports.append(Event(id="", type=rng.choice(PLOVER_TYPES), trigger="did", sentence=0, start=0,
                                 end=0, source=(src,), target=(tgt,), date=EventDate(None, day, day, "day"),
                                 location=place, modality=modality))  # fmt: skip
            if len(reports) >= n_events:
                break
        if len(reports) >= n_events:
            break
    rng.shuffle(reports)
    out: list[Analysis] = []
    for d in range(0, len(reports), EVENTS_PER_DOC):
        events = tuple(_with_id(e, f"e{j + 1}") for j, e in enumerate(reports[d : d + EVENTS_PER_DOC]))
        body = " ".join(rng.choices(WORDS, k=150)) if text else ""
        if text and out and rng.random() < 0.2:  # a syndicated copy of the previous story, lightly edited
            body = out[-1].document.text + " read more"
        published = min(e.date.start for e in events if e.date)  # type: ignore[type-var]
        published = (date.fromisoformat(published) + timedelta(days=1)).isoformat()
        doc_id = hashlib.sha256(f"{d}:{body}".encode()).hexdigest()[:16]
        article = Article(id=doc_id, source="bench", text=body, outlet=rng.choice(outlets),
                          published=Published(value=published, source="metadata"))  # fmt: skip
        out.append(Analysis(document=article, events=events))
    return out


def _with_id(event: Event, eid: str) -> Event:
    from dataclasses import replace

    return replace(event, id=eid)


def run(n_events: int, *, text: bool) -> float:
    corpus = synthetic_corpus(n_events, text=text)
    n = sum(len(a.events) for a in corpus)
    corroborator = Corroborator.new()
    gc.collect()
    gc.freeze()  # the generated input is not the stage's work: keep it out of the collector's scans
    t0 = time.perf_counter()
    corroborator.add_many(corpus)
    t_add = time.perf_counter() - t0
    t0 = time.perf_counter()
    clusters = corroborator.clusters()
    t_view = time.perf_counter() - t0
    rate = n / t_add
    multi = sum(1 for c in clusters if len(c.documents) > 1)
    print(
        f"{n:>7} events in {len(corpus):>6} documents: add {t_add:7.2f} s ({rate:8.0f} events/s), "
        f"read clusters {t_view:5.2f} s; {len(clusters)} clusters ({multi} multi-document), "
        f"{len(corroborator.families())} families"
    )
    return t_add


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000], help="numbers of events")
    parser.add_argument("--no-text", action="store_true", help="empty texts: time clustering without MinHash")
    args = parser.parse_args()
    times = [(n, run(n, text=not args.no_text)) for n in args.sizes]
    for (n1, t1), (n2, t2) in zip(times, times[1:], strict=False):
        print(f"{n1} -> {n2} events ({n2 / n1:.0f}x): time x{t2 / t1:.1f}")


if __name__ == "__main__":
    main()
