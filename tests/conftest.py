"""Fixtures shared by the whole suite: the real spaCy-backed Analyzer (loaded once per process),
the bundled seed article with its gold analysis, and the scorer."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "examples" / "seed"


@pytest.fixture(scope="session")
def analyzer() -> Any:
    from newsgraph.pipeline import Analyzer

    return Analyzer.from_settings()


@pytest.fixture(scope="session")
def seed_path() -> Path:
    return SEED / "article.txt"


@pytest.fixture(scope="session")
def seed_gold() -> dict[str, Any]:
    return json.loads((SEED / "gold.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def scorer() -> ModuleType:
    spec = importlib.util.spec_from_file_location("newsgraph_score", ROOT / "tools" / "score.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module
