"""Events as CSV, JSON Lines and Parquet rows (the columns of ``columns.COLUMNS``), streamed:
one page of events in memory at a time."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from typing import Any

from newsgraph.export.columns import COLUMN_NAMES, COLUMNS, event_record
from newsgraph.export.lookups import Lookups
from newsgraph.export.query import PAGE, EventQuery, iter_events
from newsgraph.export.sinks import Target, binary_sink, text_sink
from newsgraph.settings import Settings
from newsgraph.store import Store


def event_records(store: Store, query: EventQuery | None = None, *,
                  settings: Settings | None = None) -> Iterator[dict[str, Any]]:  # fmt: skip
    """The flat record of each matching event, in date order."""
    lookups = Lookups(store, settings=settings)
    for row in iter_events(store, query):
        yield event_record(row, lookups)


def write_csv(store: Store, target: Target, query: EventQuery | None = None, *,
              settings: Settings | None = None) -> int:  # fmt: skip
    """Write matching events as CSV with a header row; returns how many were written."""
    n = 0
    with text_sink(target) as fh:
        writer = csv.DictWriter(fh, fieldnames=COLUMN_NAMES, lineterminator="\n")
        writer.writeheader()
        for record in event_records(store, query, settings=settings):
            writer.writerow(record)
            n += 1
    return n


def write_jsonl(store: Store, target: Target, query: EventQuery | None = None, *,
                settings: Settings | None = None) -> int:  # fmt: skip
    """Write matching events as JSON Lines, one object per event; returns how many were written."""
    n = 0
    with text_sink(target) as fh:
        for record in event_records(store, query, settings=settings):
            fh.write(json.dumps(record, ensure_ascii=False) + "\n")
            n += 1
    return n


def parquet_schema() -> Any:
    """The explicit pyarrow schema of the Parquet export, with each column's meaning as metadata."""
    import pyarrow as pa

    types = {"string": pa.string(), "int32": pa.int32(), "float64": pa.float64(), "bool": pa.bool_()}
    fields = [pa.field(name, types[kind], nullable=True, metadata={"description": meaning})
              for name, kind, meaning in COLUMNS]  # fmt: skip
    return pa.schema(fields, metadata={"schema": "newsgraph.events/1"})


def write_parquet(store: Store, target: Target, query: EventQuery | None = None, *,
                  settings: Settings | None = None) -> int:  # fmt: skip
    """Write matching events as Parquet, one row group per page of events; returns how many were written."""
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq
    except ImportError:  # pragma: no cover - pyarrow is a dependency, but an optional-looking one
        from newsgraph.errors import NewsgraphError

        raise NewsgraphError("Parquet export needs pyarrow: pip install pyarrow", code="NG601") from None
    schema = parquet_schema()
    n = 0
    batch: list[dict[str, Any]] = []
    with binary_sink(target) as fh, pq.ParquetWriter(fh, schema) as writer:
        for record in event_records(store, query, settings=settings):
            batch.append(record)
            if len(batch) >= PAGE:
                writer.write_table(pa.Table.from_pylist(batch, schema=schema))
                n, batch = n + len(batch), []
        if batch or n == 0:
            writer.write_table(pa.Table.from_pylist(batch, schema=schema))
            n += len(batch)
    return n
