"""The ``watch`` command and the ``alerts`` sub-app: parse options, call the watch API, print.

Registered on the main app by ``newsgraph.cli`` (one import, two lines), so the command line
stays in one place while this package owns its options. Heavy imports happen inside commands.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.markup import escape

from newsgraph.errors import NewsgraphError
from newsgraph.settings import Settings, load_settings

out = Console(highlight=False)
err = Console(stderr=True, highlight=False)

ConfigOpt = Annotated[Path | None, typer.Option("--config", help="A newsgraph.toml read over the defaults.")]
SetOpt = Annotated[
    list[str] | None,
    typer.Option("--set", help="Override one setting, e.g. --set watch.every=5m (repeatable)."),
]
DbOpt = Annotated[
    str | None,
    typer.Option("--db", help="Store: a SQLite file path or a SQLAlchemy URL (default ./newsgraph.db, env NEWSGRAPH_DB)."),
]
NameArg = Annotated[str, typer.Argument(help="The alert's name.")]


@contextmanager
def _errors() -> Iterator[None]:
    """newsgraph's errors as one line on stderr and exit status 1."""
    try:
        yield
    except NewsgraphError as exc:
        err.print(f"[bold red]error[/] {escape(str(exc))}")
        raise typer.Exit(1) from None


def _settings(config: Path | None, overrides: list[str] | None, **direct: Any) -> Settings:
    return load_settings(config, overrides or (), **direct)


def _open_store(db: str | None, settings: Settings) -> Any:
    from newsgraph.store import open_store

    return open_store(db or settings.get("store.db"), settings=settings)


# ---------------------------------------------------------------- watch


def watch_cli(
    sources: Annotated[list[str] | None, typer.Argument(help="Feeds (RSS/Atom), sitemaps or pages to poll; added to [watch] sources.")] = None,
    every: Annotated[str | None, typer.Option("--every", help="Poll each source this often: 90s, 15m, 2h (default [watch] every).")] = None,
    once: Annotated[bool, typer.Option("--once", help="Poll each source once (unless it is backing off), deliver alerts, exit.")] = False,
    db: DbOpt = None,
    allow_private: Annotated[bool, typer.Option("--allow-private", help="Fetch from private, loopback and link-local addresses.")] = False,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress lines (alerts still print).")] = False,
    config: ConfigOpt = None,
    set_: SetOpt = None,
) -> None:
    """Poll sources on a schedule: store and cluster new items, fire saved alerts. SIGTERM stops cleanly."""
    from newsgraph.watch.clock import parse_interval
    from newsgraph.watch.service import WatchConfig, run_watch

    with _errors():
        settings = _settings(config, set_, ingest__allow_private=True if allow_private else None)
        cfg = WatchConfig.from_settings(settings, every=parse_interval(every) if every else None)
        urls = list(dict.fromkeys([*cfg.sources, *(sources or [])]))
        if not urls:
            err.print("[bold red]error[/] no sources: give feed, sitemap or page URLs, or list them in "
                      "\\[watch] sources of newsgraph.toml")
            raise typer.Exit(1)
        store = _open_store(db, settings)
        try:
            summary = run_watch(store, urls, settings=settings, config=cfg, once=once,
                                progress=None if quiet else err, alerts_out=out)
        finally:
            store.close()
    if once and summary.failed_sources and summary.failed_sources == len(urls):
        raise typer.Exit(1)


# ---------------------------------------------------------------- alerts

alerts_app = typer.Typer(
    help="Saved filters that fire when a matching event arrives or a cluster changes.",
    no_args_is_help=True,
    rich_markup_mode=None,
)


@alerts_app.command("add")
def alerts_add(
    name: NameArg,
    actor: Annotated[str | None, typer.Option("--actor", help="An entity id (person:...) or an ISO 3166 code (RUS).")] = None,
    role: Annotated[str | None, typer.Option("--role", help="The actor's role: source or target.")] = None,
    type_: Annotated[str | None, typer.Option("--type", help="PLOVER type (AGREE, ASSAULT ...).")] = None,
    mode: Annotated[str | None, typer.Option("--mode", help="PLOVER mode (aerial ...).")] = None,
    place: Annotated[str | None, typer.Option("--place", help="The event's place: a name, an entity id or an ISO 3166 code.")] = None,
    modality: Annotated[str | None, typer.Option("--modality", help="asserted, reported, alleged, claimed, planned, possible, hypothetical, threatened or denied.")] = None,
    negated: Annotated[bool | None, typer.Option("--negated/--not-negated", help="Only negated (or only not negated) events.")] = None,
    outlet: Annotated[str | None, typer.Option("--outlet", help="Reported by this outlet, or in its articles.")] = None,
    text: Annotated[str | None, typer.Option("--text", help="Words in the event's sentence.")] = None,
    min_sources: Annotated[int | None, typer.Option("--min-sources", help="Fire when a matching cluster has at least N independent sources.", min=1)] = None,
    new_source: Annotated[bool, typer.Option("--new-source", help="Fire when a new independent source joins a matching cluster.")] = False,
    denial: Annotated[bool, typer.Option("--denial", help="Fire when a denial or contradiction appears in a matching cluster.")] = False,
    replace: Annotated[bool, typer.Option("--replace", help="Replace an alert of the same name.")] = False,
    db: DbOpt = None,
    config: ConfigOpt = None,
    set_: SetOpt = None,
) -> None:
    """Save an alert; it fires on documents stored from now on (`alerts test` shows the past)."""
    from newsgraph.watch.filters import AlertFilter
    from newsgraph.watch.registry import add_alert

    with _errors():
        flt = AlertFilter(actor=actor, role=role, type=type_.upper() if type_ else None, mode=mode, place=place,
                          modality=modality, negated=negated, outlet=outlet, text=text, min_sources=min_sources,
                          new_source=new_source, denial=denial)
        flt.check()
        store = _open_store(db, _settings(config, set_))
        try:
            alert = add_alert(store, name, flt, replace=replace)
        finally:
            store.close()
    out.print(f"alert [bold]{escape(alert.name)}[/] saved: {escape(alert.filter.describe())}")


