"""The grammar of temporal expressions: what an expression means as an interval.

Each rule is a regular expression over one expression ("early November", "since February",
"three weeks ago") and a handler that turns its match into an interval with its real precision,
placed against the publication date when there is one. Without a publication date no year is
ever guessed: a month or a day stays year-less (``--11-09``) and what needs an anchor ("last
week", "on Sunday") keeps its text with no dates. ``times.py`` finds expressions in a text with
the same rules; this module only interprets them, so its logic is testable on its own.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache
from pathlib import Path
from typing import Any, NamedTuple

from newsgraph.datafiles import read_yaml
from newsgraph.errors import DataFileError
from newsgraph.model import TimeExpression

# Kinds of interval, for what a text says happened before it was written (``latest_past_date``).
CLOSED = "closed"  # a past or present interval with both ends said: "November 9", "last week"
OPEN = "open"  # runs from a said start to now: "since August"; its end is only implied
BOUND = "bound"  # only an end is said: "until March", "before 2020"
FUTURE = "future"  # points forward: "next year", "within months"

PREFIXES = ("since", "from", "after", "until", "till", "through", "throughout", "by", "before")
# Prepositions that only place an expression and are left out of its text and meaning.
PLAIN_PREPOSITIONS = ("in", "on", "during", "at", "of", "for", "over")


class Resolved(NamedTuple):
    """An interval as a rule reads it, before it becomes a ``TimeExpression``."""

    start: str | None
    end: str | None
    granularity: str
    kind: str = CLOSED


@dataclass(frozen=True)
class TimeWords:
    """The lexical tables of ``en/time_words.yaml``, lower-cased."""

    months: dict[str, int]  # names and abbreviations -> 1..12
    full_months: frozenset[str]
    ambiguous_months: frozenset[str]
    weekdays: dict[str, int]  # -> 0 (Monday) .. 6
    seasons: dict[str, tuple[int, int, int, int | None]]  # start month, day, end month, day (None: last)
    parts_of_month: dict[str, tuple[int, int | None]]
    parts_of_year: dict[str, tuple[int, int]]
    parts_of_decade: dict[str, tuple[int, int]]
    quarter_ordinals: dict[str, int]
    numbers: dict[str, int]
    vague_numbers: dict[str, tuple[int, int]]
    recent_spans: dict[str, tuple[int, str]]
    vague_future_spans: dict[str, tuple[int, str]]
    cue_words: frozenset[str]
    future_words: frozenset[str]
    future_verbs: frozenset[str]


def _month_day(value: str) -> tuple[int, int | None]:
    month, day = str(value).split("-")
    return int(month), None if day == "last" else int(day)


def _last_or_int(value: Any) -> int | None:
    return None if str(value) == "last" else int(value)


@cache
def load_time_words(data_dir: str | Path | None = None) -> TimeWords:
    """Read the time words once per data folder; a user's file is merged over the bundled one."""
    raw: dict[str, Any] = {}
    for path, doc in read_yaml("en/time_words.yaml", data_dir):
        if not isinstance(doc, dict):
            raise DataFileError(f"{path}: expected a mapping of tables", code="NG303")
        for key, value in doc.items():
            if isinstance(value, dict) and isinstance(raw.get(key), dict):
                raw[key] = {**raw[key], **value}
            else:
                raw[key] = value
    try:
        months: dict[str, int] = {}
        for name, row in raw["months"].items():
            months[name.lower()] = int(row["number"])
            for abbr in row.get("abbreviations") or ():
                months[str(abbr).lower()] = int(row["number"])
        seasons = {}
        for name, row in raw["seasons"].items():
            sm, sd = _month_day(row["start"])
            em, ed = _month_day(row["end"])
            seasons[name.lower()] = (sm, sd or 1, em, ed)
        return TimeWords(
            months=months,
            full_months=frozenset(n.lower() for n in raw["months"]),
            ambiguous_months=frozenset(w.lower() for w in raw["ambiguous_months"]),
            weekdays={w.lower(): i for i, w in enumerate(raw["weekdays"])},
            seasons=seasons,
            parts_of_month={k: (int(a), _last_or_int(b)) for k, (a, b) in raw["parts_of_month"].items()},
            parts_of_year={k: (int(a), int(b)) for k, (a, b) in raw["parts_of_year"].items()},
            parts_of_decade={k: (int(a), int(b)) for k, (a, b) in raw["parts_of_decade"].items()},
            quarter_ordinals={str(k).lower(): int(v) for k, v in raw["quarter_ordinals"].items()},
            numbers={str(k).lower(): int(v) for k, v in raw["numbers"].items()},
            vague_numbers={k: (int(a), int(b)) for k, (a, b) in raw["vague_numbers"].items()},
            recent_spans={k: (int(n), str(u)) for k, (n, u) in raw["recent_spans"].items()},
            vague_future_spans={k: (int(n), str(u)) for k, (n, u) in raw["vague_future_spans"].items()},
            cue_words=frozenset(w.lower() for w in raw["cue_words"]),
            future_words=frozenset(w.lower() for w in raw["future_words"]),
            future_verbs=frozenset(w.lower() for w in raw["future_verbs"]),
        )
    except (KeyError, TypeError, ValueError) as exc:
        raise DataFileError(f"en/time_words.yaml: malformed table ({exc!r})", code="NG303") from None


