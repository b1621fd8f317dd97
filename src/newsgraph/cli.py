"""The ``newsgraph`` command line: each command parses its options and calls the Python API.

Errors print one line naming the cause (and, where known, the fix) and exit with status 1.
"""

from __future__ import annotations

import json
import logging
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    ProgressColumn,
    SpinnerColumn,
    Task,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)
from rich.text import Text

from newsgraph.errors import NewsgraphError
from newsgraph.settings import Settings, load_settings

app = typer.Typer(
    name="newsgraph",
    help="Source-attributed, time-resolved event data from news: who did what to whom, when, "
    "where, and according to whom.",
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode=None,
)

out = Console(highlight=False)
err = Console(stderr=True, highlight=False)

ConfigOpt = Annotated[Path | None, typer.Option("--config", help="A newsgraph.toml read over the defaults.")]
SetOpt = Annotated[
    list[str] | None,
    typer.Option("--set", help="Override one setting, e.g. --set events.min_confidence=0.6 (repeatable)."),
]
DbOpt = Annotated[
    str | None,
    typer.Option("--db", help="Store: a SQLite file path or a SQLAlchemy URL (default ./newsgraph.db, env NEWSGRAPH_DB)."),
]
FormatOpt = Annotated[str, typer.Option("--format", "-f", help="table, jsonl or csv.")]
LimitOpt = Annotated[int, typer.Option("--limit", help="At most this many rows.", min=1, max=100000)]
OffsetOpt = Annotated[int, typer.Option("--offset", help="Skip this many rows first.", min=0)]


def _settings(config: Path | None, overrides: list[str] | None, **direct: Any) -> Settings:
    return load_settings(config, overrides or (), **direct)


@contextmanager
def _errors() -> Iterator[None]:
    """Turn newsgraph's errors into one line on stderr and exit status 1."""
    try:
        yield
    except NewsgraphError as exc:
        err.print(f"[bold red]error[/] {_escape(str(exc))}")
        raise typer.Exit(1) from None


def _escape(text: str) -> str:
    from rich.markup import escape

    return escape(text)


def _open_store(db: str | None, settings: Settings, *, readonly: bool = False) -> Any:
    from newsgraph.store import open_store

    return open_store(db or settings.get("store.db"), settings=settings, readonly=readonly)


# ---------------------------------------------------------------- analyze


@app.command()
def analyze(
    inputs: Annotated[list[str], typer.Argument(help="Files or URLs; - reads JSON Lines articles from stdin.")],
    fmt: Annotated[str, typer.Option("--format", "-f", help="json, jsonl or text.")] = "json",
    published: Annotated[
        str | None, typer.Option("--published", help="Publication date (YYYY-MM-DD) to resolve dates against.")
    ] = None,
    config: ConfigOpt = None,
    set_: SetOpt = None,
) -> None:
    """Print the analysis of each document without touching the store."""
    from newsgraph.ingestion import analyze_sources
    from newsgraph.model import Analysis
    from newsgraph.pipeline import AlreadyPresent, Analyzer
    from newsgraph.schema import analysis_to_dict
    from newsgraph.terminal import print_document

    if fmt not in ("json", "jsonl", "text"):
        raise typer.BadParameter("choose json, jsonl or text", param_hint="--format")
    with _errors():
        settings = _settings(config, set_)
        published = _check_date(published)
        analyzer = Analyzer.from_settings(settings)
        outcomes = list(
            analyze_sources(inputs, analyzer, settings=settings, published=published, stdin=sys.stdin.buffer)
        )
    failures = 0
    one = len(outcomes) == 1 and fmt == "json"
    for outcome in outcomes:
        if isinstance(outcome, AlreadyPresent):  # pragma: no cover - analyze passes no store
            continue
        if not isinstance(outcome, Analysis):
            failures += 1
            err.print(f"[yellow]skipped[/] {_escape(outcome.source)}: {_escape(outcome.code)} {_escape(outcome.reason)}")
            continue
        if fmt == "text":
            print_document(outcome, out)
        else:
            data = analysis_to_dict(outcome)
            print(json.dumps(data, ensure_ascii=False, indent=2 if one else None))
    if failures and failures == len(outcomes):
        raise typer.Exit(1)


