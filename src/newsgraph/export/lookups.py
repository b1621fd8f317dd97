"""What an event row refers to (its actors, document, claim, cluster), looked up once and cached.

Caches are keyed by entity or document and bounded, so memory grows with the number of distinct
actors, never with the number of events exported.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass
from typing import Generic, TypeVar

from sqlalchemy import select

from newsgraph.datafiles import read_yaml
from newsgraph.settings import Settings
from newsgraph.store import ActorRow, ClaimRow, Store
from newsgraph.store.schema import documents

K = TypeVar("K")
V = TypeVar("V")
CLUSTER_STATE = "corroborator"


class _Bounded(Generic[K, V]):
    """A least-recently-used cache of at most ``size`` entries."""

    def __init__(self, load: Callable[[K], V], size: int) -> None:
        self._load, self._size, self._items = load, size, OrderedDict[K, V]()

    def __call__(self, key: K) -> V:
        if key in self._items:
            self._items.move_to_end(key)
            return self._items[key]
        value = self._items[key] = self._load(key)
        if len(self._items) > self._size:
            self._items.popitem(last=False)
        return value


@dataclass(frozen=True)
class DocumentMeta:
    id: str
    url: str | None
    source: str
    outlet: str | None
    title: str | None
    published: str | None
    language: str | None


@dataclass(frozen=True)
class ClusterRef:
    id: str
    independent_sources: int


@dataclass(frozen=True)
class Ontology:
    """PLOVER's tables from ``data/plover.yaml``: quad class per type, names of quad classes and roots."""

    quad: dict[str, int]
    quad_names: dict[int, str]
    cameo_roots: dict[str, str]

    @classmethod
    def load(cls, data_dir: str | None = None) -> Ontology:
        quad: dict[str, int] = {}
        quad_names: dict[int, str] = {}
        roots: dict[str, str] = {}
        for _, doc in read_yaml("plover.yaml", data_dir):
            doc = doc or {}
            quad.update({name: int(t["quad"]) for name, t in (doc.get("types") or {}).items() if "quad" in t})
            quad_names.update({int(k): str(v) for k, v in (doc.get("quad_classes") or {}).items()})
            roots.update({str(k): str(v["name"]) for k, v in (doc.get("cameo_roots") or {}).items()})
        return cls(quad, quad_names, roots)


class Lookups:
    """Cached look-ups over one store for one export run."""

    def __init__(self, store: Store, *, settings: Settings | None = None, clusters: bool = True) -> None:
        self.store = store
        self.ontology = Ontology.load((settings.get("data.dir") or None) if settings else None)
        self.actor = _Bounded[str, ActorRow | None](store.actor, 100_000)
        self.document = _Bounded[str, DocumentMeta | None](self._document, 1024)
        self._claims = _Bounded[str, dict[str, ClaimRow]](self._doc_claims, 256)
        self.clusters = _cluster_map(store, settings) if clusters else {}

    def claim(self, document: str, claim_id: str | None) -> ClaimRow | None:
        return self._claims(document).get(claim_id) if claim_id else None

    def _document(self, doc_id: str) -> DocumentMeta | None:
        d = documents.c
        query = select(d.id, d.url, d.source, d.outlet, d.title, d.published_value, d.language).where(d.id == doc_id)
        with self.store.engine.connect() as conn:
            row = conn.execute(query).first()
        return DocumentMeta(*row) if row else None

    def _doc_claims(self, doc_id: str) -> dict[str, ClaimRow]:
        return {c.id: c for c in self.store.claims(document=doc_id, limit=100_000)}


def _cluster_map(store: Store, settings: Settings | None) -> dict[str, ClusterRef]:
    """Event key -> its cluster, when ``newsgraph cluster`` has been run on this store; else empty."""
    if store.get_state(CLUSTER_STATE) is None:
        return {}
    from newsgraph.clustering import load_corroborator

    out: dict[str, ClusterRef] = {}
    for cluster in load_corroborator(store, settings).clusters():
        ref = ClusterRef(cluster.id, cluster.independent_sources)
        for key in cluster.events:
            out[key] = ref
    return out
