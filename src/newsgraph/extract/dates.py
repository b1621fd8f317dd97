"""The publication date: the caller's, then the page's metadata, then the URL; never a file time.

A file's modification time says when it was saved, not when the article appeared, so it is
never used: an unknown date stays unknown (source "none").
"""

from __future__ import annotations

import re
from datetime import date, datetime
from email.utils import parsedate_to_datetime

from newsgraph.errors import InputError
from newsgraph.model import Published

_ISO = re.compile(r"^\s*(\d{4})-(\d{2})(?:-(\d{2}))?(?:[T ][\d:.]+(?:Z|[+-]\d{2}:?\d{2})?)?\s*$")
_COMPACT = re.compile(r"^\s*(\d{4})(\d{2})(\d{2})\s*$")
_YEAR = re.compile(r"^\s*(\d{4})\s*$")
_URL_DATE = re.compile(
    r"(?<!\d)((?:19|20)\d{2})[/_-](0?[1-9]|1[0-2])(?:[/_-](0?[1-9]|[12]\d|3[01]))?(?=[/_.-]|$)"
)
_URL_COMPACT = re.compile(r"/((?:19|20)\d{2})(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])(?=[/_.-]|$)")


def _iso(year: int, month: int | None = None, day: int | None = None) -> str | None:
    try:
        if day is not None and month is not None:
            return date(year, month, day).isoformat()
        if month is not None:
            return f"{year:04d}-{month:02d}" if 1 <= month <= 12 else None
        return f"{year:04d}"
    except ValueError:
        return None


def normalize_date(value: str | None) -> str | None:
    """An ISO date (``YYYY-MM-DD``, or ``YYYY-MM``/``YYYY`` when that is all there is) or None."""
    if not value or not value.strip():
        return None
    value = value.strip()
    if match := _ISO.match(value):
        year, month, day = match.groups()
        return _iso(int(year), int(month), int(day) if day else None)
    if match := _COMPACT.match(value):
        return _iso(*(int(g) for g in match.groups()))
    if match := _YEAR.match(value):
        return _iso(int(match.group(1)))
    try:
        return parsedate_to_datetime(value).date().isoformat()  # RFC 2822, as feeds write dates
    except (TypeError, ValueError, IndexError):
        pass
    return _parse_words(value)


def _parse_words(value: str) -> str | None:
    """"November 19, 2022", "19 Nov 2022": a full date in words, through dateparser."""
    if len(value) > 60 or not re.search(r"\d{4}", value):
        return None  # without a year the date cannot be placed; dateparser would invent one
    import dateparser  # slow to import; only needed for dates in words

    parsed: datetime | None = dateparser.parse(
        value, settings={"REQUIRE_PARTS": ["day", "month", "year"], "PREFER_DAY_OF_MONTH": "first"}
    )
    return parsed.date().isoformat() if parsed else None


def date_from_url(url: str | None) -> str | None:
    """The date in a URL path: ``/2022/11/19/``, ``/2022-11-19-``, ``/20221119/``, ``/2022/11/``."""
    if not url:
        return None
    path = re.sub(r"^[a-z]+://[^/]+", "", url, flags=re.IGNORECASE).split("?")[0]
    if match := _URL_DATE.search(path):
        year, month, day = match.groups()
        return _iso(int(year), int(month), int(day) if day else None)
    if match := _URL_COMPACT.search(path):
        return _iso(*(int(g) for g in match.groups()))
    return None


def resolve_published(
    *, user: str | None, metadata: tuple[str | None, ...] = (), url: str | None = None
) -> Published:
    """The first date found, in order: the caller's, metadata (hints first), the URL."""
    if user:
        value = normalize_date(user)
        if value is None:
            raise InputError(f"published date {user!r} is not a date; write YYYY-MM-DD", code="NG110")
        return Published(value=value, source="user")
    for candidate in metadata:
        value = normalize_date(candidate)
        if value:
            return Published(value=value, source="metadata")
    value = date_from_url(url)
    if value:
        return Published(value=value, source="url")
    return Published(value=None, source="none")
