"""Where an export writes: a path (opened and closed here) or a stream the caller owns."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any

Target = str | os.PathLike[str] | IO[Any]


@contextmanager
def text_sink(target: Target) -> Iterator[IO[str]]:
    """A text stream for ``target``; a path is written as UTF-8 and closed after."""
    if isinstance(target, (str, os.PathLike)):
        with Path(target).open("w", encoding="utf-8", newline="") as fh:
            yield fh
    else:
        yield target


@contextmanager
def binary_sink(target: Target) -> Iterator[Any]:
    """A binary stream or path for ``target`` (pyarrow and networkx accept either)."""
    if isinstance(target, (str, os.PathLike)):
        with Path(target).open("wb") as fh:
            yield fh
    else:
        yield getattr(target, "buffer", target)  # sys.stdout -> sys.stdout.buffer
