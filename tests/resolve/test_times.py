"""The interval grammar on its own: one expression in, one interval out.

Published dates used: 2022-11-22 (a Tuesday), and around New Year 2023-01-02 (a Monday),
2023-01-03, 2023-01-10, so that year boundaries are crossed both ways.
"""

from __future__ import annotations

import pytest

from newsgraph.model import TimeExpression
from newsgraph.resolve.timegrammar import YearlessSpan, place, resolve_expression
from newsgraph.resolve.times import latest_past_date

P = "2022-11-22"

# (expression, published, tense, start, end, granularity)
# fmt: off
CASES = [
    # days
    ("November 9", None, None, "--11-09", "--11-09", "day"),
    ("9 November", None, None, "--11-09", "--11-09", "day"),
    ("Nov. 9", None, None, "--11-09", "--11-09", "day"),
    ("Nov 9th", None, None, "--11-09", "--11-09", "day"),
    ("the 9th of November", None, None, "--11-09", "--11-09", "day"),
    ("on November 9", None, None, "--11-09", "--11-09", "day"),
    ("November 9, 2022", None, None, "2022-11-09", "2022-11-09", "day"),
    ("9 November 2022", None, None, "2022-11-09", "2022-11-09", "day"),
    ("Sunday, November 20, 2022", None, None, "2022-11-20", "2022-11-20", "day"),
    ("2022-11-09", None, None, "2022-11-09", "2022-11-09", "day"),
    ("November 9-11", None, None, "--11-09", "--11-11", "day"),
    ("September 11", None, None, "--09-11", "--09-11", "day"),
    ("February 29", None, None, "--02-29", "--02-29", "day"),
    ("November 9", P, None, "2022-11-09", "2022-11-09", "day"),
    ("on November 30", P, None, "2021-11-30", "2021-11-30", "day"),
    ("on November 30", P, "past", "2021-11-30", "2021-11-30", "day"),
    ("on November 30", P, "future", "2022-11-30", "2022-11-30", "day"),
    ("on December 30", "2023-01-02", None, "2022-12-30", "2022-12-30", "day"),
    ("January 5", "2022-12-20", "future", "2023-01-05", "2023-01-05", "day"),
    ("November 22", P, None, "2022-11-22", "2022-11-22", "day"),
    # months
    ("in September", None, None, "--09-01", "--09-30", "month"),
    ("in September", P, None, "2022-09-01", "2022-09-30", "month"),
    ("in February", None, None, "--02-01", "--02-29", "month"),
    ("in February", P, None, "2022-02-01", "2022-02-28", "month"),
    ("in December", "2023-01-10", "past", "2022-12-01", "2022-12-31", "month"),
    ("in December", "2023-01-10", None, "2022-12-01", "2022-12-31", "month"),
    ("in December", P, None, "2021-12-01", "2021-12-31", "month"),
    ("in March", P, "future", "2023-03-01", "2023-03-31", "month"),
    ("in November", P, "future", "2022-11-01", "2022-11-30", "month"),
    ("November 2022", None, None, "2022-11-01", "2022-11-30", "month"),
    ("last September", P, None, "2022-09-01", "2022-09-30", "month"),
    ("last November", P, None, "2021-11-01", "2021-11-30", "month"),
    ("next March", P, None, "2023-03-01", "2023-03-31", "month"),
    ("this November", P, None, "2022-11-01", "2022-11-30", "month"),
    ("next March", None, None, "--03-01", "--03-31", "month"),
    # parts of months
    ("early November", None, None, "--11-01", "--11-10", "part-of-month"),
    ("early November", P, None, "2022-11-01", "2022-11-10", "part-of-month"),
    ("in early November", P, None, "2022-11-01", "2022-11-10", "part-of-month"),
    ("mid-November", None, None, "--11-11", "--11-20", "part-of-month"),
    ("mid November", P, None, "2022-11-11", "2022-11-20", "part-of-month"),
    ("late November", None, None, "--11-21", "--11-30", "part-of-month"),
    ("end of November", None, None, "--11-21", "--11-30", "part-of-month"),
    ("the end of February", None, None, "--02-21", "--02-29", "part-of-month"),
    ("the beginning of November", None, None, "--11-01", "--11-10", "part-of-month"),
    ("late December", "2023-01-05", None, "2022-12-21", "2022-12-31", "part-of-month"),
    ("mid-March 2021", None, None, "2021-03-11", "2021-03-20", "part-of-month"),
    ("late February 2024", None, None, "2024-02-21", "2024-02-29", "part-of-month"),
    # seasons
    ("this summer", P, None, "2022-06-01", "2022-08-31", "season"),
    ("last winter", P, None, "2021-12-01", "2022-02-28", "season"),
    ("in the spring", P, None, "2022-03-01", "2022-05-31", "season"),
    ("in the spring", None, None, "--03-01", "--05-31", "season"),
    ("next summer", P, None, "2023-06-01", "2023-08-31", "season"),
    ("the summer of 2021", None, None, "2021-06-01", "2021-08-31", "season"),
    ("this winter", "2023-01-15", None, "2022-12-01", "2023-02-28", "season"),
    ("last summer", "2022-07-15", None, "2021-06-01", "2021-08-31", "season"),
    ("fall 2020", None, None, "2020-09-01", "2020-11-30", "season"),
    # quarters
    ("the third quarter", P, None, "2022-07-01", "2022-09-30", "quarter"),
    ("Q3", None, None, "--07-01", "--09-30", "quarter"),
    ("Q1 2023", None, None, "2023-01-01", "2023-03-31", "quarter"),
    ("the fourth quarter of 2021", None, None, "2021-10-01", "2021-12-31", "quarter"),
    ("last quarter", P, None, "2022-07-01", "2022-09-30", "quarter"),
    ("next quarter", P, None, "2023-01-01", "2023-03-31", "quarter"),
    ("the first quarter of next year", P, None, "2023-01-01", "2023-03-31", "quarter"),
    ("last quarter", None, None, None, None, "quarter"),
    # years and decades
    ("in 2021", None, None, "2021-01-01", "2021-12-31", "year"),
    ("last year", P, None, "2021-01-01", "2021-12-31", "year"),
    ("next year", P, None, "2023-01-01", "2023-12-31", "year"),
    ("this year", P, None, "2022-01-01", "2022-12-31", "year"),
    ("last year", "2023-01-02", None, "2022-01-01", "2022-12-31", "year"),
    ("last year", None, None, None, None, "year"),
    ("next year", None, None, None, None, "year"),
    ("early 2021", None, None, "2021-01-01", "2021-04-30", "year"),
    ("the end of 2021", None, None, "2021-09-01", "2021-12-31", "year"),
    ("the 1990s", None, None, "1990-01-01", "1999-12-31", "decade"),
    ("the early 2000s", None, None, "2000-01-01", "2003-12-31", "decade"),
    ("this decade", P, None, "2020-01-01", "2029-12-31", "decade"),
    ("by 2025", P, None, None, "2025-12-31", "year"),
    ("for decades", P, None, None, P, "relative"),
    ("for decades", None, None, None, None, "relative"),
    ("since decades", None, None, None, None, "relative"),
    # weekdays
    ("on Sunday", P, None, "2022-11-20", "2022-11-20", "day"),
    ("on Tuesday", P, None, "2022-11-22", "2022-11-22", "day"),  # published on a Tuesday: that day
    ("this Tuesday", P, None, "2022-11-22", "2022-11-22", "day"),
    ("on Sunday", "2023-01-02", None, "2023-01-01", "2023-01-01", "day"),
    ("on Monday", "2023-01-02", None, "2023-01-02", "2023-01-02", "day"),
    ("on Saturday", "2023-01-02", None, "2022-12-31", "2022-12-31", "day"),
    ("next Friday", P, None, "2022-11-25", "2022-11-25", "day"),
    ("last Monday", P, None, "2022-11-21", "2022-11-21", "day"),
    ("on Friday", P, "future", "2022-11-25", "2022-11-25", "day"),
    ("on Sunday", None, None, None, None, "day"),
    ("Sunday night", P, None, "2022-11-20", "2022-11-20", "day"),
    # relative
    ("yesterday", P, None, "2022-11-21", "2022-11-21", "day"),
    ("today", P, None, "2022-11-22", "2022-11-22", "day"),
    ("tomorrow", P, None, "2022-11-23", "2022-11-23", "day"),
    ("yesterday", "2023-01-01", None, "2022-12-31", "2022-12-31", "day"),
    ("yesterday", None, None, None, None, "day"),
    ("last week", P, None, "2022-11-14", "2022-11-20", "week"),
    ("last week", "2023-01-03", None, "2022-12-26", "2023-01-01", "week"),
    ("this week", P, None, "2022-11-21", "2022-11-27", "week"),
    ("next week", P, None, "2022-11-28", "2022-12-04", "week"),
    ("last week", None, None, None, None, "week"),
    ("last month", P, None, "2022-10-01", "2022-10-31", "month"),
    ("this month", P, None, "2022-11-01", "2022-11-30", "month"),
    ("last month", "2023-01-10", None, "2022-12-01", "2022-12-31", "month"),
    ("two days ago", P, None, "2022-11-20", "2022-11-20", "day"),
    ("two days ago", "2023-01-01", None, "2022-12-30", "2022-12-30", "day"),
    ("three weeks ago", P, None, "2022-10-31", "2022-11-06", "week"),
    ("two months ago", P, None, "2022-09-01", "2022-09-30", "month"),
    ("a year ago", P, None, "2021-01-01", "2021-12-31", "year"),
    ("a few days ago", P, None, "2022-11-17", "2022-11-20", "relative"),
    ("in recent weeks", P, None, "2022-10-25", P, "relative"),
    ("in recent weeks", None, None, None, None, "relative"),
    ("recently", P, None, "2022-10-23", P, "relative"),
    ("the past two weeks", P, None, "2022-11-08", P, "relative"),
    ("over the past year", P, None, "2021-11-22", P, "relative"),
    ("earlier this year", P, None, "2022-01-01", P, "relative"),
    ("later this month", P, None, P, "2022-11-30", "relative"),
    # open intervals and bounds
    ("since February", P, None, "2022-02-01", P, "month"),
    ("since February", None, None, "--02-01", None, "month"),
    ("since August", None, None, "--08-01", None, "month"),
    ("since December", "2023-01-10", None, "2022-12-01", "2023-01-10", "month"),
    ("since 2014", P, None, "2014-01-01", P, "year"),
    ("since last year", P, None, "2021-01-01", P, "year"),
    ("since November 9", "2023-01-02", None, "2022-11-09", "2023-01-02", "day"),
    ("until March", P, "future", None, "2023-03-31", "month"),
    ("through March", P, "past", None, "2022-03-31", "month"),
    ("until March", None, None, None, "--03-31", "month"),
    ("before 2020", None, None, None, "2020-01-01", "year"),
    # ranges
    ("from 2014 to 2016", None, None, "2014-01-01", "2016-12-31", "year"),
    ("between March and May", None, None, "--03-01", "--05-31", "month"),
    ("from March 3 to March 5, 2021", None, None, "--03-03", "2021-03-05", "day"),
    ("the end of the year", P, None, "2022-09-01", "2022-12-31", "year"),
    ("the end of the year", None, None, "--09-01", "--12-31", "year"),
    ("early next year", P, None, "2023-01-01", "2023-04-30", "year"),
    # future
    ("within months", P, None, P, "2023-05-22", "relative"),
    ("within two weeks", P, None, P, "2022-12-06", "relative"),
    ("within a year", None, None, None, None, "relative"),
    ("in the coming weeks", P, None, P, "2023-01-03", "relative"),
    ("the next two years", P, None, P, "2024-11-22", "relative"),
]
# fmt: on


