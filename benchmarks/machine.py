"""What the figures were measured on, and how busy the machine was meanwhile."""

from __future__ import annotations

import contextlib
import os
import platform
import subprocess
import time
from dataclasses import dataclass

import psutil
import spacy


def machine_info() -> dict[str, object]:
    """CPU, memory, software versions and the git commit measured."""
    try:
        commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True,
                                check=False).stdout.strip()  # fmt: skip
    except OSError:
        commit = ""
    return {
        "machine_cpu_count": os.cpu_count() or 0,
        "machine_cpu_model": _cpu_model(),
        "machine_memory_gb": round(psutil.virtual_memory().total / 2**30, 1),
        "machine_python": platform.python_version(),
        "machine_platform": platform.platform(),
        "machine_spacy": spacy.__version__,
        "machine_git_commit": commit,
        "machine_load_average_at_start": list(os.getloadavg()),
    }


def _cpu_model() -> str:
    try:
        for line in open("/proc/cpuinfo", encoding="utf-8"):  # noqa: SIM115 - read once, closed at exit
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor()


@dataclass
class LoadMeter:
    """CPU busy share of the whole machine and of other processes between start() and stop()."""

    _cpu: object = None
    _own: float = 0.0
    _t: float = 0.0

    def start(self) -> LoadMeter:
        self._cpu = psutil.cpu_times()
        self._own = _tree_cpu()
        self._t = time.perf_counter()
        return self

    def stop(self) -> dict[str, float]:
        """Busy cores on average (machine and not ours), over the interval."""
        before, after = self._cpu, psutil.cpu_times()
        wall = time.perf_counter() - self._t
        busy = _busy(after) - _busy(before)
        own = _tree_cpu() - self._own
        return {"busy_cores": busy / wall, "others_busy_cores": max(0.0, busy - own) / wall}


def _busy(t: object) -> float:
    idle = getattr(t, "idle", 0.0) + getattr(t, "iowait", 0.0)
    return sum(t) - idle  # type: ignore[call-overload]


def _tree_cpu() -> float:
    """CPU seconds of this process tree so far, reaped descendants included."""
    me = psutil.Process()
    total = sum(me.cpu_times()[:4])
    for child in me.children(recursive=True):
        with contextlib.suppress(psutil.Error):  # children's reaped children count in their [2:4]
            total += sum(child.cpu_times()[:4])
    return total
