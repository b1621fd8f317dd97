"""Footnote markers glued to outlet names: "The Washington Post 1 on November 19".

Scraped opinion pieces keep the superscript numbers of their footnotes as plain digits after
the outlet they cite. The digit is noise in the text and a citation in the analysis, so it
leaves the text and becomes a marker. A number after a name is taken for a marker only when the
name is a known outlet or carries an outlet word (Post, Times, News ...), or when it continues
the numbering of markers already found; "Fateh 110", "Arrow 3" and "400 drones" stay in the text.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from newsgraph.extract.cues import PageCues

_TOKEN = re.compile(r"\S+")
_MAX_NAME_TOKENS = 7
_WINDOW = 160


@dataclass(frozen=True)
class Marker:
    """A marker found in one paragraph: offsets are into the cleaned paragraph."""

    paragraph: int
    marker: str
    outlet: str
    start: int
    end: int


def _marker_pattern(cues: PageCues) -> re.Pattern[str]:
    words = [re.escape(w) for w in cues.citation_followers if w[:1].isalnum()]
    marks = [re.escape(w) for w in cues.citation_followers if not w[:1].isalnum()]
    follow = [rf"(?P<word> (?:{'|'.join(words)})\b)"] if words else []
    follow += [rf"(?P<mark> ?[{''.join(marks)}])"] if marks else []
    either = "|".join(follow)
    return re.compile(rf"(?P<gap> ?)(?<![\d.,])(?P<num>[1-9]\d?)(?![\d%])(?=(?:{either}))")


def _name_before(prefix: str, cues: PageCues, outlets: Sequence[str]) -> tuple[str, int, bool] | None:
    """The outlet-like name ending at the end of ``prefix``: (name, start, strong)."""
    for outlet in outlets:
        if prefix.endswith(outlet):
            start = len(prefix) - len(outlet)
            if start == 0 or not prefix[start - 1].isalnum():
                if prefix[:start].endswith("The "):
                    start -= 4
                return prefix[start:], start, True
    tokens = list(_TOKEN.finditer(prefix))
    run: list[re.Match[str]] = []
    for token in reversed(tokens[-_MAX_NAME_TOKENS:]):
        word = token.group()
        if word[:1].isupper() and word[-1:].isalnum() or word in cues.citation_joiners and run:
            run.insert(0, token)
        else:
            break
    while run and not run[0].group()[:1].isupper():
        run.pop(0)
    if not run or run[-1].end() != len(prefix):
        return None
    words = [t.group() for t in run]
    if "The" in words[1:]:
        cut = len(words) - 1 - words[::-1].index("The")
        run = run[cut:]
        words = words[cut:]
    strong = any(w.strip("'’") in cues.outlet_words for w in words)
    return prefix[run[0].start():], run[0].start(), strong


def remove_markers(
    paragraphs: Sequence[str], cues: PageCues, outlets: Sequence[str] = ()
) -> tuple[list[str], list[Marker]]:
    """Paragraphs without footnote markers, and the markers with their outlets' new offsets."""
    pattern = _marker_pattern(cues)
    cleaned: list[str] = []
    found: list[Marker] = []
    last = 0
    for index, para in enumerate(paragraphs):
        out: list[str] = []
        pos = 0
        for match in pattern.finditer(para):
            prefix = para[pos:match.start()]
            window = max(0, match.start() - _WINDOW)  # names are short: never rescan the paragraph
            name = _name_before(para[window:match.start()], cues, outlets)
            if name is None or (not match.group("gap") and not name[2]):
                continue
            outlet, start, strong = name
            start += window
            number = int(match.group("num"))
            if not strong and (number != last + 1 or " " not in outlet):
                continue  # an unknown name: a marker only when it continues the numbering
            if start < pos:
                continue
            out.append(prefix)
            built = "".join(out)
            found.append(Marker(index, match.group("num"), outlet, len(built) - (match.start() - start),
                                len(built)))
            pos = match.end()
            if match.group("mark") and para[pos:pos + 1] == " ":
                pos += 1  # "Defence 3 ," -> "Defence,"
            last = number
        out.append(para[pos:])
        cleaned.append("".join(out))
    return cleaned, found