def _check_date(value: str | None) -> str | None:
    if value is None:
        return None
    import datetime as dt

    try:
        return dt.date.fromisoformat(value).isoformat()
    except ValueError:
        raise typer.BadParameter(f"{value!r} is not a date; write YYYY-MM-DD", param_hint="--published") from None


# ---------------------------------------------------------------- ingest


@app.command()
def ingest(
    sources: Annotated[list[str], typer.Argument(help="Files, folders, URLs, feeds, WARC or JSON Lines files; - for stdin.")],
    db: DbOpt = None,
    include: Annotated[list[str] | None, typer.Option("--include", help="Glob of files to take from folders (repeatable).")] = None,
    exclude: Annotated[list[str] | None, typer.Option("--exclude", help="Glob of files to leave out (repeatable).")] = None,
    published: Annotated[str | None, typer.Option("--published", help="Publication date for all inputs (YYYY-MM-DD).")] = None,
    workers: Annotated[int, typer.Option("--workers", "-w", help="Analysing processes (default: the number of cores).", min=0)] = 0,
    dask: Annotated[str | None, typer.Option("--dask", help="Analyse on a Dask cluster: tcp://HOST:8786.")] = None,
    allow_private: Annotated[bool, typer.Option("--allow-private", help="Fetch URLs on private, loopback and link-local addresses.")] = False,
    strict: Annotated[bool, typer.Option("--strict", help="Exit non-zero when any input was skipped or failed.")] = False,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar.")] = False,
    config: ConfigOpt = None,
    set_: SetOpt = None,
) -> None:
    """Analyse documents into the store, with progress; re-ingesting is a no-op."""
    import os

    from newsgraph.ingest import count_documents
    from newsgraph.ingestion import analyze_sources, store_outcomes

    with _errors():
        settings = _settings(config, set_, ingest__allow_private=True if allow_private else None)
        published = _check_date(published)
        store = _open_store(db, settings)
        n = workers or (os.cpu_count() or 1)
        if dask:
            from newsgraph.distributed import analyze_on_dask
            from newsgraph.ingest import read_sources

            raws = read_sources(sources, settings=settings, include=include or (), exclude=exclude or (),
                                stdin=sys.stdin.buffer)
            outcomes = analyze_on_dask(raws, dask, settings=settings, published=published, store_url=str(store.url))
        else:
            outcomes = analyze_sources(  # one process loads spaCy here; with workers, each worker does
                sources, None,
                settings=settings, include=include or (), exclude=exclude or (), published=published,
                stdin=sys.stdin.buffer, known=store.has, workers=n, store_url=str(store.url),
            )
        with _progress(quiet) as progress:
            # a known total gives the bar its ETA; reading what cannot be counted cheaply would double the work
            total = None if progress.disable else count_documents(sources, include or (), exclude or ())
            task = progress.add_task("ingesting", total=total)

            def tick(outcome: Any, status: str) -> None:
                progress.advance(task)
                if status in ("skipped", "failed") and hasattr(outcome, "reason"):
                    progress.console.print(
                        f"[yellow]{status}[/] {_escape(outcome.source)}: {_escape(outcome.code)} {_escape(outcome.reason)}"
                    )
                elif status == "failed":  # an analysis the store refused: its reason is listed at the end
                    progress.console.print(f"[yellow]failed[/] {_escape(outcome.document.source)}: not stored")

            report = store_outcomes(outcomes, store, on_result=tick)
        store.close()
    out.print(
        f"[bold]{len(report.added)}[/] ingested, [bold]{len(report.present)}[/] already present, "
        f"[bold]{len(report.skipped)}[/] skipped, [bold]{len(report.failed)}[/] failed"
        + (f" ({len(report.not_english)} not English: stored, not analysed)" if report.not_english else "")
    )
    for rej in report.failed:
        err.print(f"  failed {_escape(rej.source)}: {_escape(rej.code)} {_escape(rej.reason)}")
    if report.read == 0 or (strict and (report.skipped or report.failed)):
        raise typer.Exit(1)


class _RateColumn(ProgressColumn):
    """Documents per second so far."""

    def render(self, task: Task) -> Text:
        speed = task.finished_speed or task.speed
        return Text(f"{speed:6.1f} docs/s" if speed else "   ... docs/s")


