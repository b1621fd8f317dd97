"""The ingest stage: sources (files, folders, URLs, feeds, WARC, JSON Lines, stdin) to RawDocuments.

Each source yields documents lazily, and anything that cannot be read becomes a Rejection with a
one-line reason, so one bad file never stops a batch and nothing unbounded is held in memory.
"""

from __future__ import annotations

import dataclasses
import io
import sys
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import BinaryIO

from newsgraph.errors import NewsgraphError
from newsgraph.ingest.feeds import iter_feed
from newsgraph.ingest.files import read_bytes, read_file, walk
from newsgraph.ingest.jsonl import iter_jsonl, looks_like_jsonl
from newsgraph.ingest.sniff import JSONL_SUFFIXES, WARC_SUFFIXES, looks_like_feed
from newsgraph.ingest.web import FEED_TYPES, AddressPolicy, Fetcher, Resolver, fetch_url, to_raw
from newsgraph.model import RawDocument, Rejection
from newsgraph.settings import Settings

MAX_REASON_CHARS = 300

READS = ("sources",)
FILLS = ("raw",)


def read_sources(
    sources: Iterable[str],
    *,
    settings: Settings | None = None,
    include: Sequence[str] = (),
    exclude: Sequence[str] = (),
    stdin: BinaryIO | None = None,
    resolve: Resolver | None = None,
    allow_address: AddressPolicy | None = None,
) -> Iterator[RawDocument | Rejection]:
    """Documents from each source in order; ``include``/``exclude`` are globs for folder walks.

    A source is a file, a folder (recursive), ``-`` for standard input, or an http(s) URL.
    ``resolve`` and ``allow_address`` are passed to the URL fetcher (see ``fetch_url``).
    """
    fetcher = Fetcher.from_settings(settings, resolve=resolve, allow_address=allow_address)
    for item in _read_all(sources, fetcher, include, exclude, stdin):
        yield _one_line(item) if isinstance(item, Rejection) else item


def _one_line(rejection: Rejection) -> Rejection:
    """Reasons are one line (library messages can span several), short enough for a report."""
    reason = " ".join(rejection.reason.split())
    if len(reason) > MAX_REASON_CHARS:
        reason = reason[: MAX_REASON_CHARS - 1] + "…"
    return dataclasses.replace(rejection, reason=reason)


def _read_all(
    sources: Iterable[str], fetcher: Fetcher, include: Sequence[str], exclude: Sequence[str],
    stdin: BinaryIO | None,
) -> Iterator[RawDocument | Rejection]:
    for source in sources:
        if source == "-":
            yield from _read_stdin(stdin or sys.stdin.buffer, fetcher)
        elif source.lower().startswith(("http://", "https://")):
            yield from _read_url(source, fetcher)
        else:
            path = Path(source)
            if path.is_dir():
                for file in walk(path, include, exclude):
                    yield from read_file(file, fetcher)
            elif path.is_file():
                yield from read_file(path, fetcher)
            else:
                yield Rejection(source, "no such file or folder", "NG106")


# Bytes read from each file to tell a feed (many documents) from a page (one).
_SNIFF_BYTES = 2048


def count_documents(sources: Iterable[str], include: Sequence[str] = (), exclude: Sequence[str] = ()) -> int | None:
    """How many outcomes ``read_sources`` will give, when that is cheap to know; else None.

    A page file is one document and a JSON Lines file one per non-blank line. Feeds, WARC
    archives, gzipped JSON Lines, URLs and standard input are only known by reading them whole,
    so they make the count unknown. It lets a long ingest show how much is left.
    """
    total = 0
    for source in sources:
        if source == "-" or source.lower().startswith(("http://", "https://")):
            return None
        path = Path(source)
        files = walk(path, include, exclude) if path.is_dir() else iter([path])
        for file in files:
            count = _documents_in(file)
            if count is None:
                return None
            total += count
    return total


def _documents_in(path: Path) -> int | None:
    name = path.name.lower()
    if name.endswith(WARC_SUFFIXES) or (name.endswith(JSONL_SUFFIXES) and name.endswith(".gz")):
        return None
    try:
        with path.open("rb") as fh:
            if name.endswith(JSONL_SUFFIXES):
                return sum(1 for line in fh if line.strip())
            head = fh.read(_SNIFF_BYTES)
    except OSError:
        return 1  # read_sources reports it as one unreadable file
    return None if looks_like_feed(head) else 1


def _read_url(url: str, fetcher: Fetcher) -> Iterator[RawDocument | Rejection]:
    try:
        fetched = fetcher.fetch(url)
    except NewsgraphError as exc:
        yield Rejection(url, str(exc.args[0]), exc.code)
        return
    if fetched.media_type in FEED_TYPES or looks_like_feed(fetched.data):
        yield from iter_feed(fetched.data, url, fetcher)
        return
    raw = to_raw(fetched, source=url)
    for item in read_bytes(fetched.data, url, fetcher, name=""):
        # the server's content type wins over sniffing; sniffing decides when it sent none
        yield raw if isinstance(item, RawDocument) and fetched.media_type else item


def _read_stdin(stream: BinaryIO, fetcher: Fetcher) -> Iterator[RawDocument | Rejection]:
    """Standard input: JSON Lines records if every line is a JSON object, else one document."""
    data = stream.read(fetcher.max_bytes + 1)
    if len(data) > fetcher.max_bytes:
        yield Rejection("-", f"standard input is over ingest.max_bytes ({fetcher.max_bytes:,} bytes)", "NG102")
        return
    if looks_like_jsonl(data):
        yield from iter_jsonl(io.BytesIO(data), "-", fetcher.max_bytes)
        return
    yield from read_bytes(data, "-", fetcher)


__all__ = ["READS", "FILLS", "count_documents", "fetch_url", "read_sources"]
