"""Orchestration: raw documents in, analyses out, each stage called once in its order.

An ``Analyzer`` holds what is costly to load (the spaCy pipeline, gazetteers, lexicons) and is
made once per process; there is no module-level state.
"""

from __future__ import annotations

import dataclasses
import logging
import threading
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field

from spacy.language import Language

from newsgraph.attribution import attribute_events, find_claims
from newsgraph.attribution.cues import AttributionCues, load_cues
from newsgraph.errors import NewsgraphError
from newsgraph.events import EventLexicon, extract_events, load_event_lexicon
from newsgraph.extract import extract
from newsgraph.extract.cues import load_cues as load_page_cues
from newsgraph.language import Parsed, load_nlp, parse_many
from newsgraph.model import AlreadyPresent, Analysis, Article, Outcome, RawDocument, Rejection
from newsgraph.resolve import Gazetteer, latest_past_date, load_gazetteer, resolve_entities, resolve_times
from newsgraph.settings import Settings, load_settings

log = logging.getLogger(__name__)


@dataclass
class Analyzer:
    """Loaded resources for analysing documents; make one per process and reuse it."""

    settings: Settings
    nlp: Language
    gazetteer: Gazetteer
    lexicon: EventLexicon
    cues: AttributionCues
    # spaCy's memory zones must not overlap, and the API analyses in several threads at once
    _zone_lock: threading.Lock = field(default_factory=threading.Lock, repr=False, compare=False)

    @classmethod
    def from_settings(cls, settings: Settings | None = None) -> Analyzer:
        settings = settings or load_settings()
        data_dir = settings.get("data.dir") or None
        page_cues = load_page_cues(data_dir)
        nlp = load_nlp(settings.get("language.model"), datelines=[p.pattern for p in page_cues.page.datelines])
        gazetteer = load_gazetteer(data_dir)
        # The name matchers add their words to the vocabulary for good: built here, before any
        # document's memory zone, whose words are dropped when the zone ends.
        gazetteer.matchers_for(nlp.vocab)
        return cls(settings=settings, nlp=nlp, gazetteer=gazetteer, lexicon=load_event_lexicon(data_dir),
                   cues=load_cues(data_dir))

    def analyze(self, raw: RawDocument | str, *, published: str | None = None) -> Analysis:
        """Analyse one document; raises a NewsgraphError when it cannot be used."""
        if isinstance(raw, str):
            raw = RawDocument(source="<text>", data=raw.encode("utf-8"), media_type=_guess_media_type(raw))
        result = next(self.analyze_many([raw], published=published))
        if isinstance(result, Rejection):
            raise NewsgraphError(result.reason, code=result.code)
        assert isinstance(result, Analysis)
        return result

    def analyze_many(
        self,
        raws: Iterable[RawDocument | Rejection],
        *,
        published: str | None = None,
        known: Callable[[str], bool] | None = None,
    ) -> Iterator[Outcome]:
        """Analyse documents in input order; a document that fails becomes a Rejection, the rest go on.

        ``known`` tells whether a document id is already stored; such documents are not parsed.
        """
        batch: list[Article | Rejection | AlreadyPresent] = []
        size = int(self.settings.get("language.batch_size"))
        for raw in raws:
            item = self._extract(raw, published)
            if isinstance(item, Article) and known is not None and known(item.id):
                batch.append(AlreadyPresent(source=item.source, id=item.id))
            else:
                batch.append(item)
            if len(batch) >= size:
                yield from self._analyze_batch(batch, published)
                batch = []
        if batch:
            yield from self._analyze_batch(batch, published)

    def _extract(self, raw: RawDocument | Rejection, published: str | None) -> Article | Rejection:
        if isinstance(raw, Rejection):
            return raw
        try:
            article = extract(raw, published=published, data_dir=self.settings.get("data.dir") or None)
        except NewsgraphError as exc:
            return Rejection(source=raw.source, reason=str(exc.args[0]), code=exc.code)
        limit = int(self.settings.get("language.max_chars"))
        if len(article.text) > limit:
            article = _cut(article, limit)
        return article

    def _analyze_batch(
        self, batch: list[Article | Rejection | AlreadyPresent], published: str | None
    ) -> Iterator[Outcome]:
        # Every word a batch brings into spaCy's vocabulary is dropped when its memory zone ends, so a
        # worker that reads millions of articles stays the size it was after the first few. Nothing
        # of spaCy's leaves the zone: the analyses are plain dataclasses.
        with self._zone_lock, self.nlp.memory_zone():
            outcomes = list(self._outcomes(batch, published))
        yield from outcomes

    def _outcomes(self, batch: list[Article | Rejection | AlreadyPresent], published: str | None
                  ) -> Iterator[Outcome]:
        english = [a for a in batch if isinstance(a, Article) and _is_english(a)]
        parsed = {id(p.article): p for p in parse_many(english, self.nlp, batch_size=len(english) or 1)}
        for item in batch:
            if not isinstance(item, Article):
                yield item
            elif id(item) in parsed:
                try:
                    yield self._analyze_parsed(parsed[id(item)], published)
                except NewsgraphError as exc:
                    yield Rejection(source=item.source, reason=str(exc.args[0]), code=exc.code)
            else:
                log.info("%s: language %s, English-only stages skipped", item.source, item.language)
                yield Analysis(document=_with_warning(item, f"language {item.language!r} is not English: "
                                                      "entities, events and claims were not extracted"))

    def _analyze_parsed(self, parsed: Parsed, published: str | None) -> Analysis:
        article = parsed.article
        anchor = published or article.published.value
        entities = resolve_entities(parsed, self.gazetteer)
        times = resolve_times(parsed, anchor)
        claims, citations = find_claims(parsed, entities, times, cues=self.cues)
        events = extract_events(parsed, entities, times, self.lexicon,
                                min_confidence=float(self.settings.get("events.min_confidence")))
        events = attribute_events(events, claims, parsed, entities)
        not_before = latest_past_date(times, anchor)
        if not_before and not_before != article.published.not_before:
            article = dataclasses.replace(
                article, published=dataclasses.replace(article.published, not_before=not_before)
            )
        return Analysis(
            document=article,
            sentences=parsed.sentences,
            entities=entities,
            times=times,
            citations=citations,
            claims=claims,
            events=events,
        )


def _is_english(article: Article) -> bool:
    return article.language in (None, "en")


def _with_warning(article: Article, warning: str) -> Article:
    return dataclasses.replace(article, warnings=(*article.warnings, warning))


def _cut(article: Article, limit: int) -> Article:
    cut = article.text.rfind("\n", 0, limit)
    cut = cut if cut > limit // 2 else limit
    warning = f"text cut from {len(article.text)} to {cut} characters (language.max_chars)"
    log.warning("%s: %s", article.source, warning)
    return dataclasses.replace(
        article,
        text=article.text[:cut],
        paragraphs=tuple((a, min(b, cut)) for a, b in article.paragraphs if a < cut),
        citations=tuple(c for c in article.citations if c.end <= cut),
        warnings=(*article.warnings, warning),
    )


def _guess_media_type(text: str) -> str:
    head = text.lstrip()[:500].lower()
    return "text/html" if head.startswith(("<!doctype html", "<html")) or "<body" in head else "text/plain"


__all__ = ["AlreadyPresent", "Analyzer", "Outcome"]
