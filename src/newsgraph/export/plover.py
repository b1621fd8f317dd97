"""Events as PLOVER JSON Lines in the shape of POLECAT's coder (NGEC): one event object a line.

Field mapping (docs/schema.md has the full table): ``event_type``/``event_mode``/``contexts``/
``event_text``/``attributes.ACTOR|RECIP|LOC``/``event_geolocation``/``date``/``pub_date``/
``publisher``/``headline``/``story_id`` as NGEC writes them, plus ``newsgraph`` with the fields
POLECAT has no place for (modality, negation, claim, attribution, clusters).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from newsgraph.export.columns import event_record
from newsgraph.export.lookups import Lookups
from newsgraph.export.query import EventQuery, iter_events
from newsgraph.export.sinks import Target, text_sink
from newsgraph.settings import Settings
from newsgraph.store import EventRow, Store

VERSION = "newsgraph-plover/1"


def _actors(ids: tuple[str, ...], names: tuple[str, ...], lookups: Lookups) -> list[dict[str, Any]]:
    out = []
    for entity_id, name in zip(ids, names, strict=False):
        actor = lookups.actor(entity_id)
        out.append({"text": name, "id": entity_id, "wiki": None,
                    "country": actor.country if actor else None,
                    "code_1": (actor.role or "") if actor else "", "code_2": "",
                    "kind": actor.kind if actor else None})  # fmt: skip
    return out


def plover_event(row: EventRow, lookups: Lookups) -> dict[str, Any]:
    """One event as a POLECAT/NGEC-style PLOVER object."""
    flat = event_record(row, lookups)
    doc = lookups.document(row.document)
    geo = None
    if row.location_name:
        geo = {"resolved_placename": row.location_name, "country_code3": row.location_country,
               "lat": row.location_lat, "lon": row.location_lon, "entity": row.location_entity}  # fmt: skip
    return {
        "id": row.key,
        "date": row.date_start,
        "date_end": row.date_end,
        "date_raw": row.date_text,
        "date_granularity": row.granularity,
        "event_type": row.type,
        "event_mode": [row.mode] if row.mode else [],
        "quad_code": flat["quad_class"],
        "contexts": [],
        "event_text": row.sentence_text,
        "attributes": {
            "ACTOR": _actors(row.source, row.source_names, lookups),
            "RECIP": _actors(row.target, row.target_names, lookups),
            "LOC": [{"text": row.location_name}] if row.location_name else [],
            "DATE": [{"text": row.date_text}] if row.date_text else [],
        },
        "event_geolocation": {"geo": geo, "reason": "event location" if geo else "no location in the sentence"},
        "story_id": row.document,
        "headline": doc.title if doc else None,
        "pub_date": flat["published"],
        "publisher": row.outlet,
        "url": flat["source_url"],
        "version": VERSION,
        "newsgraph": {
            "cameo": row.cameo, "trigger": row.trigger, "modality": row.modality, "negated": row.negated,
            "claim": row.claim, "claim_speaker": flat["claim_speaker"], "claim_kind": flat["claim_kind"],
            "attributed_to": row.attributed_to, "confidence": row.confidence,
            "quantity": row.quantity_value, "quantity_text": row.quantity_text,
            "cluster_id": flat["cluster_id"], "independent_sources": flat["independent_sources"],
        },
    }  # fmt: skip


def plover_events(store: Store, query: EventQuery | None = None, *,
                  settings: Settings | None = None) -> Iterator[dict[str, Any]]:  # fmt: skip
    """The PLOVER object of each matching event, in date order."""
    lookups = Lookups(store, settings=settings)
    for row in iter_events(store, query):
        yield plover_event(row, lookups)


def write_plover(store: Store, target: Target, query: EventQuery | None = None, *,
                 settings: Settings | None = None) -> int:  # fmt: skip
    """Write matching events as PLOVER JSON Lines; returns how many were written."""
    n = 0
    with text_sink(target) as fh:
        for event in plover_events(store, query, settings=settings):
            fh.write(json.dumps(event, ensure_ascii=False) + "\n")
            n += 1
    return n
