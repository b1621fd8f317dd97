"""Opening a database by path or URL, and turning driver errors into StoreErrors that say what to do."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import Engine, inspect
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, DBAPIError

from newsgraph.errors import StoreError
from newsgraph.store import postgres, sqlite


def sqlite_path(url_or_path: str) -> str | None:
    """The file path of a SQLite target (a plain path or sqlite:///path); None for other URLs."""
    if url_or_path.startswith("sqlite:"):
        url = make_url(url_or_path)
        if not url.database or url.database == ":memory:":
            raise StoreError("an in-memory SQLite store cannot be shared; give a file path", code="NG403")
        return url.database
    if "://" in url_or_path:
        return None
    return url_or_path


def open_engine(url_or_path: str, *, readonly: bool) -> tuple[Engine, str]:
    """An engine for the target and a printable name for messages (no password)."""
    path = sqlite_path(url_or_path)
    if path is not None:
        path = os.path.expanduser(path)
        _check_sqlite_path(Path(path), readonly=readonly)
        if readonly:
            return _readonly_sqlite_engine(Path(path)), path
        return sqlite.create_sqlite_engine(path, readonly=False), path
    url = postgres.normalise_url(url_or_path)
    try:
        parsed = make_url(url)
    except ArgumentError as exc:
        raise StoreError(f"{url_or_path!r} is neither a file path nor a database URL: {exc}", code="NG403") from None
    if parsed.get_backend_name() != "postgresql":
        raise StoreError(f"{parsed.get_backend_name()} is not supported: use a SQLite file or PostgreSQL",
                         code="NG403")  # fmt: skip
    return postgres.create_pg_engine(url, readonly=readonly), parsed.render_as_string(hide_password=True)


def _readonly_sqlite_engine(path: Path) -> Engine:
    """A read-only engine; on a read-only file system, one that reads the file as immutable.

    A WAL store needs its -shm file even to be read. Where that file is absent and cannot be
    created (a read-only mount), SQLite's ``immutable`` opening reads the file alone, which is
    exact when the write-ahead log is empty: a store closed cleanly has none. A log with changes
    in it cannot be read without the -shm file, so that case is refused, saying why.
    """
    engine = sqlite.create_sqlite_engine(str(path), readonly=True)
    failure = _first_read_failure(engine)
    if failure is None or "unable to open database file" not in failure.lower():
        return engine  # opened; or another fault, which open_store reports as usual
    engine.dispose()
    folder = path.parent if str(path.parent) else Path(".")
    wal, shm = Path(f"{path}-wal"), Path(f"{path}-shm")
    if os.access(folder, os.W_OK) or shm.exists():
        raise StoreError(f"{path}: cannot open the database file read-only ({failure}); check the file's and "
                         f"{shm.name}'s permissions", code="NG403")  # fmt: skip
    if wal.exists() and wal.stat().st_size > 0:
        raise StoreError(f"{path}: its folder {folder} is read-only and its write-ahead log {wal.name} holds "
                         f"changes that SQLite can read only by creating {shm.name} there; open the store once "
                         "where the folder is writable, or copy the .db and -wal files to a writable folder",
                         code="NG403")  # fmt: skip
    engine = sqlite.create_sqlite_engine(str(path), readonly=True, immutable=True)
    failure = _first_read_failure(engine)
    if failure is not None:
        engine.dispose()
        raise StoreError(f"{path}: its folder {folder} is read-only, so SQLite cannot create the {shm.name} file a "
                         f"WAL store needs, and opening the file as immutable failed too: {failure}",
                         code="NG403")  # fmt: skip
    return engine


def _first_read_failure(engine: Engine) -> str | None:
    """The driver's message if reading the schema fails (which opens the WAL index); None if it works."""
    try:
        with engine.connect() as conn:
            inspect(conn).get_table_names()
    except DBAPIError as exc:
        return str(exc.orig)
    return None


def _check_sqlite_path(path: Path, *, readonly: bool) -> None:
    if readonly and not path.is_file():
        raise StoreError(f"{path}: no such store (read-only opening does not create one)", code="NG403")
    if path.is_dir():
        raise StoreError(f"{path} is a directory; give the store's file path", code="NG403")
    folder = path.parent if str(path.parent) else Path(".")
    if not readonly and not folder.is_dir():
        raise StoreError(f"{path}: folder {folder} does not exist; create it first", code="NG403")
    if not readonly and not os.access(folder, os.W_OK):
        # WAL needs the -wal and -shm files beside the database, even to read.
        raise StoreError(f"{path}: folder {folder} is read-only; open the store with readonly=True "
                         "or move it to a writable folder", code="NG405")  # fmt: skip
    if not readonly and path.is_file() and not os.access(path, os.W_OK):
        raise StoreError(f"{path} is read-only; open it with readonly=True", code="NG405")


@contextmanager
def translated_errors(where: str) -> Iterator[None]:
    """Database errors a user can act on, as StoreErrors naming the store and the fix."""
    try:
        yield
    except DBAPIError as exc:
        raise _translate(exc, where) from exc


def _translate(exc: DBAPIError, where: str) -> Exception:
    message = str(exc.orig).lower()
    if "disk is full" in message or "no space left" in message or "could not extend file" in message:
        return StoreError(f"{where}: the disk is full; free space and run again (stored documents are whole)",
                          code="NG404")  # fmt: skip
    if "readonly database" in message or "read-only transaction" in message or "read only" in message:
        return StoreError(f"{where} is read-only here; open it writable to change it", code="NG405")
    if "file is not a database" in message or "not a database" in message:
        return StoreError(f"{where} is not a newsgraph store (not a SQLite database)", code="NG401")
    if "unable to open database" in message:
        return StoreError(f"{where}: cannot open the database file (check the path and permissions)",
                          code="NG403")  # fmt: skip
    if "connection" in message and ("refused" in message or "failed" in message):
        return StoreError(f"{where}: cannot connect to the database server: {exc.orig}", code="NG403")
    if "database is locked" in message:
        return StoreError(f"{where}: the database stayed locked by another writer for "
                          f"{sqlite.BUSY_TIMEOUT_MS // 1000} s; try again", code="NG409")  # fmt: skip
    return exc
