"""The store's tables, one MetaData for SQLite and PostgreSQL.

Columns that are sorted or range-compared (ids, keys, ISO dates) use the C collation on
PostgreSQL so both backends order them byte-wise, as ISO 8601 strings need.
"""

from __future__ import annotations

from sqlalchemy import (
    Boolean,
    Column,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    Table,
    Text,
    UniqueConstraint,
)
from sqlalchemy.types import TypeEngine


def _ctext() -> TypeEngine[str]:
    """Text compared byte-wise on both backends (ISO dates and ids sort correctly)."""
    return Text().with_variant(Text(collation="C"), "postgresql")


# Sort key of an event or document without a date: after every ISO date, year-less or not.
NO_DATE = "~"

metadata = MetaData()

schema_version = Table(
    "schema_version",
    metadata,
    Column("version", Integer, primary_key=True, autoincrement=False),
    Column("applied_at", Text, nullable=False),
)

documents = Table(
    "documents",
    metadata,
    Column("id", _ctext(), primary_key=True),
    Column("source", Text, nullable=False),
    Column("url", Text),
    Column("outlet", Text),
    Column("title", Text),
    Column("authors", Text, nullable=False),  # JSON list
    Column("published_value", _ctext()),
    Column("published_source", Text, nullable=False),
    Column("published_not_before", _ctext()),
    Column("published_key", _ctext(), nullable=False),  # published_value or "" (sorts last descending)
    Column("language", Text),
    Column("text", Text, nullable=False),
    Column("ingested_at", _ctext(), nullable=False),
    Column("n_sentences", Integer, nullable=False),
    Column("n_entities", Integer, nullable=False),
    Column("n_mentions", Integer, nullable=False),
    Column("n_times", Integer, nullable=False),
    Column("n_citations", Integer, nullable=False),
    Column("n_claims", Integer, nullable=False),
    Column("n_events", Integer, nullable=False),
    Column("analysis", Text, nullable=False),  # newsgraph.schema.analysis_to_dict, as JSON
    Index("ix_documents_published", "published_key", "id"),
    Index("ix_documents_outlet", "outlet", "published_key"),
    Index("ix_documents_language", "language", "published_key"),
)


def _doc_fk() -> Column[str]:
    return Column("document", _ctext(), ForeignKey("documents.id", ondelete="CASCADE"), primary_key=True)


sentences = Table(
    "sentences",
    metadata,
    _doc_fk(),
    Column("seq", Integer, primary_key=True, autoincrement=False),
    Column("idx", Integer, nullable=False),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
)

entities = Table(
    "entities",
    metadata,
    Column("id", _ctext(), primary_key=True),
    Column("name", Text, nullable=False),
    Column("kind", Text, nullable=False),
    Column("country", _ctext()),
    Column("role", Text),
    Column("lat", Float),
    Column("lon", Float),
    Index("ix_entities_name", "name", "id"),
    Index("ix_entities_country", "country"),
    Index("ix_entities_kind", "kind", "name"),
)

mentions = Table(
    "mentions",
    metadata,
    _doc_fk(),
    Column("seq", Integer, primary_key=True, autoincrement=False),
    Column("entity", _ctext(), ForeignKey("entities.id"), nullable=False),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("text", Text, nullable=False),
    Index("ix_mentions_entity", "entity", "document"),
)

events = Table(
    "events",
    metadata,
    Column("key", _ctext(), primary_key=True),  # "<document id>:<event id>"
    Column("document", _ctext(), ForeignKey("documents.id", ondelete="CASCADE"), nullable=False),
    Column("seq", Integer, nullable=False),
    Column("event_id", Text, nullable=False),
    Column("outlet", Text),  # the document's outlet, copied so outlet filters need no join
    Column("type", Text, nullable=False),
    Column("mode", Text),
    Column("cameo", Text),
    Column("trigger", Text, nullable=False),
    Column("sentence", Integer, nullable=False),
    Column("sentence_text", Text, nullable=False),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("date_text", Text),
    Column("date_start", _ctext()),
    Column("date_end", _ctext()),
    Column("date_granularity", Text),
    Column("date_key", _ctext(), nullable=False),  # date_start or NO_DATE: the sort key
    Column("location_entity", Text),
    Column("location_name", Text),
    Column("location_country", Text),
    Column("location_lat", Float),
    Column("location_lon", Float),
    Column("quantity_value", Float),
    Column("quantity_text", Text),
    Column("quantity_unit", Text),
    Column("quantity_qualifier", Text),
    Column("modality", Text, nullable=False),
    Column("negated", Boolean, nullable=False),
    Column("claim", Text),
    Column("attributed_to", _ctext()),
    Column("confidence", Float, nullable=False),
    Index("ix_events_date", "date_key", "key"),
    Index("ix_events_type", "type", "date_key", "key"),
    Index("ix_events_modality", "modality", "date_key", "key"),
    Index("ix_events_document", "document", "seq"),
    Index("ix_events_confidence", "confidence", "key"),
    Index("ix_events_attributed", "attributed_to", "date_key"),
    Index("ix_events_outlet", "outlet", "date_key"),
)

