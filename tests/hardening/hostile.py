"""A corpus of hostile inputs, generated on demand (a 10 MB line or a 1 GB bomb is not committed).

Each maker writes one or more files into a folder and says what a reader should make of them.
The bombs are written by streaming: a 1 MiB block of zeros is compressed once and its deflate
output repeated, so a gigabyte-sized payload costs about a second and a megabyte of disk.
"""

from __future__ import annotations

import json
import struct
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

BOMB_BYTES = 1 << 30  # uncompressed size of each decompression bomb
_BLOCK = 1 << 20

GOOD_TEXT = ("Russia and Iran agreed on Monday to build drones together in Tehran, officials said in a "
             "statement. The Washington Post reported that Moscow had used the drones against Ukraine.")
ZERO_WIDTH = "\u200b\u200c\u200d\u2060\ufeff"
BIDI = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c"


@dataclass(frozen=True)
class Expect:
    """What reading a hostile file must give: documents, rejections (with a code and words)."""

    documents: int | None = None  # exact number of documents, None: any
    min_documents: int = 0
    codes: tuple[str, ...] = ()  # rejection codes that must appear
    words: tuple[str, ...] = ()  # words that must appear in some rejection reason
    slow: bool = False


def write_gzip_member(fh: BinaryIO, head: bytes, zeros: int, tail: bytes = b"") -> None:
    """One gzip member holding ``head``, ``zeros`` NUL bytes and ``tail``, written by streaming."""
    fh.write(b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x02\xff")
    deflate = zlib.compressobj(9, zlib.DEFLATED, -15)
    fh.write(deflate.compress(head) + deflate.flush(zlib.Z_FULL_FLUSH))
    crc = zlib.crc32(head)
    block = bytes(_BLOCK)
    # After a full flush the compressor starts afresh, so one block's output can be repeated.
    packed = zlib.compressobj(9, zlib.DEFLATED, -15)
    packed_block = packed.compress(block) + packed.flush(zlib.Z_FULL_FLUSH)
    for _ in range(zeros // _BLOCK):
        fh.write(packed_block)
        crc = zlib.crc32(block, crc)
    rest = bytes(zeros % _BLOCK) + tail
    fh.write(deflate.compress(rest) + deflate.flush())
    crc = zlib.crc32(rest, crc)
    fh.write(struct.pack("<II", crc, (len(head) + zeros + len(tail)) & 0xFFFFFFFF))


def _warc_head(uri: str, http_block_length: int) -> bytes:
    return (
        "WARC/1.0\r\nWARC-Type: response\r\n"
        f"WARC-Target-URI: {uri}\r\nWARC-Date: 2026-11-25T00:00:00Z\r\n"
        f"WARC-Record-ID: <urn:uuid:00000000-0000-4000-8000-{abs(hash(uri)) % 10**12:012d}>\r\n"
        "Content-Type: application/http; msgtype=response\r\n"
        f"Content-Length: {http_block_length}\r\n\r\n"
    ).encode()


def _warc_record(fh: BinaryIO, uri: str, body: bytes = b"", zeros: int = 0) -> None:
    http = f"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: {len(body) + zeros}\r\n\r\n".encode()
    write_gzip_member(fh, _warc_head(uri, len(http) + len(body) + zeros) + http + body, zeros, b"\r\n\r\n")


def make_nested(folder: Path) -> Expect:
    depth = 100_000
    page = "<html><body>" + "<div>" * depth + f"<p>{GOOD_TEXT}</p>" + "</div>" * depth + "</body></html>"
    (folder / "nested.html").write_text(page)
    return Expect()


def make_tiny_tags(folder: Path) -> Expect:
    page = "<html><body><article>" + "<b>x</b><i></i>" * 100_000 + "</article></body></html>"
    (folder / "tiny_tags.html").write_text(page)
    return Expect()


def make_long_line(folder: Path) -> Expect:
    sentence = "Russia and Iran agreed on drones in Tehran "
    (folder / "long_line.txt").write_text(sentence * (10 * 1024 * 1024 // len(sentence)))
    return Expect(documents=1)


def make_invisible(folder: Path) -> Expect:
    words = GOOD_TEXT.split(" ")
    mixed = " ".join(w + (ZERO_WIDTH if i % 2 else BIDI) for i, w in enumerate(words))
    (folder / "invisible.txt").write_text(f"{BIDI}{mixed}\n\n{ZERO_WIDTH * 1000}\n\n{mixed}{BIDI}")
    return Expect(documents=1)


def make_surrogates(folder: Path) -> Expect:
    lines = [
        '{"text": "Lone high \\ud800 surrogate: ' + GOOD_TEXT + '"}',
        '{"text": "Lone low \\udfff surrogate. ' + GOOD_TEXT + '", "title": "\\udc80 title", "authors": ["\\ud801"]}',
        '{"text": "A real pair \\ud83d\\ude00 is fine. ' + GOOD_TEXT + '"}',
    ]
    body = "\n".join(lines).encode() + b'\n{"text": "invalid utf-8 \xff\xfe in a line"}\n'
    (folder / "surrogates.jsonl").write_bytes(body)
    return Expect(documents=3, codes=("NG133",))


def make_warc_bomb(folder: Path) -> Expect:
    with (folder / "bomb.warc.gz").open("wb") as fh:
        _warc_record(fh, "http://example.com/bomb", zeros=BOMB_BYTES)
        _warc_record(fh, "http://example.com/ok", body=f"<html><body><p>{GOOD_TEXT}</p></body></html>".encode())
    return Expect(documents=1, codes=("NG140",), words=("max_bytes",), slow=True)


def make_jsonl_bomb(folder: Path) -> Expect:
    with (folder / "bomb.jsonl.gz").open("wb") as fh:
        write_gzip_member(fh, b'{"text": "', BOMB_BYTES, ('"}\n' + json.dumps({"text": GOOD_TEXT}) + "\n").encode())
    return Expect(documents=1, codes=("NG130",), words=("max_bytes",), slow=True)


def make_gzip_page(folder: Path) -> Expect:
    with (folder / "page.html.gz").open("wb") as fh:
        write_gzip_member(fh, b"<html><body><p>", 64 * _BLOCK, b"</p></body></html>")
    return Expect(documents=0, codes=("NG103",), words=("gzip",))


def make_big_feed(folder: Path) -> Expect:
    items = ["<item><title>t</title><description>teaser</description></item>"] * 100_000
    items[10] = f"<item><title>Full</title><description>{GOOD_TEXT * 2}</description></item>"
    # teasers that point into the machine's own network: the fetcher must refuse them
    items[20] = "<item><title>m</title><link>http://169.254.169.254/latest/meta-data/</link></item>"
    items[30] = "<item><title>l</title><link>http://127.0.0.1:1/admin</link></item>"
    feed = '<?xml version="1.0"?><rss version="2.0"><channel><title>Big</title>' + "".join(items) + "</channel></rss>"
    (folder / "big_feed.rss").write_text(feed)
    return Expect(documents=1, codes=("NG152", "NG124"), words=("private",))


def make_mixed_scripts(folder: Path) -> Expect:
    text = ("Russia (Россия) and Iran (إيران) agreed with China (中国) on Monday to build drones, "
            "officials said. 俄罗斯和伊朗 signed the deal in Tehran (طهران), according to TASS (ТАСС).\n\n") * 20
    (folder / "mixed_scripts.txt").write_text(text)
    return Expect(documents=1)


def make_nul_bytes(folder: Path) -> Expect:
    (folder / "nul_bytes.txt").write_bytes(GOOD_TEXT.encode().replace(b" ", b" \x00", 5))
    (folder / "nul_escapes.jsonl").write_text(json.dumps({"text": GOOD_TEXT.replace(" ", " \u0000", 5),
                                                          "title": "a\u0000b"}) + "\n")
    return Expect(documents=1, codes=("NG103",), words=("NUL",))


def make_good(folder: Path) -> Expect:
    (folder / "zz_good.txt").write_text(GOOD_TEXT + "\n\nThe deal was finalized in early November.")
    return Expect(documents=1)


MAKERS: dict[str, Callable[[Path], Expect]] = {
    "nested": make_nested,
    "tiny_tags": make_tiny_tags,
    "long_line": make_long_line,
    "invisible": make_invisible,
    "surrogates": make_surrogates,
    "warc_bomb": make_warc_bomb,
    "jsonl_bomb": make_jsonl_bomb,
    "gzip_page": make_gzip_page,
    "big_feed": make_big_feed,
    "mixed_scripts": make_mixed_scripts,
    "nul_bytes": make_nul_bytes,
    "good": make_good,
}
