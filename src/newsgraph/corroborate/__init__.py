"""The corroborate stage: across documents, copies, citations, same-event clusters and sources.

``Corroborator.new()`` then ``.add(analysis)`` for each document; ``.clusters()`` gives each
real-world event with its members, its original reporters and how many are independent.
"""

from newsgraph.corroborate.corroborator import Corroborator
from newsgraph.corroborate.records import (
    Contradiction,
    CorroborationSettings,
    CorroborationUpdate,
    EventCluster,
    Family,
    ProvenanceNode,
)

READS = ("analysis.document", "analysis.citations", "analysis.claims", "analysis.events", "analysis.entities")
FILLS = ("families", "clusters")

__all__ = [
    "Contradiction",
    "CorroborationSettings",
    "CorroborationUpdate",
    "Corroborator",
    "EventCluster",
    "Family",
    "ProvenanceNode",
]