# --- dates -----------------------------------------------------------------------------------


def _last_day(year: int | None, month: int) -> int:
    """The month's last day; February of an unknown year may have 29."""
    return calendar.monthrange(year if year is not None else 2000, month)[1]


def _yearless(month: int, day: int) -> str:
    return f"--{month:02d}-{day:02d}"


def _add_months(day: date, months: int) -> date:
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    month += 1
    return date(year, month, min(day.day, _last_day(year, month)))


def _shift(day: date, count: int, unit: str) -> date:
    """``day`` moved by ``count`` units (negative: back)."""
    unit = unit.rstrip("s")
    if unit == "day":
        return day + timedelta(days=count)
    if unit == "week":
        return day + timedelta(weeks=count)
    if unit == "month":
        return _add_months(day, count)
    if unit == "year":
        return _add_months(day, 12 * count)
    if unit == "decade":
        return _add_months(day, 120 * count)
    raise ValueError(unit)


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day else None


@dataclass(frozen=True)
class YearlessSpan:
    """A stretch of the calendar without a year: a day, part of a month, a month, a season."""

    start_month: int
    start_day: int
    end_month: int
    end_day: int | None  # None: the end month's last day

    @property
    def crosses_year(self) -> bool:
        return (self.end_month, self.end_day or 31) < (self.start_month, self.start_day)

    def dates(self, year: int) -> tuple[date, date] | None:
        """The span in ``year`` (it starts then); None when such a day does not exist."""
        end_year = year + 1 if self.crosses_year else year
        end_day = self.end_day or _last_day(end_year, self.end_month)
        try:
            return date(year, self.start_month, self.start_day), date(end_year, self.end_month, end_day)
        except ValueError:
            return None

    def yearless(self) -> tuple[str, str]:
        end_day = self.end_day or _last_day(None, self.end_month)
        return _yearless(self.start_month, self.start_day), _yearless(self.end_month, end_day)


def place(span: YearlessSpan, published: date, prefer: str) -> tuple[date, date] | None:
    """Give ``span`` the year that fits the publication date.

    prefer: ``past`` (the latest one starting on or before publication; the default reading of
    news), ``future`` (the first one not yet over), ``last`` (the latest one already over),
    ``next`` (the first one not yet begun) or ``this`` (the one holding the publication date,
    else the one starting in its year).
    """
    instances = [d for y in range(published.year - 2, published.year + 3) if (d := span.dates(y))]
    if prefer == "past":
        found = [d for d in instances if d[0] <= published]
        return found[-1] if found else None
    if prefer == "future":
        found = [d for d in instances if d[1] >= published]
        return found[0] if found else None
    if prefer == "last":
        found = [d for d in instances if d[1] < published]
        return found[-1] if found else None
    if prefer == "next":
        found = [d for d in instances if d[0] > published]
        return found[0] if found else None
    holding = [d for d in instances if d[0] <= published <= d[1]]
    if holding:
        return holding[0]
    same = [d for d in instances if d[0].year == published.year]
    return same[0] if same else None


# --- the rules -------------------------------------------------------------------------------


class Context(NamedTuple):
    """What a handler needs besides its match."""

    words: TimeWords
    published: date | None
    prefer: str  # past | future | last | next | this
    tense: str | None = None  # of the governing verb, when known


def _alternation(names: list[str], *, dotted: frozenset[str] = frozenset()) -> str:
    """A regex alternation of words, longest first, abbreviations with an optional period."""
    parts = []
    for name in sorted(set(names), key=len, reverse=True):
        escaped = re.escape(name).replace(r"\ ", r"\s+")
        parts.append(escaped + (r"\.?" if name in dotted else ""))
    return "(?:" + "|".join(parts) + ")"


