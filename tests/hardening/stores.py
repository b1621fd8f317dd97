"""Stores for the server tests: the API tests' hand-made corpus plus analyses carrying payloads in
every field a page or the JSON shows (ids, places, modes, triggers, dates, quantities, citations)."""

from __future__ import annotations

import hashlib
import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager

from api.corpus import corpus
from newsgraph.model import (
    Analysis,
    Article,
    Citation,
    Claim,
    Entity,
    Event,
    EventDate,
    Location,
    Mention,
    Published,
    Quantity,
    Sentence,
)

SVG = "<svg onload=alert(2)>"
QUOTE = "\"'><script>alert(3)</script>"
JS_URLS = ("javascript:alert(1)", " JaVaScRiPt:alert(2)", "\tjavascript:alert(3)", "data:text/html,<script>alert(4)</script>",
           "vbscript:msgbox(5)", "java\nscript:alert(6)")  # fmt: skip
PAYLOADS = ("<script>alert(", "<img src=x onerror", "<svg onload", "<script>alert(3)")


def payload_analysis(n: int, url: str) -> Analysis:
    """A document whose every shown field carries markup, and whose URL is ``url``."""
    text = (f"The Legion {SVG} {n} shelled Kharkiv {QUOTE} on Monday, said {SVG} officials.\n\n"
            f"About {QUOTE} 40 drones hit the city, according to {SVG} News.")
    doc = hashlib.sha256(text.encode()).hexdigest()[:16]
    legion = f"org:legion-{SVG}-{n}"
    start = text.find("The Legion")
    shelled = text.find("shelled")
    entity = Entity(legion, f"Legion {SVG} {QUOTE}", "organization", country=None, role=f"REB{QUOTE}",
                    mentions=(Mention(start, start + 10, "The Legion"),), aliases=(SVG,))
    place = Entity(f"place:kharkiv-{SVG}", f"Kharkiv {SVG}", "place", "UKR", lat=50.0, lon=36.2,
                   mentions=(Mention(text.find("Kharkiv"), text.find("Kharkiv") + 7, "Kharkiv"),))
    claim = Claim("c1", "according_to", text[text.find("About"):], text.find("About"), len(text),
                  speaker=f"outlet:{SVG}", speaker_text=f"{SVG} News", cue=f"according to {QUOTE}")
    event = Event("e1", "ASSAULT", f"shelled {SVG}", 0, shelled, shelled + 7, mode=f"aerial{QUOTE}", cameo="195",
                  source=(legion,), target=(f"place:kharkiv-{SVG}", "country:UKR"),
                  date=EventDate(f"Monday {SVG}", "2022-11-21", "2022-11-21", "day"),
                  location=Location(f"Kharkiv {SVG}", f"place:kharkiv-{SVG}", "UKR", 50.0, 36.2),
                  quantity=Quantity(40, f"40 {SVG}", f"drones{QUOTE}", "about"), modality="reported",
                  claim="c1", attributed_to=f"outlet:{SVG}", confidence=0.9)
    article = Article(
        id=doc, source=url, text=text, url=url, outlet=f"{SVG} News", title=f"Shelling {SVG} {QUOTE}",
        authors=(f"Eve {SVG}", QUOTE), published=Published("2022-11-21", "metadata"), language="en",
        citations=(Citation("1", f"{SVG} News", text.find("according"), len(text), f"outlet:{SVG}"),),
        warnings=(f"warning {SVG}",),
    )
    sentences = (Sentence(0, 0, text.find("\n\n")), Sentence(1, text.find("About"), len(text)))
    return Analysis(article, sentences, (entity, place), (), article.citations, (claim,), (event,))


def all_analyses() -> list[Analysis]:
    return [*corpus(), *(payload_analysis(n, url) for n, url in enumerate(JS_URLS))]


def fill_store(url: str) -> str:
    from newsgraph.store import open_store

    with open_store(url) as store:
        for analysis in all_analyses():
            store.add(analysis)
    return url


@contextmanager
def postgres_schema() -> Iterator[str]:
    """A fresh schema on the server named by NEWSGRAPH_TEST_PG, dropped afterwards."""
    import pytest
    from sqlalchemy import create_engine
    from sqlalchemy.engine import make_url
    from sqlalchemy.schema import CreateSchema, DropSchema

    from newsgraph.store.postgres import normalise_url

    base = os.environ.get("NEWSGRAPH_TEST_PG")
    if not base:
        pytest.skip("needs NEWSGRAPH_TEST_PG (make test sets it when PostgreSQL runs)")
    base = normalise_url(base)
    schema = f"ng_hardening_{uuid.uuid4().hex[:10]}"
    admin = create_engine(base)
    with admin.begin() as conn:
        conn.execute(CreateSchema(schema))
    try:
        yield make_url(base).update_query_dict({"options": f"-csearch_path={schema}"}).render_as_string(False)
    finally:
        with admin.begin() as conn:
            conn.execute(DropSchema(schema, cascade=True))
        admin.dispose()