@pytest.mark.parametrize(("text", "published", "tense", "start", "end", "granularity"), CASES)
def test_times_expression_interval(
    text: str, published: str | None, tense: str | None, start: str | None, end: str | None, granularity: str
) -> None:
    found = resolve_expression(text, published, tense=tense)
    assert found is not None, text
    assert (found.start, found.end, found.granularity) == (start, end, granularity)
    assert found.text == text
    assert found.span == (0, len(text))


@pytest.mark.parametrize(
    "text",
    [
        "400 seconds",
        "within 400 second",
        "Fateh 110",
        "Shahed 136",
        "may",
        "march",
        "two hours ago",
        "February 30",
        "February 29, 2022",
        "9/11",
        "weeks",
        "the fall of Kabul",
    ],
)
def test_times_not_an_expression(text: str) -> None:
    assert resolve_expression(text, P) is None


def test_times_without_published_never_invents_a_year() -> None:
    for text in ("November 9", "early November", "in September", "since February", "last winter", "Q3"):
        found = resolve_expression(text, None)
        assert found is not None
        assert all(value is None or value.startswith("--") for value in (found.start, found.end)), text


def test_times_place_prefers_past_then_future() -> None:
    december = YearlessSpan(12, 1, 12, None)
    from datetime import date

    pub = date(2023, 1, 10)
    assert place(december, pub, "past") == (date(2022, 12, 1), date(2022, 12, 31))
    assert place(december, pub, "future") == (date(2023, 12, 1), date(2023, 12, 31))
    assert place(december, pub, "next") == (date(2023, 12, 1), date(2023, 12, 31))
    assert place(december, pub, "last") == (date(2022, 12, 1), date(2022, 12, 31))


