"""The body an alert delivers (webhook JSON, email, stdout): the event or cluster and its provenance.

Schema ``newsgraph.alert/1``, documented in docs/watch.md. ``id`` is stable for an (alert,
subject) pair, so a receiver can drop a delivery it already has (a retry after a crash).
"""

from __future__ import annotations

import dataclasses
import hashlib
from typing import Any

from newsgraph.corroborate import Corroborator, EventCluster
from newsgraph.store.rows import EventRow

SCHEMA = "newsgraph.alert/1"


def firing_id(alert: str, subject: str) -> str:
    return hashlib.sha256(f"{alert}\n{subject}".encode()).hexdigest()[:16]


def event_dict(row: EventRow) -> dict[str, Any]:
    return dataclasses.asdict(row)


def cluster_dict(cluster: EventCluster) -> dict[str, Any]:
    return dataclasses.asdict(cluster)


def document_dict(corroborator: Corroborator, doc_id: str) -> dict[str, Any]:
    doc = corroborator.state.docs.get(doc_id)
    if doc is None:
        return {"id": doc_id}
    return {"id": doc.id, "title": doc.title, "url": doc.url, "outlet": doc.outlet_name, "published": doc.published}


def provenance_dict(corroborator: Corroborator, key: str) -> dict[str, Any] | None:
    try:
        return corroborator.provenance(key).to_dict()
    except KeyError:
        return None


def event_summary(row: EventRow) -> str:
    who = ", ".join(row.source_names) or "?"
    whom = ", ".join(row.target_names)
    where = f" in {row.location_name}" if row.location_name else ""
    said = f" (according to {row.attributed_to})" if row.attributed_to else ""
    return f"{row.type} {who}{' → ' + whom if whom else ''}{where}, {row.modality}{said}: {row.sentence_text[:200]}"


def cluster_summary(kind: str, cluster: EventCluster) -> str:
    what = {"new-source": "new independent source", "denial": "denial or contradiction",
            "min-sources": "independent sources reached"}.get(kind, kind)  # fmt: skip
    actors = f"{', '.join(cluster.source) or '?'} → {', '.join(cluster.target) or '?'}"
    return (f"{what}: {cluster.type} {actors}, {cluster.independent_sources} independent source(s) "
            f"({', '.join(cluster.origins)})")  # fmt: skip


def build(*, alert: str, filter: dict[str, Any], subject: str, kind: str, summary: str, document: dict[str, Any],
          event: dict[str, Any] | None, cluster: dict[str, Any] | None,
          provenance: dict[str, Any] | None) -> dict[str, Any]:  # fmt: skip
    """The JSON body; ``fired_at`` is added when the firing is recorded."""
    return {
        "schema": SCHEMA,
        "id": firing_id(alert, subject),
        "alert": alert,
        "filter": filter,
        "subject": subject,
        "kind": kind,
        "summary": summary,
        "document": document,
        "event": event,
        "cluster": cluster,
        "provenance": provenance,
    }
