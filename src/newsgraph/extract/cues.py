"""The cue patterns of page reading, loaded from data files (en/boilerplate.yaml, en/page_cues.yaml).

Rules are data so a user can extend them without touching code; this module only compiles them.
Loading is cached per data folder in a pure function, so there is no global mutable state.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from newsgraph.datafiles import read_csv, read_yaml
from newsgraph.errors import DataFileError, NewsgraphError

Pattern = re.Pattern[str]


@dataclass(frozen=True)
class Boilerplate:
    """Page furniture cues (en/boilerplate.yaml)."""

    max_chars: int
    furniture: tuple[tuple[str, Pattern], ...]  # (group, pattern), in priority order
    link_lists: tuple[Pattern, ...]
    comment_sections: tuple[Pattern, ...]
    link_list_item_max_chars: int


@dataclass(frozen=True)
class PageCues:
    """Cues for titles, bylines, captions, author notes, datelines and footnote citations."""

    title_max_chars: int
    title_max_words: int
    byline_prefixes: tuple[str, ...]
    byline_separators: tuple[str, ...]
    byline_max_chars: int
    byline_search_lines: int
    caption_max_chars: int
    credit_tail_chars: int
    credits: tuple[Pattern, ...]
    note_max_chars: int
    notes: tuple[Pattern, ...]
    note_roles: tuple[str, ...]
    datelines: tuple[Pattern, ...]
    outlet_words: frozenset[str]
    citation_followers: tuple[str, ...]
    citation_joiners: frozenset[str]


@dataclass(frozen=True)
class Cues:
    boilerplate: Boilerplate
    page: PageCues
    outlets: tuple[str, ...]  # known outlet names and aliases, longest first


def _merged(name: str, data_dir: str | None) -> dict[str, Any]:
    """The bundled YAML mapping with a user's lists appended and scalars replaced."""
    merged: dict[str, Any] = {}
    for path, data in read_yaml(name, data_dir):
        if not isinstance(data, Mapping):
            raise DataFileError(f"{path}: expected a mapping at the top level", code="NG303")
        _merge_into(merged, data)
    return merged


def _merge_into(base: dict[str, Any], extra: Mapping[str, Any]) -> None:
    for key, value in extra.items():
        if isinstance(value, Mapping) and isinstance(base.get(key), dict):
            _merge_into(base[key], value)
        elif isinstance(value, list) and isinstance(base.get(key), list):
            base[key] = [*base[key], *value]
        elif isinstance(value, Mapping):
            base[key] = {}
            _merge_into(base[key], value)
        else:
            base[key] = value


def _compile(patterns: Sequence[Any], where: str, flags: int = re.IGNORECASE) -> tuple[Pattern, ...]:
    compiled = []
    for item in patterns or ():
        if not isinstance(item, str) or not item.strip():
            raise DataFileError(f"{where}: empty or non-text pattern {item!r}; delete it", code="NG304")
        try:
            compiled.append(re.compile(item, flags))
        except re.error as exc:
            raise DataFileError(f"{where}: bad pattern {item!r}: {exc}", code="NG305") from None
    return tuple(compiled)


def _boilerplate(data: Mapping[str, Any]) -> Boilerplate:
    furniture = []
    for group, patterns in (data.get("furniture") or {}).items():
        for pattern in _compile(patterns, f"en/boilerplate.yaml furniture.{group}"):
            furniture.append((str(group), pattern))
    return Boilerplate(
        max_chars=int(data.get("max_chars", 300)),
        furniture=tuple(furniture),
        link_lists=_compile(data.get("link_lists", []), "en/boilerplate.yaml link_lists"),
        comment_sections=_compile(data.get("comment_sections", []), "en/boilerplate.yaml comment_sections"),
        link_list_item_max_chars=int(data.get("link_list_item_max_chars", 160)),
    )


def _page(data: Mapping[str, Any]) -> PageCues:
    title = data.get("title") or {}
    byline = data.get("byline") or {}
    captions = data.get("captions") or {}
    notes = data.get("author_notes") or {}
    citations = data.get("citations") or {}
    return PageCues(
        title_max_chars=int(title.get("max_chars", 200)),
        title_max_words=int(title.get("max_words", 30)),
        byline_prefixes=tuple(str(p).lower() for p in byline.get("prefixes", ["by"])),
        byline_separators=tuple(str(s) for s in byline.get("separators", [" and ", ", "])),
        byline_max_chars=int(byline.get("max_chars", 120)),
        byline_search_lines=int(byline.get("search_lines", 4)),
        caption_max_chars=int(captions.get("max_chars", 300)),
        credit_tail_chars=int(captions.get("credit_tail_chars", 120)),
        credits=_compile(captions.get("credits", []), "en/page_cues.yaml captions.credits"),
        note_max_chars=int(notes.get("max_chars", 400)),
        notes=_compile(notes.get("patterns", []), "en/page_cues.yaml author_notes.patterns"),
        note_roles=tuple(str(r).lower() for r in notes.get("roles", [])),
        datelines=_compile(data.get("datelines", []), "en/page_cues.yaml datelines", flags=0),
        outlet_words=frozenset(str(w) for w in citations.get("outlet_words", [])),
        citation_followers=tuple(str(w) for w in citations.get("followers", [])),
        citation_joiners=frozenset(str(w) for w in citations.get("joiners", [])),
    )


def _outlet_names(data_dir: str | None) -> tuple[str, ...]:
    """Names and aliases from outlets.csv (another stage's gazetteer); empty when it is not there."""
    names: set[str] = set()
    try:
        for _path, _line, row in read_csv("outlets.csv", data_dir):
            names.add(row.get("name", ""))
            names.update(a.strip() for a in re.split(r"[|;]", row.get("aliases", "")))
    except NewsgraphError:
        return ()  # the gazetteer is optional here: outlet words still find markers
    return tuple(sorted((n for n in names if len(n) > 1), key=len, reverse=True))


@cache
def load_cues(data_dir: str | None = None) -> Cues:
    """The compiled cues for English pages, bundled files first, then ``data_dir``'s."""
    resolved = str(Path(data_dir)) if data_dir else None
    return Cues(
        boilerplate=_boilerplate(_merged("en/boilerplate.yaml", resolved)),
        page=_page(_merged("en/page_cues.yaml", resolved)),
        outlets=_outlet_names(resolved),
    )
