"""Query latency of the main event queries and of full-text search on a SQLite store of N events.

Run alone on a cached (or given) store, printing p50/p95 per query::

    python -m benchmarks.queries [--events 1000000 | --db FILE] [--calls 30] [--only NAME ...]

The store is filled with synthetic analyses through the store's own write path (build_records and
write_records, many documents per transaction, no SQL of ours) and cached under benchmarks/cache/,
named by size, generator version and schema version, so reruns skip the load.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from sqlalchemy import select

from benchmarks.cache import cached_store_file
from benchmarks.synthetic import OUTLET_IDS, synthetic_analyses
from newsgraph.model import PLOVER_TYPES
from newsgraph.store import Store, open_store
from newsgraph.store.records import build_records
from newsgraph.store.schema import documents
from newsgraph.store.write import write_records

GENERATOR_VERSION = 1
CHUNK_EVENTS = 100_000  # synthetic events generated at a time (bounded memory)
DOCS_PER_TRANSACTION = 500
CALLS_PER_QUERY = 30
MODALITIES = ("asserted", "reported", "alleged", "denied", "threatened")
# The kinds in event_query_p95_ms_* (docs/scale.md); the others are reported one by one.
AGGREGATED = ("actor", "actor_entity_source", "type", "date_range", "modality", "outlet", "attributed_outlet",
              "actor_type_dates")  # fmt: skip


def cached_store(n_events: int, *, progress: Callable[[str], None] = print) -> Path:
    """The path of a SQLite store holding about ``n_events`` synthetic events, built once."""
    t0 = time.perf_counter()

    def fill(store: Store) -> None:
        for done in _load(store, n_events):
            progress(f"  loading {n_events:,} events: {done:,} done ({time.perf_counter() - t0:.0f} s)")

    return cached_store_file(f"events-{n_events}-g{GENERATOR_VERSION}", fill)


def _load(store: Store, n_events: int) -> Iterator[int]:
    done = 0
    chunk = 0
    with store.engine.connect().execution_options(sqlite_immediate=True) as conn:
        while done < n_events:
            size = min(CHUNK_EVENTS, n_events - done)
            batch: list[Any] = []
            for analysis in synthetic_analyses(size, seed=1000 + chunk):
                batch.append(build_records(analysis))
                if len(batch) >= DOCS_PER_TRANSACTION:
                    _write(conn, batch)
                    batch = []
            _write(conn, batch)
            done += size
            chunk += 1
            yield done


def _write(conn: Any, batch: list[Any]) -> None:
    if batch:
        with conn.begin():
            for records in batch:
                write_records(conn, records)


def query_set(rng: random.Random, doc_ids: list[str] | None = None) -> dict[str, Callable[[Store], Any]]:
    """One call of each main query, with parameters drawn from ``rng``."""
    country = f"C{rng.randrange(150):02d}"
    entity = rng.choice((f"country:{country}", f"group:{country.lower()}-gov"))
    role = rng.choice(("source", "target"))
    month = f"2023-{rng.randint(1, 12):02d}"
    etype = rng.choice(PLOVER_TYPES)
    outlet = f"Outlet {rng.randrange(200)}"
    attributed = rng.choice(OUTLET_IDS)
    word = f"w{rng.randrange(5000)}"  # mostly w1000-w4999: in about 1 event in 400
    common = f"w{rng.randrange(10, 100)}"  # three characters, in about 1 event in 4 (w12 is in w12, w120, w1200 ...)
    words = f"w{rng.randrange(5000)} w{rng.randrange(5000)}"
    document = rng.choice(doc_ids) if doc_ids else "0" * 16
    return {
        "actor": lambda s: s.events(actor=country),
        "actor_role": lambda s: s.events(actor=country, role=role),
        "actor_entity": lambda s: s.events(actor=entity),
        "actor_entity_source": lambda s: s.events(actor=f"country:{country}", role="source"),
        "type": lambda s: s.events(type=etype),
        "date_range": lambda s: s.events(date_from=f"{month}-01", date_to=f"{month}-31"),
        "modality": lambda s: s.events(modality=rng.choice(MODALITIES)),
        "outlet": lambda s: s.events(outlet=outlet),
        "attributed_outlet": lambda s: s.events(outlet=attributed),
        "actor_type_dates": lambda s: s.events(actor=country, type=etype, date_from="2023", date_to="2024"),
        "text": lambda s: s.events(text=word),
        "text_common": lambda s: s.events(text=common),
        "text_actor": lambda s: s.events(actor=country, text=word),
        "text_count": lambda s: s.count_events(text=word),
        "document": lambda s: s.events(document=document),
        "sort_date_desc": lambda s: s.events(sort="-date"),
        "sort_confidence_desc": lambda s: s.events(sort="-confidence"),
        "actor_sort_confidence_desc": lambda s: s.events(actor=country, sort="-confidence"),
        "document_search": lambda s: s.documents(text=words),
    }


def _sample_documents(store: Store, rng: random.Random, n: int = 50) -> list[str]:
    """Ids of ``n`` stored documents spread over the id space (ids are hex digests)."""
    out: list[str] = []
    with store.engine.connect() as conn:
        for _ in range(n):
            start = f"{rng.getrandbits(64):016x}"
            found = conn.execute(select(documents.c.id).where(documents.c.id >= start).limit(1)).scalar()
            if found is not None:
                out.append(found)
    return out


def measure_queries(path: Path, *, calls: int = CALLS_PER_QUERY, seed: int = 3,
                    only: list[str] | None = None) -> dict[str, list[float]]:  # fmt: skip
    """Milliseconds per call of each query kind, ``calls`` calls each, after one warm-up call."""
    rng = random.Random(seed)
    times: dict[str, list[float]] = {}
    with open_store(str(path), readonly=True) as store:
        doc_ids = _sample_documents(store, random.Random(seed))
        for name, call in query_set(rng, doc_ids).items():
            if only is None or name in only:
                call(store)
                times[name] = []
        for _ in range(calls):
            for name, call in query_set(rng, doc_ids).items():
                if name in times:
                    t0 = time.perf_counter()
                    call(store)
                    times[name].append((time.perf_counter() - t0) * 1000)
    return times


def percentile(values: list[float], q: float) -> float:
    """The q-th percentile (0-100), interpolated."""
    if len(values) == 1:
        return values[0]
    return statistics.quantiles(values, n=100, method="inclusive")[int(q) - 1]


def query_figures(times: dict[str, list[float]], label: str) -> dict[str, float]:
    """p50/p95 over the AGGREGATED event queries, p50/p95 of the full-text search, each kind's p50 and p95."""
    event_times = [t for name, ts in times.items() if name in AGGREGATED for t in ts]
    out: dict[str, float] = {}
    if event_times:
        out[f"event_query_p50_ms_{label}"] = percentile(event_times, 50)
        out[f"event_query_p95_ms_{label}"] = percentile(event_times, 95)
    if times.get("document_search"):
        out[f"document_search_p50_ms_{label}"] = percentile(times["document_search"], 50)
        out[f"document_search_p95_ms_{label}"] = percentile(times["document_search"], 95)
    for name, ts in times.items():
        if name != "document_search":
            out[f"event_query_{name}_p50_ms_{label}"] = percentile(ts, 50)
            out[f"event_query_{name}_p95_ms_{label}"] = percentile(ts, 95)
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.queries", description=__doc__.splitlines()[0])
    parser.add_argument(
        "--events", type=int, default=1_000_000, help="size of the cached store (built if missing)"
    )
    parser.add_argument("--db", type=Path, default=None, help="measure this store instead of the cached one")
    parser.add_argument("--calls", type=int, default=CALLS_PER_QUERY, help="timed calls per query")
    parser.add_argument("--only", nargs="+", default=None, help="only these queries")
    args = parser.parse_args(argv)
    path = args.db or cached_store(args.events)
    times = measure_queries(path, calls=args.calls, only=args.only)
    print(f"{path} ({args.calls} calls per query)")
    print(f"{'query':28} {'p50 ms':>9} {'p95 ms':>9} {'max ms':>9}")
    for name, ts in times.items():
        print(f"{name:28} {percentile(ts, 50):9.1f} {percentile(ts, 95):9.1f} {max(ts):9.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