@contextmanager
def _progress(quiet: bool) -> Iterator[Progress]:
    progress = Progress(
        SpinnerColumn(),
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        _RateColumn(),
        TimeElapsedColumn(),
        TimeRemainingColumn(),
        console=err,
        disable=quiet or not err.is_terminal,
        transient=False,
    )
    with progress:
        yield progress


# ---------------------------------------------------------------- queries


@app.command()
def documents(
    db: DbOpt = None,
    outlet: Annotated[str | None, typer.Option("--outlet", help="Only documents of this outlet.")] = None,
    language: Annotated[str | None, typer.Option("--language", help="Only documents in this language (en, ru ...).")] = None,
    date_from: Annotated[str | None, typer.Option("--from", help="Published on or after (YYYY-MM-DD).")] = None,
    date_to: Annotated[str | None, typer.Option("--to", help="Published on or before (YYYY-MM-DD).")] = None,
    text: Annotated[str | None, typer.Option("--search", "-s", help="Full-text search.")] = None,
    fmt: FormatOpt = "table",
    limit: LimitOpt = 50,
    offset: OffsetOpt = 0,
    config: ConfigOpt = None,
    set_: SetOpt = None,
) -> None:
    """List stored documents."""
    from newsgraph.terminal import rows_as

    with _errors():
        settings = _settings(config, set_)
        store = _open_store(db, settings, readonly=True)
        rows = store.documents(outlet=outlet, language=language, published_from=date_from, published_to=date_to,
                               text=text, limit=limit, offset=offset)
        rows_as(rows, _fmt(fmt), ("id", "title", "outlet", "published", "language", "n_events", "n_claims"),
                out, title="documents")


@app.command()
def events(
    db: DbOpt = None,
    actor: Annotated[str | None, typer.Option("--actor", help="An entity id (person:...) or an ISO 3166 code (RUS).")] = None,
    role: Annotated[str | None, typer.Option("--role", help="The actor's role: source or target.")] = None,
    type_: Annotated[str | None, typer.Option("--type", help="PLOVER type (AGREE, ASSAULT ...).")] = None,
    mode: Annotated[str | None, typer.Option("--mode", help="PLOVER mode (aerial ...).")] = None,
    modality: Annotated[str | None, typer.Option("--modality", help="asserted, reported, alleged, claimed, planned, possible, hypothetical, threatened or denied.")] = None,
    negated: Annotated[bool | None, typer.Option("--negated/--not-negated", help="Only negated (or only not negated) events.")] = None,
    date_from: Annotated[str | None, typer.Option("--from", help="Events ending on or after this date.")] = None,
    date_to: Annotated[str | None, typer.Option("--to", help="Events starting on or before this date.")] = None,
    outlet: Annotated[str | None, typer.Option("--outlet", help="Reported by this outlet, or in its articles.")] = None,
    text: Annotated[str | None, typer.Option("--text", help="Text in the event's sentence or trigger (any case; part of a word matches too).")] = None,
    clustered: Annotated[bool, typer.Option("--clustered", help="One row per cross-document cluster.")] = False,
    sort: Annotated[str, typer.Option("--sort", help="date, -date, type or confidence.")] = "date",
    fmt: FormatOpt = "table",
    limit: LimitOpt = 100,
    offset: OffsetOpt = 0,
    config: ConfigOpt = None,
    set_: SetOpt = None,
) -> None:
    """List stored events, filtered."""
    from newsgraph.terminal import rows_as

    with _errors():
        settings = _settings(config, set_)
        store = _open_store(db, settings, readonly=True)
        if clustered:
            from newsgraph.clustering import load_corroborator

            clusters = load_corroborator(store).clusters()
            rows_as(clusters[offset: offset + limit], _fmt(fmt),
                    ("id", "type", "source", "target", "date", "independent_sources", "documents"), out,
                    title="event clusters")
            return
        rows = store.events(actor=actor, role=role, type=type_.upper() if type_ else None, mode=mode,
                            modality=modality, negated=negated, date_from=date_from, date_to=date_to,
                            outlet=outlet, text=text, sort=sort, limit=limit, offset=offset)
        rows_as(rows, _fmt(fmt), ("key", "type", "source_names", "target_names", "date_start", "modality",
                                  "attributed_to", "trigger"), out, title="events")


