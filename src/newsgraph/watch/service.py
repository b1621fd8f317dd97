"""The watch service: poll due sources, take new items, corroborate, fire alerts, deliver, sleep.

Everything that must survive a restart is in the store: each source's validators and schedule,
the items taken, the corroborator, what fired and whether it was delivered. A source's new
validators are saved only after all of its items are taken, so an interrupted poll is repeated
(known items are skipped) rather than answered with a 304 that would hide the rest.
"""

from __future__ import annotations

import dataclasses
import email.utils
import hashlib
import logging
import signal
import threading
import typing
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from rich.console import Console

from newsgraph.clustering import load_corroborator
from newsgraph.corroborate import Corroborator
from newsgraph.errors import NewsgraphError
from newsgraph.ingest.web import AddressPolicy, Resolver
from newsgraph.model import Analysis, Rejection
from newsgraph.pipeline import AlreadyPresent, Analyzer
from newsgraph.settings import Settings
from newsgraph.watch.clock import Clock, SystemClock, parse_interval
from newsgraph.watch.delivery import Channel, ConsoleChannel, Deliverer, SmtpChannel, WebhookChannel
from newsgraph.watch.fetch import Politeness, Response, WatchFetcher
from newsgraph.watch.firing import fire_for_document
from newsgraph.watch.items import Item, iter_items
from newsgraph.watch.polite import HostLimiter, RobotsCache, agent_token
from newsgraph.watch.progress import status_line
from newsgraph.watch.records import SourceState
from newsgraph.watch.state import StaleState, WatchDB

log = logging.getLogger(__name__)

# Rejections worth trying again at the next poll: the network or the server, not the item.
TRANSIENT_CODES = ("NG122", "NG125", "NG126")
MAX_RETRY_AFTER = 7 * 86400.0
FIRST_BACKOFF = 60.0


@dataclass(frozen=True)
class WatchConfig:
    """The ``[watch]`` settings (read with these defaults until the section exists)."""

    every: float = 900.0
    per_host_delay: float = 1.0
    max_backoff: float = 6 * 3600.0
    max_items: int = 200
    webhook_url: str = ""
    webhook_secret: str = ""
    smtp_host: str = ""
    smtp_port: int = 25
    smtp_from: str = "newsgraph@localhost"
    smtp_to: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()

    @classmethod
    def from_settings(cls, settings: Settings, *, every: float | None = None) -> WatchConfig:
        return cls.from_mapping(settings.section("watch"), every=every)

    @classmethod
    def from_mapping(cls, s: Mapping[str, Any], *, every: float | None = None) -> WatchConfig:
        d = cls()
        to = s.get("smtp_to", d.smtp_to)
        return cls(
            every=every or parse_interval(s.get("every", d.every)),
            per_host_delay=float(s.get("per_host_delay", d.per_host_delay)),
            max_backoff=parse_interval(s.get("max_backoff", d.max_backoff)),
            max_items=int(s.get("max_items", d.max_items)),
            webhook_url=str(s.get("webhook_url", d.webhook_url)),
            webhook_secret=str(s.get("webhook_secret", d.webhook_secret)),
            smtp_host=str(s.get("smtp_host", d.smtp_host)),
            smtp_port=int(s.get("smtp_port", d.smtp_port)),
            smtp_from=str(s.get("smtp_from", d.smtp_from)),
            smtp_to=tuple([to] if isinstance(to, str) and to else to or ()),
            sources=tuple(s.get("sources", d.sources)),
        )


@dataclass
class Summary:
    """What one run did, for the command's exit status and for tests."""

    polls: int = 0
    new_items: int = 0
    fired: int = 0
    failed_sources: int = 0


