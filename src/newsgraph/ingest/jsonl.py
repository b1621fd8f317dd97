"""JSON Lines: one article per line (``text`` or ``html``, plus url, title, published, outlet, authors).

Lines are read one at a time with a length cap, so a huge file streams and one overlong or
malformed line becomes a Rejection while the rest of the file is read.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from typing import IO, Any

from newsgraph.model import RawDocument, Rejection

_SKIP_CHUNK = 1 << 20
# JSON may escape a lone surrogate ("\ud800"), which no UTF-8 text can hold; it becomes U+FFFD.
_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


def _without_surrogates(value: Any) -> Any:
    """``value`` with every lone surrogate in its strings replaced, so it can be encoded and stored."""
    if isinstance(value, str):
        return _LONE_SURROGATE.sub("\ufffd", value)
    if isinstance(value, list):
        return [_without_surrogates(v) for v in value]
    if isinstance(value, dict):
        return {_without_surrogates(k): _without_surrogates(v) for k, v in value.items()}
    return value


def _lines(stream: IO[bytes], max_bytes: int) -> Iterator[tuple[int, bytes | None]]:
    """(line number, line) pairs; the line is None when it is longer than ``max_bytes``."""
    number = 0
    while True:
        line = stream.readline(max_bytes + 1)
        if not line:
            return
        number += 1
        if len(line) > max_bytes and not line.endswith(b"\n"):
            while (rest := stream.readline(_SKIP_CHUNK)) and not rest.endswith(b"\n"):
                pass  # skip the rest of the overlong line without holding it
            yield number, None
        else:
            yield number, line


def _text_field(value: Any) -> str | None:
    return value if isinstance(value, str) and value.strip() else None


def _authors(value: Any) -> tuple[str, ...]:
    if isinstance(value, str):
        return tuple(a.strip() for a in value.split(";") if a.strip())
    if isinstance(value, list):
        return tuple(str(a).strip() for a in value if isinstance(a, str | int) and str(a).strip())
    return ()


def record_to_raw(record: Any, source: str) -> RawDocument | Rejection:
    """One decoded JSON record as a RawDocument, or why it cannot be one."""
    if not isinstance(record, dict):
        return Rejection(source, f"expected a JSON object, got {type(record).__name__}", "NG131")
    html, text = _text_field(record.get("html")), _text_field(record.get("text"))
    if html is None and text is None:
        return Rejection(source, "record has no 'text' or 'html' field with content", "NG132")
    published = record.get("published") or record.get("date")
    return RawDocument(
        source=source,
        data=(html or text or "").encode("utf-8"),
        media_type="text/html" if html else "text/plain",
        url=_text_field(record.get("url")),
        title=_text_field(record.get("title")),
        published=str(published) if isinstance(published, str | int) else None,
        outlet=_text_field(record.get("outlet")),
        authors=_authors(record.get("authors") or record.get("author")),
        encoding="utf-8",
    )


def iter_jsonl(stream: IO[bytes], source: str, max_bytes: int) -> Iterator[RawDocument | Rejection]:
    """Each line of ``stream`` as a document; ``source:LINE`` names each one."""
    for number, line in _lines(stream, max_bytes):
        where = f"{source}:{number}"
        if line is None:
            yield Rejection(where, f"line is over ingest.max_bytes ({max_bytes:,} bytes)", "NG130")
            continue
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except (json.JSONDecodeError, UnicodeDecodeError) as exc:
            yield Rejection(where, f"not valid JSON: {exc}", "NG133")
            continue
        yield record_to_raw(_without_surrogates(record), where)


def looks_like_jsonl(data: bytes) -> bool:
    """True when every non-blank line of ``data`` is a JSON object."""
    lines = [line for line in data.splitlines() if line.strip()]
    if not lines or not lines[0].lstrip().startswith(b"{"):
        return False
    try:
        return all(isinstance(json.loads(line), dict) for line in lines)
    except (json.JSONDecodeError, UnicodeDecodeError):
        return False
