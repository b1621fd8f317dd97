"""Ingest throughput and worker memory: `newsgraph ingest --workers N` as a user runs it.

The CLI runs in a subprocess over a folder of corpus files; the wall time includes starting the
workers (what a user waits for), and the steady rate comes from the stored ``ingested_at`` times
(first to last document). While it runs, the process tree is polled for each worker's peak RSS.
"""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

import psutil

from newsgraph.store import open_store

POLL_SECONDS = 0.2


@dataclass
class IngestRun:
    docs: int
    wall: float
    steady_docs_per_second: float
    peak_rss_mb: dict[int, float] = field(default_factory=dict)  # worker pid -> peak RSS

    @property
    def docs_per_second(self) -> float:
        return self.docs / self.wall


def peak_rss_mb(proc: psutil.Process) -> float:
    """The process's peak resident set (VmHWM) in MB, or its current RSS where /proc has no peak."""
    try:
        for line in Path(f"/proc/{proc.pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
        return float(proc.memory_info().rss) / 2**20
    except (OSError, psutil.Error):
        return 0.0


def is_pool_worker(proc: psutil.Process) -> bool:
    """A multiprocessing worker (spawned), not the resource tracker or a shell."""
    try:
        return "spawn_main" in " ".join(proc.cmdline())
    except psutil.Error:
        return False


class RssWatch:
    """Poll a process tree's analysing processes for their peak RSS, in a thread."""

    def __init__(self, root: psutil.Process, *, include_root: bool) -> None:
        self.root, self.include_root = root, include_root
        self.peaks: dict[int, float] = {}
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def __enter__(self) -> RssWatch:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()

    def _run(self) -> None:
        while not self._stop.wait(POLL_SECONDS):
            self.sample()

    def sample(self) -> None:
        try:
            procs = [self.root] if self.include_root else []
            procs += [p for p in self.root.children(recursive=True) if is_pool_worker(p)]
        except psutil.Error:
            return
        for proc in procs:
            rss = peak_rss_mb(proc)
            if rss:
                self.peaks[proc.pid] = max(self.peaks.get(proc.pid, 0.0), rss)


def run_ingest(folder: Path, db: str, *, workers: int, docs: int) -> IngestRun:
    """Ingest ``folder`` into the empty store ``db`` with the CLI; timings and worker peaks."""
    cmd = [sys.executable, "-m", "newsgraph.cli", "ingest", str(folder), "--db", db, "--workers", str(workers),
           "--quiet"]  # fmt: skip
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=_env())
    with RssWatch(psutil.Process(proc.pid), include_root=workers == 1) as watch:
        stdout, stderr = proc.communicate()
    wall = time.perf_counter() - t0
    if proc.returncode != 0:
        raise RuntimeError(f"{' '.join(cmd)} failed ({proc.returncode}): {stderr[-2000:]}")
    return IngestRun(docs=docs, wall=wall, steady_docs_per_second=steady_rate(db), peak_rss_mb=watch.peaks)


def steady_rate(db: str) -> float:
    """Documents per second between the first and the last stored document (start-up excluded)."""
    with open_store(db, readonly=True) as store:
        n = store.count_documents()
        stamps = sorted(dt.datetime.fromisoformat(r.ingested_at.replace("Z", "+00:00"))
                        for r in store.documents(limit=n))  # fmt: skip
    if len(stamps) < 2:
        return 0.0
    return (len(stamps) - 1) / max((stamps[-1] - stamps[0]).total_seconds(), 1e-9)


def _env() -> dict[str, str]:
    env = dict(os.environ)
    root = str(Path(__file__).resolve().parents[1])
    env["PYTHONPATH"] = os.pathsep.join(p for p in (root, env.get("PYTHONPATH", "")) if p)
    return env


def create_pg_database(name: str) -> str:
    """A fresh PostgreSQL database (dropped first if a failed run left it); its URL."""
    subprocess.run(["dropdb", "--if-exists", name], check=True, capture_output=True)
    subprocess.run(["createdb", name], check=True, capture_output=True)
    return f"postgresql+psycopg:///{name}?host=/var/run/postgresql"


def drop_pg_database(name: str) -> None:
    subprocess.run(["dropdb", "--if-exists", name], check=False, capture_output=True)
