"""A small hand-made corpus for the API and page tests: analyses built from the model dataclasses.

Offsets are found with ``str.find`` on the text, so the documents read like news and stay easy
to change. One article carries script and img payloads in its text, title, authors, url,
entity names and quotes: every page must show them as text, never run them.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from typing import Any

from newsgraph.model import (
    Analysis,
    Article,
    Caption,
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

SCRIPT = "<script>alert(1)</script>"
IMG = "<img src=x onerror=alert(1)>"

ENTITIES: dict[str, tuple[str, str, str | None, str | None]] = {
    # id: (name, kind, country, role); mentions are found by the aliases given per document
    "country:RUS": ("Russia", "country", "RUS", "GOV"),
    "country:IRN": ("Iran", "country", "IRN", "GOV"),
    "country:UKR": ("Ukraine", "country", "UKR", "GOV"),
    "country:USA": ("United States", "country", "USA", "GOV"),
    "person:nikolai-patrushev": ("Nikolai Patrushev", "person", "RUS", "GOV"),
    "person:vladimir-putin": ("Vladimir Putin", "person", "RUS", "GOV"),
    "outlet:the-washington-post": ("The Washington Post", "outlet", "USA", None),
    "place:tehran": ("Tehran", "place", "IRN", None),
    "weapon:shahed-136": ("Shahed-136", "weapon", "IRN", None),
    "org:xss-brigade": (f"Brigade {SCRIPT}", "organization", None, None),
}


def doc_id(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def sentences_of(text: str) -> tuple[Sentence, ...]:
    out, start = [], 0
    for match in re.finditer(r"(?<=[.!?’'])\s+", text):
        out.append(Sentence(len(out), start, match.start()))
        start = match.end()
    if start < len(text):
        out.append(Sentence(len(out), start, len(text.rstrip())))
    return tuple(out)


@dataclass
class DocSpec:
    text: str
    title: str
    outlet: str | None
    published: str | None
    authors: tuple[str, ...] = ()
    url: str | None = None
    aliases: dict[str, tuple[str, ...]] = field(default_factory=dict)
    claims: list[dict[str, Any]] = field(default_factory=list)
    events: list[dict[str, Any]] = field(default_factory=list)
    citations: list[dict[str, Any]] = field(default_factory=list)
    captions: tuple[Caption, ...] = ()
    notes: tuple[str, ...] = ()
    removed: tuple[str, ...] = ()
    not_before: str | None = None


def _span(text: str, phrase: str) -> tuple[int, int]:
    start = text.find(phrase)
    assert start >= 0, f"{phrase!r} not in the text"
    return start, start + len(phrase)


def build(spec: DocSpec) -> Analysis:
    text = spec.text
    sents = sentences_of(text)
    entities = []
    for eid, aliases in spec.aliases.items():
        name, kind, country, role = ENTITIES[eid]
        mentions = []
        for alias in aliases:
            for m in re.finditer(re.escape(alias), text):
                mentions.append(Mention(m.start(), m.end(), alias))
        entities.append(Entity(eid, name, kind, country, role, mentions=tuple(sorted(mentions, key=lambda x: x.start))))
    claims = []
    for i, c in enumerate(spec.claims, 1):
        start, end = _span(text, c["text"])
        claims.append(Claim(f"c{i}", c.get("kind", "direct_quote"), c["text"], start, end, speaker=c.get("speaker"),
                            speaker_text=c.get("speaker_text"), cue=c.get("cue"), hedge=c.get("hedge", "none"),
                            anonymous=c.get("anonymous", False)))
    events = []
    for i, e in enumerate(spec.events, 1):
        start, end = _span(text, e["trigger"])
        sentence = next(s.index for s in sents if s.start <= start < s.end)
        date = EventDate(*e["date"]) if e.get("date") else None
        events.append(Event(
            f"e{i}", e["type"], e["trigger"], sentence, start, end, mode=e.get("mode"), cameo=e.get("cameo"),
            source=tuple(e.get("source", ())), target=tuple(e.get("target", ())), date=date,
            location=e.get("location"), quantity=e.get("quantity"), modality=e.get("modality", "asserted"),
            negated=e.get("negated", False), claim=e.get("claim"), attributed_to=e.get("attributed_to"),
            confidence=e.get("confidence", 0.8),
        ))  # fmt: skip
    citations = []
    for c in spec.citations:
        start, end = _span(text, c["at"])
        citations.append(Citation(c.get("marker"), c["outlet"], start, end, c.get("entity"), c.get("date")))
    article = Article(
        id=doc_id(text), source=spec.url or f"fixtures/{doc_id(text)}.txt", text=text, url=spec.url,
        outlet=spec.outlet, title=spec.title, authors=spec.authors,
        published=Published(spec.published, "metadata" if spec.published else "none", spec.not_before),
        language="en", photo_captions=spec.captions, author_notes=spec.notes, removed=spec.removed,
        citations=tuple(citations),
    )  # fmt: skip
    return Analysis(article, sents, tuple(entities), (), tuple(citations), tuple(claims), tuple(events))


def washington_post() -> DocSpec:
    text = (
        "Russia and Iran agree to build drones in Russia.\n\n"
        "Moscow has quietly reached an agreement with Tehran to begin manufacturing hundreds of drones, "
        "according to officials seen by The Washington Post. "
        "Russia has launched more than 400 Iranian-made Shahed-136 drones against Ukraine since August. "
        "“We will not be pressured,” Vladimir Putin said."
    )
    return DocSpec(
        text=text, title="Russia and Iran agree to build drones in Russia", outlet="The Washington Post",
        published="2022-11-19", authors=("Shane Harris", "Joby Warrick"),
        url="https://www.washingtonpost.com/national-security/2022/11/19/russia-iran-drones/",
        aliases={"country:RUS": ("Russia", "Moscow"), "country:IRN": ("Iran", "Tehran"),
                 "country:UKR": ("Ukraine",), "outlet:the-washington-post": ("The Washington Post",),
                 "weapon:shahed-136": ("Shahed-136",), "person:vladimir-putin": ("Vladimir Putin",)},
        claims=[
            {"kind": "according_to", "text": "Moscow has quietly reached an agreement with Tehran to begin "
             "manufacturing hundreds of drones", "speaker": "outlet:the-washington-post",
             "speaker_text": "officials", "cue": "according to", "hedge": "reported", "anonymous": True},
            {"text": "“We will not be pressured,”", "speaker": "person:vladimir-putin",
             "speaker_text": "Vladimir Putin", "cue": "said"},
        ],
        events=[
            {"type": "AGREE", "trigger": "reached an agreement", "source": ["country:RUS"], "target": ["country:IRN"],
             "cameo": "057", "modality": "reported", "claim": "c1", "attributed_to": "outlet:the-washington-post",
             "date": ("November", "2022-11-01", "2022-11-19", "month")},
            {"type": "ASSAULT", "mode": "aerial", "trigger": "launched", "source": ["country:RUS"],
             "target": ["country:UKR"], "cameo": "195", "date": ("since August", "2022-08-01", "2022-11-19", "month"),
             "quantity": Quantity(400, "more than 400", "drones", "more than")},
            {"type": "REJECT", "trigger": "will not be pressured", "source": ["person:vladimir-putin"],
             "target": ["country:USA"], "claim": "c2", "attributed_to": "person:vladimir-putin",
             "date": ("", "2022-11-19", "2022-11-19", "day")},
        ],
    )  # fmt: skip


def opinion_piece() -> DocSpec:
    text = (
        "Russia and Iran glare into US eyes!\n\n"
        "The Washington Post 1 broke a story of a secret deal between Russia and Iran. "
        "Nikolai Patrushev went to Tehran on November 9 to meet Iranian officials. "
        "The United States threatened new sanctions against Iran, the report says. "
        "“Iran will help Russia build drones,” the report says."
    )
    return DocSpec(
        text=text, title="Russia and Iran ‘glare-into’ US eyes!", outlet="Opinion Daily", published=None,
        authors=("Haider Abbas",), not_before="--11-19",
        aliases={"country:RUS": ("Russia",), "country:IRN": ("Iran", "Tehran"),
                 "country:USA": ("United States",), "outlet:the-washington-post": ("The Washington Post",),
                 "person:nikolai-patrushev": ("Nikolai Patrushev",)},
        claims=[
            {"kind": "indirect", "text": "The United States threatened new sanctions against Iran",
             "speaker": "outlet:the-washington-post", "speaker_text": "the report", "cue": "says",
             "hedge": "reported"},
            {"text": "“Iran will help Russia build drones,”", "speaker": "outlet:the-washington-post",
             "speaker_text": "the report", "cue": "says"},
        ],
        events=[
            {"type": "CONSULT", "trigger": "went to", "source": ["person:nikolai-patrushev"],
             "target": ["country:IRN"], "cameo": "042", "date": ("November 9", "--11-09", "--11-09", "day"),
             "location": Location("Tehran", "place:tehran", "IRN", 35.69, 51.42)},
            {"type": "THREATEN", "trigger": "threatened", "source": ["country:USA"], "target": ["country:IRN"],
             "cameo": "138", "modality": "reported", "claim": "c1", "attributed_to": "outlet:the-washington-post"},
            {"type": "AID", "trigger": "help", "source": ["country:IRN"], "target": ["country:RUS"],
             "cameo": "070", "modality": "planned", "claim": "c2", "attributed_to": "outlet:the-washington-post",
             "date": ("", "--11", "--11", "month")},
        ],
        citations=[{"marker": "1", "outlet": "The Washington Post", "at": "The Washington Post 1",
                    "entity": "outlet:the-washington-post", "date": "--11-19"}],
        captions=(Caption("Iranian president Ebrahim Raeesi with Russian President Putin.", "AFP"),),
        notes=("The writer is a former UP State Information Commissioner.",),
        removed=("Please enter your comment!", "Please enter your name here"),
    )  # fmt: skip


def sanctions_report() -> DocSpec:
    text = (
        "The United States imposed sanctions on Russia on March 2.\n\n"
        "Ukraine accused Russia of shelling Kharkiv. Russia denied the accusation."
    )
    return DocSpec(
        text=text, title="US sanctions on Russia", outlet="Wire Service", published="2022-03-03",
        authors=("Staff",), url="https://wire.example/2022/03/03/sanctions",
        aliases={"country:USA": ("United States",), "country:RUS": ("Russia",), "country:UKR": ("Ukraine",)},
        claims=[],
        events=[
            {"type": "SANCTION", "trigger": "imposed sanctions", "source": ["country:USA"], "target": ["country:RUS"],
             "cameo": "163", "date": ("March 2", "2022-03-02", "2022-03-02", "day")},
            {"type": "ACCUSE", "trigger": "accused", "source": ["country:UKR"], "target": ["country:RUS"],
             "cameo": "112", "date": ("", "2022-03-03", "2022-03-03", "day")},
            {"type": "ASSAULT", "mode": "explosives", "trigger": "shelling", "source": ["country:RUS"],
             "target": ["country:UKR"], "modality": "denied", "negated": True, "confidence": 0.6},
        ],
    )  # fmt: skip


def xss_article() -> DocSpec:
    text = (
        f"Brigade {SCRIPT} attacked Ukraine {IMG} on Monday.\n\n"
        f"“Nothing will stop us {SCRIPT}” the Brigade {SCRIPT} said. "
        f"Observers saw {IMG} smoke near the border."
    )
    return DocSpec(
        text=text, title=f"Attack {SCRIPT} {IMG}", outlet=f"Evil {IMG} News", published="2022-11-21",
        authors=(f"Mallory {SCRIPT}", f"Eve {IMG}"), url=f"javascript:alert(1)//{SCRIPT}",
        aliases={"org:xss-brigade": (f"Brigade {SCRIPT}",), "country:UKR": ("Ukraine",)},
        claims=[{"text": f"“Nothing will stop us {SCRIPT}”", "speaker": "org:xss-brigade",
                 "speaker_text": f"the Brigade {SCRIPT}", "cue": "said"}],
        events=[{"type": "ASSAULT", "trigger": "attacked", "source": ["org:xss-brigade"], "target": ["country:UKR"],
                 "date": ("Monday", "2022-11-21", "2022-11-21", "day")}],
        captions=(Caption(f"Smoke {IMG}", f"credit {SCRIPT}"),),
        notes=(f"Note {SCRIPT}",),
        removed=(f"Comment {IMG}",),
    )  # fmt: skip


def corpus() -> list[Analysis]:
    """The four documents of the fixture store, in the order they are added."""
    return [build(s) for s in (washington_post(), opinion_piece(), sanctions_report(), xss_article())]