def _patterns(words: TimeWords) -> list[tuple[str, str]]:
    """(rule name, regex) in the order they are tried: most specific first."""
    abbreviations = frozenset(words.months) - words.full_months
    month = "(?P<month>" + _alternation(list(words.months), dotted=abbreviations) + ")"
    weekday = "(?P<weekday>" + _alternation(list(words.weekdays)) + ")"
    weekday_lead = "(?:" + _alternation(list(words.weekdays)) + r",?\s+)?"
    day = r"(?P<day>[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?(?!\d)"
    day2 = r"(?:\s*(?:-|–|to|and)\s*(?P<day2>[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?(?!\d))?"
    year = r"(?P<year>1[89]\d\d|20\d\d)(?!\d)"
    opt_year = r"(?:,?\s+" + year + ")?"
    number = "(?P<num>\\d{1,3}|" + _alternation(list(words.numbers) + list(words.vague_numbers)) + ")"
    unit = r"(?P<unit>day|week|month|year|decade)s?"
    part_month = "(?P<part>(?:the\\s+)?" + _alternation(list(words.parts_of_month)) + ")"
    part_year = "(?P<part>(?:the\\s+)?" + _alternation(list(words.parts_of_year)) + ")"
    part_decade = "(?P<part>" + _alternation(list(words.parts_of_decade)) + ")"
    season = "(?P<season>" + _alternation(list(words.seasons)) + ")"
    qord = "(?P<qord>" + _alternation(list(words.quarter_ordinals)) + ")"
    return [
        ("iso", r"(?P<year>\d{4})-(?P<mm>0[1-9]|1[0-2])-(?P<dd>0[1-9]|[12]\d|3[01])(?!\d)"),
        ("month_day", weekday_lead + month + r"\s+" + day + day2 + opt_year),
        ("day_month", weekday_lead + r"(?:the\s+)?" + day + day2 + r"\s+(?:of\s+)?" + month + opt_year),
        ("part_month", part_month + r"[\s-]+" + month + opt_year),
        ("month_rel", r"(?P<rel>last|next|this|past|coming)\s+" + month),
        ("month_year", month + r",?\s+" + year),
        ("month", month),
        ("quarter", r"(?:the\s+)?" + qord + r"\s+quarter(?:\s+of\s+(?:" + year
         + r"|(?P<qrel>this|last|next|the)\s+year))?"),
        ("quarter_q", r"q(?P<qnum>[1-4])(?:\s+" + year + ")?"),
        ("quarter_rel", r"(?P<rel>last|this|next)\s+quarter"),
        ("decade", r"(?:the\s+)?(?:" + part_decade + r"[\s-]+)?(?P<decade>1[89]\d0|20\d0)['’]?s"),
        ("part_year", part_year + r"[\s-]+(?:" + year + r"|(?P<yrel>the|this|last|next)\s+year)"),
        ("season", r"(?:(?P<rel>last|this|next|past|coming)\s+|the\s+)?" + season
         + r"(?:\s+(?:of\s+)?" + year + ")?"),
        ("day_word", r"(?P<word>yesterday|today|tomorrow|tonight|last\s+night"
         r"|this\s+(?:morning|afternoon|evening))"),
        ("weekday", r"(?:(?P<rel>last|this|next|past|coming)\s+)?" + weekday
         + r"(?:\s+(?:morning|afternoon|evening|night))?"),
        ("earlier_later", r"(?P<el>earlier|later)\s+(?:this|in\s+the)\s+(?P<unit>week|month|year)"),
        ("ago", r"(?:" + number + r"\s+)?" + unit + r"\s+ago"),
        ("recent", r"(?:the\s+)?(?:most\s+)?recent\s+(?P<unit>days|weeks|months|years)|(?P<unit2>recently)"),
        ("within", r"within\s+(?:the\s+(?:next|coming)\s+)?(?:" + number + r"\s+)?" + unit),
        ("over_plural", r"(?P<prep>for|since|over)\s+(?:(?:many|several)\s+)?(?P<unit>decades|years|months|weeks)"),
        ("window", r"(?P<the>the\s+)?(?P<rel>last|past|previous|next|coming|upcoming|this)\s+(?:"
         + number + r"\s+)?" + unit),
        ("weekend", r"(?P<rel>last|this|next|the)\s+weekend"),
        ("year", year),
    ]


