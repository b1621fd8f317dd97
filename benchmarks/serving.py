"""Page and API latency over loopback on a SQLite store of N documents (issue 7: p50 and p95).

The store holds synthetic analyses of realistic size (about 300 words, ten entities, five events and
three claims per document, some events reported by several documents so that clusters form), written
through the store's own write path and clustered with ``newsgraph.clustering.cluster_store``. It is
cached under benchmarks/cache/, named by size, generator version and schema version.

The real app (``newsgraph.api.create_app``) runs under uvicorn in a subprocess on 127.0.0.1 and a free
port; each page and endpoint gets a few warm-up requests, then a bounded number of timed ones with
httpx, one at a time, rotating over a fixed sample of documents, actors and event keys.

    python -m benchmarks.serving [--docs 10000] [--requests 30] [--profile /api/...]
"""

from __future__ import annotations

import argparse
import contextlib
import dataclasses
import hashlib
import random
import socket
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path
from typing import Any

import httpx

from benchmarks.cache import cached_store_file
from newsgraph.model import (
    Analysis,
    Article,
    Claim,
    Entity,
    Event,
    EventDate,
    Location,
    Mention,
    Published,
    Sentence,
)
from newsgraph.store import Store, open_store
from newsgraph.store.records import build_records
from newsgraph.store.write import write_records

GENERATOR_VERSION = 1
DOCS_PER_TRANSACTION = 500
WARMUPS = 3
REQUESTS = 30
SLOW_P95_MS = 300.0  # a page slower than this at p95 is worth a profile

# fmt: off
COUNTRIES = (
    ("RUS", "Russia", "Russian", "Moscow"), ("UKR", "Ukraine", "Ukrainian", "Kyiv"),
    ("USA", "United States", "American", "Washington"), ("CHN", "China", "Chinese", "Beijing"),
    ("IRN", "Iran", "Iranian", "Tehran"), ("ISR", "Israel", "Israeli", "Jerusalem"),
    ("TUR", "Turkey", "Turkish", "Ankara"), ("SYR", "Syria", "Syrian", "Damascus"),
    ("FRA", "France", "French", "Paris"), ("DEU", "Germany", "German", "Berlin"),
    ("GBR", "United Kingdom", "British", "London"), ("IND", "India", "Indian", "New Delhi"),
    ("PAK", "Pakistan", "Pakistani", "Islamabad"), ("EGY", "Egypt", "Egyptian", "Cairo"),
    ("QAT", "Qatar", "Qatari", "Doha"), ("SAU", "Saudi Arabia", "Saudi", "Riyadh"),
    ("PRK", "North Korea", "North Korean", "Pyongyang"), ("KOR", "South Korea", "South Korean", "Seoul"),
    ("JPN", "Japan", "Japanese", "Tokyo"), ("POL", "Poland", "Polish", "Warsaw"),
    ("BRA", "Brazil", "Brazilian", "Brasilia"), ("NGA", "Nigeria", "Nigerian", "Abuja"),
    ("ETH", "Ethiopia", "Ethiopian", "Addis Ababa"), ("SDN", "Sudan", "Sudanese", "Khartoum"),
    ("YEM", "Yemen", "Yemeni", "Sanaa"), ("IRQ", "Iraq", "Iraqi", "Baghdad"),
    ("LBN", "Lebanon", "Lebanese", "Beirut"), ("AFG", "Afghanistan", "Afghan", "Kabul"),
    ("VEN", "Venezuela", "Venezuelan", "Caracas"), ("MEX", "Mexico", "Mexican", "Mexico City"),
)
EVENTS = (  # type, cameo, trigger, the words after the target
    ("ASSAULT", "190", "struck", "with drones"), ("ASSAULT", "195", "shelled", "overnight"),
    ("CONSULT", "043", "met", "to discuss the crisis"), ("CONSULT", "040", "held talks with", "on trade"),
    ("AGREE", "057", "signed a deal with", "on energy supplies"), ("ACCUSE", "111", "accused", "of lying"),
    ("THREATEN", "138", "threatened", "with retaliation"), ("SANCTION", "163", "imposed sanctions on", ""),
    ("AID", "070", "sent aid to", "after the floods"), ("REQUEST", "020", "urged", "to end the fighting"),
    ("REJECT", "120", "rejected a proposal by", ""), ("PROTEST", "141", "protested against", "in the capital"),
    ("COOPERATE", "061", "agreed to cooperate with", "on security"), ("MOBILIZE", "150", "deployed troops near", ""),
    ("SUPPORT", "051", "praised", "for its mediation"), ("RETREAT", "343", "withdrew troops from", ""),
)
FILLER = (
    "Officials did not give further details about the talks.",
    "The ministry said more information would be released in the coming days.",
    "Analysts said the move could shift the balance of power in the region.",
    "Residents described a tense night as sirens sounded across the city.",
    "The statement came after weeks of rising tension along the border.",
    "Diplomats in the capital said a ceasefire remained out of reach for now.",
    "Markets reacted calmly, with oil prices little changed by the afternoon.",
    "The government has faced mounting criticism over its handling of the economy.",
    "Humanitarian groups warned that supplies of food and medicine were running low.",
    "Opposition leaders called for an independent inquiry into the incident.",
    "It was not immediately possible to verify the claims independently.",
    "The United Nations called on all sides to exercise restraint and protect civilians.",
    "Negotiators are expected to meet again next month to continue the discussions.",
    "Satellite images published earlier this year showed new construction at the site.",
    "Several embassies advised their citizens to avoid travel to the area.",
)
CLAIMS = (
    "the attack had caused heavy damage to the power grid",
    "talks would resume within days",
    "no agreement had been reached on the release of prisoners",
    "the sanctions were illegal and would be challenged",
    "troops had been moved closer to the front line",
    "the aid convoy had been blocked at the crossing",
)
CUES = ("said", "told reporters", "claimed", "reported", "denied")
HEDGES = ("none", "none", "reported", "alleged", "claimed")
MODALITIES = ("asserted", "asserted", "asserted", "reported", "alleged", "claimed", "planned", "denied")
FIRST = ("Ahmed", "Olena", "John", "Li", "Maria", "Yusuf", "Anna", "David", "Fatima", "Sergei", "Mei", "Omar")
LAST = ("Karimi", "Kovalenko", "Smith", "Wang", "Garcia", "Yilmaz", "Ivanova", "Cohen", "Haddad", "Petrov")
# fmt: on
OUTLETS = [f"Outlet {i}" for i in range(200)]
DAYS = 730  # events fall in 2023-2024


