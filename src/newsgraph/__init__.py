"""newsgraph: source-attributed, time-resolved event data from news articles.

    >>> import newsgraph
    >>> analyzer = newsgraph.Analyzer.from_settings()          # loads spaCy once; reuse it
    >>> analysis = analyzer.analyze("Russia and Iran signed a deal in Tehran on Monday.")
    >>> [e.type for e in analysis.events]                        # doctest: +SKIP
    ['AGREE']

``newsgraph.analyze(text)`` is the one-call form (it loads the model on every call);
``newsgraph.open_store(url)`` opens a store to query.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from newsgraph.model import (
    Analysis,
    Article,
    Citation,
    Claim,
    Entity,
    Event,
    RawDocument,
    Rejection,
    TimeExpression,
)

if TYPE_CHECKING:
    from newsgraph.pipeline import Analyzer
    from newsgraph.settings import Settings

__version__ = "0.1.0"


def analyze(text_or_html: str, *, published: str | None = None, settings: Settings | None = None) -> Analysis:
    """Analyse one text or HTML page. Loads the model each call: use ``Analyzer`` for many."""
    from newsgraph.pipeline import Analyzer

    return Analyzer.from_settings(settings).analyze(text_or_html, published=published)


def open_store(url: str | None = None, **kwargs: Any) -> Any:
    """Open a store (a SQLite path or a SQLAlchemy URL); see ``newsgraph.store.Store``."""
    from newsgraph.store import open_store as _open

    return _open(url, **kwargs)


def __getattr__(name: str) -> Any:
    if name == "Analyzer":
        from newsgraph.pipeline import Analyzer

        return Analyzer
    if name == "Store":
        from newsgraph.store import Store

        return Store
    raise AttributeError(name)


__all__ = [
    "Analysis", "Analyzer", "Article", "Citation", "Claim", "Entity", "Event", "RawDocument",
    "Rejection", "Store", "TimeExpression", "analyze", "open_store",
]  # fmt: skip
