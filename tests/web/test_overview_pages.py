"""The timeline, the actor graph and the actor views, pinned: what they show is what their events say.

Two kinds of checks, written before their counting moved into SQL and true before and after:

* a snapshot of the hand-made corpus's pages (SVG geometry, the numbers in the text, the event
  tables) and actor JSON, in ``overview_snapshot.json`` (``NEWSGRAPH_UPDATE_SNAPSHOT=1`` rewrites it);
* on a store of real analyses of real text (the corroboration corpus and the bundled examples,
  through the real Analyzer; on SQLite, and on PostgreSQL when NEWSGRAPH_TEST_PG is set), every
  dot, lane, node and edge compared with counts made here, row by row, from the events the view
  is about: the definition the pages had when they loaded those events and counted in Python.
"""

from __future__ import annotations

import html as htmllib
import json
import os
import re
import sys
import uuid
from collections import Counter
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from newsgraph.api.services import MAX_OVERVIEW_EVENTS

ROOT = Path(__file__).resolve().parents[2]
SNAPSHOT = Path(__file__).with_name("overview_snapshot.json")
MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
MAX_NODES = 60

# -- what a page shows -------------------------------------------------------------------------------

_BLOCKS = re.compile(r'<svg\b.*?</svg>|<dl class="stats">.*?</dl>|<table\b.*?</table>|<h2\b.*?</h2>'
                     r'|<div class="empty">.*?</div>', re.S)  # fmt: skip
_NUMBERS = re.compile(
    r"\d+ events? for this filter|\d+ actors and \d+ typed links from \d+ events?"
    r"|\d+ less connected actors are hidden|\d+ (?:matching )?events? ha(?:s|ve) no date"
    r"|\d+ undated events? not drawn"
)


def get_html(client: TestClient, url: str) -> str:
    response = client.get(url, headers={"accept": "text/html"})
    assert response.status_code == 200, (url, response.text[:300])
    return response.text


def page_text(page: str) -> str:
    return " ".join(htmllib.unescape(re.sub(r"<[^>]+>", " ", page)).split())


def page_content(page: str) -> dict[str, list[str]]:
    """The parts of a page whose content must not change: its SVG, tables, headings, numbers."""
    return {"blocks": _BLOCKS.findall(page), "numbers": _NUMBERS.findall(page_text(page))}


def svg_of(page: str, cls: str) -> str:
    match = re.search(rf'<svg class="{cls}".*?</svg>', page, re.S)
    return match.group(0) if match else ""


def dot_titles(page: str, cls: str = "timeline-svg") -> list[str]:
    return [htmllib.unescape(t) for t in re.findall(r'<circle class="dot[^"]*"[^>]*><title>(.*?)</title>',
                                                    svg_of(page, cls))]  # fmt: skip


def lane_labels(page: str) -> list[str]:
    return [htmllib.unescape(t) for t in re.findall(r'<text class="lane-label[^"]*"[^>]*>(.*?)</text>',
                                                    svg_of(page, "timeline-svg"))]  # fmt: skip


def graph_titles(page: str) -> tuple[list[str], list[str]]:
    svg = svg_of(page, "graph-svg")
    edges = re.findall(r'<path class="edge[^"]*"[^>]*><title>(.*?)</title>', svg)
    nodes = re.findall(r"<circle [^>]*><title>(.*?)</title>", svg)
    return [htmllib.unescape(t) for t in edges], [htmllib.unescape(t) for t in nodes]


# -- the definitions: counts made here from the events themselves --------------------------------------


def _day(value: str) -> date | None:
    parts = value.split("-")
    try:
        return date(
            int(parts[0]), int(parts[1]) if len(parts) > 1 else 1, int(parts[2]) if len(parts) > 2 else 1
        )
    except (ValueError, IndexError):
        return None


