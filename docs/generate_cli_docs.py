#!/usr/bin/env python3
"""Write docs/cli.md from the ``--help`` of every ``newsgraph`` command, so it cannot drift.

Usage: python docs/generate_cli_docs.py [--check]   (--check exits 1 when docs/cli.md is stale)
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import typer

from newsgraph.cli import app

OUT = Path(__file__).with_name("cli.md")
WIDTH = 100

HEADER = """# Command line

Every `newsgraph` command with its flags: the text of `newsgraph COMMAND --help`. Written by
`python docs/generate_cli_docs.py` (a test fails when it is stale: rerun the script after changing
a command). Every command also takes `--config FILE` and `--set section.key=value` (see
[configuration.md](configuration.md)); the store commands take `--db` (a SQLite path or a
SQLAlchemy URL, default `./newsgraph.db` or `NEWSGRAPH_DB`, see [postgresql.md](postgresql.md)).
"""


def render() -> str:
    """The whole of docs/cli.md."""
    group: Any = typer.main.get_command(app)
    root = group.context_class(group, info_name="newsgraph", terminal_width=WIDTH, max_content_width=WIDTH)
    parts = [HEADER]
    for path, command, ctx in _walk(group, root, ("newsgraph",)):
        parts += [f"{'#' * (2 if len(path) <= 2 else 3)} {' '.join(path)}\n", "```text", command.get_help(ctx).rstrip(), "```\n"]
    return "\n".join(parts)


def _walk(command: Any, ctx: Any, path: tuple[str, ...]) -> Iterator[tuple[tuple[str, ...], Any, Any]]:
    yield path, command, ctx
    if not hasattr(command, "list_commands"):
        return
    for name in command.list_commands(ctx):
        sub = command.get_command(ctx, name)
        sub_ctx = command.context_class(sub, info_name=name, parent=ctx, terminal_width=WIDTH,
                                        max_content_width=WIDTH)  # fmt: skip
        yield from _walk(sub, sub_ctx, (*path, name))


def command_names() -> list[str]:
    """Every command of the ``newsgraph`` CLI ("alerts list" for a subcommand), in the order it lists them."""
    group: Any = typer.main.get_command(app)
    root = group.context_class(group, info_name="newsgraph")
    return [" ".join(path[1:]) for path, _, _ in _walk(group, root, ("newsgraph",)) if len(path) > 1]


def main(argv: list[str]) -> int:
    text = render()
    if "--check" in argv:
        if not OUT.is_file() or OUT.read_text(encoding="utf-8") != text:
            print(f"{OUT} is stale: run python docs/generate_cli_docs.py", file=sys.stderr)
            return 1
        return 0
    OUT.write_text(text, encoding="utf-8")
    print(f"wrote {OUT}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
