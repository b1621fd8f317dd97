"""Terminal output: tables of rows and a document with its marks, via Rich.

Article text is untrusted: it is always handed to Rich as ``Text`` (never parsed as markup).
"""

from __future__ import annotations

import csv
import dataclasses
import io
import json
from collections.abc import Sequence
from typing import Any

from rich.console import Console
from rich.table import Table
from rich.text import Text

from newsgraph.model import Analysis
from newsgraph.schema import to_jsonable

KIND_STYLES = {
    "country": "bold cyan",
    "person": "bold magenta",
    "organization": "bold yellow",
    "outlet": "bold green",
    "place": "cyan",
    "weapon": "bold red",
    "group": "magenta",
}
EVENT_STYLE = "reverse"
QUOTE_STYLE = "italic green"


def rows_as(rows: Sequence[Any], fmt: str, columns: Sequence[str], console: Console, title: str = "") -> None:
    """Print dataclass rows as a table, JSON Lines or CSV."""
    dicts = [to_jsonable(r) if dataclasses.is_dataclass(r) else dict(r) for r in rows]
    if fmt == "jsonl":
        for d in dicts:
            print(json.dumps(d, ensure_ascii=False))
        return
    if fmt == "csv":
        buf = io.StringIO()
        writer = csv.DictWriter(buf, fieldnames=list(dicts[0].keys()) if dicts else list(columns),
                                extrasaction="ignore")
        writer.writeheader()
        for d in dicts:
            writer.writerow({k: _cell(v) for k, v in d.items()})
        print(buf.getvalue(), end="")
        return
    table = Table(title=title or None, show_lines=False, header_style="bold")
    for col in columns:
        table.add_column(col, overflow="fold")
    for d in dicts:
        table.add_row(*(Text(_cell(d.get(col))) for col in columns))
    console.print(table)


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, (list, tuple)):
        return ", ".join(_cell(v) for v in value)
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False)
    return str(value)


def document_text(analysis: Analysis) -> Text:
    """The clean text with entity mentions, event triggers and quotes styled."""
    doc = analysis.document
    text = Text(doc.text)
    for claim in analysis.claims:
        if claim.kind == "direct_quote":
            text.stylize(QUOTE_STYLE, claim.start, claim.end)
    for entity in analysis.entities:
        style = KIND_STYLES.get(entity.kind, "bold")
        for mention in entity.mentions:
            text.stylize(style, mention.start, mention.end)
    for event in analysis.events:
        text.stylize(EVENT_STYLE, event.start, event.end)
    return text


def print_document(analysis: Analysis, console: Console) -> None:
    """``newsgraph show``: metadata, the marked text, then entities, claims and events."""
    doc = analysis.document
    meta = Table.grid(padding=(0, 2))
    meta.add_column(style="bold")
    meta.add_column()
    for label, value in (
        ("id", doc.id), ("title", doc.title), ("authors", ", ".join(doc.authors)), ("outlet", doc.outlet),
        ("url", doc.url), ("source", doc.source), ("language", doc.language),
        ("published", f"{doc.published.value or 'unknown'} ({doc.published.source})"
         + (f", not before {doc.published.not_before}" if doc.published.not_before else "")),
    ):
        if value:
            meta.add_row(label, Text(str(value)))
    for cap in doc.photo_captions:
        meta.add_row("caption", Text(cap.text + (f" [{cap.credit}]" if cap.credit else "")))
    for note in doc.author_notes:
        meta.add_row("author note", Text(note))
    for cit in analysis.citations:
        meta.add_row("citation", Text(f"[{cit.marker or '-'}] {cit.outlet}" + (f", {cit.date}" if cit.date else "")))
    for removed in doc.removed:
        meta.add_row("removed", Text(removed, style="dim"))
    console.print(meta)
    console.rule()
    console.print(document_text(analysis))
    console.rule()
    legend = Text("legend: ")
    for kind, style in KIND_STYLES.items():
        legend.append(kind, style=style)
        legend.append("  ")
    legend.append("event", style=EVENT_STYLE)
    legend.append("  ")
    legend.append("quote", style=QUOTE_STYLE)
    console.print(legend)
    if analysis.claims:
        table = Table(title="claims", header_style="bold")
        for col in ("id", "kind", "speaker", "cue", "hedge", "text"):
            table.add_column(col, overflow="fold")
        for c in analysis.claims:
            speaker = c.speaker_text or c.speaker or ""
            if c.anonymous:
                speaker += " (anonymous)"
            table.add_row(Text(c.id), Text(c.kind), Text(speaker), Text(c.cue or ""), Text(c.hedge),
                          Text(_short(c.text)))
        console.print(table)
    if analysis.events:
        names = {e.id: e.name for e in analysis.entities}
        table = Table(title="events", header_style="bold")
        for col in ("id", "type", "source", "target", "date", "where", "modality", "by", "trigger"):
            table.add_column(col, overflow="fold")
        for ev in analysis.events:
            date = ""
            if ev.date:
                date = ev.date.start or ev.date.text or ""
                if ev.date.end and ev.date.end != ev.date.start:
                    date += f"..{ev.date.end}"
            table.add_row(
                Text(ev.id), Text(ev.type + (f"/{ev.mode}" if ev.mode else "")),
                Text(", ".join(names.get(x, x) for x in ev.source)),
                Text(", ".join(names.get(x, x) for x in ev.target)),
                Text(date), Text(ev.location.name if ev.location else ""),
                Text(ev.modality + (" NEG" if ev.negated else "")),
                Text(names.get(ev.attributed_to or "", ev.attributed_to or "")),
                Text(ev.trigger),
            )
        console.print(table)


def _short(text: str, limit: int = 160) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"
