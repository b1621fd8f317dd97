"""Delivering what fired: standard output and the log, a signed webhook, email over SMTP.

A firing is recorded first and delivered after, so a crash can delay a delivery but never lose
it: pending rows are delivered on the next cycle, to the channels that have not taken them yet.
A receiver may therefore see a body twice after a crash mid-delivery; the body's ``id`` is the
same both times. The web UI reads the fired table itself and needs no delivery.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import logging
import smtplib
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from email.message import EmailMessage
from typing import Any, Protocol

import httpx
from rich.console import Console
from rich.markup import escape

from newsgraph.watch.clock import Clock
from newsgraph.watch.records import FiredRow
from newsgraph.watch.state import WatchDB

log = logging.getLogger(__name__)

SIGNATURE_HEADER = "X-Newsgraph-Signature"


class Channel(Protocol):
    name: str

    def send(self, fired: FiredRow) -> None:
        """Deliver one firing; raise on failure."""


@dataclass
class ConsoleChannel:
    """One line per firing on the console (standard output) and in the log."""

    console: Console | None
    name: str = "stdout"

    def send(self, fired: FiredRow) -> None:
        log.info("alert %s fired on %s: %s", fired.alert, fired.subject, fired.summary)
        if self.console is not None:
            self.console.print(f"[bold magenta]alert[/] [bold]{escape(fired.alert)}[/] {escape(fired.subject)}  "
                               f"{escape(fired.summary)}", soft_wrap=True)  # fmt: skip


def sign(body: bytes, secret: str) -> str:
    """``sha256=<hex>``: HMAC-SHA256 of the exact body bytes with the shared secret."""
    return "sha256=" + hmac.new(secret.encode("utf-8"), body, hashlib.sha256).hexdigest()


@dataclass
class WebhookChannel:
    """POST the JSON body, signed; retried with exponential backoff on network errors, 429 and 5xx.

    The URL is the operator's own setting, not untrusted input, so it may be a private address.
    """

    url: str
    secret: str
    clock: Clock
    attempts: int = 4
    first_delay: float = 2.0
    timeout: float = 10.0
    user_agent: str = "newsgraph"
    name: str = "webhook"

    def send(self, fired: FiredRow) -> None:
        body = json.dumps(fired.payload, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
        headers = {"Content-Type": "application/json", "User-Agent": self.user_agent,
                   "X-Newsgraph-Delivery": str(fired.payload.get("id", fired.id))}  # fmt: skip
        if self.secret:
            headers[SIGNATURE_HEADER] = sign(body, self.secret)
        problem = ""
        for attempt in range(self.attempts):
            if attempt:
                self.clock.sleep(self.first_delay * 2 ** (attempt - 1))
            try:
                with httpx.Client(trust_env=False, follow_redirects=False, timeout=self.timeout) as client:
                    response = client.post(self.url, content=body, headers=headers)
            except httpx.HTTPError as exc:
                problem = f"cannot reach {self.url}: {exc}"
                continue
            if response.is_success:
                return
            problem = f"{self.url} answered HTTP {response.status_code}"
            if response.status_code != 429 and response.status_code < 500:
                break  # the receiver refuses this body: retrying will not help
        raise RuntimeError(problem)


@dataclass
class SmtpChannel:
    """A plain-text email per firing: the summary, then the JSON body."""

    host: str
    port: int
    sender: str
    to: Sequence[str]
    timeout: float = 20.0
    connect: Callable[..., smtplib.SMTP] = smtplib.SMTP
    name: str = "smtp"

    def send(self, fired: FiredRow) -> None:
        msg = EmailMessage()
        msg["Subject"] = f"[newsgraph] {fired.alert}: {fired.summary[:120]}"
        msg["From"] = self.sender
        msg["To"] = ", ".join(self.to)
        msg["X-Newsgraph-Alert"] = fired.alert
        msg.set_content(f"{fired.summary}\n\nalert: {fired.alert}\nsubject: {fired.subject}\n"
                        f"fired at: {fired.fired_at}\n\n{json.dumps(fired.payload, ensure_ascii=False, indent=2)}\n")
        with self.connect(self.host, self.port, timeout=self.timeout) as smtp:
            smtp.send_message(msg)


@dataclass
class Deliverer:
    """Sends pending firings to every channel that has not taken them; records the outcome."""

    db: WatchDB
    channels: Sequence[Channel]
    batch: int = 100
    failed: dict[str, str] = field(default_factory=dict)  # channel -> error, this round

    def new_round(self) -> None:
        """Try channels that failed again (once per polling round, not after every item)."""
        self.failed.clear()

    def deliver_pending(self) -> int:
        """Deliver what is pending; returns how many were fully delivered."""
        done = 0
        for fired in self.db.fired(pending_only=True, limit=self.batch):
            pending = _pending_channels(fired, [c.name for c in self.channels])
            errors: dict[str, str] = {}
            for channel in self.channels:
                if channel.name not in pending:
                    continue
                if channel.name in self.failed:  # down this round: do not wait on it again
                    errors[channel.name] = self.failed[channel.name]
                    continue
                try:
                    channel.send(fired)
                except Exception as exc:  # any failure leaves the firing pending for this channel
                    errors[channel.name] = self.failed[channel.name] = str(exc) or type(exc).__name__
                    log.warning("alert %s: %s delivery failed: %s", fired.alert, channel.name, exc)
            self.db.mark_delivered(fired.id, json.dumps({"pending": sorted(errors), "errors": errors}) if errors else None)
            done += not errors
        return done


def _pending_channels(fired: FiredRow, names: Sequence[str]) -> set[str]:
    """Channels still owed this firing: all at first, the failed ones after (stdout is never repeated)."""
    if not fired.delivery_error:
        return set(names)
    try:
        data: Any = json.loads(fired.delivery_error)
        return set(data.get("pending", [])) - {"stdout"}
    except (ValueError, AttributeError):
        return set(names) - {"stdout"}
