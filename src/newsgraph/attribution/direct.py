"""handle_direct_quote: a quotation's cue and speaker, before or after its marks, or the
speaker of the quotation it continues; a scare quote with nothing attributing it is dropped."""

from __future__ import annotations

from spacy.tokens import Span, Token

from newsgraph.attribution.context import Context, Draft
from newsgraph.attribution.quotes import QuoteSpan
from newsgraph.attribution.speakers import according_to_at, cue_text, is_reporting_verb, speaker_from_cue


def handle_direct_quote(ctx: Context, index: int) -> Draft | None:
    """The claim for quotation ``index``, or None for a scare quote."""
    quote = ctx.quotes[index]
    marked = _is_marked_term(ctx, index)
    before, after = _regions(ctx, index)
    verb = _first_verb(after, ctx) if after is not None else None
    verb = verb or _last_verb(before, ctx)
    if verb is not None:
        verb = _speaking_verb(verb, ctx)
    if verb is not None and not marked:
        speaker = speaker_from_cue(verb, ctx)
        cue, cue_span = cue_text(verb, ctx)
        return _draft(quote, index, speaker, cue, cue_span)
    sources = according_to_at(after, ctx) if after is not None else []
    sources = sources or according_to_at(before, ctx)
    if sources:
        first, obj = sources[0]
        cue_end = ctx.doc[min(first.i + 1, len(ctx.doc) - 1)]
        cue_span = (first.idx, cue_end.idx + len(cue_end.text))
        return _draft(quote, index, obj, ctx.text[cue_span[0] : cue_span[1]], cue_span)
    if marked or _is_scare_quote(ctx, index):
        return None
    previous = _continued_quote(ctx, index)
    return Draft(kind="direct_quote", start=quote.start, end=quote.end, unclosed=quote.unclosed,
                 quote=index, inherit_from=previous)


def _draft(quote: QuoteSpan, index: int, speaker: Token | None, cue: str, cue_span: tuple[int, int]) -> Draft:
    return Draft(kind="direct_quote", start=quote.start, end=quote.end,
                 speaker_head=speaker.i if speaker is not None else None,
                 cue=cue, cue_span=cue_span, unclosed=quote.unclosed, quote=index)


def _regions(ctx: Context, index: int) -> tuple[Span, Span | None]:
    """Tokens of the quotation's sentence before its opening mark and after its closing mark,
    bounded by neighbouring quotations and, for a nested one, by its parent."""
    quote = ctx.quotes[index]
    lo, hi = 0, len(ctx.text)
    if quote.parent is not None:
        parent = ctx.quotes[quote.parent]
        lo, hi = parent.start, parent.end
    p_lo, p_hi = ctx.paragraph_of(quote.open_at)
    lo, hi = max(lo, p_lo), min(hi, p_hi) if quote.close_at is None else hi
    for other_index, other in enumerate(ctx.quotes):
        if other_index == index or other.parent != quote.parent:
            continue
        other_end = other.close_at if other.close_at is not None else other.end
        if other_end < quote.open_at:
            lo = max(lo, other_end + 1)
        elif quote.close_at is not None and other.open_at > quote.close_at:
            hi = min(hi, other.open_at)
    sent = ctx.token_at(quote.open_at).sent
    b_start = max(lo, sent.start_char)
    if not ctx.text[b_start : quote.open_at].strip(" ,") and b_start > lo:
        prev_text = ctx.text[lo : b_start].rstrip()
        if prev_text.endswith(":"):  # "He said:" split from its quotation
            b_start = max(lo, ctx.token_at(len(prev_text) - 1 + lo).sent.start_char)
    before = ctx.tokens_in(b_start, quote.open_at)
    if quote.close_at is None or not _may_have_cue_after(ctx, index):
        return before, None
    after_sent = ctx.token_at(min(quote.close_at + 1, len(ctx.text) - 1)).sent
    a_end = min(hi, max(after_sent.end_char, quote.close_at + 1), ctx.paragraph_of(quote.close_at)[1])
    return before, ctx.tokens_in(quote.close_at + 1, a_end)


def _may_have_cue_after(ctx: Context, index: int) -> bool:
    """A quotation ending its sentence with a full stop has no cue after it; ! and ? may ("Go!" he said)."""
    quote = ctx.quotes[index]
    inner = ctx.text[quote.start : quote.end].rstrip()
    if inner.endswith("."):
        return False
    if inner.endswith(("!", "?")) and quote.close_at is not None:
        rest = ctx.text[quote.close_at + 1 : quote.close_at + 40].lstrip()
        return bool(rest) and rest[0].islower()
    return True


def _speaking_verb(verb: Token, ctx: Context) -> Token:
    """"He warned that Israel would respond 'with full force'": a reporting verb of what would or
    will happen has said nothing yet; the reporting verb it is the complement of is the cue."""
    token = verb
    for _ in range(4):
        if not any(c.dep_ == "aux" and c.lower_ in ctx.cues.unrealised_auxiliaries for c in token.children):
            return token
        if token.dep_ not in ("ccomp", "conj", "xcomp") or token.head is token:
            return verb
        token = token.head
        while token.dep_ in ("conj", "xcomp", "ccomp") and not is_reporting_verb(token, ctx) and token.head is not token:
            token = token.head
        if not is_reporting_verb(token, ctx):
            return verb
    return verb


def _first_verb(tokens: Span, ctx: Context) -> Token | None:
    return next((t for t in tokens if is_reporting_verb(t, ctx)), None)


def _last_verb(tokens: Span, ctx: Context) -> Token | None:
    return next((t for t in reversed(list(tokens)) if is_reporting_verb(t, ctx)), None)


def _is_scare_quote(ctx: Context, index: int) -> bool:
    """A few words in marks with no speech cue: a term held at arm's length, not speech.
    A whole sentence ("The search continues.") is speech however short."""
    quote = ctx.quotes[index]
    inner = ctx.text[quote.start : quote.end]
    if inner[:1].isupper() and inner.rstrip().endswith((".", "!", "?")):
        return False
    return len(inner.split()) <= ctx.cues.scare_quote_max_words


def _is_marked_term(ctx: Context, index: int) -> bool:
    """A short quotation right after "so-called", "dubbed", "known as": a term, whatever follows."""
    quote = ctx.quotes[index]
    if len(ctx.text[quote.start : quote.end].split()) > ctx.cues.scare_quote_max_words:
        return False
    lead = " ".join(ctx.text[max(0, quote.open_at - 40) : quote.open_at].lower().split()[-3:])
    return any(lead.endswith(marker) or lead.endswith(marker + " a") or lead.endswith(marker + " the")
               for marker in ctx.cues.scare_markers)


def _continued_quote(ctx: Context, index: int) -> int | None:
    """The quotation this one continues: the previous one at the same level in its paragraph or
    in the paragraph before, when this one opens its paragraph or follows a sentence of narration."""
    quote = ctx.quotes[index]
    p_start, _ = ctx.paragraph_of(quote.open_at)
    for prev_index in range(index - 1, -1, -1):
        prev = ctx.quotes[prev_index]
        if prev.parent != quote.parent:
            continue
        prev_para = ctx.paragraph_of(prev.open_at)[0]
        same_para = prev_para == p_start
        opens_para = not ctx.text[p_start : quote.open_at].strip()
        if same_para or (opens_para and ctx.paragraph_of(max(p_start - 2, 0))[0] == prev_para):
            return prev_index
        return None
    return None
