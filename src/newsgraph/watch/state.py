"""The watch state in the store: sources, seen items, alerts, fired; and the one transaction that
records a document's consequences together.

After a document is stored (its own transaction, by ``Store.add``), one more transaction saves
the updated corroborator, the watcher's per-cluster source counts, the item as seen and every
alert it fired. A crash between the two leaves a stored document the corroborator has not seen;
the watcher finds those at start and finishes them, so nothing is lost and nothing fires twice.

Writers may overlap on PostgreSQL (SQLite lets one in at a time), so a write that depends on what
is there decides in the statement that writes: the corroborator is saved by a compare-and-set on
its ``updated_at`` (an UPDATE, or an INSERT when there was none), and an alert is added with an
INSERT that does nothing on a conflict. Reading first and writing after would let another
process's save land in between and be overwritten unseen, or make the write fail on the key.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import asdict
from typing import Any

from sqlalchemy import case, func, select, update
from sqlalchemy.engine import Connection

from newsgraph.clustering import STATE_NAME
from newsgraph.errors import StoreError
from newsgraph.store.engine import translated_errors
from newsgraph.store.records import now_iso
from newsgraph.store.schema import documents, state, watch_alerts, watch_fired, watch_seen, watch_sources
from newsgraph.store.write import dialect_insert, upsert_state
from newsgraph.watch.filters import AlertFilter
from newsgraph.watch.records import FiredRow, Firing, SavedAlert, SourceState

MEMORY_NAME = "watch.clusters"  # state row: independent sources per cluster as last seen by watch
# Longest URL (UTF-8 bytes) kept as is in watch_seen's key. PostgreSQL refuses an index entry over
# 2704 bytes (a third of a page), so a longer item URL is recorded as "sha256:<hex of the URL>".
SEEN_URL_MAX = 2000


class StaleState(Exception):
    """Someone else (``newsgraph cluster``) saved the corroborator since we loaded it."""


class WatchDB:
    """Reads and writes of the watch tables over one store's engine."""

    def __init__(self, store: Any) -> None:
        self.store = store

    @contextmanager
    def _read(self) -> Iterator[Connection]:
        with translated_errors(self.store.where), self.store.engine.connect() as conn:
            yield conn

    @contextmanager
    def _write(self) -> Iterator[Connection]:
        if self.store.readonly:
            raise StoreError(f"{self.store.where} was opened read-only; watch needs it writable", code="NG405")
        with translated_errors(self.store.where), \
                self.store.engine.connect().execution_options(sqlite_immediate=True) as conn, conn.begin():  # fmt: skip
            yield conn

    # -- sources -------------------------------------------------------------------------------

    def sources(self) -> list[SourceState]:
        with self._read() as conn:
            rows = conn.execute(select(watch_sources).order_by(watch_sources.c.url)).mappings().all()
        return [SourceState(**dict(r)) for r in rows]

    def source(self, url: str) -> SourceState:
        """The saved state of ``url``, or a fresh one (due now)."""
        with self._read() as conn:
            row = conn.execute(select(watch_sources).where(watch_sources.c.url == url)).mappings().first()
        return SourceState(**dict(row)) if row else SourceState(url=url)

    def save_source(self, source: SourceState) -> None:
        values = asdict(source)
        with self._write() as conn:
            stmt = dialect_insert(conn, watch_sources).values(**values)
            conn.execute(stmt.on_conflict_do_update(index_elements=["url"],
                                                    set_={k: v for k, v in values.items() if k != "url"}))

    # -- seen items ----------------------------------------------------------------------------

    def seen_url(self, url: str) -> bool:
        keys = list(dict.fromkeys([seen_key(url), url]))  # a long URL saved as is before its key was hashed
        with self._read() as conn:
            query = select(watch_seen.c.url).where(watch_seen.c.url.in_(keys)).limit(1)
            return conn.execute(query).first() is not None

    def seen(self, url: str, content_hash: str) -> bool:
        """This exact content was taken before, from this URL or another."""
        with self._read() as conn:
            query = select(watch_seen.c.url).where(watch_seen.c.content_hash == content_hash).limit(1)
            return conn.execute(query).first() is not None

    def mark_seen(self, url: str, content_hash: str, source: str, document: str | None, at: float) -> None:
        with self._write() as conn:
            _mark_seen(conn, url, content_hash, source, document, at)

    # -- corroborator state, cluster memory, fired: together --------------------------------------

    def corroborator_token(self) -> str | None:
        """When the corroborator state was last saved (changes when anyone saves it)."""
        with self._read() as conn:
            return conn.execute(select(state.c.updated_at).where(state.c.name == STATE_NAME)).scalar_one_or_none()

    def memory(self) -> dict[str, int]:
        with self._read() as conn:
            data = conn.execute(select(state.c.data).where(state.c.name == MEMORY_NAME)).scalar_one_or_none()
        return {str(k): int(v) for k, v in json.loads(data).items()} if data else {}

    def commit(self, *, token: str | None, corroborator: dict[str, Any], n_docs: int, memory: dict[str, int],
               firings: Sequence[Firing], seen: tuple[str, str, str, str | None, float] | None) -> str:  # fmt: skip
        """Save the corroborator, the cluster memory, the seen item and the firings in one transaction.

        Raises StaleState (and writes nothing) when the corroborator was saved by someone else
        since ``token``; returns the new token.
        """
        with self._write() as conn:
            stamp = now_iso()
            current = _swap_state(conn, STATE_NAME, token, corroborator, n_docs, stamp)
            if current != stamp:
                raise StaleState(f"corroborator saved elsewhere at {current}")
            _put_state(conn, MEMORY_NAME, memory, n_docs, stamp)
            if seen is not None:
                _mark_seen(conn, *seen)
            for firing in firings:
                _insert_fired(conn, firing, stamp)
            return stamp

    def fired_subjects(self, alert: str, subjects: Sequence[str]) -> set[str]:
        """Which of ``subjects`` already fired for ``alert``."""
        if not subjects:
            return set()
        with self._read() as conn:
            query = select(watch_fired.c.subject).where(watch_fired.c.alert == alert,
                                                        watch_fired.c.subject.in_(list(subjects)))
            return set(conn.execute(query).scalars())

    # -- alerts ----------------------------------------------------------------------------------

    def alerts(self) -> list[SavedAlert]:
        with self._read() as conn:
            rows = conn.execute(select(watch_alerts).order_by(watch_alerts.c.name)).all()
        return [SavedAlert(r.name, AlertFilter.from_dict(json.loads(r.filter)), r.created) for r in rows]

    def save_alert(self, alert: SavedAlert, *, replace: bool) -> bool:
        """False when an alert of that name exists and ``replace`` is off."""
        values = {"name": alert.name, "created": alert.created, "filter": json.dumps(alert.filter.to_dict())}
        with self._write() as conn:
            stmt = dialect_insert(conn, watch_alerts).values(**values)
            if replace:
                conn.execute(stmt.on_conflict_do_update(index_elements=["name"],
                                                        set_={k: v for k, v in values.items() if k != "name"}))
                return True
            # one statement: another process adding the same name meanwhile is a conflict, not an error
            conn.execute(stmt.on_conflict_do_nothing(index_elements=["name"]))
            query = select(watch_alerts.c.created).where(watch_alerts.c.name == alert.name)
            return bool(conn.execute(query).scalar_one_or_none() == alert.created)

    def remove_alert(self, name: str) -> bool:
        with self._write() as conn:
            gone = conn.execute(watch_alerts.delete().where(watch_alerts.c.name == name)).rowcount
            conn.execute(watch_fired.delete().where(watch_fired.c.alert == name))
        return bool(gone)

    def counts(self) -> dict[str, tuple[int, int]]:
        """Per alert: (times fired, unread)."""
        with self._read() as conn:
            unread = func.sum(case((watch_fired.c.read.is_(False), 1), else_=0))
            rows = conn.execute(select(watch_fired.c.alert, func.count(), unread).group_by(watch_fired.c.alert)).all()
        return {a: (int(n), int(u or 0)) for a, n, u in rows}

    # -- fired -------------------------------------------------------------------------------------

    def fired(self, *, unread_only: bool = False, pending_only: bool = False, limit: int = 50,
              offset: int = 0) -> list[FiredRow]:  # fmt: skip
        """Fired rows, unread first then newest first (pending ones oldest first, for delivery)."""
        f = watch_fired.c
        query = select(watch_fired)
        if unread_only:
            query = query.where(f.read.is_(False))
        if pending_only:
            query = query.where(f.delivered_at.is_(None)).order_by(f.id)
        else:
            query = query.order_by(f.read, f.fired_at.desc(), f.id.desc())
        with self._read() as conn:
            rows = conn.execute(query.limit(limit).offset(offset)).all()
        return [FiredRow(r.id, r.alert, r.subject, r.fired_at, json.loads(r.payload), bool(r.read), r.delivered_at,
                         r.delivery_error) for r in rows]  # fmt: skip

    def count_fired(self, *, unread_only: bool = False) -> int:
        query = select(func.count()).select_from(watch_fired)
        if unread_only:
            query = query.where(watch_fired.c.read.is_(False))
        with self._read() as conn:
            return int(conn.execute(query).scalar_one())

    def mark_delivered(self, fired_id: int, error: str | None) -> None:
        values = {"delivery_error": error} if error else {"delivered_at": now_iso(), "delivery_error": None}
        with self._write() as conn:
            conn.execute(update(watch_fired).where(watch_fired.c.id == fired_id).values(**values))

    def mark_read(self, ids: Sequence[int], read: bool = True) -> None:
        if ids:
            with self._write() as conn:
                conn.execute(update(watch_fired).where(watch_fired.c.id.in_(list(ids))).values(read=read))

    # -- documents -----------------------------------------------------------------------------

    def document_ids(self) -> list[tuple[str, str]]:
        """(id, ingested_at) of every stored document, in ingest order."""
        with self._read() as conn:
            query = select(documents.c.id, documents.c.ingested_at).order_by(documents.c.ingested_at, documents.c.id)
            return [(i, t) for i, t in conn.execute(query)]

    def ingested_at(self, doc_id: str) -> str | None:
        with self._read() as conn:
            return conn.execute(select(documents.c.ingested_at).where(documents.c.id == doc_id)).scalar_one_or_none()


