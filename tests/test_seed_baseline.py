"""The seed article's scores against the floors pinned in benchmarks/baseline.json."""

from __future__ import annotations

import pytest
from benchmarks import baseline


@pytest.fixture(scope="module")
def measured() -> dict[str, float]:
    return baseline.seed_scores()


def test_seed_gold_file_matches_its_pinned_hash() -> None:
    entry = baseline.load_baseline()["seed"]
    assert baseline.sha256_of(baseline.ROOT / entry["gold"]) == entry["sha256"], (
        "examples/seed/gold.json changed: re-pin its floors with python -m benchmarks.baseline --update"
    )


def test_seed_scores_meet_their_floors(measured: dict[str, float]) -> None:
    assert baseline.compare(measured, baseline.load_baseline()["seed"]["floors"]) == []


def test_baseline_compare_flags_a_drop_beyond_noise() -> None:
    assert baseline.compare({"quotes": 0.8}, {"quotes": 1.0}) == ["quotes: 0.8000 is below its floor 1.0000"]
    assert baseline.compare({"quotes": 0.9996}, {"quotes": 1.0}) == []
    assert baseline.compare({}, {"quotes": 0.5}) != []
