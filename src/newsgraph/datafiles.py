"""Lexicons and gazetteers are data files: the bundled ones, then a user's folder over them.

A user extends a table by putting a file of the same name (``outlets.csv``,
``en/event_verbs.yaml``) in their data folder (setting ``data.dir``); its rows are read after
the bundled rows, so they add entries and, where a loader keys rows by name, replace them.
"""

from __future__ import annotations

import csv
from collections.abc import Iterator
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from newsgraph.errors import DataFileError

# libyaml's loader parses the lexicons about seven times faster (a worker's start-up); the pure-Python
# loader is the fallback where PyYAML was built without it.
SAFE_LOADER: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def data_paths(name: str, data_dir: str | Path | None = None) -> list[Path]:
    """The bundled file ``name`` (relative to ``newsgraph/data``) and the user's, if present."""
    bundled = Path(str(resources.files("newsgraph").joinpath("data", name)))
    paths = [bundled] if bundled.is_file() else []
    if data_dir:
        user = Path(data_dir) / name
        if user.is_file():
            paths.append(user)
    if not paths:
        raise DataFileError(f"data file {name!r} is missing from the package and from {data_dir!r}",
                            code="NG301")
    return paths


def read_csv(name: str, data_dir: str | Path | None = None) -> Iterator[tuple[Path, int, dict[str, str]]]:
    """Rows of a CSV table as dicts, with the file and line they came from (for error messages).

    Lines starting with ``#`` are comments (sources and notes live there).
    """
    for path in data_paths(name, data_dir):
        with path.open(encoding="utf-8", newline="") as fh:
            numbered = [(n, line) for n, line in enumerate(fh, 1) if not line.lstrip().startswith("#")]
        reader = csv.DictReader(line for _, line in numbered)
        for row in reader:
            # report the file's own line number, comment lines included (fields never span lines here)
            yield path, numbered[reader.line_num - 1][0], {k: (v or "").strip() for k, v in row.items() if k}


def read_yaml(name: str, data_dir: str | Path | None = None) -> Iterator[tuple[Path, Any]]:
    """Each YAML file for ``name``, parsed, bundled first."""
    for path in data_paths(name, data_dir):
        try:
            yield path, yaml.load(path.read_text(encoding="utf-8"), Loader=SAFE_LOADER)
        except yaml.YAMLError as exc:
            raise DataFileError(f"{path}: not valid YAML: {exc}", code="NG302") from None
