"""The export stage: stored events in the shapes event-data users already read.

``export(store, "csv", "events.csv", EventQuery(actor="RUS"))`` writes one format; each format
is also a function of its own (``write_csv``, ``write_parquet``, ``write_graphml`` ...). Event
exports page through ``Store.events`` and never hold every event in memory.
"""

from __future__ import annotations

from collections.abc import Callable

from newsgraph.errors import NewsgraphError
from newsgraph.export.analysis import write_analysis
from newsgraph.export.columns import COLUMN_NAMES, COLUMNS, event_record
from newsgraph.export.graph import actor_graph, write_gexf, write_graphml
from newsgraph.export.plover import plover_event, plover_events, write_plover
from newsgraph.export.query import EventQuery, iter_events
from newsgraph.export.sinks import Target
from newsgraph.export.tabular import event_records, parquet_schema, write_csv, write_jsonl, write_parquet
from newsgraph.settings import Settings
from newsgraph.store import Store

READS = ("store.events", "store.actors", "store.claims", "store.documents", "store.state")
FILLS = ()

Writer = Callable[..., int]
EVENT_FORMATS: dict[str, Writer] = {
    "csv": write_csv, "jsonl": write_jsonl, "parquet": write_parquet, "plover": write_plover,
    "graphml": write_graphml, "gexf": write_gexf,
}  # fmt: skip
FORMATS = (*EVENT_FORMATS, "analysis")
BINARY_FORMATS = ("parquet", "graphml", "gexf")


def export(store: Store, fmt: str, target: Target, query: EventQuery | None = None, *,
           settings: Settings | None = None) -> int:  # fmt: skip
    """Write ``fmt`` to ``target`` (a path or a stream); returns the number of events (edges for graphs).

    ``fmt="analysis"`` writes the analysis JSON of ``query.document``.
    """
    if fmt == "analysis":
        if not query or not query.document:
            raise NewsgraphError("the analysis export needs a document id (--document ID)", code="NG603")
        return write_analysis(store, query.document, target)
    if fmt not in EVENT_FORMATS:
        raise NewsgraphError(f"unknown export format {fmt!r}; choose one of {', '.join(FORMATS)}", code="NG604")
    return EVENT_FORMATS[fmt](store, target, query, settings=settings)


__all__ = [
    "BINARY_FORMATS", "COLUMNS", "COLUMN_NAMES", "EVENT_FORMATS", "FORMATS", "EventQuery", "Target",
    "actor_graph", "event_record", "event_records", "export", "iter_events", "parquet_schema", "plover_event",
    "plover_events", "write_analysis", "write_csv", "write_gexf", "write_graphml", "write_jsonl",
    "write_parquet", "write_plover",
]  # fmt: skip

