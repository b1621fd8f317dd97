"""The Rich table of a benchmark run: each figure, its unit, and the target it is held to."""

from __future__ import annotations

import operator
from collections.abc import Callable
from typing import Any

from rich.table import Table

# key -> (comparison, threshold, how the target reads)
TARGETS: dict[str, tuple[Callable[[float, float], bool], float, str]] = {
    "analyze_to_spacy_ratio": (operator.ge, 0.8, ">= 0.8"),
    "worker_scaling_2_vs_1": (operator.ge, 1.8, ">= 1.8"),
    "worker_scaling_2_vs_1_steady": (operator.ge, 1.8, ">= 1.8"),
    "worker_scaling_2_vs_1_postgres": (operator.ge, 1.8, ">= 1.8"),
    "worker_scaling_2_vs_1_steady_postgres": (operator.ge, 1.8, ">= 1.8"),
    "peak_rss_mb_per_worker": (operator.lt, 600, "< 600"),
    "event_query_p95_ms_1m": (operator.lt, 50, "< 50"),
}

SECTIONS = (
    ("throughput (one process, CPU time)", ("throughput_", "spacy_", "analyze", "stage_", "language_")),
    ("ingest", ("ingest_", "worker_scaling", "peak_rss")),
    ("memory (one worker)", ("memory_", "worker_rss")),
    ("queries (SQLite)", ("event_query", "document_search")),
    ("clustering", ("clustering_",)),
    ("pages and API (loopback, wall ms)", ("page_", "api_", "serving_")),
    ("machine and load", ("machine_", "bench_", "")),
)


def _section(key: str) -> str:
    for title, prefixes in SECTIONS:
        if any(key.startswith(p) for p in prefixes):
            return title
    return SECTIONS[-1][0]


def _format(value: Any) -> str:
    if isinstance(value, float):
        return f"{value:,.3f}" if abs(value) < 10 else f"{value:,.1f}"
    if isinstance(value, list):
        return ", ".join(_format(v) for v in value)
    return f"{value:,}" if isinstance(value, int) else str(value)


def render_table(results: dict[str, Any]) -> Table:
    """One row per figure, grouped by section, targets marked met or missed."""
    table = Table(title="newsgraph benchmark", show_lines=False)
    table.add_column("figure")
    table.add_column("value", justify="right")
    table.add_column("target", justify="right")
    grouped: dict[str, list[str]] = {title: [] for title, _ in SECTIONS}
    for key in sorted(results):
        grouped[_section(key)].append(key)
    for title, keys in grouped.items():
        if not keys:
            continue
        table.add_section()
        table.add_row(f"[bold]{title}[/]", "", "")
        for key in keys:
            table.add_row(key, _format(results[key]), _target(key, results[key]))
    return table


# every page and endpoint is held to this at p95 (benchmarks/serving.py)
SERVING_P95: tuple[Callable[[float, float], bool], float, str] = (operator.lt, 300, "< 300")


def _target(key: str, value: Any) -> str:
    if key.startswith(("page_", "api_")) and key.endswith("_p95_ms"):
        rule = SERVING_P95
    elif key in TARGETS:
        rule = TARGETS[key]
    else:
        return ""
    if not isinstance(value, int | float):
        return ""
    check, threshold, text = rule
    return f"[green]{text} met[/]" if check(value, threshold) else f"[red]{text} missed[/]"