def expected_timeline(rows: list[Any]) -> tuple[list[str], list[str], int]:
    """(dot titles in drawing order, lane labels, undated count) of a timeline of ``rows``."""
    from newsgraph.web.palette import QUAD_OF

    dated: Counter[tuple[str, date]] = Counter()
    yearless: Counter[tuple[str, int, int]] = Counter()
    undated = 0
    for row in rows:
        start = row.date_start or ""
        if start.startswith("--"):
            month, _, day = start[2:].partition("-")
            if month.isdigit():
                yearless[(row.type, int(month), int(day) if day.isdigit() else 1)] += 1
                continue
        when = _day(start) if start else None
        if when is None:
            undated += 1
        else:
            dated[(row.type, when)] += 1
    titles: list[str] = []
    if dated:
        days = [d for _, d in dated]
        if (max(days) - min(days)).days > 120:
            merged: Counter[tuple[str, date]] = Counter()
            for (kind, d), n in dated.items():
                merged[(kind, d.replace(day=1))] += n
            titles += [
                f"{k}: {n} event{'s' * (n != 1)}, {d.strftime('%B %Y')}"
                for (k, d), n in sorted(merged.items())
            ]
        else:
            titles += [
                f"{k}: {n} event{'s' * (n != 1)}, {d.isoformat()}" for (k, d), n in sorted(dated.items())
            ]
    for (kind, month, day), n in sorted(yearless.items()):
        titles.append(f"{kind}: {n} event{'s' * (n != 1)}, {day} {MONTHS[month - 1]} (year unknown)")
    order = list(QUAD_OF)
    lanes = sorted({k for k, _ in dated}, key=lambda t: order.index(t) if t in order else 99)
    if yearless:
        lanes.append("year unknown")
    return titles, lanes, undated


def expected_graph(rows: list[Any]) -> tuple[list[str], list[str], int]:
    """(edge titles in drawing order, node titles in drawing order, hidden actors) of a graph of ``rows``."""
    from newsgraph.web.palette import kind_of_id

    names: dict[str, str] = {}
    weights: Counter[tuple[str, str, str]] = Counter()
    for row in rows:
        names.update(zip(row.source, row.source_names, strict=True))
        names.update(zip(row.target, row.target_names, strict=True))
        for s in row.source:
            for t in row.target:
                if s != t:
                    weights[(s, t, row.type)] += 1
    degree: Counter[str] = Counter({a: 0 for a in names})
    for (s, t, _), n in weights.items():
        degree[s] += n
        degree[t] += n
    keep = {a for a, _ in sorted(degree.items(), key=lambda kv: (-kv[1], kv[0]))[:MAX_NODES]}
    kept = {k: n for k, n in weights.items() if k[0] in keep and k[1] in keep}
    edges = [
        f"{names[s]} → {names[t]}: {kind} × {n}"
        for (s, t, kind), n in sorted(kept.items(), key=lambda kv: (-kv[1], kv[0]))
    ]
    nodes = [
        f"{names[i]} ({kind_of_id(i)}): {degree[i]} event link{'s' * (degree[i] != 1)}" for i in sorted(keep)
    ]
    return edges, nodes, len(names) - len(keep)


def expected_periods(rows: list[Any], granularity: str) -> list[dict[str, Any]]:
    """The ``timeline`` of /api/actors/{id}: counts per month (or day), year-less after, undated last."""
    width = {"month": 7, "day": 10}[granularity]
    counts: Counter[str | None] = Counter()
    for row in rows:
        start = row.date_start
        if not start:
            counts[None] += 1
        elif start.startswith("--"):
            counts[start[: width - 3]] += 1
        else:
            counts[start[:width]] += 1
    dated = sorted((k, v) for k, v in counts.items() if k and not k.startswith("--"))
    yearless = sorted((k, v) for k, v in counts.items() if k and k.startswith("--"))
    out = [{"period": k, "count": v, "year_known": True} for k, v in dated]
    out += [{"period": k, "count": v, "year_known": False} for k, v in yearless]
    if counts[None]:
        out.append({"period": None, "count": counts[None], "year_known": False})
    return out


# -- the hand-made corpus: a snapshot ----------------------------------------------------------------