def make_channels(config: WatchConfig, clock: Clock, console: Console | None, *,
                  smtp_connect: Callable[..., Any] | None = None, user_agent: str = "newsgraph") -> list[Channel]:  # fmt: skip
    """stdout and the log always; the webhook and email when configured."""
    channels: list[Channel] = [ConsoleChannel(console)]
    if config.webhook_url:
        channels.append(WebhookChannel(config.webhook_url, config.webhook_secret, clock, user_agent=user_agent))
    if config.smtp_host and config.smtp_to:
        smtp = SmtpChannel(config.smtp_host, config.smtp_port, config.smtp_from, config.smtp_to)
        channels.append(dataclasses.replace(smtp, connect=smtp_connect) if smtp_connect else smtp)
    return channels


@dataclass
class Watcher:
    """One watch service over one store; ``run`` until stopped, or ``run(once=True)``."""

    store: Any
    analyzer: Analyzer
    settings: Settings
    config: WatchConfig
    clock: Clock
    fetcher: WatchFetcher
    deliverer: Deliverer
    progress: Console | None = None
    stop: threading.Event = field(default_factory=threading.Event)
    summary: Summary = field(default_factory=Summary)
    corroborator: Corroborator = field(init=False)
    token: str | None = field(init=False, default=None)
    memory: dict[str, int] = field(init=False, default_factory=dict)

    def __post_init__(self) -> None:
        self.db = WatchDB(self.store)

    # -- the loop ------------------------------------------------------------------------------

    def run(self, urls: Sequence[str], *, once: bool = False) -> Summary:
        """Poll until stopped (or one round with ``once``); resume from the store's state."""
        self.load()
        self.catch_up()
        self.deliver()
        while not self.stop.is_set():
            self.deliverer.new_round()
            sources = [self.db.source(u) for u in dict.fromkeys(urls)]
            for source in sources:
                if self.stop.is_set():
                    break
                if self._due(source, once):
                    self.poll(source)
            if once or self.stop.is_set():
                break
            nexts = [s.next_due for s in (self.db.source(u) for u in urls) if s.next_due is not None]
            self.clock.sleep(min(nexts) - self.clock.now() if nexts else self.config.every)
            self.catch_up()
        return self.summary

    def _due(self, source: SourceState, once: bool) -> bool:
        """Due when never polled or its time has come; ``once`` polls all but those backing off."""
        if source.next_due is None:
            return True
        if once:
            return not (source.backoff and source.next_due > self.clock.now())
        return source.next_due <= self.clock.now()

    # -- corroboration state -------------------------------------------------------------------

    def load(self) -> None:
        """The corroborator and the per-cluster source counts, as saved."""
        self.token = self.db.corroborator_token()
        self.corroborator = load_corroborator(self.store, self.settings)
        self.memory = self.db.memory()
        if len(self.memory) < len(self.corroborator.state.index.clusters):  # clusters made elsewhere
            for cluster in self.corroborator.clusters():
                self.memory.setdefault(cluster.id, cluster.independent_sources)

    def catch_up(self) -> None:
        """Corroborate (and alert on) stored documents the corroborator has not seen.

        These are documents stored just before a crash, or stored by ``newsgraph ingest``.
        """
        if self.db.corroborator_token() != self.token:
            self.load()
        for doc_id, ingested_at in self.db.document_ids():
            if self.stop.is_set():
                return
            if doc_id not in self.corroborator.state.docs:
                analysis = self.store.get(doc_id)
                if analysis is not None:
                    self.corroborate(analysis, ingested_at, seen=None)

    def corroborate(self, analysis: Analysis, ingested_at: str,
                    seen: tuple[str, str, str, str | None, float] | None) -> int:  # fmt: skip
        """Add one stored document to the clusters and record it, its firings and ``seen`` at once."""
        for _attempt in range(3):
            update = self.corroborator.add(analysis)
            firings = [] if update.duplicate else fire_for_document(
                self.store, self.corroborator, update, alerts=self.db.alerts(), ingested_at=ingested_at,
                memory=self.memory)  # fmt: skip
            try:
                self.token = self.db.commit(token=self.token, corroborator=self.corroborator.to_dict(),
                                            n_docs=len(self.corroborator.state.docs), memory=self.memory,
                                            firings=firings, seen=seen)  # fmt: skip
            except StaleState:
                log.info("the clusters were saved by another process; reloading them")
                self.load()
                continue
            except Exception:
                self.load()  # the in-memory clusters hold a document the store's do not: drop it
                raise
            self.summary.fired += len(firings)
            return len(firings)
        raise NewsgraphError("the clusters keep changing under watch (is `newsgraph cluster` looping?)",
                             code="NG708")  # fmt: skip

    def deliver(self) -> None:
        self.deliverer.deliver_pending()

    # -- one source ----------------------------------------------------------------------------

    def poll(self, source: SourceState) -> SourceState:
        """Poll one source, take its new items, save its schedule; errors back off, never raise."""
        now = self.clock.now()
        source.last_poll = now
        source.new_items = 0
        try:
            response = self.fetcher.get(source.url, etag=source.etag, last_modified=source.last_modified)
        except NewsgraphError as exc:
            return self._failed(source, str(exc), None, None)
        source.last_status = response.status
        if response.status == 304:
            return self._succeeded(source)
        if response.status in (429, 503):
            return self._failed(source, f"HTTP {response.status} (server busy)", response.status,
                                self._retry_after(response.retry_after))  # fmt: skip
        if not response.ok:
            return self._failed(source, f"HTTP {response.status}", response.status, None)
        try:
            finished = self._take_all(response, source)
        except NewsgraphError as exc:
            return self._failed(source, str(exc), response.status, None)
        if finished:  # only now may the next poll be conditional on this answer
            source.etag, source.last_modified = response.etag, response.last_modified
        return self._succeeded(source)

    def _take_all(self, response: Response, source: SourceState) -> bool:
        """Take the new items of a 200 answer; False when stopped part-way."""
        from newsgraph.watch.items import kind_of

        source.kind = kind_of(response)
        fetcher = dataclasses.replace(self.fetcher, skip=self.db.seen_url)
        for item in iter_items(response, source.url, fetcher, seen_url=self.db.seen_url, limit=self.config.max_items):
            self.take(item, source)
            self.deliver()
            if self.stop.is_set():
                return False
        return True

    def take(self, item: Item, source: SourceState) -> None:
        """Analyse, store, corroborate and alert on one item unless it was taken before."""
        now = self.clock.now()
        if item.rejection is not None:
            rej = item.rejection
            log.info("%s: %s %s", rej.source, rej.code, rej.reason)
            if rej.code not in TRANSIENT_CODES:
                self.db.mark_seen(item.url, f"rejected:{rej.code}", source.url, None, now)
            return
        assert item.raw is not None
        digest = hashlib.sha256(item.raw.data).hexdigest()
        if (not item.by_content and self.db.seen_url(item.url)) or self.db.seen(item.url, digest):
            self.db.mark_seen(item.url, digest, source.url, None, now)
            return
        outcome = next(self.analyzer.analyze_many([item.raw], known=self.store.has))
        if isinstance(outcome, Rejection):
            log.info("%s: %s %s", outcome.source, outcome.code, outcome.reason)
            self.db.mark_seen(item.url, digest, source.url, None, now)
            return
        doc_id = outcome.id if isinstance(outcome, AlreadyPresent) else outcome.document.id
        if isinstance(outcome, Analysis) and self.store.add(outcome) == "added":
            source.new_items += 1
            self.summary.new_items += 1
        seen = (item.url, digest, source.url, doc_id, now)
        if doc_id in self.corroborator.state.docs:
            self.db.mark_seen(*seen)
            return
        analysis = outcome if isinstance(outcome, Analysis) else self.store.get(doc_id)
        self.corroborate(analysis, self.db.ingested_at(doc_id) or "", seen=seen)

    # -- schedule ------------------------------------------------------------------------------

    def _succeeded(self, source: SourceState) -> SourceState:
        source.last_error = None
        source.backoff = 0.0
        source.next_due = self.clock.now() + self.config.every
        return self._saved(source)

    def _failed(self, source: SourceState, error: str, status: int | None, retry_after: float | None) -> SourceState:
        source.last_error = error
        source.last_status = status
        source.backoff = min(self.config.max_backoff, source.backoff * 2 if source.backoff else
                             min(FIRST_BACKOFF, self.config.every))  # fmt: skip
        delay = max(source.backoff, min(retry_after or 0.0, MAX_RETRY_AFTER))
        source.next_due = self.clock.now() + delay
        self.summary.failed_sources += 1
        log.info("%s: %s; next try in %g s", source.url, error, delay)
        return self._saved(source)

    def _saved(self, source: SourceState) -> SourceState:
        self.db.save_source(source)
        self.summary.polls += 1
        if self.progress is not None:
            self.progress.print(status_line(source), soft_wrap=True, markup=False, highlight=False)
        return source

    def _retry_after(self, value: str | None) -> float | None:
        """Seconds from a Retry-After header: a number of seconds or an HTTP date."""
        if not value:
            return None
        value = value.strip()
        if value.isdigit():
            return float(value)
        try:
            when = email.utils.parsedate_to_datetime(value)
        except (TypeError, ValueError):
            return None
        return max(0.0, when.timestamp() - self.clock.now())


