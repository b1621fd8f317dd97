"""Whitespace and invisible characters: one normal form, so offsets and matching are stable.

Scraped pages carry no-break spaces, zero-width characters, bidi controls and odd line breaks;
they hide words from every later stage, so they go before anything reads the text.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence

# Zero-width characters, soft hyphen and bidi controls: removed.
_INVISIBLE = re.compile("[\u00ad\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff\u061c]")
# Other control characters (tab and newline are handled apart): removed.
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f]")
# Line and paragraph separators: newlines.
_BREAKS = re.compile("\r\n|[\r\x85\u2028\u2029]")
# Any horizontal space (tab, no-break space, the Unicode spaces): one ASCII space.
_SPACES = re.compile("[ \t\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]+")
_BLANK_LINES = re.compile(r"\n[ \t]*\n\s*")


def normalize_text(text: str) -> str:
    """NFC, no invisible characters, one space between words, ``\\n`` line ends, lines stripped."""
    text = unicodedata.normalize("NFC", text)
    text = _BREAKS.sub("\n", text)
    text = _INVISIBLE.sub("", text)
    text = _CONTROL.sub("", text)
    text = _SPACES.sub(" ", text)
    return "\n".join(line.strip() for line in text.split("\n")).strip("\n")


def split_blocks(text: str) -> list[list[str]]:
    """Blocks of lines separated by blank lines, from normalised text."""
    return [block.split("\n") for block in _BLANK_LINES.split(text.strip()) if block.strip()]


def is_hard_wrapped(lines: Sequence[str]) -> bool:
    """True when a block's lines look like one paragraph wrapped at a fixed width (e-mail style).

    Wrapped lines are long and of nearly equal length, and some break mid-sentence; a block of
    short, unequal or sentence-final lines is a list of separate lines (a scraper's output).
    """
    if len(lines) < 3:
        return False
    body = lines[:-1]
    longest = max(len(line) for line in body)
    if longest > 100 or any(len(line) < 50 or len(line) < 0.8 * longest for line in body):
        return False
    return any(not a.endswith((".", "!", "?", ":", '"', "”")) or b[:1].islower()
               for a, b in zip(lines, lines[1:], strict=False))


def block_lines(text: str) -> list[tuple[str, bool]]:
    """The text as lines to read one by one, each with whether a blank line follows it.

    A hard-wrapped block becomes one line; otherwise each line of a block is its own unit, as a
    scraper writes one paragraph per line.
    """
    units: list[tuple[str, bool]] = []
    for block in split_blocks(text):
        lines = [" ".join(block)] if is_hard_wrapped(block) else [line for line in block if line]
        for i, line in enumerate(lines):
            units.append((line, i == len(lines) - 1))
    return units


def join_paragraphs(paragraphs: Sequence[str]) -> tuple[str, tuple[tuple[int, int], ...]]:
    """Text with one blank line between paragraphs, and each paragraph's (start, end)."""
    parts: list[str] = []
    offsets: list[tuple[int, int]] = []
    pos = 0
    for para in paragraphs:
        para = para.strip()
        if not para:
            continue
        if parts:
            pos += 2
        offsets.append((pos, pos + len(para)))
        parts.append(para)
        pos += len(para)
    return "\n\n".join(parts), tuple(offsets)
