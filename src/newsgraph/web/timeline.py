"""The timeline as SVG geometry computed here, drawn by a template: no charting library, no JS.

Events with a full year go on a time axis, one lane per event type. Year-less dates (``--11-09``)
cannot be placed on that axis, so they get their own lane, "year unknown", on a January-December
axis; undated events are only counted. The chart is drawn from counts per (type, start date), which
the store makes (``newsgraph.store.aggregates``): no event row is loaded to draw it.
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from typing import Any
from urllib.parse import urlencode

from newsgraph.store.aggregates import TypeDateCounts
from newsgraph.web.palette import QUAD_OF, quad_of

WIDTH = 960
LABEL_W = 150
RIGHT_PAD = 30
LANE_H = 36
AXIS_H = 28
MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


@dataclass(frozen=True)
class Dot:
    x: float
    y: float
    r: float
    count: int
    quad: str
    title: str
    href: str


@dataclass(frozen=True)
class Tick:
    x: float
    label: str


@dataclass
class Chart:
    width: int
    height: int
    lanes: list[tuple[str, float]] = field(default_factory=list)  # label, y of the lane's middle
    ticks: list[Tick] = field(default_factory=list)
    dots: list[Dot] = field(default_factory=list)
    yearless_y: float | None = None
    yearless_ticks: list[Tick] = field(default_factory=list)
    axis_y: float = 0.0
    yearless_axis_y: float = 0.0
    undated: int = 0
    total: int = 0
    plot_left: int = LABEL_W
    plot_right: int = WIDTH - RIGHT_PAD


def parse_day(value: str) -> date | None:
    """``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD`` as a date (missing parts = first); None otherwise."""
    parts = value.split("-")
    try:
        year = int(parts[0])
        month = int(parts[1]) if len(parts) > 1 else 1
        day = int(parts[2]) if len(parts) > 2 else 1
        return date(year, month, day)
    except (ValueError, IndexError):
        return None


def build_chart(counts: TypeDateCounts, base_params: dict[str, Any]) -> Chart:
    """The chart of events counted per (type, start date) (``newsgraph.store.aggregates``)."""
    dated: Counter[tuple[str, date]] = Counter()
    yearless: Counter[tuple[str, int, int]] = Counter()
    undated = total = 0
    days: dict[str, date | None] = {}  # each start date parsed once, however many types share it
    for (kind, date_start), n in counts.items():
        start = date_start or ""
        total += n
        if start.startswith("--"):
            month, _, day = start[2:].partition("-")
            if month.isdigit():
                yearless[(kind, int(month), int(day) if day.isdigit() else 1)] += n
                continue
        if start in days:
            when = days[start]
        else:
            when = days[start] = parse_day(start) if start else None
        if when is None:
            undated += n
        else:
            dated[(kind, when)] += n
    chart = Chart(width=WIDTH, height=0, undated=undated, total=total)
    y = 10.0
    if dated:
        y = _draw_dated(chart, dated, base_params, y)
    if yearless:
        y = _draw_yearless(chart, yearless, base_params, y + (16 if dated else 0))
    chart.height = int(y + 10)
    return chart


def _x(chart: Chart, frac: float) -> float:
    return chart.plot_left + frac * (chart.plot_right - chart.plot_left)


def _radius(count: int) -> float:
    return min(6 + 3 * math.sqrt(count - 1), 16)


def _lane_order(types: set[str]) -> list[str]:
    order = list(QUAD_OF)
    return sorted(types, key=lambda t: order.index(t) if t in order else 99)


def _draw_dated(chart: Chart, counts: Counter[tuple[str, date]], params: dict[str, Any], y: float) -> float:
    days = [d for _, d in counts]
    first, last = min(days), max(days)
    monthly = (last - first).days > 120
    if monthly:
        merged: Counter[tuple[str, date]] = Counter()
        month_of = {d: d.replace(day=1) for d in set(days)}
        for (kind, d), n in counts.items():
            merged[(kind, month_of[d])] += n
        counts = merged
        first = first.replace(day=1)
        last_month = last.replace(day=1)
        last = date(last_month.year + (last_month.month == 12), last_month.month % 12 + 1, 1)
    span = max((last - first).days, 1)
    pad = span * 0.04
    lo, total = first.toordinal() - pad, span + 2 * pad
    lanes = _lane_order({k for k, _ in counts})
    for i, kind in enumerate(lanes):
        chart.lanes.append((kind, y + i * LANE_H + LANE_H / 2))
    for (kind, d), n in sorted(counts.items()):
        cy = y + lanes.index(kind) * LANE_H + LANE_H / 2
        cx = _x(chart, (d.toordinal() - lo) / total)
        if monthly:
            end = date(d.year + (d.month == 12), d.month % 12 + 1, 1).toordinal() - 1
            label, frm, to = d.strftime("%B %Y"), d.strftime("%Y-%m"), date.fromordinal(end).strftime("%Y-%m-%d")
            frm += "-01"
        else:
            label, frm, to = d.isoformat(), d.isoformat(), d.isoformat()
        href = "/events?" + urlencode({**params, "type": kind, "date_from": frm, "date_to": to})
        chart.dots.append(Dot(cx, cy, _radius(n), n, quad_of(kind), f"{kind}: {n} event{'s' * (n != 1)}, {label}", href))
    axis_y = y + len(lanes) * LANE_H + 4
    chart.axis_y = axis_y
    chart.ticks = _ticks(chart, first, last, lo, total)
    return axis_y + AXIS_H


def _ticks(chart: Chart, first: date, last: date, lo: float, total: float) -> list[Tick]:
    months = (last.year - first.year) * 12 + last.month - first.month
    step = 1 if months <= 12 else 3 if months <= 36 else 12
    ticks: list[Tick] = []
    if months < 2:
        for k in range(0, (last - first).days + 1, max((last - first).days // 6, 1)):
            d = date.fromordinal(first.toordinal() + k)
            ticks.append(Tick(_x(chart, (d.toordinal() - lo) / total), d.strftime("%d %b %Y")))
        return ticks
    year, month = first.year, first.month
    while (year, month) <= (last.year, last.month):
        if (month - 1) % step == 0:
            d = date(year, month, 1)
            label = str(year) if step == 12 else f"{MONTHS[month - 1]} {year}"
            ticks.append(Tick(_x(chart, (d.toordinal() - lo) / total), label))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return ticks


def _draw_yearless(chart: Chart, counts: Counter[tuple[str, int, int]], params: dict[str, Any], y: float) -> float:
    lane_h = LANE_H * 1.6
    chart.yearless_y = y + lane_h / 2
    quads = ["vcoop", "mcoop", "vconf", "mconf", "none"]
    for (kind, month, day), n in sorted(counts.items()):
        frac = ((month - 1) + (min(day, 28) - 1) / 28) / 12
        offset = (quads.index(quad_of(kind)) - 1.5) * 9
        md = f"--{month:02d}-{day:02d}"
        href = "/events?" + urlencode({**params, "type": kind, "date_from": md, "date_to": md})
        title = f"{kind}: {n} event{'s' * (n != 1)}, {day} {MONTHS[month - 1]} (year unknown)"
        chart.dots.append(Dot(_x(chart, frac), chart.yearless_y + offset, _radius(n), n, quad_of(kind), title, href))
    chart.yearless_axis_y = y + lane_h + 4
    chart.yearless_ticks = [Tick(_x(chart, m / 12), MONTHS[m]) for m in range(12)]
    return chart.yearless_axis_y + AXIS_H
