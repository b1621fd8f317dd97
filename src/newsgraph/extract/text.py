"""Reading a news page that was saved as text: title, byline, captions, author notes, furniture.

Scraped pages keep what a reader skips (comment forms, share prompts, related-story lists) and
mix what a reader sees apart (the caption under a photo, the note on the writer) into the body.
Each rule here takes one kind of line out of the body and puts it where it belongs; the cue
patterns come from data files (``en/boilerplate.yaml``, ``en/page_cues.yaml``).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from newsgraph.extract.cues import Boilerplate, Cues, PageCues
from newsgraph.extract.whitespace import block_lines
from newsgraph.model import Caption

_PARTICLES = frozenset({"de", "da", "del", "della", "van", "von", "der", "den", "bin", "ibn", "al", "el",
                        "la", "le", "du", "dos", "das", "ben", "y"})
_NOT_NAMES = frozenset({"staff", "reporter", "correspondent", "editor", "writer", "desk", "team", "news",
                        "agencies", "agency", "wire", "wires", "contributor", "columnist"})
_GENERIC = frozenset({"our", "web", "special", "senior", "foreign", "political", "online", "digital", "the",
                      "a", "by"})
_CREDIT_EDGE = " .(|–—-:,;"


@dataclass
class Page:
    """The parts of one page; ``paragraphs`` is the body, in order."""

    paragraphs: list[str]
    title: str | None = None
    authors: list[str] = field(default_factory=list)
    outlet: str | None = None
    captions: list[Caption] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)


def _fold(text: str) -> str:
    return re.sub(r"\W+", " ", text).strip().lower()


def read_page(text: str, cues: Cues, *, title: str | None = None, find_title: bool = True) -> Page:
    """Split normalised ``text`` into body paragraphs and page parts.

    ``title`` is a title already known (metadata, a hint): a first line repeating it is dropped.
    """
    units = block_lines(text)
    page = Page(paragraphs=[])
    lines = _drop_comment_section([u for u, _ in units], cues.boilerplate, page)
    blank_after = [b for _, b in units][: len(lines)]
    lines, blank_after = _drop_furniture(lines, blank_after, cues.boilerplate, page)
    start = _take_title(lines, blank_after, cues.page, page, title, find_title)
    lines = lines[start:]
    lines = _take_captions(lines, cues.page, page)
    lines = _take_byline(lines, cues, page)
    lines = _take_notes(lines, cues.page, page)
    page.outlet = page.outlet or _dateline_outlet(lines, cues.page)
    page.paragraphs = lines
    return page


def _matches(line: str, patterns: Sequence[re.Pattern[str]]) -> bool:
    return any(p.match(line) for p in patterns)


def _drop_comment_section(lines: list[str], cues: Boilerplate, page: Page) -> list[str]:
    """Everything from a comment-section heading ("3 Comments", "Leave a Reply") on goes."""
    for i, line in enumerate(lines):
        if i >= 2 and len(line) <= cues.max_chars and any(p.fullmatch(line) for p in cues.comment_sections):
            page.removed.extend(lines[i:])
            return lines[:i]
    return lines


def _drop_furniture(
    lines: list[str], blank_after: list[bool], cues: Boilerplate, page: Page
) -> tuple[list[str], list[bool]]:
    """Drop furniture lines and related-story lists (a heading and the short items under it)."""
    kept: list[str] = []
    kept_blank: list[bool] = []
    in_list = False
    for line, blank in zip(lines, blank_after, strict=False):
        short = len(line) <= cues.max_chars
        if in_list and len(line) <= cues.link_list_item_max_chars and not _is_sentence(line):
            page.removed.append(line)
            continue
        in_list = False
        heading = next((p.match(line) for p in cues.link_lists if p.match(line)), None) if short else None
        if heading:
            page.removed.append(line)
            in_list = heading.end() >= len(line.rstrip(" :")) - 1  # "Read more: <headline>" is one line
            continue
        if short and any(p.match(line) for _, p in cues.furniture):
            page.removed.append(line)
            continue
        kept.append(line)
        kept_blank.append(blank)
    return kept, kept_blank


def _is_sentence(line: str) -> bool:
    """A line that reads as prose (ends like a sentence and is long), not a list item or headline."""
    return line.rstrip().endswith((".", "!", "?", "…", ".”", ".’", '."')) and len(line.split()) > 12


def _is_title(line: str, blank: bool, cues: PageCues) -> bool:
    return (
        blank
        and len(line) <= cues.title_max_chars
        and len(line.split()) <= cues.title_max_words
        and not line.rstrip().endswith((".", ",", ";", ":"))
        and any(c.isalpha() for c in line)
    )


def _take_title(
    lines: list[str], blank_after: list[bool], cues: PageCues, page: Page, known: str | None, find: bool
) -> int:
    """How many leading lines are the title; sets ``page.title``."""
    if not lines:
        page.title = known
        return 0
    if known:
        page.title = known
        return 1 if _fold(lines[0]) == _fold(known) else 0
    if (
        find
        and len(lines) > 1
        and _is_title(lines[0], blank_after[0], cues)
        and not _parse_byline(lines[0], cues)
        and not any(p.match(lines[0]) for p in cues.datelines)
    ):
        page.title = lines[0]
        return 1
    return 0


def _credit(line: str, cues: PageCues) -> tuple[str, str] | None:
    """(caption text, credit) when ``line`` ends with a photo credit."""
    if len(line) > cues.caption_max_chars:
        return None
    tail = max(0, len(line) - cues.credit_tail_chars)
    for pattern in cues.credits:
        match = pattern.search(line, tail)
        if not match or (match.start() > 0 and line[match.start() - 1] not in _CREDIT_EDGE):
            continue
        credit = match.group("credit").strip(" .,;:-|/()")
        if not credit or not credit[0].isupper() or len(credit.split()) > 8:
            continue
        return line[: match.start()].strip(" -–—|,;:("), credit
    return None


def _take_captions(lines: list[str], cues: PageCues, page: Page) -> list[str]:
    """Lines ending with a photo credit become captions; a bare credit takes the short line above."""
    kept: list[str] = []
    for line in lines:
        found = _credit(line, cues)
        if not found:
            kept.append(line)
            continue
        text, credit = found
        if not text and kept and len(kept[-1]) <= cues.caption_max_chars and not _is_sentence(kept[-1]):
            text = kept.pop()
        if text:
            page.captions.append(Caption(text=text, credit=credit))
        else:
            page.removed.append(line)
    return kept


def _split_names(names: str, cues: PageCues) -> list[str]:
    for sep in cues.byline_separators:
        names = names.replace(sep, "\x00")
    return [n.strip(" .,") for n in names.split("\x00") if n.strip(" .,")]


def _is_name(name: str) -> bool:
    """A person's name: two to five capitalised words (particles allowed), no digits."""
    words = name.split()
    if not 2 <= len(words) <= 5 or any(ch.isdigit() for ch in name) or len(name) > 60:
        return False
    if any(w.lower().strip(".,") in _NOT_NAMES for w in words):
        return False
    return words[0][:1].isupper() and all(w[:1].isupper() or w.lower() in _PARTICLES for w in words)