def cached_serving_store(n_docs: int, *, progress: Callable[[str], None] = print) -> Path:
    """The path of a clustered SQLite store of ``n_docs`` synthetic documents, built once."""
    t0 = time.perf_counter()

    def fill(store: Store) -> None:
        with store.engine.connect().execution_options(sqlite_immediate=True) as conn:
            batch: list[Any] = []
            for i, analysis in enumerate(synthetic_documents(n_docs), start=1):
                batch.append(build_records(analysis))
                if len(batch) >= DOCS_PER_TRANSACTION:
                    _write(conn, batch)
                    batch = []
                    progress(f"  loading {n_docs:,} documents: {i:,} done ({time.perf_counter() - t0:.0f} s)")
            _write(conn, batch)
        from newsgraph.clustering import cluster_store

        clusters = cluster_store(store)
        progress(f"  {len(clusters):,} clusters ({time.perf_counter() - t0:.0f} s)")

    return cached_store_file(f"serving-{n_docs}-g{GENERATOR_VERSION}", fill)


def _write(conn: Any, batch: list[Any]) -> None:
    if batch:
        with conn.begin():
            for records in batch:
                write_records(conn, records)


# -- synthetic documents ---------------------------------------------------------------------------


@dataclasses.dataclass(frozen=True)
class _Happening:
    """A real-world event several documents may report."""

    kind: int  # index into EVENTS
    source: int  # index into COUNTRIES
    target: int
    day: str


