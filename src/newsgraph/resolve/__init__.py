"""The resolve stage: mentions become entities (actors, places, outlets, weapons) and
temporal expressions become intervals with their precision."""

from newsgraph.resolve.entities import resolve_entities
from newsgraph.resolve.gazetteer import Gazetteer, load_gazetteer
from newsgraph.resolve.times import latest_past_date, resolve_times

READS = ("sentences", "doc.ents", "doc.parse", "document.published")
FILLS = ("entities", "times")

__all__ = ["Gazetteer", "latest_past_date", "load_gazetteer", "resolve_entities", "resolve_times"]
