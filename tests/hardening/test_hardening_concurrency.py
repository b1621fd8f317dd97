"""Concurrency: `newsgraph ingest` writes ~1,000 documents while the API, in its own process,
serves reads to a third process hammering it over loopback. No request may fail, no document
may be lost, and no "database is locked" may reach a user."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from hardening.bounded import ROOT, newsgraph_bounded

DOCUMENTS = int(os.environ.get("HARDENING_CONCURRENT_DOCS", "1000"))
MAX_REQUESTS = 20_000
MAX_SECONDS = 150.0

# The reader: loops over read endpoints until told to stop (a file appears) or a bound is hit.
_READER = """
import json, sys, time, pathlib, httpx
base, stop, out, max_requests, max_seconds = sys.argv[1], pathlib.Path(sys.argv[2]), sys.argv[3], int(sys.argv[4]), float(sys.argv[5])
paths = ["/api/documents?limit=20", "/api/events?limit=20&sort=-date", "/api/health", "/api/search?q=drones",
         "/api/actors?limit=20", "/api/claims?limit=20", "/", "/events", "/api/documents?q=contract&limit=5"]
stats = {"requests": 0, "statuses": {}, "errors": [], "locked": 0, "latencies": [], "max_total": 0}
start = time.monotonic()
after_stop = 0
with httpx.Client(base_url=base, timeout=30.0, trust_env=False) as client:
    while stats["requests"] < max_requests and time.monotonic() - start < max_seconds:
        if stop.exists():
            after_stop += 1
            if after_stop > len(paths):
                break
        path = paths[stats["requests"] % len(paths)]
        t = time.monotonic()
        try:
            r = client.get(path, headers={"accept": "text/html" if not path.startswith("/api") else "application/json"})
        except httpx.HTTPError as exc:
            stats["errors"].append(f"{path}: {type(exc).__name__}: {exc}")
            stats["requests"] += 1
            continue
        stats["latencies"].append(time.monotonic() - t)
        stats["requests"] += 1
        stats["statuses"][str(r.status_code)] = stats["statuses"].get(str(r.status_code), 0) + 1
        if "locked" in r.text.lower():
            stats["locked"] += 1
        if r.status_code >= 500:
            stats["errors"].append(f"{path}: {r.status_code} {r.text[:200]}")
        if path.startswith("/api/documents?limit") and r.status_code == 200:
            stats["max_total"] = max(stats["max_total"], r.json()["total"])
lat = sorted(stats.pop("latencies")) or [0.0]
stats["p50_ms"] = round(1000 * lat[len(lat) // 2], 1)
stats["p99_ms"] = round(1000 * lat[int(len(lat) * 0.99)], 1)
stats["max_ms"] = round(1000 * lat[-1], 1)
stats["seconds"] = round(time.monotonic() - start, 1)
pathlib.Path(out).write_text(json.dumps(stats))
"""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def write_jsonl(path: Path, count: int) -> None:
    countries = ["Russia", "Iran", "Ukraine", "France", "Germany", "China", "Turkey", "Israel", "Egypt", "India"]
    with path.open("w") as fh:
        for n in range(count):
            a, b = countries[n % 10], countries[(n // 10 + 1 + n) % 10]
            text = (f"{a} and {b} agreed on {n} drone contracts on Monday, officials said. "
                    f"The deal, number {n}, was signed in the capital, according to Reuters.")
            fh.write(json.dumps({"text": text, "title": f"Deal {n}", "outlet": "Wire"}) + "\n")


def _env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("NEWSGRAPH_")}
    env.update({"PYTHONPATH": str(ROOT / "src"), "OMP_NUM_THREADS": "1"})
    return env


def _wait_ready(port: int, server: subprocess.Popen[bytes], timeout: float = 60) -> None:
    import httpx

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        assert server.poll() is None, server.stderr.read().decode() if server.stderr else "server exited"
        try:
            if httpx.get(f"http://127.0.0.1:{port}/api/health", timeout=2, trust_env=False).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.2)
    raise AssertionError("the server did not answer within 60 s")


def _listening_addresses(pid: int) -> set[str]:
    import psutil

    return {c.laddr.ip for c in psutil.Process(pid).net_connections(kind="inet") if c.status == psutil.CONN_LISTEN}


@pytest.mark.slow
def test_hardening_ingest_while_the_api_serves_reads(tmp_path: Path, record_property: pytest.RecordProperty) -> None:
    db = tmp_path / "busy.db"
    inputs = tmp_path / "docs.jsonl"
    write_jsonl(inputs, DOCUMENTS)
    from newsgraph.store import open_store

    open_store(str(db)).close()  # an empty store, so the server starts on it
    port = free_port()
    server = subprocess.Popen(  # noqa: S603
        [sys.executable, "-c", "import sys\nfrom newsgraph.api import serve\nserve(sys.argv[1], port=int(sys.argv[2]))",
         str(db), str(port)], env=_env(), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)  # fmt: skip
    reader = None
    try:
        _wait_ready(port, server)
        assert _listening_addresses(server.pid) == {"127.0.0.1"}  # the default bind is loopback only
        stop, result = tmp_path / "stop", tmp_path / "reader.json"
        reader = subprocess.Popen([sys.executable, "-c", _READER, f"http://127.0.0.1:{port}", str(stop), str(result),  # noqa: S603
                                   str(MAX_REQUESTS), str(MAX_SECONDS)], env=_env())  # fmt: skip
        started = time.monotonic()
        ingest = newsgraph_bounded("ingest", str(inputs), "--db", str(db), "-w", "1", "-q", timeout=MAX_SECONDS)
        ingest_seconds = time.monotonic() - started
        stop.touch()
        reader.wait(timeout=60)
        stats = json.loads(result.read_text())
    finally:
        for proc in (reader, server):
            if proc is not None and proc.poll() is None:
                proc.terminate()
                proc.wait(timeout=20)
    server_log = server.stderr.read().decode("utf-8", "replace") if server.stderr else ""
    print(f"ingest: {ingest_seconds:.1f} s ({DOCUMENTS / ingest_seconds:.0f} docs/s), peak {ingest.peak_mb:.0f} MB; "
          f"reader: {json.dumps(stats)}")
    for key in ("requests", "p50_ms", "p99_ms", "max_ms"):
        record_property(key, stats[key])
    record_property("ingest_seconds", round(ingest_seconds, 1))
    assert ingest.returncode == 0 and "Traceback" not in ingest.stderr, ingest.stderr[-2000:]
    assert ingest.stdout.strip().startswith(f"{DOCUMENTS} ingested"), ingest.stdout
    assert stats["errors"] == [], stats["errors"][:10]
    assert set(stats["statuses"]) == {"200"}, stats["statuses"]
    assert stats["locked"] == 0 and "locked" not in server_log.lower(), server_log[-2000:]
    assert stats["requests"] >= 200 and 0 < stats["max_total"] <= DOCUMENTS, stats
    check = newsgraph_bounded("check", "--db", str(db), timeout=60)
    assert check.returncode == 0 and f"documents={DOCUMENTS}," in check.stdout.replace("\n", ""), check.stdout
