"""Markdown to plain lines: markup out, words kept, front matter read as metadata.

Extraction reads words, not formatting; links keep their text, images go (their captions are
usually the next line), and a YAML front matter block gives title, date and authors.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

import yaml

_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.{0,8000}?)\n(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.DOTALL)
_IMAGE = re.compile(r"!\[[^\]\n]*\]\([^)\n]*\)|!\[[^\]\n]*\]\[[^\]\n]*\]")
_LINK = re.compile(r"\[([^\]\n]+)\]\([^)\n]*\)|\[([^\]\n]+)\]\[[^\]\n]*\]")
_REF_DEF = re.compile(r"^ {0,3}\[[^\]\n]+\]:\s+\S+.*$", re.MULTILINE)
_HEADING = re.compile(r"^ {0,3}(#{1,6})\s+(.*?)\s*#*\s*$", re.MULTILINE)
_SETEXT = re.compile(r"^(.+)\n(=+|-+)[ \t]*$", re.MULTILINE)
_RULE = re.compile(r"^ {0,3}([-*_])(?:\s*\1){2,}\s*$", re.MULTILINE)
_FENCE = re.compile(r"^ {0,3}(```|~~~).*$", re.MULTILINE)
_QUOTE = re.compile(r"^ {0,3}>\s?", re.MULTILINE)
_LIST = re.compile(r"^ {0,3}(?:[-*+]|\d{1,3}[.)])\s+", re.MULTILINE)
_STRONG = re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1")
_EMPHASIS = re.compile(r"(?<![\w*])([*_])(?=\S)(.+?)(?<=\S)\1(?![\w*])")
_CODE = re.compile(r"`([^`\n]*)`")
_TAG = re.compile(r"</?[A-Za-z][^>\n]*>|<!--.*?-->", re.DOTALL)


@dataclass
class MarkdownText:
    text: str
    title: str | None = None
    published: str | None = None
    authors: list[str] = field(default_factory=list)


def _front_matter(text: str) -> tuple[dict[str, Any], str]:
    match = _FRONT_MATTER.match(text)
    if not match:
        return {}, text
    try:
        data = yaml.safe_load(match.group(1))
    except yaml.YAMLError:
        return {}, text
    return (data if isinstance(data, dict) else {}), text[match.end():]


def _authors(value: Any) -> list[str]:
    if isinstance(value, str):
        return [a.strip() for a in re.split(r",| and ", value) if a.strip()]
    if isinstance(value, list):
        return [str(a).strip() for a in value if str(a).strip()]
    return []


_BLOCK_START = re.compile(r"^ {0,3}(?:#{1,6}\s|>|[-*+]\s|\d{1,3}[.)]\s|```|~~~|\||!\[|(?:[-*_]\s*){3,}$|=+\s*$|-+\s*$)")


def _join_soft_breaks(text: str) -> str:
    """Lines of one Markdown paragraph joined: a single newline is a soft break, not a new paragraph."""
    out: list[str] = []
    for line in text.split("\n"):
        if out and out[-1].strip() and line.strip() and not _BLOCK_START.match(line) \
                and not _BLOCK_START.match(out[-1]) and not out[-1].endswith("  "):
            out[-1] = f"{out[-1].rstrip()} {line.strip()}"
        else:
            out.append(line)
    return "\n".join(out)


def strip_markdown(text: str) -> MarkdownText:
    """Plain text of a Markdown document, with its front-matter metadata and first H1 as title."""
    meta, text = _front_matter(text)
    title = str(meta["title"]).strip() if meta.get("title") else None
    published = meta.get("date") or meta.get("published")
    text = _join_soft_breaks(text)
    text = _SETEXT.sub(lambda m: f"{'#' if m.group(2)[0] == '=' else '##'} {m.group(1)}", text)
    if title is None:
        first = _HEADING.search(text)
        if first and first.group(1) == "#" and not text[: first.start()].strip():
            title = first.group(2).strip()
    text = _TAG.sub("", text)
    text = _FENCE.sub("", text)
    text = _RULE.sub("", text)
    text = _REF_DEF.sub("", text)
    text = _IMAGE.sub("", text)
    text = _LINK.sub(lambda m: m.group(1) or m.group(2), text)
    text = _HEADING.sub(lambda m: f"\n{m.group(2)}\n", text)
    text = _QUOTE.sub("", text)
    text = _LIST.sub("", text)
    text = _STRONG.sub(r"\2", text)
    text = _EMPHASIS.sub(r"\2", text)
    text = _CODE.sub(r"\1", text)
    return MarkdownText(
        text=text,
        title=title,
        published=str(published) if published else None,
        authors=_authors(meta.get("authors") or meta.get("author")),
    )
