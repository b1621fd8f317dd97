"""The data that flows between newsgraph's stages.

Plain, frozen dataclasses without behaviour: each stage takes some of these and returns
new ones (``dataclasses.replace``), so data flows one way. Their JSON form is the analysis
contract of DESIGN.md and is written and read by ``newsgraph.schema``.

All offsets are character offsets into ``Article.text``. Dates are ISO 8601 strings:
``YYYY-MM-DD``, ``YYYY-MM``, ``YYYY`` or, where the year cannot be known, ``--MM-DD`` / ``--MM``.
"""

from __future__ import annotations

from dataclasses import dataclass, field

SCHEMA = "newsgraph.analysis/1"

PLOVER_TYPES = (
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
)  # fmt: skip
MODALITIES = (
    "asserted", "reported", "alleged", "claimed", "planned", "possible", "hypothetical",
    "threatened", "denied",
)  # fmt: skip
ENTITY_KINDS = ("country", "person", "organization", "outlet", "place", "weapon", "group")
CLAIM_KINDS = ("direct_quote", "indirect", "according_to")
HEDGES = ("none", "reported", "alleged", "claimed", "unconfirmed")


@dataclass(frozen=True)
class RawDocument:
    """Bytes as read from one source, before any cleaning.

    ``media_type`` is what the reader believes the bytes are (``text/html``, ``text/plain``,
    ``text/markdown``); ``hints`` carries metadata the source itself gave (a JSON Lines record's
    title, a feed item's date), which extraction prefers to what it guesses.
    """

    source: str
    data: bytes
    media_type: str = "text/plain"
    url: str | None = None
    encoding: str | None = None
    title: str | None = None
    published: str | None = None
    outlet: str | None = None
    authors: tuple[str, ...] = ()


@dataclass(frozen=True)
class Published:
    """When the article was published, where that came from, and the earliest it can be."""

    value: str | None = None
    source: str = "none"  # metadata | url | text | user | none
    not_before: str | None = None


@dataclass(frozen=True)
class Caption:
    text: str
    credit: str | None = None


@dataclass(frozen=True)
class Sentence:
    index: int
    start: int
    end: int


@dataclass(frozen=True)
class Mention:
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Citation:
    """A source the article cites: a footnote marker glued to an outlet, or an "according to"."""

    marker: str | None
    outlet: str
    start: int
    end: int
    entity: str | None = None
    date: str | None = None


@dataclass(frozen=True)
class Article:
    """Clean body text and what was learned about it before language processing."""

    id: str
    source: str
    text: str
    url: str | None = None
    outlet: str | None = None
    title: str | None = None
    authors: tuple[str, ...] = ()
    published: Published = field(default_factory=Published)
    language: str | None = None
    photo_captions: tuple[Caption, ...] = ()
    author_notes: tuple[str, ...] = ()
    removed: tuple[str, ...] = ()
    citations: tuple[Citation, ...] = ()
    paragraphs: tuple[tuple[int, int], ...] = ()
    warnings: tuple[str, ...] = ()


@dataclass(frozen=True)
class Entity:
    """An actor, place, outlet or thing, with every mention of it in the text.

    ``id`` is stable across documents (``country:RUS``, ``person:nikolai-patrushev``,
    ``org:nato``, ``outlet:the-washington-post``, ``place:tehran``, ``weapon:shahed-136``,
    ``group:rus-gov``).
    """

    id: str
    name: str
    kind: str
    country: str | None = None
    role: str | None = None
    lat: float | None = None
    lon: float | None = None
    mentions: tuple[Mention, ...] = ()
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True)
class TimeExpression:
    """A temporal expression resolved to an interval with its real precision."""

    text: str
    start: str | None
    end: str | None
    granularity: str  # day | week | part-of-month | month | season | quarter | year | decade | relative
    span: tuple[int, int] = (0, 0)


@dataclass(frozen=True)
class Claim:
    """A statement the article attributes to someone, in their words or reported."""

    id: str
    kind: str  # direct_quote | indirect | according_to
    text: str
    start: int
    end: int
    speaker: str | None = None  # entity id, when the speaker is a known entity
    speaker_text: str | None = None
    cue: str | None = None
    hedge: str = "none"
    anonymous: bool = False
    unclosed: bool = False
    parent: str | None = None  # the claim this one is nested in


@dataclass(frozen=True)
class EventDate:
    text: str | None
    start: str | None
    end: str | None
    granularity: str | None = None


@dataclass(frozen=True)
class Location:
    name: str
    entity: str | None = None
    country: str | None = None
    lat: float | None = None
    lon: float | None = None


@dataclass(frozen=True)
class Quantity:
    value: float
    text: str
    unit: str | None = None
    qualifier: str | None = None  # more than | less than | about | at least | hundreds of ...


@dataclass(frozen=True)
class Event:
    """Who did what to whom, coded in PLOVER, traceable to its sentence and its claim."""

    id: str
    type: str
    trigger: str
    sentence: int
    start: int
    end: int
    mode: str | None = None
    cameo: str | None = None
    source: tuple[str, ...] = ()
    target: tuple[str, ...] = ()
    date: EventDate | None = None
    location: Location | None = None
    quantity: Quantity | None = None
    modality: str = "asserted"
    negated: bool = False
    claim: str | None = None
    attributed_to: str | None = None
    confidence: float = 0.5


@dataclass(frozen=True)
class Analysis:
    """Everything newsgraph knows about one document: the contract between stages."""

    document: Article
    sentences: tuple[Sentence, ...] = ()
    entities: tuple[Entity, ...] = ()
    times: tuple[TimeExpression, ...] = ()
    citations: tuple[Citation, ...] = ()
    claims: tuple[Claim, ...] = ()
    events: tuple[Event, ...] = ()


@dataclass(frozen=True)
class Rejection:
    """A document that could not be read or analysed, and why, so a batch can go on without it."""

    source: str
    reason: str
    code: str = "NG000"


@dataclass(frozen=True)
class AlreadyPresent:
    """A document whose clean text is already in the store: re-ingesting it is a no-op."""

    source: str
    id: str


# What analysing one input gives: its analysis, why it was refused, or that it is stored already.
Outcome = Analysis | Rejection | AlreadyPresent