def _state_text(data: dict[str, Any]) -> str:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


def _put_state(conn: Connection, name: str, data: dict[str, Any], n_docs: int, stamp: str) -> None:
    """The same row ``Store.put_state`` writes, inside the caller's transaction."""
    upsert_state(conn, name, _state_text(data), n_docs, stamp)


def _swap_state(conn: Connection, name: str, token: str | None, data: dict[str, Any], n_docs: int,
                stamp: str) -> str | None:  # fmt: skip
    """Save state ``name`` as of ``stamp`` only if it is still the version saved at ``token``
    (None: no row yet); returns the row's ``updated_at`` after: ``stamp`` when saved.

    One statement decides and writes, so on PostgreSQL a save committed meanwhile, or still in
    flight (the statement waits for it), makes it write nothing rather than overwrite that save
    or fail on the key. The row is updated in place, so a ``Store.put_state`` waiting on it then
    replaces it cleanly. (The row is read back because an INSERT's rowcount is not reliable on
    every driver; the row is ours, locked, until the transaction ends.)
    """
    values = {"data": _state_text(data), "documents": n_docs, "updated_at": stamp}
    if token is None:
        conn.execute(dialect_insert(conn, state).values(name=name, **values).on_conflict_do_nothing(index_elements=["name"]))
    else:
        conn.execute(update(state).where(state.c.name == name, state.c.updated_at == token).values(**values))
    return conn.execute(select(state.c.updated_at).where(state.c.name == name)).scalar_one_or_none()


def seen_key(url: str) -> str:
    """How ``url`` is recorded in watch_seen: itself, or its SHA-256 when longer than SEEN_URL_MAX bytes."""
    data = url.encode("utf-8", "surrogatepass")
    return url if len(data) <= SEEN_URL_MAX else "sha256:" + hashlib.sha256(data).hexdigest()


def _mark_seen(conn: Connection, url: str, content_hash: str, source: str, document: str | None, at: float) -> None:
    stmt = dialect_insert(conn, watch_seen).values(url=seen_key(url), content_hash=content_hash, source=source,
                                            document=document, seen_at=at)  # fmt: skip
    conn.execute(stmt.on_conflict_do_nothing(index_elements=["url", "content_hash"]))


def _insert_fired(conn: Connection, firing: Firing, stamp: str) -> None:
    payload = {**firing.payload, "fired_at": stamp}
    stmt = dialect_insert(conn, watch_fired).values(alert=firing.alert, subject=firing.subject, fired_at=stamp,
                                             payload=json.dumps(payload, ensure_ascii=False), read=False)  # fmt: skip
    conn.execute(stmt.on_conflict_do_nothing(index_elements=["alert", "subject"]))