@alerts_app.command("list")
def alerts_list(
    fmt: Annotated[str, typer.Option("--format", "-f", help="table or jsonl.")] = "table",
    db: DbOpt = None,
    config: ConfigOpt = None,
    set_: SetOpt = None,
) -> None:
    """List saved alerts with how often each fired and how many are unread."""
    from newsgraph.watch.registry import list_alerts

    with _errors():
        store = _open_store(db, _settings(config, set_))
        try:
            alerts = list_alerts(store)
        finally:
            store.close()
    if fmt == "jsonl":
        for a in alerts:
            print(json.dumps(a.to_dict(), ensure_ascii=False))
        return
    from rich.table import Table

    table = Table(title="alerts", header_style="bold")
    for col in ("name", "filter", "created", "fired", "unread"):
        table.add_column(col, overflow="fold")
    for a in alerts:
        table.add_row(a.name, a.filter.describe(), a.created, str(a.fired), str(a.unread))
    out.print(table)


@alerts_app.command("remove")
def alerts_remove(name: NameArg, db: DbOpt = None, config: ConfigOpt = None, set_: SetOpt = None) -> None:
    """Remove an alert and its record of what fired."""
    from newsgraph.watch.registry import remove_alert

    with _errors():
        store = _open_store(db, _settings(config, set_))
        try:
            removed = remove_alert(store, name)
        finally:
            store.close()
    if not removed:
        err.print(f"[bold red]error[/] no alert named {escape(name)!s}; `newsgraph alerts list` shows them")
        raise typer.Exit(1)
    out.print(f"alert [bold]{escape(name)}[/] removed")


@alerts_app.command("test")
def alerts_test(
    name: NameArg,
    fmt: Annotated[str, typer.Option("--format", "-f", help="table or jsonl (the webhook bodies).")] = "table",
    limit: Annotated[int, typer.Option("--limit", help="At most this many.", min=1)] = 100,
    db: DbOpt = None,
    config: ConfigOpt = None,
    set_: SetOpt = None,
) -> None:
    """What the alert would fire on the current store, recording nothing."""
    from newsgraph.watch.registry import test_alert

    with _errors():
        settings = _settings(config, set_)
        store = _open_store(db, settings)
        try:
            firings = test_alert(store, name, settings=settings, limit=limit)
        finally:
            store.close()
    if fmt == "jsonl":
        for f in firings:
            print(json.dumps(f.payload, ensure_ascii=False))
        return
    from rich.table import Table

    table = Table(title=f"{len(firings)} would fire for {name}", header_style="bold")
    for col in ("subject", "summary", "already fired"):
        table.add_column(col, overflow="fold")
    for f in firings:
        table.add_row(f.subject, f.summary, "yes" if f.already_fired else "")
    out.print(table)


@alerts_app.command("fired")
def alerts_fired(
    unread: Annotated[bool, typer.Option("--unread", help="Only what has not been read.")] = False,
    mark_read: Annotated[bool, typer.Option("--mark-read", help="Mark what is listed as read.")] = False,
    fmt: Annotated[str, typer.Option("--format", "-f", help="table or jsonl (the webhook bodies).")] = "table",
    limit: Annotated[int, typer.Option("--limit", help="At most this many, newest first.", min=1)] = 50,
    db: DbOpt = None,
    config: ConfigOpt = None,
    set_: SetOpt = None,
) -> None:
    """What fired, unread first."""
    from newsgraph.watch.registry import list_fired
    from newsgraph.watch.registry import mark_read as mark

    with _errors():
        store = _open_store(db, _settings(config, set_))
        try:
            rows = list_fired(store, unread_only=unread, limit=limit)
            if mark_read:
                mark(store, [r.id for r in rows])
        finally:
            store.close()
    if fmt == "jsonl":
        for r in rows:
            print(json.dumps(r.payload, ensure_ascii=False))
        return
    from rich.table import Table

    table = Table(title="fired", header_style="bold")
    for col in ("fired_at", "alert", "subject", "summary", "read"):
        table.add_column(col, overflow="fold")
    for r in rows:
        table.add_row(r.fired_at, r.alert, r.subject, r.summary, "" if not r.read else "read")
    out.print(table)
