"""What a polled source holds: the items of a feed, the pages a sitemap lists, or the page itself.

Items are produced lazily, so a stop request between two items leaves the rest for the next
poll. Feeds are read by ingest's ``iter_feed`` (feedparser, linked pages through the fetcher);
the watcher's fetcher refuses links already taken, so a known item is never fetched again.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from lxml import etree

from newsgraph.errors import NewsgraphError
from newsgraph.ingest.feeds import iter_feed
from newsgraph.ingest.sniff import looks_like_feed
from newsgraph.ingest.web import FEED_TYPES, to_raw
from newsgraph.model import RawDocument, Rejection
from newsgraph.watch.fetch import SEEN_CODE, Response, WatchFetcher

log = logging.getLogger(__name__)

MAX_CHILD_SITEMAPS = 20


@dataclass(frozen=True)
class Item:
    """One candidate document: its URL and either its content or why it could not be read."""

    url: str
    raw: RawDocument | None = None
    rejection: Rejection | None = None
    by_content: bool = False  # a page: the same URL with new content is a new item


def kind_of(response: Response) -> str:
    """``sitemap``, ``feed`` or ``page``, from the body first and the content type second."""
    head = response.data[:2048].lstrip().lower()
    if b"<urlset" in head or b"<sitemapindex" in head:
        return "sitemap"
    if response.media_type in FEED_TYPES or looks_like_feed(response.data):
        return "feed"
    return "page"


def iter_items(response: Response, source: str, fetcher: WatchFetcher, *, seen_url: Callable[[str], bool],
               limit: int) -> Iterator[Item]:  # fmt: skip
    """The new items of a successful poll of ``source`` (at most ``limit`` pages fetched)."""
    kind = kind_of(response)
    if kind == "feed":
        yield from _feed(response, source, fetcher)
    elif kind == "sitemap":
        yield from _sitemap(response, fetcher, seen_url, limit)
    else:
        yield Item(source, raw=to_raw(response.fetched(), source=source), by_content=True)


def _feed(response: Response, source: str, fetcher: WatchFetcher) -> Iterator[Item]:
    for doc in iter_feed(response.data, source, fetcher):
        if isinstance(doc, Rejection):
            if doc.code != SEEN_CODE:
                yield Item(doc.source, rejection=doc)
        else:
            yield Item(doc.url or doc.source, raw=doc)


def _sitemap(response: Response, fetcher: WatchFetcher, seen_url: Callable[[str], bool], limit: int) -> Iterator[Item]:
    taken = 0
    for url in _sitemap_urls(response.data, fetcher):
        if seen_url(url):
            continue
        if taken >= limit:
            log.info("%s: more than %d new pages; the rest wait for the next poll", response.url, limit)
            return
        taken += 1
        try:
            yield Item(url, raw=to_raw(fetcher.fetch(url), source=url))
        except NewsgraphError as exc:
            yield Item(url, rejection=Rejection(url, str(exc.args[0]), exc.code))


def _sitemap_urls(data: bytes, fetcher: WatchFetcher, depth: int = 0) -> list[str]:
    """Page URLs of a sitemap, newest ``lastmod`` first; a sitemap index is followed one level."""
    root = _parse(data)
    if root is None:
        return []
    if etree.QName(root).localname == "sitemapindex":
        if depth > 0:
            return []
        urls: list[str] = []
        for child in _locs(root, "sitemap")[:MAX_CHILD_SITEMAPS]:
            try:
                got = fetcher.get(child[0])
            except NewsgraphError as exc:
                log.info("%s: %s", child[0], exc)
                continue
            if got.ok:
                urls.extend(_sitemap_urls(got.data, fetcher, depth + 1))
        return urls
    return [loc for loc, _ in sorted(_locs(root, "url"), key=lambda p: p[1], reverse=True)]


def _parse(data: bytes) -> etree._Element | None:
    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False, recover=True)
    try:
        return etree.fromstring(data, parser=parser)
    except etree.XMLSyntaxError:
        return None


def _locs(root: etree._Element, entry: str) -> list[tuple[str, str]]:
    """(loc, lastmod) of each ``<url>`` or ``<sitemap>`` entry, whatever the namespace."""
    out = []
    for node in root:
        if not isinstance(node.tag, str) or etree.QName(node).localname != entry:
            continue
        values = {etree.QName(c).localname: (c.text or "").strip() for c in node if isinstance(c.tag, str)}
        if values.get("loc", "").lower().startswith(("http://", "https://")):
            out.append((values["loc"], values.get("lastmod", "")))
    return out
