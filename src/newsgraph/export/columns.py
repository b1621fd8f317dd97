"""The flat event record of the CSV, JSON Lines and Parquet exports: GDELT-like columns first,
then newsgraph's own. One table names each column with its type and meaning, so the Parquet
schema and docs/schema.md come from the same place as the rows.
"""

from __future__ import annotations

from typing import Any

from newsgraph.export.lookups import Lookups
from newsgraph.store import ActorRow, EventRow

# (name, type, meaning); types are pyarrow's: string, int32, float64, bool.
COLUMNS: tuple[tuple[str, str, str], ...] = (
    ("event_key", "string", "Global event id: <document id>:<event id> (GDELT GlobalEventID)."),
    ("document_id", "string", "The document the event was read from."),
    ("event_id", "string", "The event's id within its document (e1, e2 ...)."),
    ("date_start", "string", "First day the event may have happened: ISO 8601, year-less --MM-DD when the year is unknown."),
    ("date_end", "string", "Last day it may have happened (same form); equal to date_start for a known day."),
    ("date_granularity", "string", "day, week, part-of-month, month, season, quarter, year, decade or relative."),
    ("date_text", "string", "The words that gave the date."),
    ("yearless", "bool", "True when the date has no year (--MM-DD / --MM): the text never says which year."),
    ("actor1_code", "string", "Source actor code: ISO 3166 alpha-3 country + CAMEO role (RUSGOV), or the role alone (IGO)."),
    ("actor1_id", "string", "Source actor entity id (country:RUS, person:nikolai-patrushev ...)."),
    ("actor1_name", "string", "Source actor name."),
    ("actor1_kind", "string", "Source actor kind: country, person, organization, outlet, place, weapon or group."),
    ("actor1_country", "string", "Source actor's ISO 3166 alpha-3 country."),
    ("actor1_role", "string", "Source actor's CAMEO role code (GOV, MIL, SPY ...)."),
    ("actor2_code", "string", "Target actor code, as actor1_code."),
    ("actor2_id", "string", "Target actor entity id."),
    ("actor2_name", "string", "Target actor name."),
    ("actor2_kind", "string", "Target actor kind."),
    ("actor2_country", "string", "Target actor's ISO 3166 alpha-3 country."),
    ("actor2_role", "string", "Target actor's CAMEO role code."),
    ("source_ids", "string", "All source actors' entity ids, separated by |."),
    ("target_ids", "string", "All target actors' entity ids, separated by |."),
    ("plover_type", "string", "PLOVER event type (AGREE ... ASSAULT)."),
    ("plover_mode", "string", "PLOVER mode (aerial, visit ...), when known."),
    ("cameo_code", "string", "CAMEO event code (GDELT EventCode)."),
    ("cameo_root", "string", "CAMEO root code, the first two digits (GDELT EventRootCode)."),
    ("quad_class", "int32", "GDELT QuadClass: 1 verbal cooperation, 2 material cooperation, 3 verbal conflict, 4 material conflict."),
    ("quad_class_name", "string", "The quad class in words."),
    ("trigger", "string", "The word that signals the event."),
    ("quantity", "float64", "How many (400 drones: 400), when the sentence says."),
    ("quantity_text", "string", "The words that gave the quantity."),
    ("location_name", "string", "Where the event happened (GDELT ActionGeo_FullName)."),
    ("location_id", "string", "The place's entity id."),
    ("location_country", "string", "ISO 3166 alpha-3 country of the place."),
    ("location_lat", "float64", "Latitude (WGS 84)."),
    ("location_lon", "float64", "Longitude (WGS 84)."),
    ("source_url", "string", "URL of the article (GDELT SOURCEURL); the path it was read from when it has none."),
    ("outlet", "string", "The article's outlet."),
    ("published", "string", "The article's publication date, when known."),
    ("modality", "string", "asserted, reported, alleged, claimed, planned, possible, hypothetical, threatened or denied."),
    ("negated", "bool", "True when the sentence says the event did not happen."),
    ("claim_id", "string", "The claim that carries the event, within its document."),
    ("claim_kind", "string", "direct_quote, indirect or according_to."),
    ("claim_speaker", "string", "Entity id of who makes the claim, when known."),
    ("claim_speaker_text", "string", "The words naming the claim's speaker."),
    ("claim_hedge", "string", "none, reported, alleged, claimed or unconfirmed."),
    ("attributed_to", "string", "Entity id of whom the event is attributed to (the original reporter)."),
    ("attributed_to_name", "string", "Name of whom the event is attributed to."),
    ("confidence", "float64", "How sure the extractor is, 0 to 1."),
    ("sentence_text", "string", "The sentence the event was read from."),
    ("cluster_id", "string", "The cross-document cluster of the event, after `newsgraph cluster`; empty before."),
    ("independent_sources", "int32", "How many independent original reporters the cluster has; empty before clustering."),
)  # fmt: skip
COLUMN_NAMES = tuple(name for name, _, _ in COLUMNS)


