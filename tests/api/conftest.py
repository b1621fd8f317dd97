"""Fixtures for the API tests: a real store built from the hand-made corpus, apps over it."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from api.corpus import corpus
from newsgraph.model import Analysis, Article, RawDocument
from newsgraph.settings import load_settings


def build_store(path: Path) -> str:
    from newsgraph.store import open_store

    store = open_store(str(path))
    for analysis in corpus():
        store.add(analysis)
    store.close()
    return str(path)


@pytest.fixture(scope="session")
def store_url(tmp_path_factory: pytest.TempPathFactory) -> str:
    """One store for all read-only tests (nothing here writes to it)."""
    return build_store(tmp_path_factory.mktemp("store") / "fixture.db")


@pytest.fixture(scope="session")
def settings() -> Any:
    return load_settings(environ={})


@pytest.fixture(scope="session")
def client(store_url: str, settings: Any) -> Iterator[TestClient]:
    from newsgraph.api import create_app

    with TestClient(create_app(store_url, settings=settings, token="")) as client:
        yield client


class FakeAnalyzer:
    """Stands in for the spaCy pipeline: the clean text becomes a document with no events."""

    def __init__(self) -> None:
        self.calls: list[RawDocument] = []

    def analyze(self, raw: RawDocument, *, published: str | None = None) -> Analysis:
        import hashlib

        from newsgraph.errors import ExtractionError
        from newsgraph.model import Published

        self.calls.append(raw)
        text = raw.data.decode("utf-8").strip()
        if not text:
            raise ExtractionError("no article text", code="NG201")
        doc = hashlib.sha256(text.encode()).hexdigest()[:16]
        return Analysis(Article(id=doc, source=raw.source, text=text, title=raw.title, outlet=raw.outlet,
                                published=Published(published, "user" if published else "none")))


@pytest.fixture()
def writable(tmp_path: Path, settings: Any) -> Iterator[tuple[TestClient, FakeAnalyzer]]:
    """An app with a token over its own store, with the fake analyzer installed."""
    from newsgraph.api import create_app

    app = create_app(build_store(tmp_path / "w.db"), settings=settings, token="s3cret-token")
    analyzer = FakeAnalyzer()
    app.state.ng.analyzer = analyzer
    with TestClient(app) as client:
        yield client, analyzer
