"""The server-rendered pages as HTML: what each shows, and untrusted text always escaped."""

from __future__ import annotations

import re
from typing import Any

import pytest
from fastapi.testclient import TestClient

from api.corpus import IMG, SCRIPT, doc_id, opinion_piece, washington_post, xss_article

WAPO = doc_id(washington_post().text)
OPINION = doc_id(opinion_piece().text)
XSS = doc_id(xss_article().text)
PAGES = ["/", "/?q=Brigade", "/events", "/events?actor=RUS", "/timeline", "/graph", "/actors",
         "/actors/country:RUS", "/actors/org:xss-brigade", "/clusters", f"/documents/{WAPO}",
         f"/documents/{XSS}", f"/provenance/{XSS}:e1", f"/provenance/{WAPO}:e1", "/docs"]


def html(client: TestClient, path: str) -> str:
    response = client.get(path, headers={"accept": "text/html"})
    assert response.status_code == 200, (path, response.text[:300])
    assert response.headers["content-type"].startswith("text/html")
    return response.text


@pytest.mark.parametrize("path", PAGES)
def test_web_page_renders_without_inline_script(client: TestClient, path: str) -> None:
    page = html(client, path)
    assert '<script src="/static/app.js" defer></script>' in page
    assert len(re.findall(r"<script\b", page)) == 1  # only the external file
    assert not re.search(r"\son[a-z]+\s*=", page.replace(IMG.replace("<", "&lt;").replace(">", "&gt;"), ""))
    assert " style=" not in page  # the CSP forbids inline styles
    assert 'href="#main"' in page  # skip link


@pytest.mark.parametrize("path", PAGES)
def test_web_payloads_are_escaped(client: TestClient, path: str) -> None:
    page = html(client, path)
    assert SCRIPT not in page
    assert IMG not in page
    assert "<img" not in page
    assert 'href="javascript:' not in page


def test_web_xss_document_shows_payloads_as_text(client: TestClient) -> None:
    page = html(client, f"/documents/{XSS}")
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "&lt;img src=x onerror=alert(1)&gt;" in page
    assert "javascript:alert(1)" in page  # shown as text, not as a link


def test_web_document_marks_entities_events_quotes(client: TestClient) -> None:
    page = html(client, f"/documents/{WAPO}")
    assert 'class="ent k-country' in page and 'class="ent k-weapon' in page
    assert 'class="ev q-vcoop' in page  # AGREE
    assert 'class="claim c-direct_quote first"' in page
    assert 'data-label="Vladimir Putin"' in page
    assert 'id="s1"' in page and 'tabindex="0"' in page
    assert 'title="AGREE: Russia → Iran · reported' in page


def test_web_document_side_panel_and_extras(client: TestClient) -> None:
    page = html(client, f"/documents/{OPINION}")
    assert "Photo captions" in page and "Credit: AFP" in page
    assert "former UP State Information Commissioner" in page
    assert "Removed as boilerplate (2)" in page
    assert "The Washington Post</strong> <span class=\"date yearless\">--11-19" in page
    assert f'href="/provenance/{OPINION}:e1"' in page


def test_web_events_table_links_rows_to_sentences(client: TestClient) -> None:
    page = html(client, "/events?actor=RUS")
    assert f'href="/documents/{WAPO}#s' in page
    assert "8 events" in page
    assert '<option value="ASSAULT">' in page or '<option value="ASSAULT"' in page


def test_web_empty_form_fields_mean_no_filter(client: TestClient) -> None:
    page = html(client, "/events?actor=&type=&role=&modality=&negated=&date_from=&sort=date")
    assert "10 events" in page


def test_web_timeline_has_yearless_lane(client: TestClient) -> None:
    page = html(client, "/timeline")
    assert "<svg" in page and "<circle" in page
    assert ">year unknown</text>" in page
    assert "2 events have no date" in page


def test_web_graph_draws_actors_and_edges(client: TestClient) -> None:
    page = html(client, "/graph")
    assert page.count('class="node-link"') >= 5
    assert 'class="edge q-mconf"' in page
    assert 'href="/actors/country:RUS"' in page
    assert "data-zoomable" in page


def test_web_actor_page(client: TestClient) -> None:
    page = html(client, "/actors/country:RUS")
    assert "<h1>Russia</h1>" in page and "As source" in page and "As target" in page
    assert "timeline-svg" in page


def test_web_actor_page_loads_only_the_events_it_shows(client: TestClient, monkeypatch: pytest.MonkeyPatch) -> None:
    store = client.app.state.ng.get_store()  # type: ignore[attr-defined]
    limits: list[int] = []
    counted: list[dict[str, Any]] = []
    events, type_dates = store.events, store.event_type_dates

    def loading(*args: Any, **kwargs: Any) -> Any:
        limits.append(kwargs.get("limit", 0))
        return events(*args, **kwargs)

    def counting(*args: Any, **kwargs: Any) -> Any:
        counted.append(kwargs)
        return type_dates(*args, **kwargs)

    monkeypatch.setattr(store, "events", loading)
    monkeypatch.setattr(store, "event_type_dates", counting)
    assert "timeline-svg" in html(client, "/actors/country:RUS")
    assert limits == [200, 200]  # the two tables; the chart and the JSON's timeline come from one count
    assert counted == [{"actor": "country:RUS"}]


def test_web_provenance_tree(client: TestClient) -> None:
    page = html(client, f"/provenance/{WAPO}:e1")
    assert "<details open>" in page
    assert "Independent sources" in page
    assert "run <code>newsgraph cluster</code>" in page


def test_web_clusters_page_says_how_to_make_them(client: TestClient) -> None:
    assert "no clusters yet: run `newsgraph cluster`" in html(client, "/clusters")


@pytest.mark.parametrize(("path", "status"), [
    ("/documents/ffffffffffffffff", 404), ("/actors/country:ATL", 404), ("/events?type=EXPLODE", 422),
    ("/nowhere", 404),
])  # fmt: skip
def test_web_errors_are_html_pages(client: TestClient, path: str, status: int) -> None:
    response = client.get(path, headers={"accept": "text/html"})
    assert response.status_code == status
    assert response.headers["content-type"].startswith("text/html")
    assert f"Error {status}" in response.text
