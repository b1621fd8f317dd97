"""The attribution stage: who says what in an article, and how firmly.

Cues are found in one pass (quotation marks over the text, reporting verbs and according-to
phrases over the parse) and each kind of cue goes to its ``handle_*`` function through
``HANDLERS``, as trafilatura dispatches elements; the drafts are then resolved in text order
(speakers, outlet references, nesting, hedges) into ``Claim`` objects with ids c1, c2, ...
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterator
from typing import Any

from spacy.attrs import IDX, LOWER, POS
from spacy.parts_of_speech import IDS as POS_IDS

from newsgraph.attribution.citations import cited_outlet, complete_citation
from newsgraph.attribution.context import Context, Draft
from newsgraph.attribution.cues import AttributionCues, load_cues
from newsgraph.attribution.direct import handle_direct_quote
from newsgraph.attribution.hedges import find_hedge
from newsgraph.attribution.indirect import handle_according_to, handle_hedge_only, handle_reporting_clause
from newsgraph.attribution.linking import attribute_events
from newsgraph.attribution.quotes import find_quotes, paragraph_spans
from newsgraph.attribution.referents import (
    OutletMention,
    Speaker,
    is_anonymous,
    outlet_mentions,
    resolve_speaker,
)
from newsgraph.attribution.speakers import according_to_at, phrase_of
from newsgraph.language import Parsed, sentence_spans, tokens_where
from newsgraph.model import Citation, Claim, Entity, TimeExpression

READS = ("doc.parse", "sentences", "entities", "times", "document.citations", "document.paragraphs")
FILLS = ("claims", "citations", "events.claim", "events.attributed_to", "events.modality")

# One handler per kind of cue; order is priority when two claims would cover the same span.
HANDLERS: dict[str, Callable[[Context, Any], Draft | None]] = {
    "direct_quote": handle_direct_quote,
    "according_to": handle_according_to,
    "reporting_clause": handle_reporting_clause,
    "hedge_only": handle_hedge_only,
}


def find_claims(
    parsed: Parsed,
    entities: tuple[Entity, ...],
    times: tuple[TimeExpression, ...],
    *,
    cues: AttributionCues | None = None,
) -> tuple[tuple[Claim, ...], tuple[Citation, ...]]:
    """All claims of the article in text order (ids c1, c2, ...) and its completed citations."""
    ctx = build_context(parsed, entities, cues or load_cues())
    citations = tuple(complete_citation(ctx, c, times) for c in ctx.citations)
    ctx = dataclasses.replace(ctx, citations=citations)
    drafts = [d for kind, cue in find_cues(ctx) if (d := HANDLERS[kind](ctx, cue)) is not None]
    drafts = _drop_duplicates(drafts)
    claims = _resolve(ctx, drafts)
    return claims, citations + _source_citations(ctx, claims, times)


def build_context(parsed: Parsed, entities: tuple[Entity, ...], cues: AttributionCues) -> Context:
    """Quotations found once over the text, with the parse's parts of speech for possessives."""
    doc = parsed.doc
    article = parsed.article
    table = doc.to_array([IDX, LOWER, POS])  # read once: a Token object per word and pass costs more
    strings = doc.vocab.strings
    lowers = tuple(strings[h] for h in table[:, 1].tolist())
    nouns = (table[:, 2] == POS_IDS["NOUN"]).tolist()
    paragraphs = tuple(paragraph_spans(article.text, article.paragraphs))
    ctx = Context(doc=doc, text=article.text, cues=cues, quotes=(), entities=entities,
                  citations=article.citations, paragraphs=paragraphs, token_starts=tuple(table[:, 0].tolist()),
                  lowers=lowers, hedge_forms=tuple("" if noun else w for w, noun in zip(lowers, nouns, strict=True)))

    def pos_at(offset: int) -> str | None:
        return ctx.token_at(offset).pos_ if doc else None

    return dataclasses.replace(ctx, quotes=find_quotes(article.text, paragraphs, pos_at))


def find_cues(ctx: Context) -> Iterator[tuple[str, Any]]:
    """Every cue in the article, as (handler kind, what the handler needs)."""
    for index in range(len(ctx.quotes)):
        yield "direct_quote", index
    verbs = tokens_where(ctx.doc, pos=("VERB", "AUX"))
    k = 0
    for sent in sentence_spans(ctx.doc):
        for match in according_to_at(sent, ctx):
            yield "according_to", match
        while k < len(verbs) and verbs[k].i < sent.end:
            yield "reporting_clause", verbs[k]
            k += 1
        yield "hedge_only", sent


def _drop_duplicates(drafts: list[Draft]) -> list[Draft]:
    """One claim per span (the first handler wins); a hedge-only claim only where no other claim is."""
    kept: list[Draft] = []
    seen: set[tuple[int, int]] = set()
    for draft in drafts:
        if (draft.start, draft.end) in seen:
            continue
        if draft.speaker_head is None and draft.kind == "indirect" and draft.quote is None and any(
            k.start < draft.end and draft.start < k.end for k in drafts if k is not draft and k.kind != "direct_quote"
        ):
            continue
        seen.add((draft.start, draft.end))
        kept.append(draft)
    return sorted(kept, key=lambda d: (d.start, -d.end))


