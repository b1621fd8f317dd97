"""Event intervals for matching: ISO dates (``YYYY[-MM[-DD]]``) and year-less ones (``--MM[-DD]``).

A ``Span`` is either yeared (``kind="y"``, proleptic ordinal days) or year-less (``kind="md"``,
day of a leap year, 1..366, ``end`` may pass 366 when the span wraps over New Year). Year-less
spans compare with year-less ones, or with yeared spans projected onto the calendar.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta

_YEARED = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")
_YEARLESS = re.compile(r"^--(\d{2})(?:-(\d{2}))?")
_LEAP = 2000  # day-of-year arithmetic for year-less dates uses a leap year so --02-29 exists
_YEAR_DAYS = 366


@dataclass(frozen=True)
class Span:
    kind: str  # "y" | "md"
    start: int
    end: int


def parse_bound(text: str | None, *, upper: bool) -> tuple[str, int] | None:
    """One ISO bound as (kind, day); ``upper`` takes the last day of a month or year."""
    if not text:
        return None
    m = _YEARED.match(text)
    if m:
        year, month, day = int(m[1]), m[2], m[3]
        try:
            if month is None:
                d = date(year, 12, 31) if upper else date(year, 1, 1)
            elif day is None:
                last = calendar.monthrange(year, int(month))[1]
                d = date(year, int(month), last if upper else 1)
            else:
                d = date(year, int(month), int(day))
        except ValueError:
            return None
        return "y", d.toordinal()
    m = _YEARLESS.match(text)
    if m:
        month, day = int(m[1]), m[2]
        try:
            if day is None:
                last = calendar.monthrange(_LEAP, month)[1]
                d = date(_LEAP, month, last if upper else 1)
            else:
                d = date(_LEAP, month, int(day))
        except ValueError:
            return None
        return "md", d.timetuple().tm_yday
    return None


def parse_span(start: str | None, end: str | None) -> Span | None:
    """The interval from ``start`` to ``end`` (either may be missing); None when unreadable or mixed."""
    lo = parse_bound(start or end, upper=False)
    hi = parse_bound(end or start, upper=True)
    if lo is None or hi is None or lo[0] != hi[0]:
        return None
    kind, a, b = lo[0], lo[1], hi[1]
    if kind == "md" and b < a:
        b += _YEAR_DAYS  # "--12-28" to "--01-03" wraps over New Year
    return Span(kind, a, b) if b >= a else Span(kind, b, a)


def day(text: str | None) -> Span | None:
    """A single date (a document's publication) as a span."""
    return parse_span(text, text)


def to_yearless(span: Span) -> Span:
    """A yeared span projected onto the calendar; a span of a year or more covers every day."""
    if span.kind == "md":
        return span
    if span.end - span.start >= 365:
        return Span("md", 1, _YEAR_DAYS)
    a = date.fromordinal(span.start)
    b = date.fromordinal(span.end)
    sa, sb = _yday(a), _yday(b)
    return Span("md", sa, sb if sb >= sa else sb + _YEAR_DAYS)


def _yday(d: date) -> int:
    try:
        return date(_LEAP, d.month, d.day).timetuple().tm_yday
    except ValueError:  # pragma: no cover - every month-day exists in a leap year
        return 60


def _aligned(a: Span, b: Span) -> tuple[Span, Span]:
    """Bring two spans to one kind, shifting a year-less one by a year when it wraps closer."""
    if a.kind != b.kind:
        a, b = to_yearless(a), to_yearless(b)
    if a.kind == "md":
        best = min((0, _YEAR_DAYS, -_YEAR_DAYS), key=lambda s: _gap(a, Span("md", b.start + s, b.end + s)))
        b = Span("md", b.start + best, b.end + best)
    return a, b


def _gap(a: Span, b: Span) -> int:
    return max(0, max(a.start, b.start) - min(a.end, b.end))


def overlaps(a: Span, b: Span, tolerance: int) -> bool:
    """Whether two intervals overlap, allowing ``tolerance`` days between them."""
    a, b = _aligned(a, b)
    return _gap(a, b) <= tolerance


def distance(a: Span, b: Span) -> int:
    """Days between two intervals (0 when they overlap)."""
    a, b = _aligned(a, b)
    return _gap(a, b)


def shared(a: Span, b: Span) -> Span:
    """The interval two compatible spans share (or the gap between them, when only tolerance joins them)."""
    if a.kind != b.kind:
        # Keep the yeared one: it carries the year the other lacks.
        return a if a.kind == "y" else b
    a, b = _aligned(a, b)
    lo, hi = max(a.start, b.start), min(a.end, b.end)
    if lo > hi:
        lo, hi = hi, lo
    return Span(a.kind, lo, hi)


def before(span: Span, days: int) -> Span:
    """From ``days`` before ``span`` to its end: when an undated event reported on that day happened."""
    return Span(span.kind, span.start - days, span.end)


def format_span(span: Span) -> dict[str, str]:
    """The span as ISO ``{"start", "end"}``; year-less spans stay year-less."""
    if span.kind == "y":
        return {
            "start": date.fromordinal(span.start).isoformat(),
            "end": date.fromordinal(span.end).isoformat(),
        }
    return {"start": _md(span.start), "end": _md(span.end)}


def _md(yday: int) -> str:
    yday = (yday - 1) % _YEAR_DAYS + 1
    d = date(_LEAP, 1, 1) + timedelta(days=yday - 1)
    return f"--{d.month:02d}-{d.day:02d}"


def buckets(span: Span, width: int, limit: int = 24) -> list[str]:
    """Blocking buckets a span is filed under.

    A yeared span goes in ``y<n>`` windows of ``width`` days and, for year-less queries only, in
    ``Ym<month>`` calendar months; a year-less span in ``m<month>``. Spans too wide for that go in
    ``*`` (read by every query) or ``Y*`` (read by every year-less query).
    """
    md = to_yearless(span)
    if span.kind == "y":
        first, last = span.start // width, span.end // width
        if last - first > limit:
            return ["*"]
        months = ["Y*"] if md.end - md.start >= 300 else [f"Ym{m}" for m in _months(md)]
        return [*(f"y{n}" for n in range(first, last + 1)), *months]
    return ["*"] if md.end - md.start >= 300 else [f"m{m}" for m in _months(md)]


def query_buckets(span: Span, width: int, slack: int) -> list[str]:
    """The buckets whose clusters a span may match, the span widened by ``slack`` days.

    Yeared spans read yeared windows and year-less months; year-less spans read year-less months
    and the calendar months of yeared clusters.
    """
    wide = Span(span.kind, span.start - slack, span.end + slack)
    md = to_yearless(wide)
    months = list(range(1, 13)) if md.end - md.start >= 300 else _months(md)
    out = ["*", *(f"m{m}" for m in months)]
    if wide.kind == "y":
        out.extend(f"y{n}" for n in range(wide.start // width, wide.end // width + 1))
    else:
        out.extend(["Y*", *(f"Ym{m}" for m in months)])
    return out


def _months(md: Span) -> list[int]:
    return sorted({_month(d) for d in range(md.start, md.end + 1, 7)} | {_month(md.end)})


def _month(yday: int) -> int:
    yday = (yday - 1) % _YEAR_DAYS + 1
    return (date(_LEAP, 1, 1) + timedelta(days=yday - 1)).month
