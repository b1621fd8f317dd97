"""The ingest stage on files, folders, standard input and JSON Lines, including bad input."""

from __future__ import annotations

import gzip
import io
import tracemalloc
from pathlib import Path

import pytest

from newsgraph.ingest import read_sources
from newsgraph.model import RawDocument, Rejection
from newsgraph.settings import load_settings

RESOURCES = Path(__file__).parent.parent / "resources" / "ingest"


def _one(items: list[RawDocument | Rejection]) -> RawDocument | Rejection:
    assert len(items) == 1, items
    return items[0]


def test_ingest_folder_recursive_sorted_hidden_skipped() -> None:
    items = list(read_sources([str(RESOURCES / "folder")]))
    assert [Path(i.source).name for i in items] == ["wire.txt", "draft.md", "page.html"]
    assert [i.media_type for i in items if isinstance(i, RawDocument)] == ["text/plain", "text/markdown", "text/html"]


def test_ingest_folder_include_exclude() -> None:
    folder = str(RESOURCES / "folder")
    assert [Path(i.source).name for i in read_sources([folder], include=["*.html", "*.txt"])] == ["wire.txt", "page.html"]
    assert [Path(i.source).name for i in read_sources([folder], exclude=["sub/*"])] == ["wire.txt"]


def test_ingest_missing_path_rejected_batch_goes_on(tmp_path: Path) -> None:
    good = tmp_path / "good.txt"
    good.write_text("A short article with some words in it.", encoding="utf-8")
    items = list(read_sources([str(tmp_path / "nope.txt"), str(good)]))
    assert isinstance(items[0], Rejection) and items[0].reason == "no such file or folder"
    assert isinstance(items[1], RawDocument)


def test_ingest_empty_file_rejected(tmp_path: Path) -> None:
    (tmp_path / "a_empty.txt").write_bytes(b"")
    (tmp_path / "b_blank.html").write_bytes(b"  \n\n ")
    (tmp_path / "c_good.txt").write_text("Real text of an article.", encoding="utf-8")
    items = list(read_sources([str(tmp_path)]))
    assert [type(i).__name__ for i in items] == ["Rejection", "Rejection", "RawDocument"]
    assert items[0].reason == "empty file"  # type: ignore[union-attr]
    assert "empty" in items[1].reason  # type: ignore[union-attr]


@pytest.mark.parametrize(
    "name,data,kind",
    [
        ("photo.png", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(64), "PNG"),
        ("report.pdf", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n", "PDF"),
        ("archive.zip", b"PK\x03\x04\x14\x00\x00\x00" + bytes(32), "zip"),
        ("disguised.txt", b"%PDF-1.4\nnot text at all", "PDF"),
        ("nul.txt", b"some text\x00\x01\x02 with NUL bytes", "NUL bytes"),
    ],
)
def test_ingest_binary_file_rejected(tmp_path: Path, name: str, data: bytes, kind: str) -> None:
    (tmp_path / name).write_bytes(data)
    item = _one(list(read_sources([str(tmp_path / name)])))
    assert isinstance(item, Rejection)
    assert item.reason == f"binary file ({kind})"
    assert "\n" not in item.reason


def test_ingest_huge_html_refused_fast_with_bounded_memory(tmp_path: Path) -> None:
    path = tmp_path / "huge.html"
    paragraph = b"<p>" + b"All work and no play makes a dull news page. " * 20 + b"</p>\n"
    with path.open("wb") as fh:
        fh.write(b"<html><body><article>")
        for _ in range(50 * 1024 * 1024 // len(paragraph) + 1):
            fh.write(paragraph)
        fh.write(b"</article></body></html>")
    assert path.stat().st_size > 50 * 1024 * 1024
    tracemalloc.start()
    try:
        item = _one(list(read_sources([str(path)], settings=load_settings())))
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert isinstance(item, Rejection)
    assert "over ingest.max_bytes" in item.reason
    assert peak < 5 * 1024 * 1024


def test_ingest_max_bytes_setting_applies(tmp_path: Path) -> None:
    (tmp_path / "page.txt").write_text("word " * 100, encoding="utf-8")
    settings = load_settings(ingest__max_bytes=100)
    item = _one(list(read_sources([str(tmp_path / "page.txt")], settings=settings)))
    assert isinstance(item, Rejection) and "500 bytes" in item.reason


def test_ingest_non_utf8_bytes_kept_raw(tmp_path: Path) -> None:
    text = "Министерство иностранных дел России заявило во вторник о переговорах."
    (tmp_path / "ru.txt").write_bytes(text.encode("cp1251"))
    item = _one(list(read_sources([str(tmp_path / "ru.txt")])))
    assert isinstance(item, RawDocument) and item.data == text.encode("cp1251")


def test_ingest_jsonl_records_and_bad_lines() -> None:
    items = list(read_sources([str(RESOURCES / "articles.jsonl")]))
    kinds = [(type(i).__name__, i.source.rsplit(":", 1)[-1]) for i in items]
    assert kinds == [("RawDocument", "1"), ("RawDocument", "2"), ("Rejection", "3"), ("Rejection", "4"),
                     ("Rejection", "5"), ("RawDocument", "7")]
    first, second, last = (i for i in items if isinstance(i, RawDocument))
    assert (first.title, first.published, first.outlet, first.url) == (
        "Iran denies drone deal", "2022-11-21", "Tehran Times", "https://news.example/2022/11/21/iran-denies")
    assert first.authors == ("Staff Writer",) and first.media_type == "text/plain"
    assert second.media_type == "text/html"
    assert last.authors == ("Jane Doe", "John Roe")
    reasons = [i.reason for i in items if isinstance(i, Rejection)]
    assert reasons[0].startswith("not valid JSON")
    assert reasons[1] == "record has no 'text' or 'html' field with content"
    assert reasons[2] == "expected a JSON object, got list"


def test_ingest_jsonl_gz_truncated(tmp_path: Path) -> None:
    lines = b"".join(b'{"text": "Record number %d with some words."}\n' % n for n in range(2000))
    whole = gzip.compress(lines)
    path = tmp_path / "cut.jsonl.gz"
    path.write_bytes(whole[: len(whole) // 2])
    items = list(read_sources([str(path)]))
    assert isinstance(items[-1], Rejection) and "truncated or damaged" in items[-1].reason
    assert sum(isinstance(i, RawDocument) for i in items) > 10


def test_ingest_stdin_text_and_jsonl() -> None:
    text = list(read_sources(["-"], stdin=io.BytesIO(b"Plain text from a pipe, one document.")))
    assert isinstance(text[0], RawDocument) and text[0].source == "-" and text[0].media_type == "text/plain"
    html = list(read_sources(["-"], stdin=io.BytesIO(b"<!DOCTYPE html><html><body><p>x</p></body></html>")))
    assert html[0].media_type == "text/html"  # type: ignore[union-attr]
    records = list(read_sources(["-"], stdin=io.BytesIO(b'{"text": "one"}\n{"text": "two"}\n')))
    assert [r.source for r in records] == ["-:1", "-:2"]
    empty = list(read_sources(["-"], stdin=io.BytesIO(b"")))
    assert isinstance(empty[0], Rejection)