class _Writer:
    """Builds one document's text sentence by sentence, recording entity mentions at their offsets."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.pos = 0
        self.sentences: list[Sentence] = []
        self.mentions: dict[str, list[Mention]] = {}

    def sentence(self, *pieces: str | tuple[str, str]) -> tuple[int, int, dict[int, int]]:
        """Append a sentence of plain strings and (entity id, text) mentions; its index, start, piece offsets."""
        start = self.pos
        offsets: dict[int, int] = {}
        for n, piece in enumerate(pieces):
            offsets[n] = self.pos
            if isinstance(piece, tuple):
                entity, text = piece
                self.mentions.setdefault(entity, []).append(Mention(self.pos, self.pos + len(text), text))
                piece = text
            self.parts.append(piece)
            self.pos += len(piece)
        self.parts.append(" ")
        self.pos += 1
        index = len(self.sentences)
        self.sentences.append(Sentence(index=index, start=start, end=self.pos - 1))
        return index, start, offsets

    @property
    def text(self) -> str:
        return "".join(self.parts).rstrip()


def synthetic_documents(n_docs: int, *, seed: int = 17) -> Iterator[Analysis]:
    """``n_docs`` distinct analyses; about a third of the events are also reported elsewhere."""
    rng = random.Random(seed)
    start = date(2023, 1, 1).toordinal()
    people = [(f"person:{f.lower()}-{last.lower()}-{c}", f"{f} {last}", c)
              for c in range(len(COUNTRIES)) for f, last in zip(FIRST, LAST, strict=False)]  # fmt: skip
    recent: list[_Happening] = []
    for d in range(n_docs):
        happenings: list[_Happening] = []
        for _ in range(5):
            if recent and rng.random() < 0.35:
                happenings.append(rng.choice(recent))
            else:
                src, tgt = rng.sample(range(len(COUNTRIES)), 2)
                day = date.fromordinal(start + rng.randrange(DAYS)).isoformat()
                happening = _Happening(rng.randrange(len(EVENTS)), src, tgt, day)
                recent = [*recent[-199:], happening]
                happenings.append(happening)
        yield _document(d, happenings, people, rng)


def _document(d: int, happenings: list[_Happening], people: list[tuple[str, str, int]],
              rng: random.Random) -> Analysis:  # fmt: skip
    w = _Writer()
    names: dict[str, tuple[str, str, str | None]] = {}  # id -> name, kind, country
    events: list[Event] = []
    claims: list[Claim] = []

    def country(i: int, form: int = 1) -> tuple[str, str]:
        code, name, *_ = COUNTRIES[i]
        names[f"country:{code}"] = (name, "country", code)
        return f"country:{code}", COUNTRIES[i][form]

    def filler(k: int) -> None:
        for _ in range(k):
            w.sentence(rng.choice(FILLER))

    filler(1)
    for n, h in enumerate(happenings):
        etype, cameo, trigger, tail = EVENTS[h.kind]
        src, tgt = country(h.source), country(h.target)
        city = COUNTRIES[h.target][3]
        place_id = f"place:{city.lower().replace(' ', '-')}"
        names[place_id] = (city, "place", COUNTRIES[h.target][0])
        day = date.fromisoformat(h.day)
        when = f"on {day.strftime('%B')} {day.day}"
        pieces: list[str | tuple[str, str]] = [src, " ", trigger, " ", tgt]
        pieces += [f" {tail}" if tail else "", " near ", (place_id, city), f" {when}, {rng.choice(OUTLETS)} reported."]
        index, s_start, offsets = w.sentence(*pieces)
        modality = rng.choice(MODALITIES)
        claim_id = None
        if n < 3:  # three claims a document, each about one of its events
            person_id, person, nation = rng.choice(people)
            names[person_id] = (person, "person", COUNTRIES[nation][0])
            cue, said = rng.choice(CUES), rng.choice(CLAIMS)
            c_index, c_start, c_offsets = w.sentence((person_id, person), ", a ", country(nation, 2)[1],
                                                     f" official, {cue} that {said}.")  # fmt: skip
            text_start = c_offsets[2] + len(COUNTRIES[nation][2]) + len(f" official, {cue} that ")
            claim_id = f"c{n + 1}"
            claims.append(Claim(id=claim_id, kind="indirect", text=said, start=text_start,
                                end=text_start + len(said), speaker=person_id, speaker_text=person, cue=cue,
                                hedge=rng.choice(HEDGES), anonymous=rng.random() < 0.1))  # fmt: skip
        t_start = offsets[2]
        events.append(Event(
            id=f"e{n + 1}", type=etype, trigger=trigger.split()[0], sentence=index, start=t_start,
            end=t_start + len(trigger.split()[0]), cameo=cameo, source=(src[0],), target=(tgt[0],),
            date=EventDate(when[3:], h.day, h.day, "day"),
            location=Location(city, entity=place_id, country=COUNTRIES[h.target][0]),
            modality=modality, negated=modality == "denied", claim=claim_id,
            attributed_to=claims[-1].speaker if claim_id else None, confidence=round(rng.uniform(0.4, 0.95), 2),
        ))  # fmt: skip
        filler(rng.randint(2, 4))
    text = w.text
    entities = tuple(
        Entity(id=eid, name=name, kind=kind, country=code, mentions=tuple(w.mentions.get(eid, ())))
        for eid, (name, kind, code) in names.items()
    )
    first_day = min(h.day for h in happenings)
    doc_id = hashlib.sha256(f"{d}:{text}".encode()).hexdigest()[:16]
    article = Article(id=doc_id, source=f"serving-{d:06d}.txt", text=text, outlet=rng.choice(OUTLETS),
                      title=" ".join(text.split()[:8]), language="en",
                      published=Published(value=first_day, source="metadata"),
                      paragraphs=((0, len(text)),))  # fmt: skip
    return Analysis(document=article, sentences=tuple(w.sentences), entities=entities, claims=tuple(claims),
                    events=tuple(events))  # fmt: skip


# -- the server and the requests -------------------------------------------------------------------


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


_SERVER = """
import sys, uvicorn
from newsgraph.api import create_app
uvicorn.run(create_app(sys.argv[1]), host="127.0.0.1", port=int(sys.argv[2]), log_level="warning",
            access_log=False, proxy_headers=False, server_header=False)
