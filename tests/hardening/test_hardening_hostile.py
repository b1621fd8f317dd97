"""Hostile and broken input: each file of the generated corpus is read within a time and memory
bound, gives a clear reason when refused, and does not stop the batch around it."""

from __future__ import annotations

import json
import os
import re
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from hardening.bounded import newsgraph_bounded, python_bounded
from hardening.hostile import BIDI, GOOD_TEXT, MAKERS, ZERO_WIDTH, Expect

READ_TIMEOUT = 90.0  # seconds for one file; the bombs take about 8 s here
BATCH_TIMEOUT = 300.0
BATCH_SKIPS = ("warc_bomb", "jsonl_bomb", "big_feed")

# Reads one file in a bounded child, extracts every document, prints one JSON line.
_READ_ONE = """
import json, sys, time
from newsgraph.errors import NewsgraphError
from newsgraph.extract import extract
from newsgraph.ingest import read_sources
from newsgraph.model import Rejection
start = time.monotonic()
documents, rejections, texts = 0, [], []
for item in read_sources(sys.argv[1:]):
    if isinstance(item, Rejection):
        rejections.append([item.code, item.reason])
        continue
    try:
        article = extract(item)
    except NewsgraphError as exc:
        rejections.append([exc.code, str(exc)])
        continue
    assert all(0 <= a <= b <= len(article.text) for a, b in article.paragraphs)
    documents += 1
    texts.append(article.text[:2000])
print(json.dumps({"documents": documents, "rejections": rejections[:50], "n_rejections": len(rejections),
                  "codes": sorted({c for c, _ in rejections}), "texts": texts[:5],
                  "seconds": time.monotonic() - start}))
"""


@pytest.fixture(scope="session")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[Path, Expect]]:
    """Each hostile input in a folder of its own (generated once per test process)."""
    root = tmp_path_factory.mktemp("hostile")
    out = {}
    for name, make in MAKERS.items():
        folder = root / name
        folder.mkdir()
        out[name] = (folder, make(folder))
    return out


def _params() -> Iterator[object]:
    for name in MAKERS:
        marks = [pytest.mark.slow] if name.endswith("bomb") else []
        yield pytest.param(name, marks=marks, id=name)


@pytest.mark.parametrize("name", list(_params()))
def test_hardening_hostile_input_is_read_within_bounds(corpus: dict[str, tuple[Path, Expect]], name: str,
                                                       record_property: pytest.RecordProperty) -> None:  # fmt: skip
    folder, expect = corpus[name]
    done = python_bounded(_READ_ONE, *sorted(str(p) for p in folder.iterdir()), timeout=READ_TIMEOUT)
    assert done.returncode == 0, done.stderr[-3000:]
    assert "Traceback" not in done.stderr
    result = json.loads(done.stdout.strip().splitlines()[-1])
    record_property("seconds", round(done.seconds, 2))
    record_property("peak_mb", round(done.peak_mb))
    print(f"{name}: {done.seconds:.1f} s, peak {done.peak_mb:.0f} MB, {result['documents']} documents, "
          f"{result['n_rejections']} rejections {result['codes']}")
    if expect.documents is not None:
        assert result["documents"] == expect.documents, result
    assert result["documents"] >= expect.min_documents, result
    for code in expect.codes:
        assert code in result["codes"], result
    reasons = " ".join(reason for _, reason in result["rejections"])
    for word in expect.words:
        assert word in reasons, result
    for _, reason in result["rejections"]:  # a clear message: one line, says something
        assert reason.strip() and "\n" not in reason and "Traceback" not in reason
    for text in result["texts"]:
        assert not any(c in text for c in ZERO_WIDTH + BIDI + "\x00"), repr(text[:200])
        assert "\ud800" not in text


def test_hardening_hostile_invisible_characters_do_not_hide_words(corpus: dict[str, tuple[Path, Expect]]) -> None:
    from newsgraph.extract import extract
    from newsgraph.ingest import read_sources
    from newsgraph.model import RawDocument

    folder, _ = corpus["invisible"]
    (raw,) = read_sources([str(folder / "invisible.txt")])
    assert isinstance(raw, RawDocument)
    article = extract(raw)
    assert GOOD_TEXT in article.text


