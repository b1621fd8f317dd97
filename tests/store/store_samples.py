"""Hand-built analyses for the store tests (no spaCy): two sentences, entities, claims, two events."""

from __future__ import annotations

import hashlib

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
    TimeExpression,
)

OUTLETS = ("The Daily Planet", "Kyiv Post")


def _mentions(text: str, word: str) -> tuple[Mention, ...]:
    out, start = [], text.find(word)
    while start >= 0:
        out.append(Mention(start=start, end=start + len(word), text=word))
        start = text.find(word, start + 1)
    return tuple(out)


def make_analysis(n: int = 0, *, year: int | None = 2022, outlet: str | None = None,
                  doc_id: str | None = None) -> Analysis:  # fmt: skip
    """Document ``n``: Russia and Iran agree (reported by the Washington Post); Patrushev threatens Ukraine."""
    first = (f"Russia and Iran agreed on November {1 + n % 28} to build drones in Tehran, "
             f"according to The Washington Post (report {n}).")  # fmt: skip
    second = '"We will not stop," Nikolai Patrushev said, and Russia did not threaten Ukraine with 400 drones.'
    text = f"{first} {second}"
    doc_id = doc_id or hashlib.sha256(text.encode()).hexdigest()[:16]
    day = f"{1 + n % 28:02d}"
    date = f"{year}-11-{day}" if year else f"--11-{day}"
    s2 = len(first) + 1
    entities = (
        Entity("country:RUS", "Russia", "country", country="RUS", role="GOV", mentions=_mentions(text, "Russia")),
        Entity("country:IRN", "Iran", "country", country="IRN", role="GOV", mentions=_mentions(text, "Iran")),
        Entity("place:tehran", "Tehran", "place", country="IRN", lat=35.69, lon=51.42,
               mentions=_mentions(text, "Tehran")),
        Entity("outlet:the-washington-post", "The Washington Post", "outlet", country="USA",
               mentions=_mentions(text, "The Washington Post")),
        Entity("person:nikolai-patrushev", "Nikolai Patrushev", "person", country="RUS", role="GOV",
               mentions=_mentions(text, "Nikolai Patrushev")),
    )  # fmt: skip
    q_start = text.index('"We')
    claims = (
        Claim("c1", "according_to", first, 0, len(first), speaker="outlet:the-washington-post",
              speaker_text="The Washington Post", cue="according to", hedge="reported"),
        Claim("c2", "direct_quote", "We will not stop,", q_start + 1, q_start + 18,
              speaker="person:nikolai-patrushev", speaker_text="Nikolai Patrushev", cue="said"),
    )  # fmt: skip
    trigger2 = text.index("threaten")
    events = (
        Event("e1", "AGREE", "agreed", 0, first.index("agreed"), first.index("agreed") + 6, cameo="057",
              source=("country:RUS",), target=("country:IRN",),
              date=EventDate(f"November {1 + n % 28}", date, date, "day"),
              location=Location("Tehran", entity="place:tehran", country="IRN", lat=35.69, lon=51.42),
              modality="reported", claim="c1", attributed_to="outlet:the-washington-post", confidence=0.8),
        Event("e2", "THREATEN", "threaten", 1, trigger2, trigger2 + 8, mode="military",
              source=("person:nikolai-patrushev", "country:RUS"), target=("country:UKR",),
              quantity=Quantity(400.0, "400 drones", unit="drone"), modality="asserted", negated=True,
              claim="c2", confidence=0.55),
    )  # fmt: skip
    article = Article(
        id=doc_id, source=f"/tmp/articles/{n}.txt", text=text, url=f"https://example.org/{n}",
        outlet=outlet if outlet is not None else OUTLETS[n % 2], title=f"Drone deal {n}",
        authors=("Jane Doe", "Ivan Ivanov"),
        published=Published(f"{year}-11-{day}" if year else None, "metadata" if year else "none", date),
        language="en", author_notes=("Jane Doe writes about defence.",), removed=("Please enter your comment!",),
    )  # fmt: skip
    return Analysis(
        document=article,
        sentences=(Sentence(0, 0, len(first)), Sentence(1, s2, len(text))),
        entities=entities,
        times=(TimeExpression(f"November {1 + n % 28}", date, date, "day", (first.index("November"),
                                                                             first.index(" to build"))),),
        citations=(Citation(None, "The Washington Post", first.index("The Washington"), first.index(" (report"),
                            entity="outlet:the-washington-post"),),
        claims=claims,
        events=events,
    )  # fmt: skip
