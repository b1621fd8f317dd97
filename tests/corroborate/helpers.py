"""A small hand-built corpus of analyses for the corroborate tests (no spaCy involved).

The story: on 5 November 2024 Russia and Iran agreed to build drones in Russia.
- ``wire``: the Global Wire report (first-hand, unattributed);
- ``copy``: the same wire story on the Daily Herald site, new headline, furniture, small edits;
- ``opinion``: an Opinion Weekly column citing Global Wire, its event attributed to the wire, no year;
- ``rebuttal``: a Tehran Times piece quoting the foreign ministry's denial;
- ``independent``: the Kyiv Independent's own reporting, the Russian defence ministry as actor;
- distractors: the same actors two weeks later; other actors the same week; another event type.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence

from newsgraph.model import (
    Analysis,
    Article,
    Citation,
    Claim,
    Entity,
    Event,
    EventDate,
    Location,
    Published,
    Sentence,
)

RUS, IRN, UKR, CHN, PAK = "country:RUS", "country:IRN", "country:UKR", "country:CHN", "country:PAK"
WIRE_OUTLET = "outlet:global-wire"

WIRE_TEXT = (
    "Russia and Iran finalized an agreement on November 5 to build hundreds of attack drones at a "
    "factory inside Russia, according to Western officials familiar with the negotiations. The deal "
    "was sealed during a meeting in Tehran between senior security officials of both countries, the "
    "officials said, speaking on condition of anonymity because they were not authorized to discuss "
    "intelligence matters. Under the arrangement Iran will provide the designs and key components "
    "while Russia supplies the production site, workers and funding for the program. The officials "
    "said the first drones could roll off the line early next year, which would allow Moscow to "
    "sustain its air campaign against Ukrainian cities and power stations through the winter. Kyiv "
    "has reported hundreds of drone attacks since August, many of them aimed at energy facilities. "
    "Neither the Kremlin nor the Iranian foreign ministry responded to requests for comment on the "
    "agreement. Analysts said the plan marks a deepening of military ties between the two countries, "
    "which have both been placed under heavy Western sanctions, and could complicate talks on the "
    "Iranian nuclear program in the months ahead."
)

COPY_TEXT = (
    WIRE_TEXT.replace("finalized an agreement", "reached an agreement")
    .replace("Analysts said", "Independent analysts said")
    .replace(" in the months ahead.", " in the coming months.")
    + "\nRead more: How drones changed the war. Sign up for our morning newsletter."
)

OPINION_TEXT = (
    "It is time to call the Tehran-Moscow axis what it is. As Global Wire reported, Russia and Iran "
    "agreed on November 5 to build drones in Russia. The West keeps pretending that sanctions work. "
    "They do not, and every Ukrainian city hit this winter will pay the price of our complacency."
)

REBUTTAL_TEXT = (
    "Iran's foreign ministry on Friday dismissed Western media reports of a drone deal. "
    '"Iran has not agreed to build any drones in Russia," the ministry spokesman told reporters in '
    "Tehran, calling the reports part of a psychological war against the Islamic Republic."
)

INDEPENDENT_TEXT = (
    "Ukrainian military intelligence says it has documents showing that the Russian defence ministry "
    "signed a contract with Iran on November 5 for the joint production of Shahed drones on Russian "
    "soil. The documents, seen by our reporters, list the plant in Tatarstan as the production site."
)

LATER_TEXT = (
    "Russia and Iran agreed on November 20 to extend their cooperation to ballistic missiles, two "
    "people familiar with the talks said, weeks after the drone factory deal."
)

OTHER_ACTORS_TEXT = (
    "China and Pakistan agreed on November 5 to expand their joint production of combat aircraft, "
    "officials in Islamabad said after a meeting of defence ministers."
)

ASSAULT_TEXT = (
    "Russia attacked Ukrainian power stations with dozens of drones on November 5, cutting power to "
    "hundreds of thousands of homes in the Kyiv region, officials said."
)

TEHRAN = Location("Tehran", entity="place:tehran", country="IRN", lat=35.69, lon=51.42)


def doc_id(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def make_event(
    eid: str,
    type_: str,
    source: Sequence[str],
    target: Sequence[str],
    *,
    date: tuple[str, str] | None = None,
    modality: str = "asserted",
    negated: bool = False,
    attributed_to: str | None = None,
    claim: str | None = None,
    location: Location | None = None,
    trigger: str = "agreed",
) -> Event:
    return Event(
        id=eid, type=type_, trigger=trigger, sentence=0, start=0, end=10,
        source=tuple(source), target=tuple(target),
        date=EventDate(text=None, start=date[0], end=date[1], granularity="day") if date else None,
        location=location, modality=modality, negated=negated, claim=claim, attributed_to=attributed_to,
    )  # fmt: skip


def make_analysis(
    text: str,
    *,
    outlet: str | None,
    published: str | None,
    events: Sequence[Event] = (),
    claims: Sequence[Claim] = (),
    citations: Sequence[Citation] = (),
    entities: Sequence[Entity] = (),
    title: str | None = None,
    not_before: str | None = None,
) -> Analysis:
    article = Article(
        id=doc_id(text), source=f"test:{doc_id(text)}", text=text, outlet=outlet, title=title,
        published=Published(value=published, source="metadata" if published else "none", not_before=not_before),
    )  # fmt: skip
    return Analysis(
        document=article,
        sentences=(Sentence(0, 0, len(text)),),
        entities=tuple(entities),
        citations=tuple(citations),
        claims=tuple(claims),
        events=tuple(events),
    )


def wire() -> Analysis:
    return make_analysis(
        WIRE_TEXT, outlet="Global Wire", published="2024-11-06", title="Russia, Iran agree drone plant",
        events=[make_event("e1", "AGREE", [RUS], [IRN], date=("2024-11-05", "2024-11-05"), location=TEHRAN)],
    )  # fmt: skip


def copy() -> Analysis:
    return make_analysis(
        COPY_TEXT, outlet="Daily Herald", published="2024-11-07", title="EXCLUSIVE: Moscow and Tehran strike drone deal",
        events=[make_event("e1", "AGREE", [RUS], [IRN], date=("2024-11-05", "2024-11-05"), location=TEHRAN,
                           trigger="reached")],
    )  # fmt: skip


def opinion() -> Analysis:
    claim = Claim(
        "c1",
        "according_to",
        "Russia and Iran agreed on November 5 to build drones in Russia.",
        0,
        10,
        speaker=WIRE_OUTLET,
        speaker_text="Global Wire",
        cue="reported",
        hedge="reported",
    )
    return make_analysis(
        OPINION_TEXT, outlet="Opinion Weekly", published=None, not_before="2024-11-12",
        title="The axis of drones",
        citations=[Citation(None, "Global Wire", 30, 41, entity=WIRE_OUTLET)],
        claims=[claim],
        events=[make_event("e1", "AGREE", [RUS], [IRN], date=("--11-05", "--11-05"), modality="reported",
                           attributed_to=WIRE_OUTLET, claim="c1")],
        entities=[Entity(WIRE_OUTLET, "Global Wire", "outlet")],
    )  # fmt: skip


def rebuttal() -> Analysis:
    spokesman = "person:iran-foreign-ministry-spokesman"
    claim = Claim(
        "c1",
        "direct_quote",
        "Iran has not agreed to build any drones in Russia",
        0,
        10,
        speaker=spokesman,
        speaker_text="the ministry spokesman",
        cue="told",
    )
    return make_analysis(
        REBUTTAL_TEXT, outlet="Tehran Times", published="2024-11-08", title="Iran denies drone deal",
        claims=[claim],
        events=[make_event("e1", "AGREE", [IRN], [RUS], modality="denied", attributed_to=spokesman, claim="c1",
                           location=TEHRAN)],
        entities=[Entity(spokesman, "Nasser Kanani", "person", country="IRN")],
    )  # fmt: skip


def independent() -> Analysis:
    mod = "group:rus-mil"
    return make_analysis(
        INDEPENDENT_TEXT, outlet="Kyiv Independent", published="2024-11-09", title="Documents show drone contract",
        events=[make_event("e1", "COOPERATE", [mod], [IRN], date=("2024-11-05", "2024-11-05"), trigger="signed")],
        entities=[Entity(mod, "Russian defence ministry", "organization", country="RUS", role="MIL")],
    )  # fmt: skip


def later() -> Analysis:
    return make_analysis(
        LATER_TEXT, outlet="Moscow Daily", published="2024-11-21",
        events=[make_event("e1", "AGREE", [RUS], [IRN], date=("2024-11-20", "2024-11-20"))],
    )  # fmt: skip


def other_actors() -> Analysis:
    return make_analysis(
        OTHER_ACTORS_TEXT, outlet="Dawn", published="2024-11-06",
        events=[make_event("e1", "AGREE", [CHN], [PAK], date=("2024-11-05", "2024-11-05"))],
    )  # fmt: skip


def assault() -> Analysis:
    return make_analysis(
        ASSAULT_TEXT, outlet="Kyiv Post", published="2024-11-06",
        events=[make_event("e1", "ASSAULT", [RUS], [UKR], date=("2024-11-05", "2024-11-05"), trigger="attacked")],
    )  # fmt: skip


def corpus() -> list[Analysis]:
    """Every document of the story and the distractors, in the order they were published."""
    return [wire(), other_actors(), assault(), copy(), rebuttal(), opinion(), independent(), later()]


def key(analysis: Analysis, eid: str = "e1") -> str:
    return f"{analysis.document.id}:{eid}"
