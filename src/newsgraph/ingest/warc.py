"""WARC archives: every HTML response record becomes a document.

Archives are large and often cut short by an interrupted crawl or copy; records are streamed one
by one, and damage ends the archive with one Rejection after the records that could be read.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from warcio.archiveiterator import ArchiveIterator
from warcio.limitreader import LimitReader
from warcio.recordloader import ArcWarcRecord

from newsgraph.ingest.web import _content_type
from newsgraph.model import RawDocument, Rejection

_HTML_TYPES = ("text/html", "application/xhtml+xml")
_DRAIN = 65536


def _is_cut_short(record: ArcWarcRecord) -> bool:
    """Drain the record and tell whether it ended before its declared length.

    warcio stops quietly at the end of a truncated gzip member, so completeness is checked here.
    """
    stream = record.raw_stream
    while stream.read(_DRAIN):
        pass
    return isinstance(stream, LimitReader) and stream.limit > 0


def iter_warc(path: Path, max_bytes: int) -> Iterator[RawDocument | Rejection]:
    """HTML responses in the WARC at ``path``; records bigger than ``max_bytes`` are rejected."""
    source = str(path)
    count = 0
    try:
        size = path.stat().st_size
        with path.open("rb") as stream:
            archive = ArchiveIterator(stream)
            for record in archive:
                item = _html_record(record, source, count, max_bytes)
                if _is_cut_short(record):
                    raise EOFError("record cut short")
                if item is not None:
                    count += 1
                    yield item
            end = int(getattr(archive, "offset", size))
        if end < size:  # warcio ends quietly at a truncated gzip member: bytes are left over
            raise EOFError(f"{size - end:,} bytes after the last complete record cannot be read")
    except Exception as exc:  # warcio raises many kinds on damaged input; all mean "stop here"
        reason = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        yield Rejection(source, f"WARC truncated or damaged after {count} HTML records: {reason}", "NG141")


def _html_record(record: ArcWarcRecord, source: str, count: int, max_bytes: int) -> RawDocument | Rejection | None:
    if record.rec_type != "response" or record.http_headers is None:
        return None
    media_type, charset = _content_type(record.http_headers.get_header("Content-Type"))
    if media_type not in _HTML_TYPES:
        return None
    url = record.rec_headers.get_header("WARC-Target-URI") or ""
    where = f"{source}#{url or count + 1}"
    data = record.content_stream().read(max_bytes + 1)
    if len(data) > max_bytes:
        return Rejection(where, f"record is over ingest.max_bytes ({max_bytes:,} bytes)", "NG140")
    return RawDocument(source=where, data=data, media_type="text/html", url=url or None, encoding=charset)
