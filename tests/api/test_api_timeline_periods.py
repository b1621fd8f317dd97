"""The actor timeline's periods: year-less dates keep their ``--MM`` (or ``--MM-DD``) form."""

from __future__ import annotations

from newsgraph.api.services import timeline_counts


def test_api_timeline_periods_by_month_and_day() -> None:
    counts = {("ASSAULT", "2022-11-09"): 2, ("ASSAULT", "2022-11-20"): 1, ("PROTEST", "--11-09"): 3,
              ("PROTEST", "--12-01"): 1, ("ACCUSE", None): 4}  # fmt: skip
    by_month = timeline_counts(counts, "month")
    assert by_month == [
        {"period": "2022-11", "count": 3, "year_known": True},
        {"period": "--11", "count": 3, "year_known": False},
        {"period": "--12", "count": 1, "year_known": False},
        {"period": None, "count": 4, "year_known": False},
    ]
    by_day = timeline_counts(counts, "day")
    assert [p["period"] for p in by_day] == ["2022-11-09", "2022-11-20", "--11-09", "--12-01", None]
