"""How many documents an ingest will see, known up front for the progress bar's ETA."""

from __future__ import annotations

import gzip
from pathlib import Path

from newsgraph.ingest import count_documents, read_sources

FEED = b"""<?xml version="1.0"?><rss version="2.0"><channel><title>T</title>
<item><title>A</title><description>Troops crossed the border on Monday, officials said.</description></item>
<item><title>B</title><description>The ministry denied the report.</description></item>
</channel></rss>"""


def _outcomes(sources: list[str]) -> int:
    return sum(1 for _ in read_sources(sources))


def test_ingest_count_matches_what_is_read_for_pages_and_json_lines(tmp_path: Path) -> None:
    (tmp_path / "a.html").write_text("<html><body><p>Rebels seized the town.</p></body></html>")
    (tmp_path / "b.txt").write_text("Officials said talks would resume.\n")
    (tmp_path / "empty.txt").write_text("")  # read as one rejection, so it counts
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "c.md").write_text("# Title\n\nThe army withdrew.\n")
    (tmp_path / "many.jsonl").write_text('{"text": "One."}\n\n{"text": "Two."}\nnot json\n')
    sources = [str(tmp_path)]
    assert count_documents(sources) == _outcomes(sources) == 7


def test_ingest_count_honours_the_globs(tmp_path: Path) -> None:
    for name in ("a.html", "b.html", "c.txt"):
        (tmp_path / name).write_text("Troops crossed the border.")
    assert count_documents([str(tmp_path)], include=["*.html"]) == 2
    assert count_documents([str(tmp_path)], exclude=["a.*"]) == 2


def test_ingest_count_is_unknown_where_only_reading_would_tell(tmp_path: Path) -> None:
    feed = tmp_path / "news.txt"  # a feed whatever its name: its items are the documents
    feed.write_bytes(FEED)
    assert count_documents([str(feed)]) is None
    packed = tmp_path / "lines.jsonl.gz"
    packed.write_bytes(gzip.compress(b'{"text": "One."}\n'))
    assert count_documents([str(packed)]) is None
    (tmp_path / "crawl.warc.gz").write_bytes(b"")
    assert count_documents([str(tmp_path / "crawl.warc.gz")]) is None
    assert count_documents(["-"]) is None
    assert count_documents(["https://example.org/news"]) is None


def test_ingest_count_takes_a_missing_path_as_one_rejection(tmp_path: Path) -> None:
    missing = str(tmp_path / "nope")
    assert count_documents([missing]) == _outcomes([missing]) == 1