@app.command()
def actors(
    db: DbOpt = None,
    kind: Annotated[str | None, typer.Option("--kind", help="country, person, organization, outlet, place, weapon or group.")] = None,
    country: Annotated[str | None, typer.Option("--country", help="ISO 3166 alpha-3 code.")] = None,
    text: Annotated[str | None, typer.Option("--search", "-s", help="Part of the name.")] = None,
    fmt: FormatOpt = "table",
    limit: LimitOpt = 100,
    offset: OffsetOpt = 0,
    config: ConfigOpt = None,
    set_: SetOpt = None,
) -> None:
    """List entities in the store with mention and document counts."""
    from newsgraph.terminal import rows_as

    with _errors():
        settings = _settings(config, set_)
        store = _open_store(db, settings, readonly=True)
        rows = store.actors(kind=kind, country=country.upper() if country else None, text=text, limit=limit,
                            offset=offset)
        rows_as(rows, _fmt(fmt), ("id", "name", "kind", "country", "role", "n_mentions", "n_documents"), out,
                title="actors")


@app.command()
def claims(
    db: DbOpt = None,
    speaker: Annotated[str | None, typer.Option("--speaker", help="Speaker entity id or words of the speaker.")] = None,
    outlet: Annotated[str | None, typer.Option("--outlet", help="Claims in this outlet's articles.")] = None,
    kind: Annotated[str | None, typer.Option("--kind", help="direct_quote, indirect or according_to.")] = None,
    hedge: Annotated[str | None, typer.Option("--hedge", help="none, reported, alleged, claimed or unconfirmed.")] = None,
    document: Annotated[str | None, typer.Option("--document", help="Only this document's claims.")] = None,
    fmt: FormatOpt = "table",
    limit: LimitOpt = 100,
    offset: OffsetOpt = 0,
    config: ConfigOpt = None,
    set_: SetOpt = None,
) -> None:
    """List claims by speaker, outlet, kind and hedge."""
    from newsgraph.terminal import rows_as

    with _errors():
        settings = _settings(config, set_)
        store = _open_store(db, settings, readonly=True)
        rows = store.claims(speaker=speaker, outlet=outlet, kind=kind, hedge=hedge, document=document,
                            limit=limit, offset=offset)
        rows_as(rows, _fmt(fmt), ("document", "id", "kind", "speaker", "speaker_text", "hedge", "text"), out,
                title="claims")


def _fmt(fmt: str) -> str:
    if fmt not in ("table", "jsonl", "csv"):
        raise typer.BadParameter("choose table, jsonl or csv", param_hint="--format")
    return fmt


@app.command()
def cluster(
    db: DbOpt = None,
    fmt: FormatOpt = "table",
    min_documents: Annotated[int, typer.Option("--min-documents", help="Only clusters reported in this many documents.", min=1)] = 1,
    limit: LimitOpt = 50,
    config: ConfigOpt = None,
    set_: SetOpt = None,
) -> None:
    """Build or update the cross-document clusters: copies, same events, independent sources."""
    from newsgraph.clustering import cluster_store
    from newsgraph.terminal import rows_as

    with _errors():
        settings = _settings(config, set_)
        store = _open_store(db, settings)
        clusters = [c for c in cluster_store(store, settings) if len(c.documents) >= min_documents]
        store.close()
    clusters.sort(key=lambda c: (-c.independent_sources, -len(c.documents), c.id))
    rows_as(clusters[:limit], _fmt(fmt), ("id", "type", "source", "target", "date", "independent_sources",
                                          "origins", "documents"), out, title=f"{len(clusters)} event clusters")


