"""One analysis turned into the rows of each table, without touching a database."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from newsgraph.model import Analysis, Entity
from newsgraph.schema import analysis_to_dict
from newsgraph.store.schema import NO_DATE

# Entity id prefixes and the kind they name, for actors an event cites without an entity entry.
_PREFIX_KINDS = {
    "country": "country", "person": "person", "org": "organization", "organization": "organization",
    "outlet": "outlet", "place": "place", "weapon": "weapon", "group": "group",
}  # fmt: skip


@dataclass
class Records:
    """Rows for every table, for one document."""

    document: dict[str, Any]
    entities: list[dict[str, Any]] = field(default_factory=list)
    placeholders: list[dict[str, Any]] = field(default_factory=list)
    sentences: list[dict[str, Any]] = field(default_factory=list)
    mentions: list[dict[str, Any]] = field(default_factory=list)
    times: list[dict[str, Any]] = field(default_factory=list)
    citations: list[dict[str, Any]] = field(default_factory=list)
    claims: list[dict[str, Any]] = field(default_factory=list)
    events: list[dict[str, Any]] = field(default_factory=list)
    event_actors: list[dict[str, Any]] = field(default_factory=list)


def clean(value: Any) -> Any:
    """PostgreSQL text cannot hold NUL; replace it in the indexed columns (the JSON keeps it)."""
    return value.replace("\x00", "\ufffd") if isinstance(value, str) else value


def _row(**values: Any) -> dict[str, Any]:
    # clean(), inlined: this runs for every column of every row the writer stores
    return {k: v.replace("\x00", "\ufffd") if type(v) is str and "\x00" in v else v for k, v in values.items()}


def event_key(doc_id: str, event_id: str) -> str:
    """The global key of an event: unique across documents."""
    return f"{doc_id}:{event_id}"


def now_iso() -> str:
    return datetime.now(UTC).isoformat(timespec="microseconds").replace("+00:00", "Z")


def build_records(analysis: Analysis) -> Records:
    """All rows of ``analysis``, with counts that check() can compare with its JSON."""
    article = analysis.document
    doc_id = article.id
    data = analysis_to_dict(analysis)
    n_mentions = sum(len(e.mentions) for e in analysis.entities)
    records = Records(
        document=_row(
            id=doc_id, source=article.source, url=article.url, outlet=article.outlet, title=article.title,
            authors=json.dumps(list(article.authors), ensure_ascii=False),
            published_value=article.published.value, published_source=article.published.source,
            published_not_before=article.published.not_before,
            published_key=article.published.value or "",
            language=article.language, text=article.text, ingested_at=now_iso(),
            n_sentences=len(analysis.sentences), n_entities=len(analysis.entities), n_mentions=n_mentions,
            n_times=len(analysis.times), n_citations=len(analysis.citations), n_claims=len(analysis.claims),
            n_events=len(analysis.events), analysis=json.dumps(data, ensure_ascii=False),
        )  # fmt: skip
    )
    entity_by_id: dict[str, Entity] = {}
    for entity in analysis.entities:
        entity_by_id.setdefault(entity.id, entity)
    records.entities = [
        _row(id=e.id, name=e.name, kind=e.kind, country=e.country, role=e.role, lat=e.lat, lon=e.lon)
        for e in sorted(entity_by_id.values(), key=lambda e: e.id)  # one order: no deadlocks
    ]
    seq = 0
    for entity in analysis.entities:
        for mention in entity.mentions:
            records.mentions.append(
                _row(document=doc_id, seq=seq, entity=entity.id, start=mention.start, end=mention.end,
                     text=mention.text)
            )  # fmt: skip
            seq += 1
    records.sentences = [
        _row(document=doc_id, seq=i, idx=s.index, start=s.start, end=s.end) for i, s in enumerate(analysis.sentences)
    ]
    records.times = [
        _row(document=doc_id, seq=i, text=t.text, start=t.start, end=t.end, granularity=t.granularity,
             span_start=t.span[0], span_end=t.span[1])
        for i, t in enumerate(analysis.times)
    ]  # fmt: skip
    records.citations = [
        _row(document=doc_id, seq=i, marker=c.marker, outlet=c.outlet, entity=c.entity, date=c.date,
             start=c.start, end=c.end)
        for i, c in enumerate(analysis.citations)
    ]  # fmt: skip
    records.claims = [
        _row(document=doc_id, seq=i, claim_id=c.id, kind=c.kind, speaker=c.speaker, speaker_text=c.speaker_text,
             cue=c.cue, text=c.text, start=c.start, end=c.end, hedge=c.hedge, anonymous=c.anonymous)
        for i, c in enumerate(analysis.claims)
    ]  # fmt: skip
    _add_events(records, analysis, entity_by_id)
    return records


def _sentence_texts(analysis: Analysis) -> dict[int, str]:
    text = analysis.document.text
    return {s.index: text[s.start : s.end] for s in analysis.sentences}


def _add_events(records: Records, analysis: Analysis, entity_by_id: dict[str, Entity]) -> None:
    article = analysis.document
    sentence_text = _sentence_texts(analysis)
    keys: set[str] = set()
    placeholders: dict[str, dict[str, Any]] = {}
    for seq, event in enumerate(analysis.events):
        key = event_key(article.id, event.id)
        n = 1
        while key in keys:  # a repeated event id must not lose the event
            n += 1
            key = event_key(article.id, f"{event.id}~{n}")
        keys.add(key)
        date, loc, qty = event.date, event.location, event.quantity
        date_start = date.start if date else None
        date_key = date_start or NO_DATE
        records.events.append(
            _row(
                key=key, document=article.id, seq=seq, event_id=event.id, outlet=article.outlet,
                type=event.type, mode=event.mode, cameo=event.cameo, trigger=event.trigger,
                sentence=event.sentence, sentence_text=sentence_text.get(event.sentence, ""),
                start=event.start, end=event.end,
                date_text=date.text if date else None, date_start=date_start,
                date_end=date.end if date else None, date_granularity=date.granularity if date else None,
                date_key=date_key,
                location_entity=loc.entity if loc else None, location_name=loc.name if loc else None,
                location_country=loc.country if loc else None, location_lat=loc.lat if loc else None,
                location_lon=loc.lon if loc else None,
                quantity_value=qty.value if qty else None, quantity_text=qty.text if qty else None,
                quantity_unit=qty.unit if qty else None, quantity_qualifier=qty.qualifier if qty else None,
                modality=event.modality, negated=event.negated, claim=event.claim,
                attributed_to=event.attributed_to, confidence=event.confidence,
            )  # fmt: skip
        )
        for role, ids in (("source", event.source), ("target", event.target)):
            seen: set[str] = set()
            for i, entity_id in enumerate(ids):
                if entity_id in seen:
                    continue
                seen.add(entity_id)
                entity = entity_by_id.get(entity_id)
                if entity is None and entity_id not in placeholders:
                    placeholders[entity_id] = placeholder_entity(entity_id)
                country = entity.country if entity else placeholders[entity_id]["country"]
                records.event_actors.append(
                    _row(event_key=key, role=role, entity=entity_id, seq=i, country=country, date_key=date_key)
                )
    records.placeholders = [placeholders[k] for k in sorted(placeholders)]


def placeholder_entity(entity_id: str) -> dict[str, Any]:
    """An entity row for an id an event names but the analysis does not describe."""
    prefix, sep, rest = entity_id.partition(":")
    kind = _PREFIX_KINDS.get(prefix, "group") if sep else "group"
    country = rest if kind == "country" and len(rest) == 3 else None
    return _row(id=entity_id, name=rest or entity_id, kind=kind, country=country, role=None, lat=None, lon=None)