@pytest.mark.slow
def test_hardening_hostile_batch_goes_on(corpus: dict[str, tuple[Path, Expect]], tmp_path: Path,
                                         record_property: pytest.RecordProperty) -> None:  # fmt: skip
    """One `newsgraph ingest` over every hostile file: no traceback, the good documents stored, the store whole."""
    db = tmp_path / "hostile.db"
    # the bombs and the 100,000-item feed are left out: their own tests show the records after them
    # are read, and here they would only add half a minute
    batch = {name: entry for name, entry in corpus.items() if name not in BATCH_SKIPS}
    folders = [str(folder) for folder, _ in batch.values()]
    # language.max_chars is lowered: the 10 MB line at the default takes minutes (see the xfail below)
    done = newsgraph_bounded("ingest", *folders, "--db", str(db), "--workers", "1", "--quiet",
                             "--set", "language.max_chars=20000", timeout=BATCH_TIMEOUT)
    record_property("seconds", round(done.seconds, 2))
    record_property("peak_mb", round(done.peak_mb))
    print(f"batch: {done.seconds:.1f} s, peak {done.peak_mb:.0f} MB\n{done.stdout}")
    assert "Traceback" not in done.stderr, done.stderr[-3000:]
    assert done.returncode == 0, done.stderr[-3000:]
    summary = done.stdout.strip().splitlines()[-1]
    counts = [int(n) for n in re.findall(r"(\d+) (?:ingested|already present|skipped|failed)", summary)]
    expected = sum(e.documents or e.min_documents for _, e in batch.values())
    # the same good article sits in several files: later copies are "already present"
    assert counts[0] + counts[1] == expected and counts[3] == 0, summary
    check = newsgraph_bounded("check", "--db", str(db), timeout=60)
    assert check.returncode == 0 and check.stdout.startswith("ok"), check.stdout + check.stderr


@pytest.mark.slow
@pytest.mark.issue(9)
def test_hardening_hostile_long_line_is_analysed_quickly(corpus: dict[str, tuple[Path, Expect]]) -> None:
    """A 10 MB line cut to language.max_chars used to be one 200,000-character sentence that the
    later stages scanned once per event (~80 s, ~900 MB); the language stage now caps sentences."""
    folder, _ = corpus["long_line"]
    code = ("import sys\nfrom newsgraph.ingest import read_sources\nfrom newsgraph.pipeline import Analyzer\n"
            "out = list(Analyzer.from_settings().analyze_many(read_sources(sys.argv[1:])))\n"
            "print(type(out[0]).__name__, out[0].document.warnings)\n")
    # Generous for a loaded CI machine (about 10 s alone), far below the ~80 s the bug cost.
    done = python_bounded(code, str(folder / "long_line.txt"), timeout=60)
    assert done.returncode == 0 and "language.max_chars" in done.stdout, done.stderr[-2000:]


def test_hardening_jsonl_lone_surrogates_do_not_stop_the_batch(tmp_path: Path) -> None:
    from newsgraph.ingest import read_sources
    from newsgraph.model import RawDocument

    path = tmp_path / "s.jsonl"
    path.write_text('{"text": "high \\ud800 alone", "title": "\\udc80"}\n{"text": "next record"}\n')
    items = list(read_sources([str(path)]))
    assert len(items) == 2 and all(isinstance(i, RawDocument) for i in items), items
    first = items[0]
    assert isinstance(first, RawDocument)
    assert first.data.decode("utf-8") == "high \ufffd alone" and first.title == "\ufffd"


@pytest.mark.skipif(sys.platform != "linux", reason="needs a file system that takes any bytes in names")
def test_hardening_undecodable_file_name_is_ingested(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    with open(os.path.join(os.fsencode(folder), b"bad\xffname.txt"), "wb") as fh:
        fh.write(GOOD_TEXT.encode())
    (folder / "zz_good.txt").write_text("Iran and Russia signed a drone deal in Moscow on Tuesday, TASS said.")
    from typer.testing import CliRunner

    from newsgraph.cli import app

    result = CliRunner().invoke(app, ["ingest", str(folder), "--db", str(tmp_path / "names.db"), "-w", "1", "-q"])
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    assert result.exit_code == 0 and "2 ingested" in result.output, result.output
    from newsgraph.store import open_store

    with open_store(str(tmp_path / "names.db"), readonly=True) as store:
        assert any(row.source.endswith("bad\ufffdname.txt") for row in store.documents())