def actor_code(actor: ActorRow | None) -> str | None:
    """GDELT-style actor code: country and role glued (RUSGOV), or whichever of them is known."""
    if actor is None:
        return None
    return (actor.country or "") + (actor.role or "") or None


def _actor(prefix: str, entity_id: str | None, name: str | None, lookups: Lookups) -> dict[str, Any]:
    actor = lookups.actor(entity_id) if entity_id else None
    return {
        f"{prefix}_code": actor_code(actor),
        f"{prefix}_id": entity_id,
        f"{prefix}_name": actor.name if actor else name,
        f"{prefix}_kind": actor.kind if actor else None,
        f"{prefix}_country": actor.country if actor else None,
        f"{prefix}_role": actor.role if actor else None,
    }


def event_record(row: EventRow, lookups: Lookups) -> dict[str, Any]:
    """One event as the flat record of COLUMNS (every column present, None where unknown)."""
    doc = lookups.document(row.document)
    claim = lookups.claim(row.document, row.claim)
    attributed = lookups.actor(row.attributed_to) if row.attributed_to else None
    cluster = lookups.clusters.get(row.key)
    quad = lookups.ontology.quad.get(row.type)
    date = row.date_start or row.date_end
    record: dict[str, Any] = {
        "event_key": row.key, "document_id": row.document, "event_id": row.id,
        "date_start": row.date_start, "date_end": row.date_end, "date_granularity": row.granularity,
        "date_text": row.date_text, "yearless": bool(date and date.startswith("--")),
        **_actor("actor1", row.source[0] if row.source else None, row.source_names[0] if row.source_names else None,
                 lookups),
        **_actor("actor2", row.target[0] if row.target else None, row.target_names[0] if row.target_names else None,
                 lookups),
        "source_ids": "|".join(row.source) or None, "target_ids": "|".join(row.target) or None,
        "plover_type": row.type, "plover_mode": row.mode, "cameo_code": row.cameo,
        "cameo_root": row.cameo[:2] if row.cameo else None,
        "quad_class": quad, "quad_class_name": lookups.ontology.quad_names.get(quad) if quad else None,
        "trigger": row.trigger, "quantity": row.quantity_value, "quantity_text": row.quantity_text,
        "location_name": row.location_name, "location_id": row.location_entity,
        "location_country": row.location_country, "location_lat": row.location_lat, "location_lon": row.location_lon,
        "source_url": (doc.url or doc.source) if doc else None, "outlet": row.outlet,
        "published": doc.published if doc else None,
        "modality": row.modality, "negated": row.negated, "claim_id": row.claim,
        "claim_kind": claim.kind if claim else None, "claim_speaker": claim.speaker if claim else None,
        "claim_speaker_text": claim.speaker_text if claim else None, "claim_hedge": claim.hedge if claim else None,
        "attributed_to": row.attributed_to, "attributed_to_name": attributed.name if attributed else None,
        "confidence": row.confidence, "sentence_text": row.sentence_text,
        "cluster_id": cluster.id if cluster else None,
        "independent_sources": cluster.independent_sources if cluster else None,
    }  # fmt: skip
    return record
