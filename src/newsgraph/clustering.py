"""Corroboration over the store: load the saved corroborator, add what is new, save it back.

The corroborator's state is one JSON document in the store's ``state`` table, so clustering
is incremental across runs: ``newsgraph cluster`` only adds documents it has not seen.
"""

from __future__ import annotations

from typing import Any

from newsgraph.corroborate import CorroborationSettings, Corroborator, EventCluster
from newsgraph.settings import Settings, load_settings

STATE_NAME = "corroborator"


def corroboration_settings(settings: Settings | None = None) -> CorroborationSettings:
    """The ``[corroborate]`` section, with the ``[data]`` folder whose outlets.csv names outlets."""
    settings = settings or load_settings()
    values = {"data_dir": settings.section("data").get("dir") or "", **settings.section("corroborate")}
    return CorroborationSettings.from_mapping(values)


def load_corroborator(store: Any, settings: Settings | None = None) -> Corroborator:
    """The corroborator saved in the store, or a new empty one."""
    data = store.get_state(STATE_NAME)
    cs = corroboration_settings(settings)
    return Corroborator.from_dict(data, cs) if data else Corroborator.new(cs)


def cluster_store(store: Any, settings: Settings | None = None) -> list[EventCluster]:
    """Add every stored document the corroborator has not seen, save it, return the clusters."""
    corroborator = load_corroborator(store, settings)
    seen = set(corroborator.state.docs)
    added = 0
    for analysis in store.iter_analyses(exclude=seen):
        corroborator.add(analysis)
        added += 1
    if added or not seen:
        store.put_state(STATE_NAME, corroborator.to_dict(), documents_seen=len(corroborator.state.docs))
    return corroborator.clusters()
