"""Many documents into the store: read, analyse, write, and account for every one of them.

One writer commits one document per transaction, so a crash loses at most the document in
flight, and a rerun skips what is stored (by content hash) without parsing it again.
"""

from __future__ import annotations

import dataclasses
import logging
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, BinaryIO, Protocol

from newsgraph.errors import NewsgraphError
from newsgraph.ingest import read_sources
from newsgraph.model import AlreadyPresent, Analysis, Outcome, RawDocument, Rejection
from newsgraph.settings import Settings

if TYPE_CHECKING:  # spaCy is imported where documents are analysed, not by a parent of workers
    from newsgraph.pipeline import Analyzer

log = logging.getLogger(__name__)


class DocumentSink(Protocol):
    """What ingestion needs of a store."""

    def has(self, doc_id: str) -> bool: ...

    def add(self, analysis: Analysis) -> str: ...


@dataclass
class IngestReport:
    """What happened to each input: the closing summary of ``newsgraph ingest``."""

    added: list[str] = field(default_factory=list)
    present: list[str] = field(default_factory=list)
    skipped: list[Rejection] = field(default_factory=list)
    failed: list[Rejection] = field(default_factory=list)
    not_english: list[str] = field(default_factory=list)

    @property
    def read(self) -> int:
        return len(self.added) + len(self.present) + len(self.skipped) + len(self.failed)


# A file name that is not UTF-8 reaches Python with surrogate escapes (PEP 383); no store or
# terminal can encode them, so the source name shows U+FFFD instead.
_SURROGATE = re.compile("[\ud800-\udfff]")


def printable_source(item: RawDocument | Rejection) -> RawDocument | Rejection:
    """``item`` with a source name that can be encoded as UTF-8 (the file is still read by its path)."""
    if _SURROGATE.search(item.source) is None:
        return item
    return dataclasses.replace(item, source=_SURROGATE.sub("\ufffd", item.source))


# Rejection codes that mean "this input is not an article" rather than "something broke".
_SKIP_CODES = ("NG1", "NG2")


def is_skip(rejection: Rejection) -> bool:
    """A skip is an input that holds no usable article; a failure is an error while processing one."""
    return rejection.code.startswith(_SKIP_CODES)


def analyze_sources(
    sources: Sequence[str],
    analyzer: Analyzer | None,
    *,
    settings: Settings,
    include: Sequence[str] = (),
    exclude: Sequence[str] = (),
    published: str | None = None,
    stdin: BinaryIO | None = None,
    known: Callable[[str], bool] | None = None,
    workers: int = 1,
    store_url: str | None = None,
) -> Iterator[Outcome]:
    """Analyses of every document in ``sources``, in input order, with one process or several.

    With several workers, each opens ``store_url`` read-only to skip documents already stored.
    """
    raws: Iterable[RawDocument | Rejection] = map(printable_source, read_sources(
        sources, settings=settings, include=include, exclude=exclude, stdin=stdin
    ))
    if workers > 1:
        from newsgraph.workers import analyze_in_pool

        yield from analyze_in_pool(raws, settings=settings, workers=workers, published=published, store_url=store_url)
    else:
        if analyzer is None:
            from newsgraph.pipeline import Analyzer

            analyzer = Analyzer.from_settings(settings)
        yield from analyzer.analyze_many(raws, published=published, known=known)


def store_outcomes(
    outcomes: Iterable[Outcome],
    store: DocumentSink,
    *,
    on_result: Callable[[Outcome, str], None] | None = None,
) -> IngestReport:
    """Write analyses to the store one transaction each; record every outcome in the report."""
    report = IngestReport()
    for outcome in outcomes:
        status = _store_one(outcome, store, report)
        if on_result:
            on_result(outcome, status)
    return report


def _store_one(outcome: Outcome, store: DocumentSink, report: IngestReport) -> str:
    if isinstance(outcome, AlreadyPresent):
        report.present.append(outcome.id)
        return "present"
    if isinstance(outcome, Rejection):
        (report.skipped if is_skip(outcome) else report.failed).append(outcome)
        return "skipped" if is_skip(outcome) else "failed"
    try:
        status = store.add(outcome)
    except NewsgraphError as exc:
        report.failed.append(Rejection(source=outcome.document.source, reason=str(exc), code=exc.code))
        return "failed"
    (report.added if status == "added" else report.present).append(outcome.document.id)
    if outcome.document.language not in (None, "en"):
        report.not_english.append(outcome.document.id)
    return status
