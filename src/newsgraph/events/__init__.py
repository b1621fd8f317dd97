"""The events stage: sentences become PLOVER events (type, mode, actors, time, place, quantity,
modality, negation, confidence) from a lexicon of trigger words and dependency patterns."""

from newsgraph.events.extract import extract_events
from newsgraph.events.lexicon import EventLexicon, load_event_lexicon

READS = ("doc.parse", "sentences", "entities", "times", "document.authors")
FILLS = ("events",)

__all__ = ["EventLexicon", "extract_events", "load_event_lexicon"]