@app.command()
def provenance(
    key: Annotated[str, typer.Argument(help="An event key (DOCID:e3) or a cluster id (k...).")],
    db: DbOpt = None,
    fmt: Annotated[str, typer.Option("--format", "-f", help="tree or json.")] = "tree",
    config: ConfigOpt = None,
    set_: SetOpt = None,
) -> None:
    """The provenance tree of an event or cluster: claims, speakers, cited outlets, original documents."""
    from rich.tree import Tree

    from newsgraph.clustering import load_corroborator

    with _errors():
        settings = _settings(config, set_)
        store = _open_store(db, settings, readonly=True)
        corroborator = load_corroborator(store, settings)
    try:
        node = corroborator.provenance(key)
    except KeyError as exc:
        err.print(f"[bold red]error[/] {_escape(str(exc.args[0]) if exc.args else key)}")
        raise typer.Exit(1) from None
    if fmt == "json":
        print(json.dumps(node.to_dict(), ensure_ascii=False, indent=2))
        return

    def grow(tree: Tree, n: Any) -> None:
        for child in n.children:
            grow(tree.add(Text(f"{child.kind}: {child.label}")), child)

    root = Tree(Text(f"{node.kind}: {node.label}"))
    grow(root, node)
    out.print(root)


@app.command()
def show(
    document: Annotated[str, typer.Argument(help="A document id (or a unique prefix of 6+ characters).")],
    db: DbOpt = None,
    config: ConfigOpt = None,
    set_: SetOpt = None,
) -> None:
    """Show a stored document with its entities, quotes and events highlighted."""
    from newsgraph.terminal import print_document

    with _errors():
        settings = _settings(config, set_)
        store = _open_store(db, settings, readonly=True)
        analysis = store.get(document)
    if analysis is None:
        err.print(f"[bold red]error[/] no document {_escape(document)!s} in the store; `newsgraph documents` lists them")
        raise typer.Exit(1)
    print_document(analysis, out)


@app.command()
def check(db: DbOpt = None, config: ConfigOpt = None, set_: SetOpt = None) -> None:
    """Check the store's integrity: every document whole, indexes in step."""
    with _errors():
        settings = _settings(config, set_)
        store = _open_store(db, settings, readonly=True)
        problems = store.check()
        stats = store.stats()
    for p in problems:
        err.print(f"[red]problem[/] {_escape(p)}")
    out.print(("[green]ok[/] " if not problems else "[red]not ok[/] ") + ", ".join(f"{k}={v}" for k, v in stats.items()))
    if problems:
        raise typer.Exit(1)


@app.command("config")
def show_config(config: ConfigOpt = None, set_: SetOpt = None) -> None:
    """Print the effective settings and the files they came from."""
    import tomllib  # noqa: F401  (documents the format)

    with _errors():
        settings = _settings(config, set_)
    for section, keys in settings.values.items():
        print(f"[{section}]")
        for key, value in keys.items():
            print(f"{key} = {json.dumps(value)}")
        print()
    print(f"# read: bundled defaults{''.join(', ' + f for f in settings.files)}, environment, --set")


# ---------------------------------------------------------------- serve and demo


@app.command()
def serve(
    db: DbOpt = None,
    host: Annotated[str | None, typer.Option("--host", help="Address to bind (default 127.0.0.1).")] = None,
    port: Annotated[int | None, typer.Option("--port", help="Port (default 8000).")] = None,
    token: Annotated[str | None, typer.Option("--token", envvar="NEWSGRAPH_TOKEN", show_envvar=True,
                                              help="Token that enables writes (Bearer); none: writing is off.")] = None,
    config: ConfigOpt = None,
    set_: SetOpt = None,
) -> None:
    """Serve the JSON API and the web UI over the store."""
    from newsgraph.api import serve as run_server

    with _errors():
        settings = _settings(config, set_)
        store_url = db or settings.get("store.db")
        h = host or settings.get("serve.host")
        p = port or int(settings.get("serve.port"))
        out.print(f"serving newsgraph on http://{h}:{p}  (store {store_url}; API docs at /docs)")
        run_server(store_url, host=h, port=p, token=token, settings=settings)


def _bundled_examples() -> Path:
    from importlib import resources

    packaged = Path(str(resources.files("newsgraph").joinpath("examples")))
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parents[2] / "examples"