def _is_generic(piece: str) -> bool:
    """A byline without a person: "Staff Reporter", "Our Correspondent", "Web Desk"."""
    words = piece.lower().split()
    return bool(words) and all(w in _NOT_NAMES or w in _GENERIC for w in words)


def _outlet_in(piece: str, cues: PageCues) -> str | None:
    """An outlet named in a byline's tail ("Kyiv Independent Desk" -> "Kyiv Independent")."""
    words = piece.split()
    while words and words[-1].lower() in _NOT_NAMES:
        words.pop()
    if words and any(w in cues.outlet_words for w in words) and all(w[:1].isupper() for w in words):
        return " ".join(words)
    return None


def _parse_byline(line: str, cues: PageCues) -> tuple[list[str], str | None] | None:
    """Authors and outlet of a byline ("By X and Y", "Written by X", "X | Reuters"), or None."""
    if len(line) > cues.byline_max_chars:
        return None
    lower = line.lower()
    prefix = next((p for p in cues.byline_prefixes if lower.startswith((p + " ", p + ":"))), None)
    rest = line[len(prefix) + 1:].lstrip(" :") if prefix else line
    outlet = None
    parts = re.split(r"\s+[|–—]\s+|\s+-\s+", rest)
    if len(parts) > 1:
        tail = parts[1].strip()
        if re.fullmatch(r"[A-Z][\w&.'’-]*(?: [A-Z][\w&.'’-]*){0,3}", tail) and not _looks_like_date(tail):
            outlet = tail
        elif not _looks_like_date(tail) and not prefix:
            return None
    names: list[str] = []
    for i, piece in enumerate(_split_names(re.split(r",\s*(?=[^,]*\d)", parts[0])[0], cues)):
        if _is_name(piece):
            names.append(piece)
        elif i == 0 and not (prefix and (_is_generic(piece) or _outlet_in(piece, cues))):
            return None
        else:  # an affiliation, a place or an outlet after the names: not a name
            outlet = outlet or _outlet_in(piece, cues)
    if not names and not prefix:
        return None
    if not prefix and outlet is None:
        return None  # a bare name line is too weak a cue without "By" or "| Outlet"
    return names, outlet


def _looks_like_date(text: str) -> bool:
    return bool(re.search(r"\d", text)) or bool(re.match(r"(updated|published|posted)\b", text, re.I))


def _take_byline(lines: list[str], cues: Cues, page: Page) -> list[str]:
    for i, line in enumerate(lines[: cues.page.byline_search_lines]):
        parsed = _parse_byline(line, cues.page)
        if parsed:
            page.authors, outlet = parsed
            page.outlet = page.outlet or outlet
            if not page.authors:
                page.removed.append(line)
            return lines[:i] + lines[i + 1:]
    return lines


def _is_note(line: str, cues: PageCues, authors: Sequence[str]) -> bool:
    line = line.strip(" *_—–-")
    if len(line) > cues.note_max_chars:
        return False
    if _matches(line, cues.notes):
        return True
    if any(line.startswith(f"{a} is ") or line.startswith(f"{a} was ") for a in authors):
        return True
    match = re.match(r"(?:[A-Z][\w.'’-]*\s){1,5}(?:is|was|has been|is currently)\s", line)
    lower = line.lower()
    return bool(match) and any(re.search(rf"\b{re.escape(role)}", lower) for role in cues.note_roles)


def _take_notes(lines: list[str], cues: PageCues, page: Page) -> list[str]:
    """Author notes sit at the end of the article: take them from the bottom up."""
    end = len(lines)
    while end > 2 and _is_note(lines[end - 1], cues, page.authors):
        end -= 1
    page.notes = [line.strip(" *_—–-") for line in lines[end:]]
    return lines[:end]


def _dateline_outlet(lines: Sequence[str], cues: PageCues) -> str | None:
    """The agency of a wire dateline, "MOSCOW (Reuters) - ...", in the first lines."""
    for line in lines[:3]:
        for pattern in cues.datelines:
            match = pattern.match(line)
            if match and match.groupdict().get("outlet"):
                return match.group("outlet")
    return None
