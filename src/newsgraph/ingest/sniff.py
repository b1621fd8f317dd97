"""What a file is, from its name and first bytes: text, HTML, Markdown, a feed, or binary.

Binary files (images, PDFs, archives) are refused before anything tries to read them as text,
so one stray PDF in a folder becomes one clear Rejection instead of a page of mojibake.
"""

from __future__ import annotations

import codecs

# Magic numbers at the start of common binary formats, most specific first.
_MAGIC = (
    (b"%PDF-", "PDF"),
    (b"\x89PNG\r\n\x1a\n", "PNG"),
    (b"GIF87a", "GIF"),
    (b"GIF89a", "GIF"),
    (b"\xff\xd8\xff", "JPEG"),
    (b"II*\x00", "TIFF"),
    (b"MM\x00*", "TIFF"),
    (b"PK\x03\x04", "zip"),
    (b"PK\x05\x06", "zip"),
    (b"\x1f\x8b", "gzip"),
    (b"\xfd7zXZ\x00", "xz"),
    (b"7z\xbc\xaf\x27\x1c", "7z"),
    (b"Rar!\x1a\x07", "RAR"),
    (b"BZh91AY&SY", "bzip2"),
    (b"\x7fELF", "ELF executable"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "MS Office"),
    (b"SQLite format 3\x00", "SQLite"),
    (b"OggS", "Ogg"),
    (b"ID3", "MP3"),
    (b"wOFF", "WOFF font"),
    (b"wOF2", "WOFF2 font"),
)
_RIFF_KINDS = {b"WEBP": "WebP", b"WAVE": "WAV", b"AVI ": "AVI"}
_TEXT_BOMS = (codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE, codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)
SNIFF_BYTES = 8192

SUFFIX_TYPES = {
    ".html": "text/html", ".htm": "text/html", ".xhtml": "text/html", ".shtml": "text/html",
    ".txt": "text/plain", ".text": "text/plain",
    ".md": "text/markdown", ".markdown": "text/markdown",
}  # fmt: skip
FEED_SUFFIXES = (".rss", ".atom", ".xml", ".rdf")
JSONL_SUFFIXES = (".jsonl", ".ndjson", ".jsonl.gz", ".ndjson.gz")
WARC_SUFFIXES = (".warc", ".warc.gz")


def binary_kind(head: bytes) -> str | None:
    """The name of the binary format ``head`` starts with, or None for text."""
    if head.startswith(_TEXT_BOMS[1:]) or head.startswith(codecs.BOM_UTF8):
        return None  # UTF-16/32 text has NUL bytes but is text
    for magic, kind in _MAGIC:
        if head.startswith(magic):
            return kind
    if head.startswith(b"RIFF") and len(head) >= 12:
        return _RIFF_KINDS.get(head[8:12], "RIFF")
    if head[4:8] == b"ftyp":
        return "MP4/ISO media"
    if b"\x00" in head[:SNIFF_BYTES]:
        return "NUL bytes"
    return None


def _head_text(data: bytes) -> str:
    return data[:2048].decode("latin-1").lstrip("\ufeff\x00 \t\r\n").lower()


def looks_like_feed(data: bytes) -> bool:
    """True for RSS, Atom and RDF feeds (an XML root named rss, feed or rdf:RDF)."""
    head = _head_text(data).replace("\x00", "")
    if "<html" in head[:500]:
        return False
    return any(tag in head for tag in ("<rss", "<feed", "<rdf:rdf"))


def looks_like_html(data: bytes) -> bool:
    head = _head_text(data)
    return head.startswith(("<!doctype html", "<html", "<?xml")) and "<html" in head or any(
        tag in head[:1024] for tag in ("<head>", "<body", "<article", "<!doctype html", "<html")
    )


def media_type_for(name: str, data: bytes) -> str:
    """``text/html``, ``text/markdown`` or ``text/plain``, by file suffix, else by content."""
    lower = name.lower()
    for suffix, media_type in SUFFIX_TYPES.items():
        if lower.endswith(suffix):
            return media_type
    return "text/html" if looks_like_html(data) else "text/plain"