SNAPSHOT_PAGES = [
    "/timeline", "/timeline?actor=RUS", "/timeline?actor=country:IRN&role=target", "/timeline?type=ASSAULT",
    "/timeline?date_from=--11", "/timeline?date_from=2022-11", "/timeline?outlet=Opinion+Daily",
    "/timeline?sort=-date", "/timeline?negated=true", "/timeline?actor=ATL",
    "/graph", "/graph?actor=RUS", "/graph?actor=IRN&role=target", "/graph?type=ASSAULT", "/graph?sort=-confidence",
    "/graph?modality=reported", "/graph?actor=ATL",
    "/actors/country:RUS", "/actors/country:IRN", "/actors/country:UKR", "/actors/person:nikolai-patrushev",
    "/actors/org:xss-brigade", "/actors/outlet:the-washington-post",
]  # fmt: skip
SNAPSHOT_API = [
    "/api/actors/country:RUS", "/api/actors/country:RUS?granularity=day", "/api/actors/country:IRN",
    "/api/actors/country:IRN?granularity=day&limit=1", "/api/actors/country:UKR?limit=2", "/api/actors/outlet:the-washington-post",
]  # fmt: skip


def _current(client: TestClient) -> dict[str, Any]:
    out: dict[str, Any] = {url: page_content(get_html(client, url)) for url in SNAPSHOT_PAGES}
    for url in SNAPSHOT_API:
        response = client.get(url)
        assert response.status_code == 200, url
        out[url] = response.json()
    return out


