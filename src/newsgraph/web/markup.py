"""The document text with its mentions, events, quotes and sentences marked, built server-side.

The text is cut at every span boundary into escaped segments; spans that cross are closed and
reopened so the HTML always nests, whatever the analysis says. Only the first fragment of a span
carries its id and tab stop, every fragment its classes and tooltip.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from markupsafe import Markup, escape

from newsgraph.model import Analysis
from newsgraph.web.palette import quad_of


@dataclass(frozen=True)
class Span:
    """One marked range of the text and how to draw it."""

    start: int
    end: int
    classes: str
    tip: str = ""
    anchor: str | None = None  # an id for the first fragment (#s12)
    label: str | None = None  # shown before the first fragment (a quote's speaker)
    focusable: bool = True
    group: str | None = None  # shared by all fragments, for highlighting them together


def render_marked(text: str, spans: Iterable[Span]) -> Markup:
    """``text`` as HTML with every span wrapped; crossing spans are split so tags nest."""
    valid = [s for s in spans if 0 <= s.start < s.end <= len(text)]
    starts: dict[int, list[Span]] = defaultdict(list)
    for span in sorted(valid, key=lambda s: (s.start, -(s.end - s.start))):
        starts[span.start].append(span)
    bounds = sorted({0, len(text), *(s.start for s in valid), *(s.end for s in valid)})
    out: list[str] = []
    stack: list[Span] = []
    for i, pos in enumerate(bounds):
        ending = [n for n, s in enumerate(stack) if s.end == pos]
        if ending:
            depth = ending[0]
            reopen = [s for s in stack[depth:] if s.end != pos]
            out.extend("</span>" for _ in stack[depth:])
            del stack[depth:]
            for span in reopen:
                out.append(_open(span, first=False))
                stack.append(span)
        for span in starts.get(pos, ()):
            out.append(_open(span, first=True))
            stack.append(span)
        if i + 1 < len(bounds):
            out.append(str(escape(text[pos : bounds[i + 1]])))
    out.extend("</span>" for _ in stack)
    return Markup("".join(out))


def _open(span: Span, *, first: bool) -> str:
    attrs = [f'class="{escape(span.classes)}{" first" if first else ""}"']
    if first and span.anchor:
        attrs.append(f'id="{escape(span.anchor)}"')
    if span.group:
        attrs.append(f'data-group="{escape(span.group)}"')
    if span.tip:
        attrs.append(f'title="{escape(span.tip)}" data-tip="{escape(span.tip)}"')
        if first and span.focusable:
            attrs.append('tabindex="0"')
    if first and span.label:
        attrs.append(f'data-label="{escape(span.label)}"')
    return f"<span {' '.join(attrs)}>"


def analysis_spans(analysis: Analysis) -> list[Span]:
    """Sentences, quotes, events and mentions of an analysis as spans."""
    names = {e.id: e.name for e in analysis.entities}
    spans = [
        Span(s.start, s.end, "sent", anchor=f"s{s.index}", focusable=False, group=f"s{s.index}")
        for s in analysis.sentences
    ]
    for claim in analysis.claims:
        speaker = names.get(claim.speaker or "", claim.speaker_text or "unnamed source")
        hedge = "" if claim.hedge == "none" else f", {claim.hedge}"
        anonymous = ", anonymous" if claim.anonymous else ""
        tip = f"{claim.kind.replace('_', ' ')} · {speaker}{hedge}{anonymous}"
        spans.append(Span(claim.start, claim.end, f"claim c-{claim.kind}", tip, anchor=f"claim-{claim.id}",
                          label=speaker))
    for event in analysis.events:
        who = ", ".join(names.get(a, a) for a in event.source) or "?"
        whom = ", ".join(names.get(a, a) for a in event.target) or "?"
        when = f" · {event.date.text}" if event.date and event.date.text else ""
        negated = " · NOT" if event.negated else ""
        tip = f"{event.type}{'/' + event.mode if event.mode else ''}: {who} → {whom} · {event.modality}{negated}{when}"
        spans.append(Span(event.start, event.end, f"ev q-{quad_of(event.type)}", tip, anchor=f"event-{event.id}"))
    for entity in analysis.entities:
        codes = " ".join(x for x in (entity.country, entity.role) if x)
        tip = f"{entity.name} · {entity.kind}{' · ' + codes if codes else ''}"
        for mention in entity.mentions:
            spans.append(Span(mention.start, mention.end, f"ent k-{entity.kind}", tip))
    return spans
