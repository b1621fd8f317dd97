"""What one app instance holds: the store, the token, the lazily made Analyzer and Corroborator.

Everything lives on ``app.state.ng`` (no module-level state), so two apps in one process, as the
tests make, never share a store, a token or a rate limit.
"""

from __future__ import annotations

import logging
import threading
import time
from dataclasses import dataclass, field
from typing import Any

from newsgraph.api.errors import ApiError
from newsgraph.api.ratelimit import RateLimiter
from newsgraph.settings import Settings

log = logging.getLogger(__name__)

NO_CLUSTERS = "no clusters yet: run `newsgraph cluster`"
CORROBORATOR_TTL = 60.0  # seconds before clusters are read again


@dataclass
class AppState:
    """Per-app resources; the costly ones are made on first use, once, under a lock."""

    store_url: str | None
    settings: Settings
    token: str | None
    limiter: RateLimiter
    max_body: int
    store: Any = None
    analyzer: Any = None
    corroborator: Any = None
    store_error: str | None = None
    _corroborator_at: float = 0.0
    # The corroborator's clusters, built once per corroborator (it is reloaded every CORROBORATOR_TTL).
    _clusters: tuple[Any, list[Any]] = (None, [])  # (corroborator, its clusters)
    _lock: threading.RLock = field(default_factory=threading.RLock)

    def get_store(self) -> Any:
        """The store, opened on first use; a 503 ApiError when it cannot be opened."""
        if self.store is None:
            with self._lock:
                if self.store is None:
                    self.store = self._open_store()
        return self.store

    def _open_store(self) -> Any:
        try:
            from newsgraph.store import open_store
        except ImportError as exc:  # the store package is not installed or not written yet
            self.store_error = f"the store is not available: {exc}"
            raise ApiError(503, self.store_error) from None
        try:
            return open_store(self.store_url, settings=self.settings)
        except Exception as exc:  # any failure to open is a service problem, said plainly
            self.store_error = f"cannot open the store {self.store_url or '(default)'}: {exc}"
            raise ApiError(503, self.store_error) from None

    def get_analyzer(self) -> Any:
        """The pipeline's Analyzer, loaded on the first write (it loads spaCy: seconds, not ms)."""
        if self.analyzer is None:
            with self._lock:
                if self.analyzer is None:
                    from newsgraph.pipeline import Analyzer

                    self.analyzer = Analyzer.from_settings(self.settings)
        return self.analyzer

    def get_corroborator(self) -> Any | None:
        """The cross-document Corroborator, or None; reloaded now and then as `newsgraph cluster` reruns."""
        now = time.monotonic()
        if self.corroborator is None or now - self._corroborator_at > CORROBORATOR_TTL:
            with self._lock:
                if self.corroborator is None or now - self._corroborator_at > CORROBORATOR_TTL:
                    corroborator, clusters = _load_clusters(self.get_store(), self.settings)
                    self.corroborator = corroborator or False
                    self._clusters = (corroborator, clusters) if corroborator else (None, [])
                    self._corroborator_at = now
        return self.corroborator or None

    def get_clusters(self) -> list[Any]:
        """Every cluster of the current corroborator, built once per (re)load rather than per request."""
        corroborator = self.get_corroborator()
        if corroborator is None:
            return []
        owner, clusters = self._clusters
        if owner is not corroborator:
            with self._lock:
                owner, clusters = self._clusters
                if owner is not corroborator:
                    clusters = list(corroborator.clusters())
                    self._clusters = (corroborator, clusters)
        return clusters

    def close(self) -> None:
        if self.store is not None and hasattr(self.store, "close"):
            self.store.close()
        self.store = None


def _make_corroborator(store: Any, settings: Settings) -> Any | None:
    """The corroborator saved by `newsgraph cluster`, or None when there is none (yet)."""
    return _load_clusters(store, settings)[0]


def _load_clusters(store: Any, settings: Settings) -> tuple[Any | None, list[Any]]:
    """The saved corroborator and its clusters, or (None, []) when there are none (yet)."""
    try:
        from newsgraph.clustering import load_corroborator  # type: ignore[import-not-found]
    except ImportError:
        return None, []
    try:
        corroborator = load_corroborator(store, settings)
        clusters = list(corroborator.clusters())
        return (corroborator, clusters) if clusters else (None, [])
    except Exception as exc:  # a damaged or missing cluster state must not take the pages down
        log.warning("no clusters: %s", exc)
        return None, []
