"""Files and folders: walk, filter by globs, refuse what is empty, binary or too big, dispatch by kind.

Sizes are checked before reading and reads are capped, so a 50 MB page is refused at once
with its size in the reason and never loaded; the limit is the setting ``ingest.max_bytes``.
(Cutting an oversized HTML page would keep its head, where the article usually is not, so a
clear refusal is the honest answer; raise the setting to read it.)
"""

from __future__ import annotations

import gzip
import os
from collections.abc import Iterator, Sequence
from fnmatch import fnmatch
from pathlib import Path

from newsgraph.ingest.feeds import iter_feed
from newsgraph.ingest.jsonl import iter_jsonl
from newsgraph.ingest.sniff import (
    FEED_SUFFIXES,
    JSONL_SUFFIXES,
    WARC_SUFFIXES,
    binary_kind,
    looks_like_feed,
    media_type_for,
)
from newsgraph.ingest.warc import iter_warc
from newsgraph.ingest.web import Fetcher
from newsgraph.model import RawDocument, Rejection


def _matches(relative: str, patterns: Sequence[str]) -> bool:
    name = relative.rsplit("/", 1)[-1]
    return any(fnmatch(relative, p) or fnmatch(name, p) for p in patterns)


def walk(root: Path, include: Sequence[str] = (), exclude: Sequence[str] = ()) -> Iterator[Path]:
    """Files under ``root`` in a stable order, hidden ones skipped, filtered by the globs.

    A pattern matches a file's path relative to ``root`` or its bare name (``*.html``,
    ``2022/*``); ``exclude`` wins over ``include``.
    """
    for folder, dirs, files in os.walk(root):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            if name.startswith("."):
                continue
            path = Path(folder) / name
            relative = path.relative_to(root).as_posix()
            if include and not _matches(relative, include):
                continue
            if exclude and _matches(relative, exclude):
                continue
            yield path


def _has_suffix(path: Path, suffixes: Sequence[str]) -> bool:
    return path.name.lower().endswith(tuple(suffixes))


def read_file(path: Path, fetcher: Fetcher) -> Iterator[RawDocument | Rejection]:
    """The documents in one file: one for a page, many for JSON Lines, feeds and WARC archives."""
    source = str(path)
    try:
        if _has_suffix(path, WARC_SUFFIXES):
            yield from iter_warc(path, fetcher.max_bytes)
            return
        if _has_suffix(path, JSONL_SUFFIXES):
            yield from _read_jsonl(path, fetcher.max_bytes)
            return
        size = path.stat().st_size
        if size == 0:
            yield Rejection(source, "empty file", "NG101")
            return
        if size > fetcher.max_bytes:
            yield Rejection(source, f"file is {size:,} bytes, over ingest.max_bytes ({fetcher.max_bytes:,}); "
                                    "raise the setting to read it", "NG102")
            return
        with path.open("rb") as fh:
            data = fh.read(fetcher.max_bytes + 1)
    except OSError as exc:
        yield Rejection(source, f"cannot read: {exc.strerror or exc}", "NG104")
        return
    yield from read_bytes(data, source, fetcher, name=path.name)


def _read_jsonl(path: Path, max_bytes: int) -> Iterator[RawDocument | Rejection]:
    opener = gzip.open if path.name.lower().endswith(".gz") else open
    try:
        with opener(path, "rb") as stream:
            yield from iter_jsonl(stream, str(path), max_bytes)  # type: ignore[arg-type]
    except (OSError, EOFError) as exc:  # a truncated or corrupt gzip: stop after the good lines
        yield Rejection(str(path), f"JSON Lines file truncated or damaged: {exc}", "NG134")


def read_bytes(data: bytes, source: str, fetcher: Fetcher, *, name: str = "") -> Iterator[RawDocument | Rejection]:
    """One document from bytes read from ``source`` (a feed yields its items)."""
    if len(data) > fetcher.max_bytes:
        yield Rejection(source, f"over ingest.max_bytes ({fetcher.max_bytes:,} bytes)", "NG102")
        return
    if not data.strip():
        yield Rejection(source, "empty file" if data == b"" else "empty file (only whitespace)", "NG101")
        return
    kind = binary_kind(data[:8192])
    if kind:
        yield Rejection(source, f"binary file ({kind})", "NG103")
        return
    if name.lower().endswith(FEED_SUFFIXES) or looks_like_feed(data):
        if looks_like_feed(data):
            yield from iter_feed(data, source, fetcher)
        else:
            yield Rejection(source, "XML file is not an RSS or Atom feed", "NG105")
        return
    yield RawDocument(source=source, data=data, media_type=media_type_for(name, data))
