"""`make bench`: throughput, ingest scaling, memory, query latency, clustering time, page and API latency.

    python -m benchmarks.run [--docs 1000] [--events-small 10000] [--events-large 1000000]
                             [--memory-docs N] [--serving-docs 10000] [--only STEP ...] [--skip STEP ...]
                             [--skip-serving] [--quick] [--skip-postgres]

Prints a table and writes benchmarks/results/latest.json, one key per figure. Nothing here
asserts a time: the targets are printed beside the figures. See docs/scale.md for how to read it.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from rich.console import Console

from benchmarks.clustering import measure_clustering
from benchmarks.corpus import build_corpus, paragraph_pool, write_corpus
from benchmarks.ingest import create_pg_database, drop_pg_database, run_ingest
from benchmarks.machine import LoadMeter, machine_info
from benchmarks.memory import measure_memory
from benchmarks.queries import cached_store, measure_queries, query_figures
from benchmarks.report import render_table
from benchmarks.serving import serving_figures
from benchmarks.throughput import measure_throughput

RESULTS = Path(__file__).resolve().parent / "results"
STEPS = ("throughput", "ingest", "memory", "queries", "clustering", "serving")
THROUGHPUT_DOCS = 300  # enough words for stable rates; more only lengthens the run


def size_label(n: int) -> str:
    """10000 -> "10k", 1000000 -> "1m": the suffix of the size-dependent keys."""
    if n >= 1_000_000 and n % 1_000_000 == 0:
        return f"{n // 1_000_000}m"
    if n >= 1000 and n % 1000 == 0:
        return f"{n // 1000}k"
    return str(n)


def parse_args(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.run", description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=1000, help="documents per ingest run (default 1000)")
    parser.add_argument("--memory-docs", type=int, default=None, help="documents for the memory check "
                        "(default: --docs; 10000 compares RSS after 1k and 10k documents)")  # fmt: skip
    parser.add_argument("--events-small", type=int, default=10_000, help="events in the small query store")
    parser.add_argument("--events-large", type=int, default=1_000_000, help="events in the large query store")
    parser.add_argument("--cluster-sizes", type=int, nargs="+", default=[10_000, 100_000],
                        help="events to cluster")  # fmt: skip
    parser.add_argument("--serving-docs", type=int, default=10_000, help="documents in the store the pages "
                        "and API are timed on (default 10000)")  # fmt: skip
    parser.add_argument("--serving-requests", type=int, default=30, help="timed requests per page or endpoint")
    parser.add_argument("--only", choices=STEPS, nargs="+", default=list(STEPS), help="run only these steps")
    parser.add_argument("--skip", choices=STEPS, nargs="+", default=[], help="run every step but these")
    parser.add_argument("--skip-serving", action="store_true", help="leave out the page and API latency step")
    parser.add_argument("--quick", action="store_true", help="a fast smoke run at small sizes")
    parser.add_argument("--skip-postgres", action="store_true", help="ingest into SQLite only")
    parser.add_argument("--output", type=Path, default=RESULTS / "latest.json", help="where to write the JSON")
    args = parser.parse_args(argv)
    if args.quick:
        args.docs, args.events_large, args.cluster_sizes = 40, 50_000, [10_000]
        args.memory_docs = args.memory_docs or 40
        args.serving_docs = min(args.serving_docs, 1000)
    args.memory_docs = args.memory_docs or args.docs
    skipped = {*args.skip, *(["serving"] if args.skip_serving else [])}
    args.only = [step for step in args.only if step not in skipped]
    return args


class Bench:
    """Runs the steps, collecting figures, and saves them after each step."""

    def __init__(self, args: argparse.Namespace, console: Console) -> None:
        self.args, self.console = args, console
        self.results: dict[str, Any] = {}
        if set(args.only) != set(STEPS) and args.output.exists():  # a partial run updates the last full one
            self.results = json.loads(args.output.read_text(encoding="utf-8"))
        self.results.update(machine_info())
        self.results["bench_arguments"] = " ".join(sys.argv[1:])
        self.pool = paragraph_pool()

    def step(self, name: str, func: Callable[[], dict[str, Any]]) -> None:
        self.console.print(f"[bold]{name}[/] ...")
        meter = LoadMeter().start()
        t0 = time.perf_counter()
        self.results.update(func())
        load = meter.stop()
        self.results[f"{name}_step_seconds"] = time.perf_counter() - t0
        self.results[f"{name}_step_others_busy_cores"] = load["others_busy_cores"]
        self.console.print(f"  done in {time.perf_counter() - t0:.0f} s "
                           f"(other processes kept {load['others_busy_cores']:.2f} cores busy)")  # fmt: skip
        self.save()

    def save(self) -> None:
        self.args.output.parent.mkdir(parents=True, exist_ok=True)
        self.args.output.write_text(json.dumps(self.results, indent=2, sort_keys=True) + "\n", encoding="utf-8")

    # -- steps -----------------------------------------------------------------------------------

    def throughput(self) -> dict[str, Any]:
        from newsgraph.pipeline import Analyzer

        n = min(self.args.docs, THROUGHPUT_DOCS)
        raws = list(build_corpus(n, seed=2, pool=self.pool))
        return measure_throughput(Analyzer.from_settings(), raws, rounds=1 if self.args.quick else 2)

    def ingest(self) -> dict[str, Any]:
        out: dict[str, Any] = {"ingest_docs": self.args.docs}
        peaks: list[float] = []
        with tempfile.TemporaryDirectory(prefix="newsgraph-bench-") as tmp:
            folder = Path(tmp) / "docs"
            write_corpus(build_corpus(self.args.docs, seed=3, pool=self.pool), folder)
            backends = ["sqlite"] + ([] if self.args.skip_postgres else ["postgres"])
            for backend in backends:
                rates: dict[int, tuple[float, float]] = {}
                for workers in (1, 2):
                    db, pg_name = self._target(backend, workers, Path(tmp))
                    try:
                        run = run_ingest(folder, db, workers=workers, docs=self.args.docs)
                    finally:
                        if pg_name:
                            drop_pg_database(pg_name)
                    suffix = f"{workers}_worker{'s' if workers > 1 else ''}_{backend}"
                    out[f"ingest_docs_per_second_{suffix}"] = run.docs_per_second
                    out[f"ingest_steady_docs_per_second_{suffix}"] = run.steady_docs_per_second
                    out[f"ingest_seconds_{suffix}"] = run.wall
                    rates[workers] = (run.docs_per_second, run.steady_docs_per_second)
                    peaks.extend(run.peak_rss_mb.values())
                tail = "" if backend == "sqlite" else f"_{backend}"
                out[f"worker_scaling_2_vs_1{tail}"] = rates[2][0] / rates[1][0]
                out[f"worker_scaling_2_vs_1_steady{tail}"] = rates[2][1] / rates[1][1]
        out["peak_rss_mb_per_worker"] = max(peaks, default=0.0)
        return out

    def _target(self, backend: str, workers: int, tmp: Path) -> tuple[str, str | None]:
        if backend == "sqlite":
            return str(tmp / f"ingest-{workers}.db"), None
        name = f"newsgraph_bench_{os.getpid()}_{workers}"
        return create_pg_database(name), name

    def memory(self) -> dict[str, Any]:
        from newsgraph.settings import load_settings

        n = self.args.memory_docs
        return measure_memory(build_corpus(n, seed=4, pool=self.pool), n, load_settings())

    def queries(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for n in (self.args.events_small, self.args.events_large):
            path = cached_store(n, progress=self.console.print)
            out.update(query_figures(measure_queries(path), size_label(n)))
        return out

    def clustering(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for n in self.args.cluster_sizes:
            figures = measure_clustering(n)
            out[f"clustering_seconds_{size_label(n)}_events"] = figures["seconds"]
            out[f"clustering_clusters_{size_label(n)}_events"] = figures["clusters"]
        return out

    def serving(self) -> dict[str, Any]:
        return serving_figures(self.args.serving_docs, requests=self.args.serving_requests,
                               progress=self.console.print)  # fmt: skip


def main(argv: list[str] | None = None) -> int:
    args = parse_args(sys.argv[1:] if argv is None else argv)
    console = Console()
    bench = Bench(args, console)
    for name in STEPS:
        if name in args.only:
            bench.step(name, getattr(bench, name))
    console.print(render_table(bench.results))
    console.print(f"written to {args.output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