def _strip_names(pattern: str) -> str:
    """The same regex with its groups unnamed, so rules can share group names in one scanner."""
    return re.sub(r"\(\?P<\w+>", "(?:", pattern)


@dataclass(frozen=True)
class Grammar:
    """Compiled rules: one scanner over a whole text, and one whole-expression regex per rule."""

    words: TimeWords
    rules: tuple[tuple[str, re.Pattern[str]], ...]
    scanner: re.Pattern[str]
    # The scanner without IGNORECASE, run over the lowercased text: case folding at every position
    # makes the scanner several times slower, and all its literals are lowercase.
    finder: re.Pattern[str]

    def scan(self, text: str) -> Iterator[re.Match[str]]:
        """The scanner's matches in ``text``, as ``scanner.finditer(text)`` gives them."""
        lowered = text.lower()
        if len(lowered) != len(text):  # a few letters ("İ") lowercase to two: offsets would drift
            yield from self.scanner.finditer(text)
            return
        for found in self.finder.finditer(lowered):
            match = self.scanner.match(text, found.start())
            if match is not None:
                yield match


@cache
def grammar(data_dir: str | Path | None = None) -> Grammar:
    """Compile the rules once per data folder."""
    words = load_time_words(data_dir)
    patterns = _patterns(words)
    rules = tuple((name, re.compile(pattern, re.IGNORECASE)) for name, pattern in patterns)
    prefix = r"(?:(?P<prefix>" + "|".join(PREFIXES) + r")\s+)?"
    body = "|".join(f"(?P<{name}>{_strip_names(pattern)})" for name, pattern in patterns)
    # no word, and no hyphenated word ("Mar-a-Lago"), may continue an expression
    source = r"(?<![\w-])" + prefix + "(?:" + body + r")(?!\w|-[^\W\d])"
    if re.search(r"[A-Z]", re.sub(r"\\.|\(\?P<", "", source)):
        raise ValueError("time grammar literals must be lowercase: the finder runs over lowercased text")
    scanner = re.compile(source, re.IGNORECASE)
    return Grammar(words=words, rules=rules, scanner=scanner, finder=re.compile(source))


# --- handlers --------------------------------------------------------------------------------


def _count(text: str | None, words: TimeWords, default: int = 1) -> tuple[int, bool]:
    """A count and whether it is vague ("a few" reads as its upper bound)."""
    if not text:
        return default, False
    key = re.sub(r"\s+", " ", text.lower())
    if key.isdigit():
        return int(key), False
    if key in words.numbers:
        return words.numbers[key], False
    low, high = words.vague_numbers.get(key, (default, default))
    return high, True


def _span_result(span: YearlessSpan, year: int | None, ctx: Context, granularity: str,
                 prefer: str | None = None) -> Resolved | None:
    """A year-less span made concrete by an explicit year, the publication date, or neither."""
    if year is not None:
        dates = span.dates(year)
    elif ctx.published is not None:
        dates = place(span, ctx.published, prefer or ctx.prefer)
    else:
        start, end = span.yearless()
        return Resolved(start, end, granularity)
    if dates is None:
        return None
    return Resolved(dates[0].isoformat(), dates[1].isoformat(), granularity)


def _year(m: re.Match[str]) -> int | None:
    value = m.groupdict().get("year")
    return int(value) if value else None


def _month_no(m: re.Match[str], ctx: Context) -> int | None:
    """The month's number; None for a lower-case word ("may", "march"), which is not a month."""
    word = m.group("month")
    return ctx.words.months[word.lower().rstrip(".")] if word[0].isupper() else None


def _h_iso(m: re.Match[str], ctx: Context) -> Resolved | None:
    try:
        day = date(int(m.group("year")), int(m.group("mm")), int(m.group("dd")))
    except ValueError:
        return None
    return Resolved(day.isoformat(), day.isoformat(), "day")


def _h_day(m: re.Match[str], ctx: Context) -> Resolved | None:
    month = _month_no(m, ctx)
    if month is None:
        return None
    first = int(m.group("day"))
    last = int(m.group("day2")) if m.group("day2") else first
    if last < first or last > _last_day(_year(m), month):
        return None
    return _span_result(YearlessSpan(month, first, month, last), _year(m), ctx, "day")


