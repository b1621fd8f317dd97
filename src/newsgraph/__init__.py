"""newsgraph: source-attributed, time-resolved event data from news articles.

Analyse text or HTML into plain dataclasses (``Analysis``, ``Event``, ``Claim``, ``Entity``)::

    >>> import newsgraph
    >>> analyzer = newsgraph.Analyzer.from_settings()          # doctest: +SKIP
    >>> analysis = analyzer.analyze("Russia and Iran signed a deal in Tehran on Monday.",
    ...                             published="2022-11-21")     # doctest: +SKIP
    >>> [(e.type, e.source) for e in analysis.events]           # doctest: +SKIP
    [('AGREE', ('country:RUS', 'country:IRN'))]

``newsgraph.analyze(text)`` is the one-call form (it loads the spaCy model on every call: make
one ``Analyzer`` for many documents). Store analyses and query them back::

    >>> import tempfile, pathlib
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "news.db"
    >>> with newsgraph.open_store(str(path)) as store:
    ...     store.add(newsgraph.Analysis(document=newsgraph.Article(id="0123456789abcdef", source="<text>",
    ...                                                             text="Nothing happened.")))
    ...     [d.id for d in store.documents()]
    'added'
    ['0123456789abcdef']

Everything here is typed; nothing is global: each ``Analyzer`` and ``Store`` owns what it loads.
Exports live in ``newsgraph.export`` (``export(store, "csv", path)``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from newsgraph.model import (
    Analysis,
    Article,
    Caption,
    Citation,
    Claim,
    Entity,
    Event,
    EventDate,
    Location,
    Mention,
    Published,
    Quantity,
    RawDocument,
    Rejection,
    Sentence,
    TimeExpression,
)
from newsgraph.settings import Settings, load_settings

if TYPE_CHECKING:
    from newsgraph.pipeline import Analyzer
    from newsgraph.store import Store

__version__ = "0.1.0"


def analyze(text_or_html: str, *, published: str | None = None, settings: Settings | None = None) -> Analysis:
    """Analyse one text or HTML page into an ``Analysis``.

    ``published`` (YYYY-MM-DD) anchors relative and year-less dates; HTML is recognised by its
    tags and cleaned first. Loads the model on each call: use ``Analyzer`` for many documents.
    Raises ``newsgraph.errors.NewsgraphError`` when the input cannot be used (empty, not text).
    """
    from newsgraph.pipeline import Analyzer

    return Analyzer.from_settings(settings).analyze(text_or_html, published=published)


def open_store(url: str | None = None, *, settings: Settings | None = None, readonly: bool = False) -> Store:
    """Open a store: a SQLite file path, ``sqlite:///file.db`` or ``postgresql://...`` URL.

    None takes the ``store.db`` setting (env ``NEWSGRAPH_DB``). A writable store is created or
    migrated on open; ``readonly=True`` only reads. Use it as a context manager to close it.
    """
    from newsgraph.store import open_store as _open

    return _open(url, settings=settings, readonly=readonly)


def __getattr__(name: str) -> Any:
    # Lazy, so `import newsgraph` stays cheap: spaCy and SQLAlchemy load on first use.
    if name == "Analyzer":
        from newsgraph.pipeline import Analyzer

        return Analyzer
    if name == "Store":
        from newsgraph.store import Store

        return Store
    raise AttributeError(f"module 'newsgraph' has no attribute {name!r}")


__all__ = [
    "Analysis", "Analyzer", "Article", "Caption", "Citation", "Claim", "Entity", "Event", "EventDate",
    "Location", "Mention", "Published", "Quantity", "RawDocument", "Rejection", "Sentence", "Settings", "Store",
    "TimeExpression", "__version__", "analyze", "load_settings", "open_store",
]  # fmt: skip
