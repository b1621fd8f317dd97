"""Small distinct documents for the scale tests, made from the gold event sentences."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
GOLD = ROOT / "tests" / "events" / "gold_sentences.jsonl"


def gold_sentences() -> list[str]:
    lines = GOLD.read_text(encoding="utf-8").splitlines()
    return [json.loads(line)["text"] for line in lines if line.strip()]


def write_documents(folder: Path, n: int, *, sentences: int = 4) -> list[Path]:
    """``n`` files of ``sentences`` gold sentences each, no two texts alike, named in input order."""
    pool = gold_sentences()
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(n):
        picked = [pool[(i * sentences + j * 7) % len(pool)] for j in range(sentences)]
        text = f"Report {i + 1}.\n\n" + "\n\n".join(picked) + "\n"
        path = folder / f"doc-{i:03d}.txt"
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths


def newsgraph(*args: str, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    """Run the CLI in a subprocess (as a user does), with no colours and a wide console."""
    return subprocess.run([sys.executable, "-m", "newsgraph.cli", *args], capture_output=True, text=True,
                          timeout=timeout, env=cli_env(), check=False)  # fmt: skip


def cli_env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("NEWSGRAPH_")}
    env.update({"NO_COLOR": "1", "COLUMNS": "200", "TERM": "dumb"})
    return env
