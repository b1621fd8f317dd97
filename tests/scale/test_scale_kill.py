"""An ingest killed with SIGKILL mid-batch leaves a clean store, and a rerun finishes the batch."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import psutil

from newsgraph.store import open_store

from .documents import cli_env, newsgraph, write_documents

N_DOCS = 60


def stored_count(db: Path) -> int:
    if not db.exists():
        return 0
    try:
        with open_store(str(db), readonly=True) as store:
            return store.count_documents()
    except Exception:  # noqa: BLE001 - the store is still being created: not yet readable
        return 0


def test_scale_sigkill_then_rerun_completes_without_duplicates(tmp_path: Path) -> None:
    folder, db = tmp_path / "docs", tmp_path / "kill.db"
    write_documents(folder, N_DOCS, sentences=4)
    proc = subprocess.Popen([sys.executable, "-m", "newsgraph.cli", "ingest", str(folder), "--db", str(db),
                             "--workers", "2", "--quiet"], env=cli_env(),
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # fmt: skip
    deadline = time.monotonic() + 90
    while stored_count(db) == 0 and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.02)
    workers = psutil.Process(proc.pid).children(recursive=True)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    at_kill = stored_count(db)
    assert 0 < at_kill < N_DOCS, "the ingest was not killed mid-batch"

    _gone, alive = psutil.wait_procs(workers, timeout=15)
    assert not alive, "pool workers outlived the killed ingest"

    check = newsgraph("check", "--db", str(db))
    assert check.returncode == 0, check.stdout + check.stderr

    rerun = newsgraph("ingest", str(folder), "--db", str(db), "--workers", "2", "--quiet")
    assert rerun.returncode == 0, rerun.stderr
    assert f"{N_DOCS - at_kill} ingested, {at_kill} already present, 0 skipped, 0 failed" in rerun.stdout
    assert stored_count(db) == N_DOCS
    with open_store(str(db), readonly=True) as store:
        ids = [a.document.id for a in store.iter_analyses()]
    assert len(ids) == len(set(ids)) == N_DOCS
    assert newsgraph("check", "--db", str(db)).returncode == 0