def _h_part_month(m: re.Match[str], ctx: Context) -> Resolved | None:
    part = re.sub(r"\s+", " ", re.sub(r"^the\s+", "", m.group("part").lower()))
    first, last = ctx.words.parts_of_month[part]
    month = _month_no(m, ctx)
    if month is None:
        return None
    return _span_result(YearlessSpan(month, first, month, last), _year(m), ctx, "part-of-month")


def _h_month(m: re.Match[str], ctx: Context) -> Resolved | None:
    month = _month_no(m, ctx)
    if month is None:
        return None
    rel = (m.groupdict().get("rel") or "").lower()
    prefer = {"last": "last", "past": "last", "next": "next", "coming": "next", "this": "this"}.get(rel)
    return _span_result(YearlessSpan(month, 1, month, None), _year(m), ctx, "month", prefer)


def _quarter_span(quarter: int) -> YearlessSpan:
    return YearlessSpan(3 * quarter - 2, 1, 3 * quarter, None)


def _current_quarter(day: date) -> int:
    return (day.month - 1) // 3 + 1


def _h_quarter(m: re.Match[str], ctx: Context) -> Resolved | None:
    gd = m.groupdict()
    quarter = int(gd["qnum"]) if gd.get("qnum") else ctx.words.quarter_ordinals[gd["qord"].lower()]
    qrel = (gd.get("qrel") or "").lower()
    year = _year(m)
    if year is None and qrel in ("this", "last", "next") and ctx.published is not None:
        year = ctx.published.year + {"this": 0, "last": -1, "next": 1}[qrel]
    elif year is None and qrel in ("this", "last", "next"):
        start, end = _quarter_span(quarter).yearless()
        return Resolved(start, end, "quarter", FUTURE if qrel == "next" else CLOSED)
    return _span_result(_quarter_span(quarter), year, ctx, "quarter")


def _h_quarter_rel(m: re.Match[str], ctx: Context) -> Resolved | None:
    rel = m.group("rel").lower()
    kind = FUTURE if rel == "next" else CLOSED
    if ctx.published is None:
        return Resolved(None, None, "quarter", kind)
    shift = {"last": -1, "this": 0, "next": 1}[rel]
    first = _add_months(ctx.published.replace(day=1), 3 * (_current_quarter(ctx.published) - 1)
                        - (ctx.published.month - 1) + 3 * shift)
    last = _add_months(first, 2)
    return Resolved(first.isoformat(), last.replace(day=_last_day(last.year, last.month)).isoformat(),
                    "quarter", kind)


def _h_decade(m: re.Match[str], ctx: Context) -> Resolved | None:
    decade = int(m.group("decade"))
    first, last = 0, 9
    if m.group("part"):
        first, last = ctx.words.parts_of_decade[m.group("part").lower()]
    return Resolved(f"{decade + first}-01-01", f"{decade + last}-12-31", "decade")


def _h_part_year(m: re.Match[str], ctx: Context) -> Resolved | None:
    part = re.sub(r"^the\s+", "", m.group("part").lower())
    part = re.sub(r"\s+", " ", part)
    first, last = ctx.words.parts_of_year[part]
    yrel = (m.groupdict().get("yrel") or "").lower()
    kind = FUTURE if yrel == "next" else CLOSED
    if m.group("year"):
        year = int(m.group("year"))
    elif ctx.published is None:  # "the end of the year": months known, year not
        return Resolved(_yearless(first, 1), _yearless(last, _last_day(None, last)), "year", kind)
    else:
        year = ctx.published.year + {"last": -1, "next": 1}.get(yrel, 0)
    return Resolved(f"{year}-{first:02d}-01", f"{year}-{last:02d}-{_last_day(year, last):02d}", "year", kind)


def _h_season(m: re.Match[str], ctx: Context) -> Resolved | None:
    sm, sd, em, ed = ctx.words.seasons[m.group("season").lower()]
    rel = (m.groupdict().get("rel") or "").lower()
    prefer = {"last": "last", "past": "last", "next": "next", "coming": "next", "this": "this"}.get(rel)
    span = YearlessSpan(sm, sd, em, ed)
    result = _span_result(span, _year(m), ctx, "season", prefer)
    if result and rel in ("next", "coming"):
        result = result._replace(kind=FUTURE)
    return result


def _h_day_word(m: re.Match[str], ctx: Context) -> Resolved | None:
    word = re.sub(r"\s+", " ", m.group("word").lower())
    offset = {"yesterday": -1, "last night": -1, "tomorrow": 1}.get(word, 0)
    kind = FUTURE if offset > 0 else CLOSED
    if ctx.published is None:
        return Resolved(None, None, "day", kind)
    day = ctx.published + timedelta(days=offset)
    return Resolved(day.isoformat(), day.isoformat(), "day", kind)


