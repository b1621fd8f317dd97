"""The analysis JSON (``newsgraph.analysis/1``) of one stored document, as ``newsgraph analyze`` prints it."""

from __future__ import annotations

import json

from newsgraph.errors import NewsgraphError
from newsgraph.export.sinks import Target, text_sink
from newsgraph.schema import analysis_to_dict
from newsgraph.store import Store


def write_analysis(store: Store, document: str, target: Target) -> int:
    """Write the stored analysis of ``document`` (an id or a unique prefix); returns its number of events."""
    analysis = store.get(document)
    if analysis is None:
        raise NewsgraphError(f"no document {document!r} in the store; `newsgraph documents` lists them",
                             code="NG602")  # fmt: skip
    with text_sink(target) as fh:
        fh.write(json.dumps(analysis_to_dict(analysis), ensure_ascii=False, indent=2) + "\n")
    return len(analysis.events)