def _times(published: str | None, *texts: str, tense: str | None = None) -> list[TimeExpression]:
    found = [resolve_expression(text, published, tense=tense) for text in texts]
    assert all(found)
    return [t for t in found if t is not None]


def test_times_latest_past_yearless_by_month_day() -> None:
    times = _times(None, "September 30", "November 19", "since February", "early November",
                   "within months", "November 9")
    assert latest_past_date(times, None) == "--11-19"


def test_times_latest_past_skips_future_and_relative() -> None:
    times = _times(P, "November 9", "next year", "within months", "in recent weeks", "tomorrow")
    assert latest_past_date(times, P) == "2022-11-09"


def test_times_latest_past_open_interval_gives_its_start() -> None:
    assert latest_past_date(_times(None, "since August", "for decades"), None) == "--08-01"
    assert latest_past_date(_times(P, "since August"), P) == "2022-08-01"


def test_times_latest_past_skips_bounds_and_empty() -> None:
    assert latest_past_date(_times(P, "until March", tense="future"), P) is None
    assert latest_past_date((), None) is None


def test_times_latest_past_caps_interval_at_publication() -> None:
    assert latest_past_date(_times(P, "this month", "November 9"), P) == P


def test_times_latest_past_prefers_full_dates_over_yearless() -> None:
    times = _times(None, "November 9, 2022", "December 1")
    assert latest_past_date(times, None) == "2022-11-09"