def _h_weekday(m: re.Match[str], ctx: Context) -> Resolved | None:
    if not m.group("weekday")[0].isupper():
        return None
    target = ctx.words.weekdays[m.group("weekday").lower()]
    rel = (m.groupdict().get("rel") or "").lower()
    future = rel in ("next", "coming") or (not rel and ctx.prefer in ("future", "next"))
    kind = FUTURE if future else CLOSED
    if ctx.published is None:
        return Resolved(None, None, "day", kind)
    pub = ctx.published
    if rel == "this" and pub.weekday() == target:
        day = pub
    elif future or (rel == "this" and target > pub.weekday()):
        day = pub + timedelta(days=(target - pub.weekday() - 1) % 7 + 1)
    elif rel == "last":
        day = pub - timedelta(days=(pub.weekday() - target - 1) % 7 + 1)
    else:  # a same-day report's "on Monday" is that Monday: wire style names the day, not "today"
        day = pub - timedelta(days=(pub.weekday() - target) % 7)
    return Resolved(day.isoformat(), day.isoformat(), "day", kind)


def _calendar_unit(pub: date, unit: str, shift: int) -> tuple[date, date]:
    """The calendar week, month, year or decade ``shift`` units from the one holding ``pub``."""
    if unit == "week":
        monday = pub - timedelta(days=pub.weekday()) + timedelta(weeks=shift)
        return monday, monday + timedelta(days=6)
    if unit == "month":
        first = _add_months(pub.replace(day=1), shift)
        return first, first.replace(day=_last_day(first.year, first.month))
    if unit == "year":
        return date(pub.year + shift, 1, 1), date(pub.year + shift, 12, 31)
    decade = pub.year // 10 * 10 + 10 * shift
    return date(decade, 1, 1), date(decade + 9, 12, 31)


_UNIT_GRANULARITY = {"day": "day", "week": "week", "month": "month", "year": "year", "decade": "decade"}


def _h_window(m: re.Match[str], ctx: Context) -> Resolved | None:
    """"last week" (the calendar week) or "the past two weeks" (a window ending at publication)."""
    gd = m.groupdict()
    rel = gd["rel"].lower()
    unit = gd["unit"].lower()
    count, vague = _count(gd.get("num"), ctx.words)
    future = rel in ("next", "coming", "upcoming")
    kind = FUTURE if future else CLOSED
    calendar_reading = not gd.get("the") and not gd.get("num") and rel in ("last", "this", "next") \
        and not m.group(0).lower().endswith("s")
    if calendar_reading:
        if unit == "day":
            return None
        if ctx.published is None:
            return Resolved(None, None, unit, kind)
        first, last = _calendar_unit(ctx.published, unit, {"last": -1, "this": 0, "next": 1}[rel])
        return Resolved(first.isoformat(), last.isoformat(), _UNIT_GRANULARITY[unit], kind)
    if rel == "this":
        return None
    if not gd.get("num") and m.group(0).lower().endswith("s"):
        count, unit = ctx.words.vague_future_spans.get(unit + "s", (count, unit)) if future \
            else ctx.words.recent_spans.get(unit + "s", (count, unit))
    if ctx.published is None:
        return Resolved(None, None, "relative", kind)
    if future:
        return Resolved(ctx.published.isoformat(), _shift(ctx.published, count, unit).isoformat(),
                        "relative", kind)
    return Resolved(_shift(ctx.published, -count, unit).isoformat(), ctx.published.isoformat(),
                    "relative", kind)


def _h_weekend(m: re.Match[str], ctx: Context) -> Resolved | None:
    rel = m.group("rel").lower()
    kind = FUTURE if rel == "next" else CLOSED
    if ctx.published is None:
        return Resolved(None, None, "day", kind)
    pub = ctx.published
    saturday = pub - timedelta(days=pub.weekday()) + timedelta(days=5)
    if rel == "last" or (rel == "the" and ctx.prefer not in ("future", "next")):
        if saturday > pub:
            saturday -= timedelta(weeks=1)
    elif rel == "next":
        saturday += timedelta(weeks=1)
    return Resolved(saturday.isoformat(), (saturday + timedelta(days=1)).isoformat(), "day", kind)


