"""The command line, end to end, with the real model and a real SQLite file."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from newsgraph.cli import app

runner = CliRunner()
ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "examples" / "seed" / "article.txt"


def run(*args: str, input: str | None = None) -> Any:
    result = runner.invoke(app, list(args), input=input, catch_exceptions=False)
    return result


def test_cli_analyze_seed_prints_one_analysis_with_its_contract(scorer: Any, seed_gold: dict[str, Any]) -> None:
    result = run("analyze", str(SEED), "--format", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["schema"] == "newsgraph.analysis/1"
    assert data["document"]["source"] == str(SEED)
    assert data["document"]["published"]["value"] is None
    assert data["document"]["published"]["not_before"] == "--11-19"
    scores = scorer.score(data, seed_gold)["scores"]
    assert scores["document"] == (11, 11)
    assert scores["citations"] == (3, 3)


def test_cli_analyze_with_published_resolves_years() -> None:
    result = run("analyze", str(SEED), "--published", "2022-11-22")
    data = json.loads(result.stdout)
    by_text = {t["text"]: t for t in data["times"]}
    assert by_text["November 9"]["start"] == "2022-11-09"
    assert (by_text["early November"]["start"], by_text["early November"]["end"]) == ("2022-11-01", "2022-11-10")
    since = next(t for t in data["times"] if t["text"].endswith("since February") or t["text"] == "since February")
    assert (since["start"], since["end"]) == ("2022-02-01", "2022-11-22")
    assert data["document"]["published"] == {"value": "2022-11-22", "source": "user", "not_before": "2022-11-19"}


def test_cli_analyze_bad_date_is_a_usage_error() -> None:
    result = runner.invoke(app, ["analyze", str(SEED), "--published", "22/11/2022"])
    assert result.exit_code == 2
    assert "YYYY-MM-DD" in result.output


def test_cli_analyze_several_inputs_gives_json_lines_in_input_order(tmp_path: Path) -> None:
    a = tmp_path / "a.txt"
    b = tmp_path / "b.txt"
    a.write_text("Russian forces shelled Kharkiv on Monday, Ukrainian officials said.\n", encoding="utf-8")
    b.write_text("Israel and Egypt held talks in Cairo on Tuesday about a ceasefire in Gaza.\n", encoding="utf-8")
    result = run("analyze", str(b), str(a))
    lines = [json.loads(x) for x in result.stdout.splitlines() if x.strip()]
    assert [x["document"]["source"] for x in lines] == [str(b), str(a)]


def test_cli_analyze_reads_json_lines_from_stdin() -> None:
    records = [
        {"text": "Turkey sanctioned three Syrian companies on Friday.", "url": "https://example.org/1"},
        {"text": "Protesters marched in Tbilisi against the government on Sunday."},
    ]
    stdin = "\n".join(json.dumps(r) for r in records) + "\n"
    result = run("analyze", "-", "--format", "jsonl", input=stdin)
    lines = [json.loads(x) for x in result.stdout.splitlines() if x.strip()]
    assert len(lines) == 2
    assert lines[0]["document"]["url"] == "https://example.org/1"


def test_cli_analyze_of_nothing_usable_fails_with_the_reason(tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    result = runner.invoke(app, ["analyze", str(empty)])
    assert result.exit_code == 1
    assert "empty" in result.output.lower()


def test_cli_ingest_is_idempotent_and_lists_and_shows(tmp_path: Path) -> None:
    db = str(tmp_path / "store.db")
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "seed.txt").write_bytes(SEED.read_bytes())
    (folder / "empty.txt").write_bytes(b"")
    (folder / "image.png").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4)
    first = run("ingest", str(folder), "--db", db, "--workers", "1", "--quiet")
    assert first.exit_code == 0, first.output
    assert "1 ingested, 0 already present, 2 skipped, 0 failed" in first.stdout
    again = run("ingest", str(folder), "--db", db, "--workers", "1", "--quiet")
    assert "0 ingested, 1 already present, 2 skipped" in again.stdout
    strict = runner.invoke(app, ["ingest", str(folder), "--db", db, "--workers", "1", "--quiet", "--strict"])
    assert strict.exit_code == 1

    listed = run("documents", "--db", db, "--format", "jsonl")
    docs = [json.loads(x) for x in listed.stdout.splitlines()]
    assert len(docs) == 1 and docs[0]["title"].startswith("Russia and Iran")
    doc_id = docs[0]["id"]

    shown = run("show", doc_id[:8], "--db", db)
    assert shown.exit_code == 0
    assert "Haider Abbas" in shown.stdout and "Please enter your comment" in shown.stdout  # removed, listed as such

    events = run("events", "--db", db, "--actor", "RUS", "--format", "jsonl")
    rows = [json.loads(x) for x in events.stdout.splitlines()]
    assert rows and all(any(s.startswith("country:RUS") or "rus" in s for s in r["source"] + r["target"]) for r in rows)

    actors = run("actors", "--db", db, "--kind", "person", "--format", "csv")
    assert "Nikolai Patrushev" in actors.stdout

    claims = run("claims", "--db", db, "--kind", "direct_quote", "--format", "jsonl")
    assert len(claims.stdout.splitlines()) >= 5

    check = run("check", "--db", db)
    assert check.exit_code == 0 and "ok" in check.stdout


def test_cli_show_unknown_document_says_how_to_find_one(tmp_path: Path) -> None:
    db = str(tmp_path / "store.db")
    run("ingest", str(SEED), "--db", db, "--workers", "1", "--quiet")
    result = runner.invoke(app, ["show", "ffffffffffff", "--db", db])
    assert result.exit_code == 1
    assert "newsgraph documents" in result.output


def test_cli_reading_a_missing_store_is_a_clear_error(tmp_path: Path) -> None:
    result = runner.invoke(app, ["documents", "--db", str(tmp_path / "nope.db")])
    assert result.exit_code == 1
    assert "NG4" in result.output


def test_cli_demo_ingests_clusters_and_lists(tmp_path: Path) -> None:
    db = str(tmp_path / "demo.db")
    result = run("demo", "--db", db, "--no-serve")
    assert result.exit_code == 0, result.output
    assert "0 failed" in result.stdout
    assert "event clusters" in result.stdout
    again = run("demo", "--db", db, "--no-serve")
    assert "0 ingested" in again.stdout


def test_cli_config_prints_effective_settings_with_overrides() -> None:
    result = run("config", "--set", "events.min_confidence=0.6")
    assert "min_confidence = 0.6" in result.stdout
    bad = runner.invoke(app, ["config", "--set", "events.nonsense=1"])
    assert bad.exit_code == 1 and "NG501" in bad.output


@pytest.mark.parametrize("fmt", ["table", "jsonl", "csv"])
def test_cli_query_formats(tmp_path: Path, fmt: str) -> None:
    db = str(tmp_path / "store.db")
    run("ingest", str(SEED), "--db", db, "--workers", "1", "--quiet")
    result = run("events", "--db", db, "--format", fmt)
    assert result.exit_code == 0
    if fmt == "csv":
        assert result.stdout.splitlines()[0].startswith("key,")
