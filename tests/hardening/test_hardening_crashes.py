"""Faults around the store: a full disk (a small tmpfs) and a read-only store.

Kill -9 of `newsgraph ingest` is in tests/scale and of a writer in tests/store; these are the
other faults: each document that cannot be written is reported, the store stays consistent
(`newsgraph check`), and once the fault is gone a rerun completes the batch without duplicates.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from hardening.bounded import newsgraph_bounded

COUNTRIES = ["Russia", "Iran", "Ukraine", "France", "Germany", "China", "Turkey", "Israel", "Egypt", "India"]


def write_articles(folder: Path, count: int, paragraphs: int = 6) -> list[Path]:
    """``count`` distinct short news texts (distinct ids), a few kilobytes each."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for n in range(count):
        a, b = COUNTRIES[n % 10], COUNTRIES[(n // 10 + 1 + n) % 10]
        text = "\n\n".join(
            f"{a} and {b} agreed on {n + p} new drone contracts in report {n}-{p}, officials said on Monday. "
            f"The deal number {n * 31 + p} was signed in the capital, according to the ministry."
            for p in range(paragraphs)
        )
        path = folder / f"a{n:05d}.txt"
        path.write_text(text)
        paths.append(path)
    return paths


def summary(stdout: str) -> dict[str, int]:
    found = dict((k, int(v)) for v, k in re.findall(r"(\d+) (ingested|already present|skipped|failed)", stdout))
    return found


@pytest.fixture()
def small_tmpfs(tmp_path: Path) -> Iterator[Path]:
    """A 2 MB tmpfs mounted for the test (needs root; skipped otherwise)."""
    if os.geteuid() != 0 or shutil.which("mount") is None:
        pytest.skip("mounting a small tmpfs needs root")
    mount_point = tmp_path / "small"
    mount_point.mkdir()
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=2m", "tmpfs", str(mount_point)],
                          capture_output=True, text=True, check=False)  # fmt: skip
    if done.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {done.stderr.strip()}")
    try:
        yield mount_point
    finally:
        subprocess.run(["umount", "-l", str(mount_point)], check=False)


def _remount(mount_point: Path, options: str) -> None:
    subprocess.run(["mount", "-o", f"remount,{options}", str(mount_point)], check=True)


@pytest.mark.slow
def test_hardening_full_disk_reports_each_document_and_a_rerun_completes(small_tmpfs: Path, tmp_path: Path) -> None:
    inputs = tmp_path / "inputs"
    count = 40  # the WAL fills 2 MB after about ten documents
    write_articles(inputs, count)
    db = small_tmpfs / "store.db"
    first = newsgraph_bounded("ingest", str(inputs), "--db", str(db), "-w", "1", "-q", timeout=240)
    print(f"full disk run: {first.seconds:.1f} s, peak {first.peak_mb:.0f} MB: {first.stdout.strip()}")
    assert "Traceback" not in first.stderr, first.stderr[-3000:]
    counts = summary(first.stdout)
    assert counts["failed"] > 0 and counts["ingested"] > 0, first.stdout
    assert counts["ingested"] + counts["failed"] == count
    assert "NG404" in first.stderr and "disk is full" in first.stderr, first.stderr[-2000:]
    check = newsgraph_bounded("check", "--db", str(db), timeout=60)
    assert check.returncode == 0 and check.stdout.startswith("ok"), check.stdout + check.stderr
    assert f"documents={counts['ingested']}," in check.stdout.replace("\n", "")

    _remount(small_tmpfs, "size=64m")  # space freed
    second = newsgraph_bounded("ingest", str(inputs), "--db", str(db), "-w", "1", "-q", timeout=240)
    assert second.returncode == 0, second.stderr[-2000:]
    again = summary(second.stdout)
    assert again == {"ingested": counts["failed"], "already present": counts["ingested"], "skipped": 0, "failed": 0}
    check = newsgraph_bounded("check", "--db", str(db), timeout=60)
    assert check.returncode == 0 and f"documents={count}," in check.stdout.replace("\n", ""), check.stdout


def _three_documents(db: Path) -> None:
    from newsgraph.store import open_store
    from store.store_samples import make_analysis

    with open_store(str(db)) as store:
        for n in range(3):
            store.add(make_analysis(n))


def test_hardening_read_only_file_system_is_a_clear_error(small_tmpfs: Path, tmp_path: Path) -> None:
    inputs = tmp_path / "inputs"
    db = small_tmpfs / "store.db"
    _three_documents(db)
    _remount(small_tmpfs, "ro")
    write_articles(inputs, 5, paragraphs=1)
    refused = newsgraph_bounded("ingest", str(inputs), "--db", str(db), "-w", "1", "-q", timeout=120)
    assert refused.returncode == 1 and "Traceback" not in refused.stderr, refused.stderr[-2000:]
    assert "NG405" in refused.stderr and "read-only" in refused.stderr, refused.stderr
    check = newsgraph_bounded("check", "--db", str(db), timeout=60)
    assert "Traceback" not in check.stderr and check.returncode in (0, 1), check.stderr[-2000:]


def test_hardening_store_on_read_only_file_system_can_be_read(small_tmpfs: Path, tmp_path: Path) -> None:
    db = small_tmpfs / "store.db"
    _three_documents(db)
    _remount(small_tmpfs, "ro")
    check = newsgraph_bounded("check", "--db", str(db), timeout=60)
    assert check.returncode == 0 and "documents=3," in check.stdout.replace("\n", ""), check.stdout + check.stderr


def test_hardening_unreadable_write_ahead_log_on_read_only_file_system_is_a_clear_error(
    small_tmpfs: Path, tmp_path: Path
) -> None:
    """A -wal file with changes but no -shm, on a read-only mount: refused (reading the file alone would miss them)."""
    from newsgraph.errors import StoreError
    from newsgraph.store import open_store
    from store.store_samples import make_analysis

    source = tmp_path / "store.db"
    with open_store(str(source)) as store:
        store.add(make_analysis(0))
        assert Path(f"{source}-wal").stat().st_size > 0  # still open: the change is in the log
        for suffix in ("", "-wal"):
            shutil.copyfile(f"{source}{suffix}", f"{small_tmpfs / 'store.db'}{suffix}")
    _remount(small_tmpfs, "ro")
    with pytest.raises(StoreError) as info:
        open_store(str(small_tmpfs / "store.db"), readonly=True)
    assert info.value.code == "NG403" and "write-ahead log" in str(info.value) and "read-only" in str(info.value)


def test_hardening_read_only_store_file_is_a_clear_error(tmp_path: Path) -> None:
    """chmod 0444 (root ignores file modes, so then the read-only opening is what is tested)."""
    from newsgraph.errors import StoreError
    from newsgraph.store import open_store
    from store.store_samples import make_analysis

    db = tmp_path / "ro.db"
    with open_store(str(db)) as store:
        store.add(make_analysis(0))
    db.chmod(0o444)
    if os.geteuid() != 0:
        refused = newsgraph_bounded("ingest", str(write_articles(tmp_path / "in", 1)[0]), "--db", str(db), "-q",
                                    "-w", "1", timeout=120)  # fmt: skip
        assert refused.returncode == 1 and "Traceback" not in refused.stderr
        assert "NG405" in refused.stderr, refused.stderr
    with open_store(str(db), readonly=True) as store:
        for write in (lambda: store.add(make_analysis(1)), lambda: store.put_state("x", {}),
                      lambda: list(store.add_many([make_analysis(2)]))):  # fmt: skip
            with pytest.raises(StoreError) as info:
                write()
            assert info.value.code == "NG405" and "read-only" in str(info.value)
        assert store.check() == [] and store.count_documents() == 1


def test_hardening_store_failure_is_reported_per_document(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Any store error while adding one document (disk full, lock timeout) is that document's failure."""
    from typer.testing import CliRunner

    from newsgraph.cli import app
    from newsgraph.errors import StoreError
    from newsgraph.store import Store

    add = Store.add
    calls = {"n": 0}

    def flaky_add(self: Store, analysis: object) -> str:
        calls["n"] += 1
        if calls["n"] % 2 == 0:
            raise StoreError(f"{self.where}: the disk is full; free space and run again", code="NG404")
        return add(self, analysis)  # type: ignore[arg-type]

    monkeypatch.setattr(Store, "add", flaky_add)
    write_articles(tmp_path / "in", 4, paragraphs=1)
    db = tmp_path / "flaky.db"
    result = CliRunner().invoke(app, ["ingest", str(tmp_path / "in"), "--db", str(db), "-w", "1", "-q"])
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    assert "2 ingested" in result.output and "2 failed" in result.output, result.output
    assert result.output.count("NG404") >= 2
    monkeypatch.setattr(Store, "add", add)
    rerun = CliRunner().invoke(app, ["ingest", str(tmp_path / "in"), "--db", str(db), "-w", "1", "-q"])
    assert "2 ingested, 2 already present" in rerun.output, rerun.output
