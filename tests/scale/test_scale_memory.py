"""A worker that reads article after article must not grow: spaCy's vocabulary is the usual leak."""

from __future__ import annotations

from typing import Any

from newsgraph.model import Analysis, RawDocument

# Made-up surnames and towns, different in every document, the way real news brings new names.
SYLLABLES = ("ka", "ro", "vin", "tel", "mur", "sha", "dov", "len", "pi", "zar", "gu", "bek")


def _name(n: int) -> str:
    parts = []
    for _ in range(3):
        n, k = divmod(n, len(SYLLABLES))
        parts.append(SYLLABLES[k])
    return "".join(parts).title() + str(n % 97)


def _article(i: int) -> RawDocument:
    town, person, unit = _name(3 * i), _name(3 * i + 1), _name(3 * i + 2)
    text = (f"Russian forces shelled {town} on Monday, the regional governor {person} said. "
            f"The {unit} brigade withdrew from the outskirts of {town} after the attack, officials said.")
    return RawDocument(source=f"doc-{i}.txt", data=text.encode(), media_type="text/plain")


def test_scale_vocabulary_does_not_grow_with_new_words(analyzer: Any) -> None:
    list(analyzer.analyze_many([_article(i) for i in range(4)]))
    before = len(analyzer.nlp.vocab.strings)
    outcomes = list(analyzer.analyze_many([_article(i) for i in range(10, 110)]))
    assert all(isinstance(o, Analysis) for o in outcomes)
    assert sum(len(o.events) for o in outcomes) >= 100  # the documents were really analysed
    # every document brought three new names, and none of them stayed
    assert len(analyzer.nlp.vocab.strings) == before


def test_scale_analyses_outlive_the_batch_that_made_them(analyzer: Any) -> None:
    from newsgraph.schema import analysis_to_dict

    first = next(analyzer.analyze_many([_article(500)]))
    assert isinstance(first, Analysis) and first.events
    right_away = analysis_to_dict(first)
    list(analyzer.analyze_many([_article(i) for i in range(600, 640)]))  # later zones come and go
    assert analysis_to_dict(first) == right_away
    assert first.document.text.startswith("Russian forces shelled " + _name(1500))


def test_scale_analyses_in_threads_at_once_are_each_whole(analyzer: Any) -> None:
    """The API analyses in a thread pool; spaCy's memory zones of two threads must not overlap."""
    from concurrent.futures import ThreadPoolExecutor

    from newsgraph.schema import analysis_to_dict

    docs = [_article(i) for i in range(700, 724)]
    alone = [analysis_to_dict(next(analyzer.analyze_many([d]))) for d in docs]
    with ThreadPoolExecutor(max_workers=6) as pool:
        together = list(pool.map(lambda d: analysis_to_dict(next(analyzer.analyze_many([d]))), docs))
    assert together == alone
