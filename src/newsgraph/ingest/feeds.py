"""RSS and Atom feeds: each item's content, or the page it links to when it has only a summary.

Feeds are parsed by feedparser, which copes with the broken XML feeds often are. A summary is a
teaser, not the article, so an item without content is read from its link, through the same
safe fetcher as any URL. A bad item becomes a Rejection; the other items go on.
"""

from __future__ import annotations

import dataclasses
import io
import time
from collections.abc import Iterator
from typing import Any

import feedparser

from newsgraph.errors import NewsgraphError
from newsgraph.ingest.sniff import binary_kind
from newsgraph.ingest.web import FEED_TYPES, Fetcher, to_raw
from newsgraph.model import RawDocument, Rejection

# Content shorter than this is a teaser: the linked page is fetched instead, when there is one.
MIN_CONTENT_CHARS = 200


def _published(entry: Any) -> str | None:
    for key in ("published_parsed", "updated_parsed", "created_parsed"):
        parsed = entry.get(key)
        if isinstance(parsed, time.struct_time):
            return time.strftime("%Y-%m-%d", parsed)
    value = entry.get("published") or entry.get("updated")
    return str(value) if value else None


def _authors(entry: Any) -> tuple[str, ...]:
    names = [str(a.get("name", "")).strip() for a in entry.get("authors", []) if isinstance(a, dict)]
    names = [n for n in names if n]
    if not names and entry.get("author"):
        names = [str(entry["author"]).strip()]
    return tuple(names)


def _content(entry: Any) -> tuple[str, str] | None:
    """The item's longest content block and its media type."""
    blocks = [c for c in entry.get("content", []) if isinstance(c, dict) and str(c.get("value", "")).strip()]
    if not blocks:
        return None
    best = max(blocks, key=lambda c: len(str(c.get("value", ""))))
    media_type = "text/plain" if best.get("type") == "text/plain" else "text/html"
    return str(best["value"]), media_type


def iter_feed(data: bytes, source: str, fetcher: Fetcher) -> Iterator[RawDocument | Rejection]:
    """Documents for the items of the feed in ``data`` (read from ``source``)."""
    parsed = feedparser.parse(io.BytesIO(data), sanitize_html=False, resolve_relative_uris=False)
    entries = list(parsed.get("entries", []))
    if not entries:
        problem = parsed.get("bozo_exception")
        detail = f": {str(problem).splitlines()[0]}" if problem else ""
        yield Rejection(source, f"feed has no items{detail}", "NG150")
        return
    outlet = str(parsed.feed.get("title", "")).strip() or None
    for number, entry in enumerate(entries, start=1):
        try:
            yield _item(entry, number, source, outlet, fetcher)
        except Exception as exc:  # one malformed item must not end the feed
            yield Rejection(f"{source}#item{number}", f"feed item could not be read: {exc}", "NG151")


def _item(entry: Any, number: int, source: str, outlet: str | None, fetcher: Fetcher) -> RawDocument | Rejection:
    link = str(entry.get("link", "")).strip() or None
    where = link or f"{source}#item{number}"
    hinted = RawDocument(
        source=where,
        data=b"",
        url=link,
        title=str(entry.get("title", "")).strip() or None,
        published=_published(entry),
        outlet=outlet,
        authors=_authors(entry),
    )
    content = _content(entry)
    summary = str(entry.get("summary", "")).strip()
    if content is None and not link and len(summary) >= MIN_CONTENT_CHARS:
        content = (summary, "text/html")  # no link to follow: a long summary is the text there is
    if content and (len(content[0]) >= MIN_CONTENT_CHARS or not link):
        text, media_type = content
        return dataclasses.replace(hinted, data=text.encode("utf-8"), media_type=media_type, encoding="utf-8")
    if not link:
        return Rejection(where, "feed item has no content and no link to read", "NG152")
    try:
        fetched = fetcher.fetch(link)
    except NewsgraphError as exc:
        return Rejection(where, f"linked page: {exc.args[0]}", exc.code)
    raw = to_raw(fetched, source=where)
    problem = "a feed" if raw.media_type in FEED_TYPES else binary_kind(raw.data[:8192])
    if problem:
        return Rejection(where, f"linked page is not an article ({problem})", "NG153")
    return dataclasses.replace(hinted, data=raw.data, media_type=raw.media_type, encoding=raw.encoding, url=raw.url)
