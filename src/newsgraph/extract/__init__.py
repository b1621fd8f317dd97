"""The extract stage: a RawDocument's bytes to an Article's clean text and metadata.

Decoding, whitespace, page reading (HTML through trafilatura, text and Markdown through the
cue rules), footnote markers, language and publication date are each a module of their own;
this function only runs them in order.
"""

from __future__ import annotations

import hashlib
import re

from newsgraph.errors import ExtractionError
from newsgraph.extract.citations import remove_markers
from newsgraph.extract.cues import Cues, load_cues
from newsgraph.extract.dates import resolve_published
from newsgraph.extract.encoding import GUESSED, decode, is_guess
from newsgraph.extract.html import extract_html
from newsgraph.extract.language import detect_language
from newsgraph.extract.markdown import strip_markdown
from newsgraph.extract.text import Page, read_page
from newsgraph.extract.whitespace import join_paragraphs, normalize_text
from newsgraph.model import Article, Citation, RawDocument

_TAG = re.compile(r"<[A-Za-z!/?][^>]*>")

READS = ("raw",)
FILLS = (
    "article.id", "article.text", "article.title", "article.authors", "article.outlet",
    "article.published", "article.language", "article.photo_captions", "article.author_notes",
    "article.removed", "article.citations", "article.paragraphs",
)  # fmt: skip


def document_id(text: str) -> str:
    """First 16 hex digits of the SHA-256 of the clean text: the same text, the same id."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def extract(raw: RawDocument, *, published: str | None = None, data_dir: str | None = None) -> Article:
    """Clean text and metadata of ``raw``; raises ExtractionError when there is no article text.

    ``published`` is the caller's publication date and wins over anything found in the page;
    ``data_dir`` is a folder of user data files extending the bundled cues.
    """
    cues = load_cues(data_dir)
    text, encoding = decode(raw.data, declared=raw.encoding, media_type=raw.media_type)
    warnings = [f"no charset declared and not UTF-8: decoded as {encoding.removeprefix(GUESSED)} (a guess)"] \
        if is_guess(encoding) else []
    metadata_dates: list[str | None] = [raw.published]
    if _is_html(raw, text):
        parts = extract_html(text, raw.url)
        if parts is None:
            raise ExtractionError("no article text found in the HTML", code="NG201")
        title = raw.title or parts.title
        page = read_page(normalize_text(parts.text), cues, title=title, find_title=title is None)
        page.authors = list(raw.authors) or parts.authors or page.authors
        page.outlet = raw.outlet or parts.sitename or page.outlet
        metadata_dates.append(parts.date)
    else:
        hints_title, hints_authors = raw.title, list(raw.authors)
        if raw.media_type == "text/markdown":
            md = strip_markdown(text)
            text = md.text
            hints_title = hints_title or md.title
            hints_authors = hints_authors or md.authors
            metadata_dates.append(md.published)
        page = read_page(normalize_text(text), cues, title=hints_title)
        page.authors = hints_authors or page.authors
        page.outlet = raw.outlet or page.outlet
    return _article(raw, page, cues, published, tuple(metadata_dates), warnings)


def _is_html(raw: RawDocument, text: str) -> bool:
    """HTML by media type, unless it holds no tag at all (feeds and JSON Lines label text as HTML)."""
    if raw.media_type in ("text/html", "application/xhtml+xml"):
        return _TAG.search(text) is not None
    head = text.lstrip()[:1000].lower()
    return raw.media_type == "text/plain" and head.startswith(("<!doctype html", "<html"))


def _article(
    raw: RawDocument,
    page: Page,
    cues: Cues,
    published: str | None,
    metadata_dates: tuple[str | None, ...],
    warnings: list[str],
) -> Article:
    paragraphs, markers = remove_markers(page.paragraphs, cues.page, cues.outlets)
    body, offsets = join_paragraphs(paragraphs)
    if not body.strip():
        raise ExtractionError("no article text found", code="NG202")
    kept = [i for i, p in enumerate(paragraphs) if p.strip()]
    starts = {index: offsets[n][0] for n, index in enumerate(kept)}
    citations = tuple(
        Citation(marker=m.marker, outlet=m.outlet, start=starts[m.paragraph] + m.start,
                 end=starts[m.paragraph] + m.end)
        for m in markers
        if m.paragraph in starts
    )
    language, _confidence = detect_language(body)
    return Article(
        id=document_id(body),
        source=raw.source,
        text=body,
        url=raw.url,
        outlet=page.outlet,
        title=page.title,
        authors=tuple(page.authors),
        published=resolve_published(user=published, metadata=metadata_dates, url=raw.url),
        language=language,
        photo_captions=tuple(page.captions),
        author_notes=tuple(page.notes),
        removed=tuple(page.removed),
        citations=citations,
        paragraphs=offsets,
        warnings=tuple(warnings),
    )


__all__ = ["READS", "FILLS", "document_id", "extract"]
