"""HTML pages: trafilatura finds the main text and metadata, htmldate the publication date.

Both are the best-measured open tools for their job; this module only calls them and turns
their output into plain fields. Comments are excluded: they are not the article.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field

import htmldate
import trafilatura

log = logging.getLogger(__name__)

# Fewer words than this is navigation or a placeholder, not an article.
MIN_WORDS = 10


@dataclass
class HtmlParts:
    text: str
    title: str | None = None
    authors: list[str] = field(default_factory=list)
    date: str | None = None
    sitename: str | None = None


def _authors(value: str | None) -> list[str]:
    if not value:
        return []
    return [a.strip() for a in value.split(";") if a.strip()]


def _has_article_text(text: str | None) -> bool:
    """More than a menu: trafilatura's recall mode may return a lone link text such as "Home"."""
    return bool(text) and len(str(text).split()) >= MIN_WORDS


def find_html_date(html: str) -> str | None:
    """The publication date in the page's metadata (htmldate, no guessing from body text)."""
    try:
        found = htmldate.find_date(html, extensive_search=False, original_date=True, outputformat="%Y-%m-%d")
    except Exception as exc:  # htmldate parses arbitrary pages; a failure only means "no date"
        log.debug("htmldate failed: %s", exc)
        return None
    return str(found) if found else None


def extract_html(html: str, url: str | None = None) -> HtmlParts | None:
    """Main text and metadata of a page, or None when no article text is found."""
    document = None
    for recall in (False, True):  # favour recall only when the default finds nothing
        try:
            document = trafilatura.bare_extraction(
                html, url=url, with_metadata=True, include_comments=False, include_tables=True,
                favor_recall=recall, date_extraction_params={"extensive_search": False},
            )
        except Exception as exc:  # lxml or trafilatura on broken markup: treat as "nothing found"
            log.debug("trafilatura failed on %s: %s", url, exc)
            document = None
        if document is not None and _has_article_text(getattr(document, "text", None)):
            break
    if document is None or not _has_article_text(getattr(document, "text", None)):
        return None
    return HtmlParts(
        text=str(getattr(document, "text", "")),
        title=getattr(document, "title", None) or None,
        authors=_authors(getattr(document, "author", None)),
        # htmldate without the URL: trafilatura's own date may come from the URL, which is
        # not metadata; the URL is tried later, under its own name.
        date=find_html_date(html),
        sitename=getattr(document, "sitename", None) or None,
    )
