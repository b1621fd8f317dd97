"""Direct quotation spans, found in one pass over the quotation marks of the text.

Typographic and straight, double and single marks; an apostrophe is told apart from a closing
mark by its neighbours (Moscow’s, governments’ affairs); a quotation may nest another, run over
several paragraphs (English reopens the mark at each new paragraph) or, when its closing mark is
missing, end with its paragraph (``unclosed``).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

DOUBLE_OPEN = "“„«"
DOUBLE_CLOSE = "”»"
SINGLE_OPEN = "‘‚‹"
SINGLE_CLOSE = "’›"
STRAIGHT = "\"'"
# Word classes after "s’ " that continue a noun phrase (a plural possessive), not a clause.
POSSESSED_POS = frozenset({"NOUN", "ADJ", "NUM", "PROPN"})

PARAGRAPH_BREAK = re.compile(r"\n\s*")


@dataclass(frozen=True)
class QuoteSpan:
    """The inside of one quotation (offsets without the marks) and how it was delimited."""

    start: int
    end: int
    open_at: int
    close_at: int | None  # None when the closing mark is missing
    family: str  # "double" | "single"
    parent: int | None = None  # index of the enclosing quotation in the result

    @property
    def unclosed(self) -> bool:
        return self.close_at is None


@dataclass
class _Open:
    at: int
    family: str
    straight: bool
    parent: int | None
    slot: int  # index reserved in the output list


PosAt = Callable[[int], str | None]


def paragraph_spans(text: str, paragraphs: tuple[tuple[int, int], ...] = ()) -> list[tuple[int, int]]:
    """Paragraphs as given by extraction, else the text split at line breaks."""
    if paragraphs:
        return [(a, b) for a, b in paragraphs if b > a]
    spans, pos = [], 0
    for m in PARAGRAPH_BREAK.finditer(text):
        if m.start() > pos:
            spans.append((pos, m.start()))
        pos = m.end()
    if pos < len(text):
        spans.append((pos, len(text)))
    return spans


def _family(ch: str) -> str:
    return "double" if ch in DOUBLE_OPEN or ch in DOUBLE_CLOSE or ch == '"' else "single"


def _is_word(ch: str) -> bool:
    return ch.isalnum()


def _opens_here(text: str, i: int, start: int) -> bool:
    """A straight mark opens when it follows a space (or the paragraph's start) and leads into a word."""
    before = text[i - 1] if i > start else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    return (before.isspace() or before in "([{—–-/:" + DOUBLE_OPEN + SINGLE_OPEN + "\"'") and not after.isspace()


def _is_elision(text: str, i: int) -> bool:
    """’90s, ’til, ’n’: a right mark or apostrophe after a space, before a word."""
    after = text[i + 1 : i + 4]
    return bool(re.match(r"\d\ds|\d\d\b|n['’]|til\b|em\b|cause\b", after))


def _is_possessive(text: str, i: int, end: int, pos_at: PosAt, later_close: bool) -> bool:
    """governments’ affairs: a mark after -s, then a space and a word that continues the noun phrase."""
    if i == 0 or text[i - 1] not in "sSzZ" or not later_close:
        return False
    m = re.match(r"[ \u00a0]+(\w)", text[i + 1 : end])
    if not m:
        return False
    word_at = i + 1 + m.start(1)
    pos = pos_at(word_at)
    if pos is not None:
        return pos in POSSESSED_POS
    return m.group(1).islower()


def _could_close(text: str, i: int, start: int) -> bool:
    before = text[i - 1] if i > start else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    if before.isspace():
        return False
    return not _is_word(after)


def _later_close(text: str, i: int, end: int, family: str) -> bool:
    """Is there another candidate closing mark of ``family`` before the paragraph ends?"""
    marks = (DOUBLE_CLOSE + '"') if family == "double" else (SINGLE_CLOSE + "'")
    return any(text[j] in marks and _could_close(text, j, i + 1) for j in range(i + 1, end))


def find_quotes(
    text: str, paragraphs: tuple[tuple[int, int], ...] = (), pos_at: PosAt | None = None
) -> tuple[QuoteSpan, ...]:
    """All quotations in text order (outer before inner), each with its parent's index.

    ``pos_at(offset)`` gives the part of speech of the word at a character offset (from the
    parse); it decides plural possessives (governments’ affairs). Without it, a lowercase word
    after ``s’`` is taken as possessed.
    """
    pos_at = pos_at or (lambda _offset: None)
    out: list[QuoteSpan | None] = []
    stack: list[_Open] = []
    paras = paragraph_spans(text, paragraphs)
    for p_index, (p_start, p_end) in enumerate(paras):
        reopened = _reopening(text, p_start, stack)
        for i in range(p_start, p_end):
            if i == reopened:
                continue
            ch = text[i]
            if ch in DOUBLE_OPEN or ch in SINGLE_OPEN:
                if ch == "‘" and i > p_start and text[i - 1].isspace() and _is_elision(text, i):
                    continue
                stack.append(_new_open(i, _family(ch), False, stack, out))
            elif ch in DOUBLE_CLOSE or ch in SINGLE_CLOSE:
                _handle_close(text, i, p_start, p_end, _family(ch), stack, out, pos_at)
            elif ch in STRAIGHT:
                _handle_straight(text, i, p_start, p_end, stack, out, pos_at)
        next_para = paras[p_index + 1] if p_index + 1 < len(paras) else None
        if stack and not (next_para and _continues(text, next_para[0], stack[0])):
            _close_all_unclosed(text, p_end, stack, out)
    return _renumber(out)


def _new_open(i: int, family: str, straight: bool, stack: list[_Open], out: list[QuoteSpan | None]) -> _Open:
    out.append(None)
    parent = stack[-1].slot if stack else None
    return _Open(at=i, family=family, straight=straight, parent=parent, slot=len(out) - 1)


def _handle_close(
    text: str, i: int, p_start: int, p_end: int, family: str,
    stack: list[_Open], out: list[QuoteSpan | None], pos_at: PosAt,
) -> None:
    before = text[i - 1] if i > p_start else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    if family == "single" and (_is_word(before) and _is_word(after) or before.isspace()):
        return  # Moscow’s, O’Brien, ’90s: an apostrophe
    depth = _find_open(stack, family)
    if depth is None:
        return
    if family == "single" and _is_possessive(text, i, p_end, pos_at, _later_close(text, i, p_end, family)):
        return
    _close_at(text, i, depth, stack, out)


def _handle_straight(
    text: str, i: int, p_start: int, p_end: int,
    stack: list[_Open], out: list[QuoteSpan | None], pos_at: PosAt,
) -> None:
    ch = text[i]
    family = _family(ch)
    before = text[i - 1] if i > p_start else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    if ch == "'" and _is_word(before) and _is_word(after):
        return  # don't, Taliban's
    depth = _find_open(stack, family, straight=True)
    if depth is not None and _could_close(text, i, p_start):
        if ch == "'" and _is_possessive(text, i, p_end, pos_at, _later_close(text, i, p_end, family)):
            return
        _close_at(text, i, depth, stack, out)
    elif _opens_here(text, i, p_start) and not (ch == "'" and _is_elision(text, i)):
        stack.append(_new_open(i, family, True, stack, out))


def _find_open(stack: list[_Open], family: str, straight: bool | None = None) -> int | None:
    for depth in range(len(stack) - 1, -1, -1):
        if stack[depth].family == family and (straight is None or stack[depth].straight == straight):
            return depth
    return None


def _close_at(text: str, i: int, depth: int, stack: list[_Open], out: list[QuoteSpan | None]) -> None:
    # Inner quotations still open when an outer one closes were not quotations after all.
    del stack[depth + 1 :]
    opened = stack.pop()
    out[opened.slot] = _span(text, opened, i, i)


def _close_all_unclosed(text: str, p_end: int, stack: list[_Open], out: list[QuoteSpan | None]) -> None:
    while stack:
        opened = stack.pop()
        out[opened.slot] = _span(text, opened, p_end, None)


def _span(text: str, opened: _Open, end: int, close_at: int | None) -> QuoteSpan:
    start = opened.at + 1
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return QuoteSpan(start=start, end=end, open_at=opened.at, close_at=close_at,
                     family=opened.family, parent=opened.parent)


def _continues(text: str, next_start: int, outer: _Open) -> bool:
    """English reopens a quotation at each new paragraph it runs into."""
    ch = text[next_start] if next_start < len(text) else ""
    if not ch:
        return False
    if outer.straight:
        return ch == ("\"" if outer.family == "double" else "'")
    return ch in (DOUBLE_OPEN if outer.family == "double" else SINGLE_OPEN)


def _reopening(text: str, p_start: int, stack: list[_Open]) -> int | None:
    return p_start if stack else None


def _renumber(out: list[QuoteSpan | None]) -> tuple[QuoteSpan, ...]:
    """Drop the discarded slots and point parents at the kept indices."""
    index: dict[int, int] = {}
    kept: list[QuoteSpan] = []
    for slot, span in enumerate(out):
        if span is not None and span.end > span.start:
            index[slot] = len(kept)
            kept.append(span)
    fixed = []
    for span in kept:
        parent = span.parent
        while parent is not None and parent not in index:
            dropped = out[parent]
            parent = dropped.parent if dropped is not None else None
        fixed.append(QuoteSpan(span.start, span.end, span.open_at, span.close_at, span.family,
                               index.get(parent) if parent is not None else None))
    return tuple(fixed)
