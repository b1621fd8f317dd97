"""WARC archives: every HTML response record becomes a document.

Archives are large and often cut short by an interrupted crawl or copy; records are streamed one
by one, and damage ends the archive with one Rejection after the records that could be read.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from warcio.archiveiterator import ArchiveIterator

from newsgraph.ingest.web import _content_type
from newsgraph.model import RawDocument, Rejection

_HTML_TYPES = ("text/html", "application/xhtml+xml")


def iter_warc(path: Path, max_bytes: int) -> Iterator[RawDocument | Rejection]:
    """HTML responses in the WARC at ``path``; records bigger than ``max_bytes`` are rejected."""
    source = str(path)
    count = 0
    try:
        with path.open("rb") as stream:
            for record in ArchiveIterator(stream):
                if record.rec_type != "response" or record.http_headers is None:
                    continue
                media_type, charset = _content_type(record.http_headers.get_header("Content-Type"))
                if media_type not in _HTML_TYPES:
                    continue
                url = record.rec_headers.get_header("WARC-Target-URI") or ""
                where = f"{source}#{url or count + 1}"
                data = record.content_stream().read(max_bytes + 1)
                count += 1
                if len(data) > max_bytes:
                    yield Rejection(where, f"record is over ingest.max_bytes ({max_bytes:,} bytes)", "NG140")
                    continue
                yield RawDocument(source=where, data=data, media_type="text/html", url=url or None,
                                  encoding=charset)
    except Exception as exc:  # warcio raises many kinds on damaged input; all mean "stop here"
        reason = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        yield Rejection(source, f"WARC truncated or damaged after {count} HTML records: {reason}", "NG141")