@app.command()
def demo(
    db: Annotated[str, typer.Option("--db", help="Store for the demo.")] = "newsgraph-demo.db",
    serve_ui: Annotated[bool, typer.Option("--serve/--no-serve", help="Serve the UI after ingesting.")] = True,
    port: Annotated[int, typer.Option("--port", help="Port for the UI.")] = 8000,
    config: ConfigOpt = None,
    set_: SetOpt = None,
) -> None:
    """Run the bundled examples end to end: ingest, list, cluster, then serve the UI."""
    from newsgraph.ingestion import analyze_sources, store_outcomes
    from newsgraph.pipeline import Analyzer
    from newsgraph.terminal import rows_as

    examples = _bundled_examples()
    inputs = [str(examples / "seed" / "article.txt"), str(examples / "articles")]
    with _errors():
        settings = _settings(config, set_)
        store = _open_store(db, settings)
        analyzer = Analyzer.from_settings(settings)
        out.print(f"[bold]newsgraph demo[/]: ingesting {examples} into {db}")
        outcomes = analyze_sources(inputs, analyzer, settings=settings, known=store.has)
        report = store_outcomes(outcomes, store)
        out.print(f"{len(report.added)} ingested, {len(report.present)} already present, "
                  f"{len(report.skipped)} skipped, {len(report.failed)} failed")
        rows_as(store.documents(limit=20), "table", ("id", "title", "outlet", "published", "n_events", "n_claims"),
                out, title="documents")
        rows_as(store.events(limit=15), "table", ("key", "type", "source_names", "target_names", "date_start",
                                                  "modality", "attributed_to"), out, title="events")
        try:
            from newsgraph.clustering import cluster_store

            clusters = cluster_store(store)
            out.print(f"{len(clusters)} event clusters")
        except ImportError:  # pragma: no cover - corroboration not built yet
            pass
        store.close()
    if serve_ui:
        from newsgraph.api import serve as run_server

        out.print(f"serving the UI on http://127.0.0.1:{port}  (Ctrl-C to stop)")
        run_server(db, host="127.0.0.1", port=port)


# ---------------------------------------------------------------- export


@app.command()
def export(
    fmt: Annotated[str, typer.Option("--format", "-f", help="csv, jsonl, parquet, plover, graphml, gexf or analysis.")],
    out_file: Annotated[Path | None, typer.Option("--out", "-o", help="Write here (default: standard output).")] = None,
    db: DbOpt = None,
    actor: Annotated[str | None, typer.Option("--actor", help="An entity id (person:...) or an ISO 3166 code (RUS).")] = None,
    type_: Annotated[str | None, typer.Option("--type", help="PLOVER type (AGREE, ASSAULT ...).")] = None,
    date_from: Annotated[str | None, typer.Option("--from", help="Events ending on or after this date.")] = None,
    date_to: Annotated[str | None, typer.Option("--to", help="Events starting on or before this date.")] = None,
    modality: Annotated[str | None, typer.Option("--modality", help="asserted, reported, alleged, claimed, planned, possible, hypothetical, threatened or denied.")] = None,
    outlet: Annotated[str | None, typer.Option("--outlet", help="Reported by this outlet, or in its articles.")] = None,
    document: Annotated[str | None, typer.Option("--document", help="Only this document's events; the document of --format analysis.")] = None,
    config: ConfigOpt = None,
    set_: SetOpt = None,
) -> None:
    """Export events (CSV, JSON Lines, Parquet, PLOVER JSON), the actor graph (GraphML, GEXF) or a document's analysis."""
    from newsgraph.export import BINARY_FORMATS, FORMATS, EventQuery
    from newsgraph.export import export as run_export

    if fmt not in FORMATS:
        raise typer.BadParameter(f"choose {', '.join(FORMATS)}", param_hint="--format")
    with _errors():
        settings = _settings(config, set_)
        store = _open_store(db, settings, readonly=True)
        query = EventQuery(actor=actor, type=type_, date_from=date_from, date_to=date_to, modality=modality,
                           outlet=outlet, document=document)
        target: Any = out_file or (sys.stdout.buffer if fmt in BINARY_FORMATS else sys.stdout)
        n = run_export(store, fmt, target, query, settings=settings)
        store.close()
    what = "edges" if fmt in ("graphml", "gexf") else "events"
    err.print(f"exported {n} {what} as {fmt}" + (f" to {_escape(str(out_file))}" if out_file else ""))


# ---------------------------------------------------------------- watch and alerts (newsgraph.watch.commands)

from newsgraph.watch.commands import alerts_app, watch_cli  # noqa: E402  (its options live with the watch package)

app.command("watch")(watch_cli)
app.add_typer(alerts_app, name="alerts")


def main() -> None:
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    app()


if __name__ == "__main__":
    main()