def test_overview_pages_match_the_snapshot(client: TestClient) -> None:
    current = _current(client)
    if os.environ.get("NEWSGRAPH_UPDATE_SNAPSHOT") == "1":
        SNAPSHOT.write_text(json.dumps(current, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    pinned = json.loads(SNAPSHOT.read_text(encoding="utf-8"))
    assert sorted(current) == sorted(pinned)
    for url in pinned:
        assert current[url] == pinned[url], url


# -- real analyses of real text, on each backend ---------------------------------------------------


@pytest.fixture(scope="module")
def real_analyses(analyzer: Any) -> list[Any]:
    """The corroboration corpus (23 articles) and the bundled examples, through the real pipeline."""
    sys.path.insert(0, str(ROOT / "tests" / "corroborate"))
    import evaluate_corroboration as ev

    from newsgraph.ingest import read_sources
    from newsgraph.model import RawDocument

    gold = json.loads(ev.GOLD.read_text(encoding="utf-8"))
    by_name = ev.analyse_corpus(gold, analyzer)
    out = [by_name[name] for name in ev.publication_order(by_name)]
    examples = [
        ROOT / "examples" / "seed" / "article.txt",
        *sorted((ROOT / "examples" / "articles").iterdir()),
    ]
    for raw in read_sources([str(p) for p in examples]):
        assert isinstance(raw, RawDocument), raw
        out.append(analyzer.analyze(raw))
    return out


def _pg_url() -> Iterator[str]:
    from sqlalchemy import create_engine
    from sqlalchemy.engine import make_url
    from sqlalchemy.schema import CreateSchema, DropSchema

    from newsgraph.store.postgres import normalise_url

    base = os.environ.get("NEWSGRAPH_TEST_PG")
    if not base:
        pytest.skip("needs NEWSGRAPH_TEST_PG (a PostgreSQL server; make test sets it)")
    base = normalise_url(base)
    schema = f"ng_overview_{uuid.uuid4().hex[:10]}"
    admin = create_engine(base)
    with admin.begin() as conn:
        conn.execute(CreateSchema(schema))
    try:
        yield make_url(base).update_query_dict({"options": f"-csearch_path={schema}"}).render_as_string(False)
    finally:
        with admin.begin() as conn:
            conn.execute(DropSchema(schema, cascade=True))
        admin.dispose()


@pytest.fixture(scope="module", params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def real(request: pytest.FixtureRequest, real_analyses: list[Any], settings: Any,
         tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[TestClient, Any]]:  # fmt: skip
    """(client, store) over a clustered store of the real analyses."""
    from newsgraph.api import create_app
    from newsgraph.clustering import cluster_store
    from newsgraph.store import open_store

    urls = (
        _pg_url() if request.param == "postgres" else iter([str(tmp_path_factory.mktemp("real") / "real.db")])
    )
    url = next(urls)
    try:
        with open_store(url) as store:
            for analysis in real_analyses:
                store.add(analysis)
            cluster_store(store, settings)
        app = create_app(url, settings=settings, token="")
        with TestClient(app) as client:
            yield client, app.state.ng.get_store()
    finally:
        for _ in urls:  # drops the PostgreSQL schema
            pass


def _filters(store: Any) -> list[dict[str, str]]:
    """Filters worth drawing on the real store: its busiest actors, types, outlets, months, a cluster."""
    every = store.events(limit=MAX_OVERVIEW_EVENTS)
    actors = Counter(a for r in every for a in (*r.source, *r.target))
    types = Counter(r.type for r in every)
    outlets = Counter(r.outlet for r in every if r.outlet)
    months = sorted({r.date_start[:7] for r in every if r.date_start and not r.date_start.startswith("--")})
    out: list[dict[str, str]] = [{}, {"sort": "-date"}, {"sort": "type"}, {"sort": "-confidence"},
                                 {"modality": "asserted"}, {"negated": "false"}, {"text": "missile"},
                                 {"actor": "RUS"}, {"actor": "UKR", "role": "target"}, {"role": "source"}]  # fmt: skip
    out += [{"actor": a} for a, _ in actors.most_common(3)]
    out += [{"actor": actors.most_common(1)[0][0], "role": "source"}]
    out += [{"type": t} for t, _ in types.most_common(2)]
    out += [{"outlet": o} for o, _ in outlets.most_common(1)]
    if months:
        out += [{"date_from": months[0]}, {"date_from": months[0], "date_to": months[-1]}]
    return out


def _rows(store: Any, filters: dict[str, str], *, limit: int = MAX_OVERVIEW_EVENTS) -> list[Any]:
    """The events the overview pages loaded and counted: the first ``limit`` in the filter's order."""
    params = {k: (v == "true" if k == "negated" else v) for k, v in filters.items() if k != "sort"}
    return list(store.events(**params, sort=filters.get("sort", "date"), limit=limit))


def _qs(filters: dict[str, str]) -> str:
    from urllib.parse import urlencode

    return "?" + urlencode(filters) if filters else ""


def test_real_store_timeline_counts_every_event_it_shows(real: tuple[TestClient, Any]) -> None:
    client, store = real
    assert len(store.events(limit=MAX_OVERVIEW_EVENTS)) > 40  # real text gave a real store
    for filters in _filters(store):
        rows = _rows(store, filters)
        page = get_html(client, "/timeline" + _qs(filters))
        titles, lanes, undated = expected_timeline(rows)
        assert dot_titles(page) == titles, filters
        assert lane_labels(page) == lanes, filters
        assert f"{len(rows)} event{'s' * (len(rows) != 1)} for this filter" in page_text(page), filters
        if undated and titles:
            assert f"{undated} event{'s have' if undated != 1 else ' has'} no date" in page_text(page), (
                filters
            )


def test_real_store_graph_links_every_event_it_shows(real: tuple[TestClient, Any]) -> None:
    client, store = real
    for filters in _filters(store):
        rows = _rows(store, filters)
        page = get_html(client, "/graph" + _qs(filters))
        edges, nodes, hidden = expected_graph(rows)
        assert graph_titles(page) == (edges, nodes), filters
        text = page_text(page)
        assert f"{len(nodes)} actors and {len(edges)} typed links from {len(rows)} event" in text, filters
        assert (f"{hidden} less connected actors are hidden" in text) == bool(hidden), filters


def test_real_store_cluster_filter(real: tuple[TestClient, Any]) -> None:
    client, store = real
    clusters = client.get("/api/clusters", params={"limit": 500}).json()["items"]
    assert clusters, "the real store has clusters"
    for cluster in sorted(clusters, key=lambda c: (-len(c["events"]), c["id"]))[:3]:
        keys = set(cluster["events"])
        rows = [
            r for d in cluster["documents"] for r in store.events(document=d, limit=1000) if r.key in keys
        ]
        page = get_html(client, "/timeline" + _qs({"cluster": cluster["id"]}))
        assert dot_titles(page) == expected_timeline(rows)[0]
        page = get_html(client, "/graph" + _qs({"cluster": cluster["id"]}))
        assert graph_titles(page) == expected_graph(rows)[:2]


def test_real_store_actor_page_and_json(real: tuple[TestClient, Any]) -> None:
    client, store = real
    actors = [a for a in store.actors(limit=500) if a.n_events_source + a.n_events_target]
    assert len(actors) > 10
    for actor in actors:
        every = _rows(store, {"actor": actor.id})
        page = get_html(client, "/actors/" + actor.id)
        assert dot_titles(page) == expected_timeline(every)[0], actor.id
        n_source = len(store.events(actor=actor.id, role="source", limit=MAX_OVERVIEW_EVENTS))
        n_target = len(store.events(actor=actor.id, role="target", limit=MAX_OVERVIEW_EVENTS))
        for granularity in ("month", "day"):
            body = client.get(
                f"/api/actors/{actor.id}", params={"granularity": granularity, "limit": 2}
            ).json()
            assert body["timeline"] == expected_periods(every, granularity), (actor.id, granularity)
            assert (body["n_as_source"], body["n_as_target"]) == (n_source, n_target), actor.id
            assert [e["key"] for e in body["as_source"]] == [
                r.key for r in _rows(store, {"actor": actor.id, "role": "source"}, limit=2)
            ]
            assert [e["key"] for e in body["as_target"]] == [
                r.key for r in _rows(store, {"actor": actor.id, "role": "target"}, limit=2)
            ]


# -- beyond the cap: the timeline and the actor views count every event, the graph says what it links ---


def _every(store: Any, filters: dict[str, str]) -> list[Any]:
    return _rows(store, filters, limit=1_000_000)


def test_real_store_timeline_counts_beyond_the_graphs_cap(
    real: tuple[TestClient, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    client, store = real
    monkeypatch.setattr("newsgraph.api.services.MAX_OVERVIEW_EVENTS", 7)
    for filters in _filters(store):
        every = _every(store, filters)
        page = get_html(client, "/timeline" + _qs(filters))
        assert dot_titles(page) == expected_timeline(every)[0], filters
        text = page_text(page)
        assert f"{len(every)} event{'s' * (len(every) != 1)} for this filter" in text, filters
        if expected_timeline(every)[0]:
            assert f"Counts are over all {len(every)} matching event" in text, filters


def test_real_store_graph_links_the_first_events_and_says_so(
    real: tuple[TestClient, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    client, store = real
    monkeypatch.setattr("newsgraph.api.services.MAX_OVERVIEW_EVENTS", 7)
    words = {"date": "earliest first", "-date": "latest first", "type": "by type, then earliest first",
             "-confidence": "most confident first"}  # fmt: skip
    capped = 0
    for filters in _filters(store):
        first, every = _rows(store, filters, limit=7), _every(store, filters)
        page = get_html(client, "/graph" + _qs(filters))
        assert graph_titles(page) == expected_graph(first)[:2], filters
        text = page_text(page)
        note = f"{len(every)} events match these filters; the graph links the first 7 ({words[filters.get('sort', 'date')]})"
        assert (note in text) == (len(every) > 7), (filters, text[:400])
        capped += len(every) > 7
    assert capped > 5


def test_real_store_actor_timeline_counts_beyond_the_cap(
    real: tuple[TestClient, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    client, store = real
    monkeypatch.setattr("newsgraph.api.services.MAX_OVERVIEW_EVENTS", 2)
    actors = [a for a in store.actors(limit=500) if a.n_events_source + a.n_events_target > 2]
    assert actors
    for actor in actors:
        every = _every(store, {"actor": actor.id})
        body = client.get(f"/api/actors/{actor.id}").json()
        assert body["timeline"] == expected_periods(every, "month"), actor.id
        page = get_html(client, "/actors/" + actor.id)
        assert dot_titles(page) == expected_timeline(every)[0], actor.id
        if dot_titles(page):
            assert f"Counts are over all {len(every)} events of {actor.name}" in page_text(page), actor.id


def test_real_store_aggregates_match_the_rows(real: tuple[TestClient, Any]) -> None:
    """The store's counts are the counts of the rows events() returns, filter by filter, on each backend."""
    from newsgraph.store.aggregates import actor_links_of_rows, type_date_counts_of_rows

    _, store = real
    for filters in _filters(store):
        params = {k: (v == "true" if k == "negated" else v) for k, v in filters.items() if k != "sort"}
        assert store.event_type_dates(**params) == type_date_counts_of_rows(_every(store, filters)), filters
        for limit in (0, 1, 5, 20, 10_000):
            links = store.event_links(**params, sort=filters.get("sort", "date"), limit=limit)
            assert links == actor_links_of_rows(_rows(store, filters, limit=limit)), (filters, limit)
