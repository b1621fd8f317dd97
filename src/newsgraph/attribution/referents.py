"""Who a speaker phrase stands for: an entity it names, the outlet "the report" refers to, the
person or group a pronoun refers to; and whether the source is anonymous."""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Span, Token

from newsgraph.attribution.context import Context
from newsgraph.attribution.speakers import phrase_of
from newsgraph.model import Entity

NAME_ENTS = frozenset({"PERSON", "ORG"})


@dataclass(frozen=True)
class OutletMention:
    """A point in the text where an outlet was named, cited or referred to."""

    at: int
    entity: str
    name: str
    country: str | None = None


@dataclass(frozen=True)
class Speaker:
    entity: str | None
    text: str | None
    anonymous: bool = False


def slug(name: str) -> str:
    """Lowercase words joined by hyphens, as entity ids use them (The Washington Post -> the-washington-post)."""
    return re.sub(r"[^0-9a-z]+", "-", name.lower()).strip("-")


def outlet_id(name: str) -> str:
    return f"outlet:{slug(name)}"


def outlet_mentions(ctx: Context) -> list[OutletMention]:
    """Citations and outlet entity mentions in text order: what "the report" can refer to."""
    found = [OutletMention(c.start, c.entity or outlet_id(c.outlet), c.outlet, _country_of(ctx, c.entity))
             for c in ctx.citations]
    for entity in ctx.entities:
        if entity.kind == "outlet":
            found += [OutletMention(m.start, entity.id, entity.name, entity.country) for m in entity.mentions]
    return sorted(found, key=lambda m: m.at)


def _country_of(ctx: Context, entity_id: str | None) -> str | None:
    return next((e.country for e in ctx.entities if e.id == entity_id), None)


def entity_at(ctx: Context, start: int, end: int, *, skip: tuple[str, ...] = ("weapon",)) -> Entity | None:
    """The entity with a mention covering the character range, the tightest first."""
    best: tuple[int, Entity] | None = None
    for entity in ctx.entities:
        if entity.kind in skip:
            continue
        for m in entity.mentions:
            if m.start <= start and end <= m.end and (best is None or m.end - m.start < best[0]):
                best = (m.end - m.start, entity)
    return best[1] if best else None


def resolve_speaker(ctx: Context, head: Token, span: tuple[int, int], outlets: list[OutletMention]) -> Speaker:
    """The speaker for a phrase whose head is ``head``; ``outlets`` grows as references are resolved."""
    doc = ctx.doc
    phrase = doc[span[0] : span[1]]
    text = phrase.text
    cited = next((c for c in ctx.citations if c.start <= head.idx < c.end), None)
    if cited is not None:
        return Speaker(cited.entity or outlet_id(cited.outlet), text)
    entity = entity_at(ctx, head.idx, head.idx + len(head.text))
    if entity is not None and entity.kind in ("person", "outlet"):
        return Speaker(entity.id, text)
    named = _named_beside(ctx, head)
    if named is not None:
        return Speaker(named.id, text)
    lower = head.lower_
    if head.pos_ == "PRON" and lower in ctx.cues.pronouns:
        return _resolve_pronoun(ctx, head, ctx.cues.pronouns[lower])
    if _is_outlet_reference(ctx, head, phrase):
        outlet = _referred_outlet(ctx, head, phrase, outlets)
        if outlet is not None:
            outlets.append(OutletMention(phrase.start_char, outlet.entity, outlet.name, outlet.country))
            return Speaker(outlet.entity, text)
    if entity is not None and entity.kind != "place":
        return Speaker(entity.id, text)
    return Speaker(None, text, anonymous=_is_vague(ctx, head, phrase))


def _named_beside(ctx: Context, head: Token) -> Entity | None:
    """"the EU's foreign policy chief, Josep Borrell,": the person an apposition names."""
    for child in head.children:
        if child.dep_ == "appos":
            entity = entity_at(ctx, child.idx, child.idx + len(child.text))
            if entity is not None and entity.kind == "person":
                return entity
    return None


def _is_outlet_reference(ctx: Context, head: Token, phrase: Span) -> bool:
    if head.lemma_.lower() not in ctx.cues.outlet_reference_heads and head.lower_ not in ctx.cues.outlet_reference_heads:
        return False
    if any(t.dep_ == "poss" for t in phrase):
        return False
    return any(t.lower_ in ctx.cues.outlet_reference_determiners for t in phrase if t.i < head.i)


