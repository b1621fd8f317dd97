"""scripts/audit.sh: a clean audit passes, a vulnerability fails, and an audit that could not be
made (no service) passes only with a loud warning (or fails under AUDIT_STRICT=1)."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

from hardening.bounded import ROOT

FAKES = {
    "clean": "echo 'No known vulnerabilities found'; exit 0",
    "vulnerable": "echo 'jinja2 3.1.0 GHSA-xxxx 3.1.6'; echo 'Found 1 known vulnerability in 1 package' >&2; exit 1",
    "offline": "echo \"requests.exceptions.ConnectionError: Max retries exceeded (NameResolutionError)\" >&2; exit 1",
    "unknown": "echo 'a  Dependency not found on PyPI and could not be audited: a (1)';"
               "echo 'b  Dependency not found on PyPI and could not be audited: b (2)'; exit 0",
}


def _run(tmp_path: Path, fake: str, strict: bool = False) -> subprocess.CompletedProcess[str]:
    tool = tmp_path / f"pip-audit-{fake}"
    tool.write_text(f"#!/bin/sh\n{FAKES[fake]}\n")
    tool.chmod(0o755)
    constraints = tmp_path / "constraints.txt"
    constraints.write_text("a==1\nb==2\n")
    env = {**os.environ, "PIP_AUDIT": str(tool), "CONSTRAINTS": str(constraints), "AUDIT_STRICT": "1" if strict else "0"}
    return subprocess.run(["bash", str(ROOT / "scripts" / "audit.sh")], env=env, capture_output=True, text=True,
                          timeout=60, check=False)  # fmt: skip


@pytest.mark.parametrize("fake,status,warned", [("clean", 0, False), ("vulnerable", 1, False),
                                                ("offline", 0, True), ("unknown", 0, True)])  # fmt: skip
def test_hardening_audit_script_never_passes_silently(tmp_path: Path, fake: str, status: int, warned: bool) -> None:
    done = _run(tmp_path, fake)
    assert done.returncode == status, done.stdout + done.stderr
    assert ("dependencies NOT audited" in done.stderr) is warned, done.stderr
    if warned:
        assert _run(tmp_path, fake, strict=True).returncode == 3