def make_watcher(store: Any, *, settings: Settings, config: WatchConfig, clock: Clock | None = None,
                 analyzer: Analyzer | None = None, progress: Console | None = None,
                 alerts_out: Console | None = None, resolve: Resolver | None = None,
                 allow_address: AddressPolicy | None = None,
                 smtp_connect: Callable[..., Any] | None = None, stop: threading.Event | None = None) -> Watcher:  # fmt: skip
    """A Watcher with its fetcher, politeness and delivery channels built from the settings."""
    stop = stop or threading.Event()
    clock = clock or SystemClock(stop)
    base = typing.cast(WatchFetcher, WatchFetcher.from_settings(settings, resolve=resolve, allow_address=allow_address))
    polite = Politeness(HostLimiter(clock, config.per_host_delay), RobotsCache(clock, agent_token(base.user_agent)))
    fetcher = dataclasses.replace(base, polite=polite)
    db = WatchDB(store)
    channels = make_channels(config, clock, alerts_out, smtp_connect=smtp_connect, user_agent=base.user_agent)
    return Watcher(store=store, analyzer=analyzer or Analyzer.from_settings(settings), settings=settings,
                   config=config, clock=clock, fetcher=fetcher, deliverer=Deliverer(db, channels),
                   progress=progress, stop=stop)  # fmt: skip


@contextmanager
def stop_on_signals(stop: threading.Event) -> Iterator[None]:
    """SIGTERM and SIGINT set ``stop``: the document in flight is finished, then the loop ends."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    def handler(signum: int, _frame: Any) -> None:
        log.warning("signal %s: finishing the document in flight, then stopping", signum)
        stop.set()

    previous = {s: signal.signal(s, handler) for s in (signal.SIGTERM, signal.SIGINT)}
    try:
        yield
    finally:
        for s, h in previous.items():
            signal.signal(s, h)


def run_watch(store: Any, urls: Sequence[str], *, settings: Settings, config: WatchConfig, once: bool = False,
              progress: Console | None = None, alerts_out: Console | None = None, **kwargs: Any) -> Summary:  # fmt: skip
    """The ``newsgraph watch`` command: a Watcher over ``urls`` that stops cleanly on SIGTERM."""
    watcher = make_watcher(store, settings=settings, config=config, progress=progress, alerts_out=alerts_out,
                           **kwargs)  # fmt: skip
    with stop_on_signals(watcher.stop):
        return watcher.run(urls, once=once)
