"""The ingest stage on WARC archives and RSS/Atom feeds."""

from __future__ import annotations

import io
from pathlib import Path

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from newsgraph.ingest import read_sources
from newsgraph.model import RawDocument, Rejection

RESOURCES = Path(__file__).parent.parent / "resources" / "ingest"


def _warc(path: Path, count: int) -> None:
    with path.open("wb") as fh:
        writer = WARCWriter(fh, gzip=path.name.endswith(".gz"))
        for n in range(count):
            body = (f"<html><body><article><p>Story {n}: " + "officials said more words here. " * 200
                    + "</p></article></body></html>").encode()
            for media_type, payload in (("text/html; charset=utf-8", body), ("image/png", b"\x89PNG" + bytes(50))):
                headers = StatusAndHeaders("200 OK", [("Content-Type", media_type)], protocol="HTTP/1.1")
                record = writer.create_warc_record(f"https://news.example/{n}", "response",
                                                   payload=io.BytesIO(payload), http_headers=headers)
                writer.write_record(record)
        request = writer.create_warc_record("https://news.example/req", "request", payload=io.BytesIO(b"GET /"))
        writer.write_record(request)


def test_ingest_warc_html_responses_only(tmp_path: Path) -> None:
    path = tmp_path / "crawl.warc.gz"
    _warc(path, 3)
    items = list(read_sources([str(path)]))
    assert all(isinstance(i, RawDocument) for i in items)
    assert [i.url for i in items] == [f"https://news.example/{n}" for n in range(3)]  # type: ignore[union-attr]
    assert items[0].encoding == "utf-8" and items[0].media_type == "text/html"  # type: ignore[union-attr]


def test_ingest_warc_truncated_gzip_keeps_records_before_damage(tmp_path: Path) -> None:
    path = tmp_path / "cut.warc.gz"
    _warc(path, 6)
    data = path.read_bytes()
    path.write_bytes(data[: int(len(data) * 0.6)])
    items = list(read_sources([str(path), str(RESOURCES / "folder" / "wire.txt")]))
    docs = [i for i in items[:-1] if isinstance(i, RawDocument)]
    rejections = [i for i in items if isinstance(i, Rejection)]
    assert 1 <= len(docs) < 6
    assert len(rejections) == 1 and "truncated or damaged" in rejections[0].reason
    assert "\n" not in rejections[0].reason
    assert isinstance(items[-1], RawDocument) and items[-1].source.endswith("wire.txt")  # the batch goes on


def test_ingest_feed_items_and_broken_items() -> None:
    items = list(read_sources([str(RESOURCES / "broken_feed.xml")]))
    assert [type(i).__name__ for i in items] == ["RawDocument", "Rejection", "Rejection", "RawDocument"]
    first = items[0]
    assert isinstance(first, RawDocument)
    assert first.title == "Ceasefire holds for a third day"
    assert first.published == "2023-11-26"
    assert first.outlet == "The Example Times"
    assert first.url == "https://news.example/2023/11/26/ceasefire"
    assert first.media_type == "text/html" and b"hostages" in first.data
    assert items[1].reason == "feed item has no content and no link to read"  # type: ignore[union-attr]
    assert "private" in items[2].reason  # linked page on 127.0.0.1 refused  # type: ignore[union-attr]


def test_ingest_feed_without_items_rejected(tmp_path: Path) -> None:
    path = tmp_path / "feed.rss"
    path.write_bytes(b"<?xml version='1.0'?><rss version='2.0'><channel><title>x</title></channel></rss>")
    items = list(read_sources([str(path)]))
    assert len(items) == 1 and isinstance(items[0], Rejection) and items[0].reason == "feed has no items"


def test_ingest_feed_cut_short_gives_one_line_reasons(tmp_path: Path) -> None:
    path = tmp_path / "feed.xml"
    path.write_bytes(b"<?xml version='1.0'?><rss><channel><title>x</title><item><title>One</title><link")
    items = list(read_sources([str(path)]))
    assert items and all(isinstance(i, Rejection) and "\n" not in i.reason for i in items)


def test_ingest_xml_that_is_not_a_feed_rejected(tmp_path: Path) -> None:
    path = tmp_path / "data.xml"
    path.write_bytes(b"<?xml version='1.0'?><inventory><item>bolts</item></inventory>")
    items = list(read_sources([str(path)]))
    assert [i.reason for i in items] == ["XML file is not an RSS or Atom feed"]  # type: ignore[union-attr]