"""


@contextlib.contextmanager
def running_app(db: Path, *, timeout: float = 60.0) -> Iterator[str]:
    """The base URL of the app serving ``db`` in a uvicorn subprocess, stopped on exit."""
    port = _free_port()
    proc = subprocess.Popen([sys.executable, "-c", _SERVER, str(db), str(port)])  # noqa: S603
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + timeout
        while True:
            if proc.poll() is not None:
                raise RuntimeError(f"the app exited with code {proc.returncode}")
            with contextlib.suppress(httpx.HTTPError):
                if httpx.get(f"{base}/api/health", timeout=5).status_code < 500:
                    break
            if time.monotonic() > deadline:
                raise RuntimeError(f"the app did not answer on {base} within {timeout:.0f} s")
            time.sleep(0.2)
        yield base
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def samples(db: Path, *, k: int = 10, seed: int = 5) -> dict[str, list[str]]:
    """Document ids, busy actor ids and clustered event keys to rotate over."""
    rng = random.Random(seed)
    with open_store(str(db), readonly=True) as store:
        docs = [row.id for row in store.documents(limit=500)]
        actors = [f"country:{c[0]}" for c in COUNTRIES]
        state = store.get_state("corroborator")
    from newsgraph.clustering import load_corroborator

    keys: list[str] = []
    if state:
        with open_store(str(db), readonly=True) as store:
            clusters = load_corroborator(store).clusters()
        multi = [c for c in clusters if len(getattr(c, "events", ()) or ()) > 1] or clusters
        keys = [sorted(c.events)[0] for c in rng.sample(multi, min(k, len(multi)))]
    return {"doc": rng.sample(docs, min(k, len(docs))), "actor": rng.sample(actors, k), "key": keys}


def targets(ids: dict[str, list[str]]) -> dict[str, Callable[[int], str]]:
    """Name -> the URL of its n-th request; page_* are HTML pages, api_* JSON endpoints."""

    def rotate(kind: str, template: str) -> Callable[[int], str]:
        values = ids[kind]
        return lambda n: template.format(values[n % len(values)])

    filtered = "actor=RUS&type=ASSAULT&date_from=2023-03&date_to=2023-09"
    out: dict[str, Callable[[int], str]] = {
        "page_home": lambda n: "/",
        "page_home_search": lambda n: "/?q=ceasefire",
        "page_document": rotate("doc", "/documents/{}"),
        "page_events": lambda n: "/events",
        "page_events_actor": lambda n: "/events?actor=RUS",
        "page_events_filtered": lambda n: f"/events?{filtered}",
        "page_actors": lambda n: "/actors",
        "page_actor": rotate("actor", "/actors/{}"),
        "page_timeline": lambda n: "/timeline",
        "page_timeline_actor": lambda n: "/timeline?actor=RUS",
        "page_graph": lambda n: "/graph",
        "page_graph_actor": lambda n: "/graph?actor=RUS",
        "page_clusters": lambda n: "/clusters",
        "api_documents": lambda n: "/api/documents",
        "api_document": rotate("doc", "/api/documents/{}"),
        "api_events": lambda n: "/api/events",
        "api_events_actor": lambda n: "/api/events?actor=RUS",
        "api_events_filtered": lambda n: f"/api/events?{filtered}",
        "api_actors": lambda n: "/api/actors",
        "api_actor": rotate("actor", "/api/actors/{}"),
        "api_search": lambda n: "/api/search?q=ceasefire",
        "api_clusters": lambda n: "/api/clusters",
    }
    if ids["key"]:
        out["page_provenance"] = rotate("key", "/provenance/{}")
        out["api_provenance"] = rotate("key", "/api/provenance/{}")
    return out


def percentile(values: list[float], q: float) -> float:
    """The q-th percentile (0-100), interpolated."""
    if len(values) == 1:
        return values[0]
    return statistics.quantiles(values, n=100, method="inclusive")[int(q) - 1]


def measure_serving(db: Path, *, requests: int = REQUESTS, warmups: int = WARMUPS) -> dict[str, Any]:
    """p50/p95 milliseconds of each page and endpoint, plus the response sizes and any failures."""
    urls = targets(samples(db))
    out: dict[str, Any] = {}
    failures: list[str] = []
    with running_app(db) as base, httpx.Client(base_url=base, timeout=120) as client:
        for name, url in urls.items():
            times: list[float] = []
            size = 0
            for n in range(warmups + requests):
                t0 = time.perf_counter()
                response = client.get(url(n))
                elapsed = (time.perf_counter() - t0) * 1000
                if response.status_code != 200:
                    failures.append(f"{url(n)}: {response.status_code}")
                    break
                if n >= warmups:
                    times.append(elapsed)
                    size = max(size, len(response.content))
            if times:
                out[f"{name}_p50_ms"] = percentile(times, 50)
                out[f"{name}_p95_ms"] = percentile(times, 95)
                out[f"{name}_kb"] = round(size / 1024, 1)
    out["serving_requests_each"] = requests
    out["serving_failures"] = failures
    return out


def serving_figures(n_docs: int, *, requests: int = REQUESTS,
                    progress: Callable[[str], None] = print) -> dict[str, Any]:  # fmt: skip
    """Build (or reuse) the store and measure; the figures for benchmarks/results/latest.json."""
    db = cached_serving_store(n_docs, progress=progress)
    with open_store(str(db), readonly=True) as store:
        stats = store.stats()
    out = measure_serving(db, requests=requests)
    out["serving_documents"] = n_docs
    out["serving_events"] = int(stats.get("events", 0)) if isinstance(stats, dict) else 0
    return out


def profile_url(db: Path, url: str, out: Path, *, repeats: int = 5) -> str:
    """Profile ``repeats`` requests of ``url`` with pyinstrument, the app run in this very thread.

    The app is called through ASGI (no socket), with FastAPI's thread pool replaced by a direct
    call, so that the sampling profiler, which sees only its own thread, sees the route's work.
    """
    import asyncio

    import fastapi.dependencies.utils
    import fastapi.routing
    from pyinstrument import Profiler

    from newsgraph.api import create_app

    async def inline(func: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
        return func(*args, **kwargs)

    saved = (fastapi.routing.run_in_threadpool, fastapi.dependencies.utils.run_in_threadpool)
    fastapi.routing.run_in_threadpool = fastapi.dependencies.utils.run_in_threadpool = inline  # type: ignore[assignment]
    profiler = Profiler(interval=0.0005)

    async def run() -> None:
        transport = httpx.ASGITransport(app=create_app(str(db)))
        async with httpx.AsyncClient(transport=transport, base_url="http://bench") as client:
            for _ in range(WARMUPS):
                (await client.get(url)).raise_for_status()
            profiler.start()
            for _ in range(repeats):
                await client.get(url)
            profiler.stop()

    try:
        asyncio.run(run())
    finally:
        fastapi.routing.run_in_threadpool, fastapi.dependencies.utils.run_in_threadpool = saved  # type: ignore[assignment]
    text = profiler.output_text(unicode=True, color=False, show_all=False)
    out.write_text(text, encoding="utf-8")
    return text


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.serving", description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=10_000)
    parser.add_argument("--requests", type=int, default=REQUESTS)
    parser.add_argument("--profile", metavar="URL", help="profile five requests of this URL instead")
    parser.add_argument("--profile-output", type=Path, default=Path("/tmp/newsgraph-serving-profile.txt"))
    args = parser.parse_args(argv)
    if args.profile:
        print(profile_url(cached_serving_store(args.docs), args.profile, args.profile_output))
        return 0
    figures = serving_figures(args.docs, requests=args.requests)
    for key, value in sorted(figures.items()):
        print(f"{key:40} {value}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