def _referred_outlet(ctx: Context, head: Token, phrase: Span, outlets: list[OutletMention]) -> OutletMention | None:
    """The outlet last named before the phrase; one qualified by a country ("the US newspaper
    report") takes the last outlet of that country, or the last one introduced with that word."""
    before = [o for o in outlets if o.at < phrase.start_char]
    if not before:
        return None
    qualifiers = [t for t in phrase if t.i < head.i and (t.pos_ == "PROPN" or t.ent_type_ in ("GPE", "NORP"))]
    for qualifier in qualifiers:
        country = _country_of_token(ctx, qualifier)
        for outlet in reversed(before):
            lead = ctx.text[max(0, outlet.at - 40) : outlet.at]
            if (country and outlet.country == country) or re.search(rf"\b{re.escape(qualifier.text)}\b", lead):
                return outlet
    return before[-1]


def _country_of_token(ctx: Context, token: Token) -> str | None:
    entity = entity_at(ctx, token.idx, token.idx + len(token.text))
    return entity.country if entity is not None else None


def _resolve_pronoun(ctx: Context, pron: Token, kinds: tuple[str, ...]) -> Speaker:
    """The nearest fitting antecedent: a named entity before the pronoun, else the subject of
    an earlier sentence in the paragraph (plural for "they")."""
    best: tuple[int, Entity] | None = None
    p_start, _ = ctx.paragraph_of(pron.idx)
    horizon = max(0, p_start - 600)
    for entity in ctx.entities:
        if entity.kind not in kinds:
            continue
        for m in entity.mentions:
            if horizon <= m.start < pron.idx and (best is None or m.start > best[0]):
                best = (m.start, entity)
    subject = _earlier_subject(pron, plural=pron.lower_ in ("they", "we"))
    if best is not None and (subject is None or best[0] >= subject.left_edge.idx or pron.lower_ in ("he", "she")):
        return Speaker(best[1].id, best[1].name)
    if subject is not None:
        start, end = phrase_of(subject)
        return Speaker(None, ctx.doc[start:end].text)
    return Speaker(None, pron.text)


def _earlier_subject(pron: Token, *, plural: bool) -> Token | None:
    doc = pron.doc
    sent = pron.sent
    for _ in range(3):
        if sent.start == 0:
            return None
        sent = doc[sent.start - 1].sent
        if "\n" in doc[sent.end - 1 : min(sent.end + 1, len(doc))].text and _ > 0:
            return None
        root = sent.root
        subj = next((c for c in root.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subj is None or subj.pos_ == "PRON":
            continue
        if plural and subj.tag_ not in ("NNS", "NNPS"):
            continue
        if not plural and subj.tag_ in ("NNS", "NNPS"):
            continue
        return subj
    return None


def _is_vague(ctx: Context, head: Token, phrase: Span) -> bool:
    """"sources", "a senior official", "officials": a source the text does not name."""
    heads = ctx.cues.anonymous_heads
    named_head = head.lemma_.lower() in heads or head.lower_ in heads
    if not named_head and head.lower_ != "one" and head.lower_ not in ctx.cues.anonymous_determiners:
        return False
    return not any(t.ent_type_ in NAME_ENTS for t in phrase)


def is_anonymous(ctx: Context, speaker: Speaker, head: Token | None, claim_start: int, claim_end: int) -> bool:
    """Anonymous when the source is vague or the text says it asked not to be named, in the
    speaker's sentence outside the claimed content or in the sentence before it."""
    if speaker.anonymous:
        return True
    if head is None or speaker.entity is not None and not speaker.entity.startswith("group:"):
        return False
    sent = head.sent
    text = ctx.text[sent.start_char : sent.end_char]
    if sent.start_char < claim_start < sent.end_char or sent.start_char < claim_end < sent.end_char:
        text = ctx.text[sent.start_char : max(sent.start_char, claim_start)] + " " + ctx.text[claim_end : sent.end_char]
    text = " ".join(text.lower().split())
    return any(phrase in text for phrase in ctx.cues.anonymity_phrases)
