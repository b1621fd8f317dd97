"""Accuracy floors pinned per gold file, like trafilatura's eval gate.

``benchmarks/baseline.json`` holds, for each gold file, its SHA-256 and the floor of each
score. The test suite fails when a score drops below its floor or when the gold file changed
without its floors being re-pinned. Raising floors is ``python -m benchmarks.baseline --update``;
lowering one also needs ``--allow-lower``, so it is never done by accident.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
BASELINE = ROOT / "benchmarks" / "baseline.json"
NOISE = 0.0005


def sha256_of(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def load_baseline() -> dict[str, Any]:
    return json.loads(BASELINE.read_text(encoding="utf-8"))


def compare(measured: dict[str, float], floors: dict[str, float]) -> list[str]:
    """Each score under its floor, as a line saying by how much."""
    return [
        f"{name}: {measured.get(name, 0.0):.4f} is below its floor {floor:.4f}"
        for name, floor in sorted(floors.items())
        if measured.get(name, 0.0) + NOISE < floor
    ]


def seed_scores() -> dict[str, float]:
    """Score the bundled seed article with the current pipeline (fractions in [0, 1])."""
    import importlib.util

    from newsgraph.pipeline import Analyzer
    from newsgraph.schema import analysis_to_dict

    spec = importlib.util.spec_from_file_location("score", ROOT / "tools" / "score.py")
    assert spec and spec.loader
    score = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(score)
    seed = ROOT / "examples" / "seed"
    analysis = Analyzer.from_settings().analyze(
        _raw(seed / "article.txt")
    )
    gold = json.loads((seed / "gold.json").read_text(encoding="utf-8"))
    return fractions(score.score(analysis_to_dict(analysis), gold)["scores"])


def _raw(path: Path) -> Any:
    from newsgraph.model import RawDocument

    return RawDocument(source=str(path), data=path.read_bytes(), media_type="text/plain")


def fractions(scores: dict[str, tuple[int, int | None]]) -> dict[str, float]:
    return {name: ok / n for name, (ok, n) in scores.items() if n}


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--update", action="store_true", help="Pin the measured scores as the new floors.")
    parser.add_argument("--allow-lower", action="store_true", help="Let --update lower a floor.")
    args = parser.parse_args(argv)
    baseline = load_baseline()
    entry = baseline["seed"]
    measured = seed_scores()
    for name in sorted(measured):
        print(f"{name:28s} {measured[name]:.3f}  (floor {entry['floors'].get(name, 0.0):.3f})")
    problems = compare(measured, entry["floors"])
    if not args.update:
        print("\n".join(problems) or "all floors met")
        return 1 if problems else 0
    lowered = [n for n, v in measured.items() if v + NOISE < entry["floors"].get(n, 0.0)]
    if lowered and not args.allow_lower:
        print(f"refusing to lower {', '.join(lowered)} without --allow-lower", file=sys.stderr)
        return 1
    entry["floors"] = {n: round(v, 4) for n, v in sorted(measured.items())}
    entry["sha256"] = sha256_of(ROOT / entry["gold"])
    BASELINE.write_text(json.dumps(baseline, indent=2) + "\n", encoding="utf-8")
    print(f"floors written to {BASELINE}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
