"""What every cue handler reads: the parse, the cue lexicon, quotations, entities, citations."""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from newsgraph.attribution.cues import AttributionCues
from newsgraph.attribution.quotes import QuoteSpan
from newsgraph.model import Citation, Entity


@dataclass(frozen=True)
class Draft:
    """A claim before its speaker is resolved and its id given."""

    kind: str
    start: int
    end: int
    speaker_head: int | None = None  # token index of the speaker phrase's head
    speaker_span: tuple[int, int] | None = None  # token range of the speaker phrase
    cue: str | None = None
    cue_span: tuple[int, int] | None = None  # character range of the cue words
    unclosed: bool = False
    quote: int | None = None  # index into Context.quotes for direct quotes
    inherit_from: int | None = None  # quote index whose speaker a continuation takes
    according_to: bool = False


@dataclass(frozen=True)
class Context:
    doc: Doc
    text: str
    cues: AttributionCues
    quotes: tuple[QuoteSpan, ...]
    entities: tuple[Entity, ...]
    citations: tuple[Citation, ...]
    paragraphs: tuple[tuple[int, int], ...]
    token_starts: tuple[int, ...] = field(default=())
    lowers: tuple[str, ...] = field(default=())  # each token's lowercase form
    hedge_forms: tuple[str, ...] = field(default=())  # the same, blank for nouns: "a claim" hedges nothing

    def token_at(self, offset: int) -> Token:
        """The token holding character ``offset`` (or the one just before it)."""
        i = max(0, bisect_right(self.token_starts, offset) - 1)
        return self.doc[i]

    def tokens_in(self, start: int, end: int) -> Span:
        """The tokens whose first character lies in ``[start, end)``."""
        a = bisect_right(self.token_starts, start - 1)
        b = bisect_right(self.token_starts, end - 1)
        return self.doc[a:b]

    def paragraph_of(self, offset: int) -> tuple[int, int]:
        for a, b in self.paragraphs:
            if a <= offset < b:
                return a, b
        return 0, len(self.text)

    def in_quote(self, offset: int) -> int | None:
        """The innermost quotation holding ``offset`` (between its marks), if any."""
        found = None
        for index, q in enumerate(self.quotes):
            if q.open_at < offset < (q.close_at if q.close_at is not None else q.end + 1):
                found = index
        return found