# One row per (event, actor, role). The entity's country and the event's sort key are copied
# here so that "events of this actor, by date" walks one index and stops at the LIMIT.
event_actors = Table(
    "event_actors",
    metadata,
    Column("event_key", _ctext(), ForeignKey("events.key", ondelete="CASCADE"), primary_key=True),
    Column("role", Text, primary_key=True),  # source | target
    Column("entity", _ctext(), ForeignKey("entities.id"), primary_key=True),
    Column("seq", Integer, nullable=False),
    Column("country", _ctext()),
    Column("date_key", _ctext(), nullable=False),
    Index("ix_event_actors_entity_role", "entity", "role", "date_key", "event_key"),
    Index("ix_event_actors_country_role", "country", "role", "date_key", "event_key"),
    Index("ix_event_actors_entity", "entity", "date_key", "event_key"),
    Index("ix_event_actors_country", "country", "date_key", "event_key"),
)

claims = Table(
    "claims",
    metadata,
    _doc_fk(),
    Column("seq", Integer, primary_key=True, autoincrement=False),
    Column("claim_id", Text, nullable=False),
    Column("kind", Text, nullable=False),
    Column("speaker", _ctext()),
    Column("speaker_text", Text),
    Column("cue", Text),
    Column("text", Text, nullable=False),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("hedge", Text, nullable=False),
    Column("anonymous", Boolean, nullable=False),
    Index("ix_claims_speaker", "speaker"),
    Index("ix_claims_kind", "kind"),
)

citations = Table(
    "citations",
    metadata,
    _doc_fk(),
    Column("seq", Integer, primary_key=True, autoincrement=False),
    Column("marker", Text),
    Column("outlet", Text, nullable=False),
    Column("entity", _ctext()),
    Column("date", _ctext()),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Index("ix_citations_entity", "entity"),
)

times = Table(
    "times",
    metadata,
    _doc_fk(),
    Column("seq", Integer, primary_key=True, autoincrement=False),
    Column("text", Text, nullable=False),
    Column("start", _ctext()),
    Column("end", _ctext()),
    Column("granularity", Text, nullable=False),
    Column("span_start", Integer, nullable=False),
    Column("span_end", Integer, nullable=False),
)

# Tables holding one document's rows, with the analysis list each mirrors (for check()).
CHILD_TABLES = {
    "sentences": sentences,
    "mentions": mentions,
    "times": times,
    "citations": citations,
    "claims": claims,
    "events": events,
}

# Named JSON state of stages that work across documents (the corroborator), saved whole.
state = Table(
    "state",
    metadata,
    Column("name", _ctext(), primary_key=True),
    Column("data", Text, nullable=False),
    Column("documents", Integer, nullable=False),
    Column("updated_at", Text, nullable=False),
)

# -- watch (migration 3): the state of `newsgraph watch`, so a restart neither refetches nor re-alerts.
# Times the scheduler compares are epoch seconds (Float); times people read are ISO strings.

# One row per watched source: its validators for conditional requests and its schedule.
watch_sources = Table(
    "watch_sources",
    metadata,
    Column("url", _ctext(), primary_key=True),
    Column("kind", Text),  # feed | sitemap | page, once known
    Column("etag", Text),
    Column("last_modified", Text),
    Column("last_poll", Float),
    Column("next_due", Float),
    Column("last_status", Integer),
    Column("last_error", Text),
    Column("backoff", Float, nullable=False),  # seconds; 0 when the last poll succeeded
    Column("new_items", Integer, nullable=False),  # items stored by the last poll
)

# Items already taken: by URL and by content hash (a page that changes is a new item).
watch_seen = Table(
    "watch_seen",
    metadata,
    Column("url", _ctext(), primary_key=True),
    Column("content_hash", _ctext(), primary_key=True),
    Column("source", Text, nullable=False),
    Column("document", _ctext()),  # the stored document's id; None when it held no article
    Column("seen_at", Float, nullable=False),
    Index("ix_watch_seen_hash", "content_hash"),
)

# Saved filters (`newsgraph alerts add`).
watch_alerts = Table(
    "watch_alerts",
    metadata,
    Column("name", _ctext(), primary_key=True),
    Column("filter", Text, nullable=False),  # JSON: newsgraph.watch.filters.AlertFilter
    Column("created", _ctext(), nullable=False),  # ISO; documents stored before it never fire
)

# What fired, once per (alert, subject); written with the state change that caused it.
watch_fired = Table(
    "watch_fired",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("alert", _ctext(), nullable=False),
    Column("subject", _ctext(), nullable=False),  # "event:<key>" or "<cluster id>:<change kind>"
    Column("fired_at", _ctext(), nullable=False),
    Column("payload", Text, nullable=False),  # JSON: the body the webhook receives
    Column("read", Boolean, nullable=False),
    Column("delivered_at", _ctext()),  # None until every delivery channel took it
    Column("delivery_error", Text),
    UniqueConstraint("alert", "subject", name="uq_watch_fired_subject"),
    Index("ix_watch_fired_read", "read", "fired_at"),
    Index("ix_watch_fired_pending", "delivered_at"),
)

WATCH_TABLES = (watch_sources, watch_seen, watch_alerts, watch_fired)
