"""``python run_once.py DB URL``: one watch round in its own process (the restart test kills it).

DB is what ``open_store`` takes: a SQLite path or a PostgreSQL URL.
"""

from __future__ import annotations

import sys

from rich.console import Console

from newsgraph.settings import load_settings
from newsgraph.store import open_store
from newsgraph.watch.service import WatchConfig, run_watch


def main(db: str, url: str) -> None:
    settings = load_settings(environ={}, ingest__allow_private=True)
    with open_store(db, settings=settings) as store:
        run_watch(store, [url], settings=settings, config=WatchConfig(every=600.0, per_host_delay=0.0), once=True,
                  alerts_out=Console(file=sys.stdout, width=400, highlight=False))


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