def _h_earlier_later(m: re.Match[str], ctx: Context) -> Resolved | None:
    later = m.group("el").lower() == "later"
    kind = FUTURE if later else CLOSED
    if ctx.published is None:
        return Resolved(None, None, "relative", kind)
    first, last = _calendar_unit(ctx.published, m.group("unit").lower(), 0)
    if later:
        return Resolved(ctx.published.isoformat(), last.isoformat(), "relative", kind)
    return Resolved(first.isoformat(), ctx.published.isoformat(), "relative", kind)


def _h_ago(m: re.Match[str], ctx: Context) -> Resolved | None:
    gd = m.groupdict()
    unit = gd["unit"].lower()
    if gd.get("num"):
        count, vague = _count(gd["num"], ctx.words)
        low = ctx.words.vague_numbers.get(re.sub(r"\s+", " ", gd["num"].lower()), (count, count))[0]
    else:  # "weeks ago": a few
        low, count = ctx.words.vague_numbers.get("a few", (2, 5))
        vague = True
    if ctx.published is None:
        return Resolved(None, None, "relative" if vague else unit, CLOSED)
    pub = ctx.published
    if vague:
        return Resolved(_shift(pub, -count, unit).isoformat(), _shift(pub, -low, unit).isoformat(), "relative")
    if unit == "day":
        day = _shift(pub, -count, unit)
        return Resolved(day.isoformat(), day.isoformat(), "day")
    if unit == "decade":
        center = pub.year - 10 * count
        return Resolved(f"{center - 5}-01-01", f"{center + 4}-12-31", "decade")
    first, last = _calendar_unit(_shift(pub, -count, unit), unit, 0)
    return Resolved(first.isoformat(), last.isoformat(), _UNIT_GRANULARITY[unit])


def _h_recent(m: re.Match[str], ctx: Context) -> Resolved | None:
    key = (m.groupdict().get("unit") or m.groupdict().get("unit2") or "").lower()
    count, unit = ctx.words.recent_spans[key]
    if ctx.published is None:
        return Resolved(None, None, "relative")
    return Resolved(_shift(ctx.published, -count, unit).isoformat(), ctx.published.isoformat(), "relative")


def _h_within(m: re.Match[str], ctx: Context) -> Resolved | None:
    gd = m.groupdict()
    unit = gd["unit"].lower()
    if gd.get("num"):
        count, _ = _count(gd["num"], ctx.words)
    else:
        plural = m.group(0).lower().endswith("s")
        count, unit = ctx.words.vague_future_spans.get(unit + "s", (1, unit)) if plural else (1, unit)
    if ctx.tense == "past":  # "the news came within days": of some other event, not of publication
        return Resolved(None, None, "relative", CLOSED)
    if ctx.published is None:
        return Resolved(None, None, "relative", FUTURE)
    return Resolved(ctx.published.isoformat(), _shift(ctx.published, count, unit).isoformat(),
                    "relative", FUTURE)


def _h_over_plural(m: re.Match[str], ctx: Context) -> Resolved | None:
    """"for decades", "since decades": begun long ago, still going; no start can be said."""
    return Resolved(None, _iso(ctx.published), "relative", OPEN)


def _h_year(m: re.Match[str], ctx: Context) -> Resolved | None:
    year = int(m.group("year"))
    return Resolved(f"{year}-01-01", f"{year}-12-31", "year")


HANDLERS: dict[str, Callable[[re.Match[str], Context], Resolved | None]] = {
    "iso": _h_iso,
    "month_day": _h_day,
    "day_month": _h_day,
    "part_month": _h_part_month,
    "month_rel": _h_month,
    "month_year": _h_month,
    "month": _h_month,
    "quarter": _h_quarter,
    "quarter_q": _h_quarter,
    "quarter_rel": _h_quarter_rel,
    "decade": _h_decade,
    "part_year": _h_part_year,
    "season": _h_season,
    "day_word": _h_day_word,
    "weekday": _h_weekday,
    "earlier_later": _h_earlier_later,
    "ago": _h_ago,
    "recent": _h_recent,
    "within": _h_within,
    "over_plural": _h_over_plural,
    "window": _h_window,
    "weekend": _h_weekend,
    "year": _h_year,
}


# --- interpretation --------------------------------------------------------------------------


def parse_date(value: str | None) -> date | None:
    """An ISO publication date (``YYYY-MM-DD``, or the date part of a timestamp), else None."""
    if not value:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


