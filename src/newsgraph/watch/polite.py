"""Politeness per host: a minimum delay between requests and the site's robots.txt (RFC 9309).

robots.txt is fetched through the same address-checked fetcher as everything else, so a robots
URL cannot reach a private address either. A missing robots.txt (4xx) allows everything; one
that cannot be read (5xx, network error) disallows everything until it is read again.
"""

from __future__ import annotations

import logging
import urllib.robotparser
from collections.abc import Callable
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from newsgraph.errors import InputError, NewsgraphError
from newsgraph.watch.clock import Clock

log = logging.getLogger(__name__)

ROBOTS_TTL = 86400.0  # RFC 9309: a cached robots.txt should not be used for more than 24 hours
UNREACHABLE_TTL = 600.0  # retry an unreachable robots.txt after this long


def host_of(url: str) -> str:
    """``scheme://host:port``: the unit of rate limits and robots rules."""
    parts = urlsplit(url)
    return f"{parts.scheme.lower()}://{parts.netloc.lower()}"


@dataclass
class HostLimiter:
    """At most one request per ``delay`` seconds to each host (waits on the injected clock)."""

    clock: Clock
    delay: float
    last: dict[str, float] = field(default_factory=dict)

    def wait(self, url: str) -> None:
        host = host_of(url)
        if host in self.last:
            self.clock.sleep(self.last[host] + self.delay - self.clock.now())
        self.last[host] = self.clock.now()


# (status, text) of GET robots_url, or raises NewsgraphError
RobotsGetter = Callable[[str], tuple[int, str]]


@dataclass
class RobotsRules:
    """One host's parsed robots.txt, or a blanket allow/deny, and when to read it again."""

    parser: urllib.robotparser.RobotFileParser | None
    allow_all: bool
    expires: float

    def allows(self, agent: str, url: str) -> bool:
        if self.parser is None:
            return self.allow_all
        return self.parser.can_fetch(agent, url)


@dataclass
class RobotsCache:
    """robots.txt rules per host, read on first use and again after a day."""

    clock: Clock
    agent: str
    rules: dict[str, RobotsRules] = field(default_factory=dict)

    def check(self, url: str, get: RobotsGetter) -> None:
        """Raise InputError (NG702) when the host's robots.txt disallows ``url`` for our agent."""
        host = host_of(url)
        if urlsplit(url).path == "/robots.txt":
            return
        rules = self.rules.get(host)
        if rules is None or rules.expires <= self.clock.now():
            rules = self.rules[host] = self._read(host, get)
        if not rules.allows(self.agent, url):
            raise InputError(f"{url}: disallowed by {host}/robots.txt for {self.agent}", code="NG702")

    def _read(self, host: str, get: RobotsGetter) -> RobotsRules:
        now = self.clock.now()
        try:
            status, text = get(f"{host}/robots.txt")
        except NewsgraphError as exc:
            if exc.code in ("NG124", "NG120"):  # refused address: the page itself will be refused too
                raise
            log.info("%s/robots.txt unreachable (%s): not fetching from this host for now", host, exc)
            return RobotsRules(None, allow_all=False, expires=now + UNREACHABLE_TTL)
        if 400 <= status < 500:
            return RobotsRules(None, allow_all=True, expires=now + ROBOTS_TTL)
        if status >= 500:
            log.info("%s/robots.txt: HTTP %s, not fetching from this host for now", host, status)
            return RobotsRules(None, allow_all=False, expires=now + UNREACHABLE_TTL)
        parser = urllib.robotparser.RobotFileParser()
        parser.parse(text.splitlines())
        return RobotsRules(parser, allow_all=True, expires=now + ROBOTS_TTL)


def agent_token(user_agent: str) -> str:
    """The product token robots.txt groups name: ``newsgraph`` from ``newsgraph/0.1 (+url)``."""
    return user_agent.split("/", 1)[0].split()[0] if user_agent.strip() else "*"
