"""Running a piece of newsgraph in a child process with a memory cap and a time limit.

Hostile input must not take the test run down with it: the child gets ``RLIMIT_AS`` (address
space, so an allocation beyond the cap fails inside the child) and a wall-clock timeout, and the
parent reads what it printed. ``wait4`` gives the child's own peak RSS for the report.
"""

from __future__ import annotations

import os
import re
import resource
import subprocess
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
MEMORY_CAP = 2 * 1024**3  # bytes of address space for the child
# Prepended to the child's code: it reports its own peak RSS on stderr as it exits.
_REPORT_PEAK = (
    "import atexit, resource, sys\n"
    "atexit.register(lambda: sys.stderr.write("
    "f'\\nPEAK_RSS_KB={resource.getrusage(resource.RUSAGE_SELF).ru_maxrss}\\n'))\n"
)


@dataclass(frozen=True)
class Finished:
    """What a bounded child did: exit status, output, seconds, peak resident memory."""

    returncode: int
    stdout: str
    stderr: str
    seconds: float
    peak_mb: float


def _limit_memory(cap: int) -> None:
    resource.setrlimit(resource.RLIMIT_AS, (cap, cap))


def run_bounded(args: Sequence[str], *, timeout: float, cap: int = MEMORY_CAP, cwd: Path | None = None,
                env: dict[str, str] | None = None) -> Finished:  # fmt: skip
    """Run ``args`` with ``cap`` bytes of address space; kill it after ``timeout`` seconds.

    Raises AssertionError on a timeout, so a hang is a failing test, never a stuck run.
    """
    base = {k: v for k, v in os.environ.items() if not k.startswith("NEWSGRAPH_")}
    base.update({"PYTHONPATH": str(ROOT / "src"), "OMP_NUM_THREADS": "1", "COLUMNS": "200"})
    base.update(env or {})
    with open(os.devnull, "rb") as stdin:
        proc = subprocess.Popen(list(args), stdin=stdin, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                cwd=cwd, env=base, preexec_fn=lambda: _limit_memory(cap))  # noqa: S603
    start = time.monotonic()
    try:
        out, err = proc.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        proc.kill()
        out, err = proc.communicate()
        raise AssertionError(f"{args[:3]} did not finish within {timeout:g} s; stderr: {err[-2000:]!r}") from None
    seconds = time.monotonic() - start
    stderr = err.decode("utf-8", "replace")
    found = re.search(r"PEAK_RSS_KB=(\d+)", stderr)
    peak = int(found.group(1)) / 1024 if found else float("nan")
    return Finished(proc.returncode, out.decode("utf-8", "replace"), stderr, seconds, peak)


def python_bounded(code: str, *args: str, timeout: float, cap: int = MEMORY_CAP) -> Finished:
    """Run Python ``code`` (with ``sys.argv[1:] == args``) under the bounds of ``run_bounded``."""
    return run_bounded([sys.executable, "-c", _REPORT_PEAK + code, *args], timeout=timeout, cap=cap)


def newsgraph_bounded(*args: str, timeout: float, cap: int = MEMORY_CAP) -> Finished:
    """Run the ``newsgraph`` command line under the bounds of ``run_bounded``."""
    code = _REPORT_PEAK + "from newsgraph.cli import main\nsys.argv[0] = 'newsgraph'\nmain()\n"
    return run_bounded([sys.executable, "-c", code, *args], timeout=timeout, cap=cap)