def _prefer(tense: str | None, future_hint: bool) -> str:
    return "future" if future_hint or tense == "future" else "past"


def interpret_core(rule: str, m: re.Match[str], published: date | None, *, prefix: str | None = None,
                   tense: str | None = None, words: TimeWords) -> Resolved | None:
    """Apply rule ``rule``'s handler to its match, then the meaning of a leading ``prefix``."""
    text = m.group(0).lower()
    future_hint = any(w in words.future_words for w in re.findall(r"[a-z]+", text))
    prefix = (prefix or "").lower() or None
    if prefix in ("since", "from", "after"):
        prefer = "past"
    elif prefix == "by":
        prefer = "past" if tense == "past" else "future"
    else:
        prefer = _prefer(tense, future_hint)
    core = HANDLERS[rule](m, Context(words, published, prefer, tense))
    if core is None:
        return None
    if prefix is None or prefix == "throughout":
        if prefer == "future" and core.kind == CLOSED:
            core = core._replace(kind=FUTURE)
        return core
    if rule == "over_plural":
        return core
    pub = _iso(published)
    if prefix in ("since", "from"):
        if core.start is None and published is not None:
            return None
        return Resolved(core.start, pub, core.granularity, OPEN)
    if prefix == "after":
        return Resolved(core.end, None, core.granularity, OPEN)
    if prefix == "before":
        return Resolved(None, core.start, core.granularity, BOUND)
    kind = FUTURE if prefer == "future" or core.kind == FUTURE else BOUND
    return Resolved(None, core.end, core.granularity, kind)


_LEAD = re.compile(
    r"^(?:(?P<plain>" + "|".join(PLAIN_PREPOSITIONS) + r")\s+(?=\S))?(?:(?P<prefix>"
    + "|".join(PREFIXES) + r")\s+(?=\S))?", re.IGNORECASE)


_RANGE = re.compile(r"(?:from|between)\s+(?P<a>.+?)\s*(?:\bto\b|\buntil\b|\btill\b|\bthrough\b|\band\b|-|–)\s*"
                    r"(?P<b>.+)", re.IGNORECASE)


def join_range(first: Resolved, second: Resolved) -> Resolved | None:
    """"from 2014 to 2016": the first one's start to the second one's end."""
    start, end = first.start, second.end
    if start is None or end is None:
        return None
    if not start.startswith("--") and not end.startswith("--") and end < start:
        return None
    kind = FUTURE if FUTURE in (first.kind, second.kind) else CLOSED
    return Resolved(start, end, first.granularity, kind)


def interpret(text: str, published: str | date | None, *, tense: str | None = None,
              data_dir: str | Path | None = None) -> tuple[str, Resolved] | None:
    """The rule and interval of a whole expression, or None when it is not one we read."""
    gram = grammar(data_dir)
    pub = published if isinstance(published, date) else parse_date(published)
    clean = re.sub(r"\s+", " ", text.strip()).rstrip(",;:")
    pair = _RANGE.fullmatch(clean)
    if pair:
        first = interpret(pair.group("a"), pub, tense=tense, data_dir=data_dir)
        second = interpret(pair.group("b"), pub, tense=tense, data_dir=data_dir)
        if first and second and (joined := join_range(first[1], second[1])):
            return "range", joined
    lead = _LEAD.match(clean)
    prefix = lead.group("prefix") if lead else None
    body = clean[lead.end():] if lead else clean
    candidates = [(prefix, body)]
    if lead and lead.group(0):  # "for decades", "since decades": the word may belong to the rule
        candidates.append((None, clean))
    for pre, core in candidates:
        for name, regex in gram.rules:
            m = regex.fullmatch(core)
            if m is None:
                continue
            resolved = interpret_core(name, m, pub, prefix=pre, tense=tense, words=gram.words)
            if resolved is not None:
                return name, resolved
    return None


def resolve_expression(text: str, published: str | None, *, tense: str | None = None,
                       data_dir: str | Path | None = None) -> TimeExpression | None:
    """One temporal expression as an interval (span 0..len(text)); None when it is not one.

    ``tense`` (past | present | future) is the tense of the verb governing the expression: a
    month or day later in the year than the publication date means last year's unless the
    expression or its verb points forward.
    """
    found = interpret(text, published, tense=tense, data_dir=data_dir)
    if found is None:
        return None
    resolved = found[1]
    return TimeExpression(text=text, start=resolved.start, end=resolved.end,
                          granularity=resolved.granularity, span=(0, len(text)))