def _resolve(ctx: Context, drafts: list[Draft]) -> tuple[Claim, ...]:
    """Speakers in text order (so "the report" finds the outlet last named), then nesting and ids."""
    outlets: list[OutletMention] = outlet_mentions(ctx)
    by_quote: dict[int, Speaker] = {}
    resolved: list[tuple[Draft, Speaker]] = []
    for draft in sorted(drafts, key=_speaker_position):
        speaker = _speaker_of(ctx, draft, outlets, by_quote)
        if draft.quote is not None:
            by_quote[draft.quote] = speaker
        resolved.append((draft, speaker))
    resolved.sort(key=lambda pair: (pair[0].start, -pair[0].end))
    ids = {id(d): f"c{n}" for n, (d, _) in enumerate(resolved, 1)}
    claims = []
    for draft, speaker in resolved:
        parent = _parent(ctx, draft, resolved)
        head = ctx.doc[draft.speaker_head] if draft.speaker_head is not None else None
        claims.append(Claim(
            id=ids[id(draft)], kind=draft.kind, text=ctx.text[draft.start : draft.end],
            start=draft.start, end=draft.end, speaker=speaker.entity, speaker_text=speaker.text,
            cue=draft.cue, hedge=_hedge(ctx, draft), anonymous=is_anonymous(ctx, speaker, head, draft.start, draft.end),
            unclosed=draft.unclosed, parent=ids[id(parent)] if parent is not None else None,
        ))
    return tuple(claims)


def _speaker_position(draft: Draft) -> tuple[int, int]:
    """Continuations come after the quotation they continue; others by their cue's place."""
    at = draft.cue_span[0] if draft.cue_span else draft.start
    return (draft.start if draft.inherit_from is not None else min(at, draft.start), draft.start)


def _speaker_of(ctx: Context, draft: Draft, outlets: list[OutletMention], by_quote: dict[int, Speaker]) -> Speaker:
    if draft.speaker_head is not None:
        head = ctx.doc[draft.speaker_head]
        return resolve_speaker(ctx, head, phrase_of(head), outlets)
    if draft.inherit_from is not None and draft.inherit_from in by_quote:
        return by_quote[draft.inherit_from]
    return Speaker(None, None)


def _parent(ctx: Context, draft: Draft, resolved: list[tuple[Draft, Speaker]]) -> Draft | None:
    """The innermost other claim holding this one; a nested quotation's parent is its quotation."""
    if draft.quote is not None and ctx.quotes[draft.quote].parent is not None:
        outer = ctx.quotes[draft.quote].parent
        found = next((d for d, _ in resolved if d.quote == outer), None)
        if found is not None:
            return found
    holders = [d for d, _ in resolved if d is not draft and d.start <= draft.start and draft.end <= d.end
               and (d.end - d.start) > (draft.end - draft.start)]
    return min(holders, key=lambda d: d.end - d.start) if holders else None


def _hedge(ctx: Context, draft: Draft) -> str:
    """Hedges in the cue's sentence outside the content, and in the content if it is one sentence."""
    words: list[str] = []
    if draft.cue_span is not None:
        sent = ctx.token_at(draft.cue_span[0]).sent
        words += [ctx.hedge_forms[i] for i in range(sent.start, sent.end)
                  if not (draft.start <= ctx.token_starts[i] < draft.end)]
    content = ctx.tokens_in(draft.start, draft.end)
    one_sentence = content.start >= content.end - 1 or content[0].sent.start == content[-1].sent.start
    if one_sentence or draft.cue_span is None:
        words += ctx.hedge_forms[content.start:content.end]
    return find_hedge(words, ctx.cues)


def _source_citations(
    ctx: Context, claims: tuple[Claim, ...], times: tuple[TimeExpression, ...]
) -> tuple[Citation, ...]:
    """Outlets named directly as a claim's source ("according to X", "X reported") and not yet cited."""
    out: list[Citation] = []
    covered = [(c.start, c.end) for c in ctx.citations]
    outlet_ids = {e.id: e for e in ctx.entities if e.kind == "outlet"}
    for claim in claims:
        entity = outlet_ids.get(claim.speaker or "")
        if entity is None or claim.kind == "direct_quote":
            continue
        for m in entity.mentions:
            named = claim.speaker_text is not None and m.text in claim.speaker_text
            near = abs(m.start - claim.start) < 400
            if named and near and not any(a <= m.start < b for a, b in covered):
                out.append(cited_outlet(ctx, m.start, m.end, entity.name, entity.id, times))
                covered.append((m.start, m.end))
                break
    return tuple(out)


__all__ = ["HANDLERS", "attribute_events", "find_claims"]
