"""Reported speech without quotation marks: "X said that ...", "according to X, ...",
"..., according to X.", and hedged statements with no named source ("reportedly")."""

from __future__ import annotations

from spacy.tokens import Span, Token

from newsgraph.attribution.context import Context, Draft
from newsgraph.attribution.hedges import find_hedge
from newsgraph.attribution.speakers import cue_text, is_reporting_verb, speaker_from_cue

CONTENT_DEPS = ("ccomp",)


def handle_reporting_clause(ctx: Context, verb: Token) -> Draft | None:
    """"X said (that) ...": the that-clause is the claim, the verb's subject its speaker."""
    if not is_reporting_verb(verb, ctx):
        return None
    clauses = [c for c in verb.children if c.dep_ in CONTENT_DEPS]
    if len(clauses) > 1 and _speaks_in_relative_clause(verb):
        clauses = [c for c in clauses if c.i > verb.i]  # "Russia, whose minister said X": X, not what came before
    clause = clauses[0] if clauses else None
    if clause is None or len(list(clause.subtree)) < 3:
        return None
    tokens = list(clause.subtree)
    comment = next((t for t in tokens if _is_comment(t, ctx)), None)
    if comment is not None:  # "..., a claim Ukrainian officials rejected": the writer's, not the speaker's
        tokens = [t for t in tokens if t.i < comment.left_edge.i]
    while len(tokens) > 1 and (tokens[0].dep_ == "mark" or tokens[0].lower_ == "that" or tokens[0].is_punct):
        tokens = tokens[1:]
    start, end = _trim(ctx, tokens[0].idx, tokens[-1].idx + len(tokens[-1].text))
    if _overlaps_quote(ctx, start, end, verb):
        return None
    speaker = speaker_from_cue(verb, ctx)
    cue, cue_span = cue_text(verb, ctx)
    return Draft(kind="indirect", start=start, end=end, speaker_head=speaker.i if speaker is not None else None,
                 cue=cue, cue_span=cue_span)


def _speaks_in_relative_clause(verb: Token) -> bool:
    """"..., whose deputy prime minister said": the parser may give "said" the main clause too."""
    return any(t.lower_ == "whose" for c in verb.children if c.dep_ == "nsubj" for t in c.subtree)


def _is_comment(token: Token, ctx: Context) -> bool:
    """A noun of comment set off by a comma at the end of what was said: ", a claim X rejected"."""
    return (token.dep_ in ("appos", "npadvmod", "dep") and token.lemma_.lower() in ctx.cues.comment_nouns
            and token.left_edge.i > 0 and ctx.doc[token.left_edge.i - 1].text == ",")


def handle_according_to(ctx: Context, match: tuple[Token, Token]) -> Draft | None:
    """"According to X, ..." or "..., according to X": the rest of the clause is the claim."""
    first, obj = match
    sent = first.sent
    phrase_end = max(first.right_edge.i, obj.right_edge.i)
    lo, hi = _bounds(ctx, first.idx, sent)
    if first.head.i < first.i and first.i > sent.start:
        start, end = lo, first.idx
    else:
        start, end = ctx.doc[phrase_end].idx + len(ctx.doc[phrase_end].text), hi
    start, end = _trim(ctx, max(start, lo), min(end, hi))
    if end - start < 3:
        return None
    cue_end = ctx.doc[first.i + 1].idx + len(ctx.doc[first.i + 1].text) if first.i + 1 < len(ctx.doc) else first.idx
    return Draft(kind="according_to", start=start, end=end, speaker_head=obj.i,
                 cue=ctx.text[first.idx : cue_end], cue_span=(first.idx, cue_end), according_to=True)


def handle_hedge_only(ctx: Context, sent: Span) -> Draft | None:
    """A sentence hedged with "reportedly" or "are said to" and no named source: a claim without speaker."""
    start, end = _trim(ctx, *_bounds(ctx, sent.start_char, sent))
    tokens = ctx.tokens_in(start, end)
    hedge = find_hedge(ctx.hedge_forms[tokens.start:tokens.end], ctx.cues)
    if hedge not in ("reported", "alleged"):
        return None
    return Draft(kind="indirect", start=start, end=end) if end > start else None


def _bounds(ctx: Context, offset: int, sent: Span) -> tuple[int, int]:
    """The sentence around ``offset`` clipped to the quotation holding it, if any."""
    lo, hi = sent.start_char, sent.end_char
    inside = ctx.in_quote(offset)
    if inside is not None:
        quote = ctx.quotes[inside]
        lo, hi = max(lo, quote.start), min(hi, quote.end)
    else:
        for quote in ctx.quotes:  # a sentence running into a quotation stops at its mark
            if lo < quote.open_at < hi and quote.parent is None and quote.open_at > offset:
                hi = quote.open_at
            if quote.close_at is not None and lo < quote.close_at < offset:
                lo = quote.close_at + 1
    return lo, hi


def _trim(ctx: Context, start: int, end: int) -> tuple[int, int]:
    """Strip spaces, edge punctuation and quotation marks from a span."""
    junk = " \n\t,;:.—–-\"'“”‘’"
    while start < end and ctx.text[start] in junk:
        start += 1
    while end > start and ctx.text[end - 1] in junk:
        end -= 1
    if end > start and ctx.text[end - 1].isalnum() and end < len(ctx.text) and ctx.text[end] in ".!?":
        end += 1
    return start, end


def _overlaps_quote(ctx: Context, start: int, end: int, verb: Token) -> bool:
    """Content running into a quotation is the quotation's cue, not a separate claim."""
    here = ctx.in_quote(verb.idx)
    for index, quote in enumerate(ctx.quotes):
        if index == here or (here is not None and quote.parent != here):
            continue
        if quote.start < end and start < quote.end:
            return True
    return False
