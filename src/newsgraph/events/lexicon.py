"""The event lexicon: trigger words, their PLOVER senses and the cues around them, read from data files.

Words and patterns live in YAML (``data/plover.yaml``, ``data/en/event_verbs.yaml``,
``data/en/event_nouns.yaml``, ``data/en/modality_cues.yaml``, ``data/en/mode_cues.yaml``) so a
user can add a trigger without touching code; a user's same-named file is read after the bundled
one and replaces entries with the same lemma.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from newsgraph.datafiles import read_yaml
from newsgraph.errors import DataFileError

# The condition keys a sense's ``pattern`` may use, with what each checks on the trigger token.
PATTERN_KEYS = {
    "object": "lemma of the direct object (or @actor, @none)",
    "not_object": "lemmas the direct object must not have",
    "prep": "lemma of a preposition attached to the trigger",
    "not_prep": "prepositions that must not be attached (speak *of* X is no meeting)",
    "pobj": "lemma of that preposition's object, or a compound and that lemma (\"sanctions package\")",
    "particle": "lemma of a verb particle (carry *out*)",
    "xcomp": "lemma of an open clausal complement (decline *to comment*)",
    "subject": "@actor: the subject must name an actor; or lemmas of the subject (protesters)",
    "passive": "true or false",
    "modifier": "lemma of a compound or adjective modifier of a noun trigger (*air* strikes)",
}
SENSE_KEYS = {
    "type", "cameo", "mode", "pattern", "target_preps", "source_preps", "destination",
    "symmetric", "location_actor", "object_owner", "weight", "note",
}


@dataclass(frozen=True)
class PloverType:
    """One of PLOVER's 16 event types with its CAMEO root, quad class, modes and default roles."""

    name: str
    cameo: str
    quad: int
    modes: tuple[str, ...]
    target_preps: tuple[str, ...]
    symmetric: bool = False
    location_target: bool = False  # no target named: the country where it happens is hit
    complement_target: bool = False  # "threatened to strike X": the complement's target
    self_targets: bool = True  # false: a target in the source's own country is no target
    min_parties: int = 1  # a meeting needs two
    place_targets: bool = True  # a city after a target preposition is a target, not just where


@dataclass(frozen=True)
class Sense:
    """One reading of a trigger word: the event it codes and when it applies."""

    lemma: str
    pos: str  # verb | noun
    type: str
    cameo: str
    mode: str | None = None
    pattern: tuple[tuple[str, tuple[str, ...]], ...] = ()
    target_preps: tuple[str, ...] = ()
    source_preps: tuple[str, ...] = ()
    destination: bool = False  # "to X" names the place visited and the host (travel, visit)
    symmetric: bool = False
    location_actor: bool = False  # no actor named: the people of the place act (protests)
    object_owner: str | None = None  # source | target: the object's nationality ("Israeli vehicles
    # spotted in X" supplied them; "shot down Russian drones" hit Russia)
    weight: float = 1.0

    def condition(self, key: str) -> tuple[str, ...] | None:
        for k, values in self.pattern:
            if k == key:
                return values
        return None


@dataclass(frozen=True)
class ModalityCues:
    """Words that set an event's modality or negate it, by the syntactic slot they sit in."""

    adverbs: dict[str, str]  # reportedly -> reported
    auxiliaries: dict[str, str]  # will -> planned, could -> possible
    governors: dict[str, str]  # plan (to X) -> planned, threaten (to X) -> threatened
    nouns: dict[str, str]  # threat (of X) -> threatened, denial -> denied
    negators: frozenset[str]  # not, never, no
    negating_governors: frozenset[str]  # refuse (to X), fail (to X)
    conditionals: frozenset[str]  # if, unless
    priority: tuple[str, ...]
    requesting: frozenset[str] = frozenset()  # urge (X to Y): Y is only asked for
    doers: frozenset[str] = frozenset()  # threaten (sanctions): the subject would impose them


@dataclass(frozen=True)
class EventLexicon:
    """Everything the events stage looks up, indexed by lemma for one pass over the tokens."""

    types: dict[str, PloverType]
    verbs: dict[str, tuple[Sense, ...]]
    nouns: dict[str, tuple[Sense, ...]]
    light_verbs: frozenset[str]  # carry out (strikes), hold (talks), reach (an agreement)
    target_verbs: frozenset[str]  # face (sanctions), suffer (attacks): the subject is the target
    modality: ModalityCues
    mode_cues: dict[str, dict[str, str]]  # type -> word -> mode
    instrument_nouns: frozenset[str] = frozenset()  # objects given or used, never targets
    modifier_location: frozenset[str] = frozenset()  # "the Ukraine war": the modifier is the place
    collective_nouns: frozenset[str] = frozenset()  # "a team of X": X acts
    relational_nouns: frozenset[str] = frozenset()  # "the border with X": X is addressed
    agent_nouns: frozenset[str] = frozenset()  # people who act ("officials", "farmers in Poland")
    numbers: dict[str, float] = field(default_factory=dict)  # two -> 2, hundred -> 100
    plural_numbers: dict[str, float] = field(default_factory=dict)  # hundreds (of) -> 100
    qualifiers: tuple[str, ...] = ()  # more than, at least, about
    demonym_blockers: tuple[str, ...] = ("made", "designed", "built", "supplied", "produced")
    forms: dict[str, str] = field(default_factory=dict)  # inflected form -> lemma, for parser slips

    def senses_for(self, lemma: str, text: str, pos: str) -> tuple[Sense, ...]:
        """Senses of a token, by lemma first and by its lower-cased form when the lemma slipped."""
        table = self.verbs if pos == "verb" else self.nouns
        found = table.get(lemma)
        if found is None:
            alias = self.forms.get(text)
            found = table.get(alias) if alias else None
        return found or ()

    @property
    def size(self) -> int:
        return sum(len(s) for s in self.verbs.values()) + sum(len(s) for s in self.nouns.values())


def load_event_lexicon(data_dir: str | None = None) -> EventLexicon:
    """Read the bundled lexicon files and the user's same-named files over them.

    data_dir: the user's data folder (setting ``data.dir``), or None for the bundled files only.
    RETURNS: the lexicon; raises DataFileError naming the file, the entry and the fix.
    """
    types = _load_types(data_dir)
    verbs = _load_senses("en/event_verbs.yaml", "verb", types, data_dir)
    noun_doc = _merged_mapping("en/event_nouns.yaml", data_dir)
    nouns = _senses_from(noun_doc.pop("nouns", {}), "noun", types, "en/event_nouns.yaml")
    light = frozenset(str(w) for w in noun_doc.get("light_verbs", []) or [])
    target_verbs = frozenset(str(w) for w in noun_doc.get("target_verbs", []) or [])
    quantities = _merged_mapping("en/quantity_words.yaml", data_dir)
    return EventLexicon(
        types=types,
        verbs=verbs,
        nouns=nouns,
        light_verbs=light,
        target_verbs=target_verbs,
        modality=_load_modality(data_dir),
        mode_cues=_load_mode_cues(types, data_dir),
        forms=_inflections(verbs, nouns),
        instrument_nouns=frozenset(str(w) for w in noun_doc.get("instrument_nouns", []) or []),
        modifier_location=frozenset(str(w) for w in noun_doc.get("modifier_location", []) or []),
        collective_nouns=frozenset(str(w) for w in noun_doc.get("collective_nouns", []) or []),
        relational_nouns=frozenset(str(w) for w in noun_doc.get("relational_nouns", []) or []),
        agent_nouns=frozenset(str(w) for w in noun_doc.get("agent_nouns", []) or []),
        numbers={str(k): float(v) for k, v in (quantities.get("numbers") or {}).items()},
        plural_numbers={str(k): float(v) for k, v in (quantities.get("plural_of") or {}).items()},
        qualifiers=tuple(sorted((str(q) for q in quantities.get("qualifiers") or []), key=len, reverse=True)),
    )


def _merged_mapping(name: str, data_dir: str | None, *, flat: bool = False) -> dict[str, Any]:
    """A YAML mapping per file, merged: a later file replaces a top-level key (``flat``) or, in a
    section (``nouns:``, ``types:``), the entries with the same key; lists are extended."""
    merged: dict[str, Any] = {}
    for path, doc in read_yaml(name, data_dir):
        if doc is None:
            continue
        if not isinstance(doc, dict):
            raise DataFileError(f"{_short(path)}: expected a mapping at the top level, got "
                                f"{type(doc).__name__}; see the bundled {name}", code="NG303")
        for key, value in doc.items():
            if flat:
                merged[key] = value
            elif isinstance(value, dict) and isinstance(merged.get(key), dict):
                merged[key] = {**merged[key], **value}
            elif isinstance(value, list) and isinstance(merged.get(key), list):
                merged[key] = [*merged[key], *value]
            else:
                merged[key] = value
        merged.setdefault("__files__", []).append(_short(path))
    merged.pop("__files__", None)
    return merged


def _load_types(data_dir: str | None) -> dict[str, PloverType]:
    doc = _merged_mapping("plover.yaml", data_dir).get("types", {})
    types: dict[str, PloverType] = {}
    for name, spec in doc.items():
        if not isinstance(spec, dict) or "cameo" not in spec or "quad" not in spec:
            raise DataFileError(f"data/plover.yaml: type {name!r} needs `cameo` and `quad`; "
                                "add them (e.g. `cameo: \"18\"`, `quad: 4`)", code="NG303")
        types[str(name)] = PloverType(
            name=str(name),
            cameo=str(spec["cameo"]),
            quad=int(spec["quad"]),
            modes=tuple(str(m) for m in spec.get("modes", []) or []),
            target_preps=tuple(str(p) for p in spec.get("target_preps", []) or []),
            symmetric=bool(spec.get("symmetric", False)),
            location_target=bool(spec.get("location_target", False)),
            complement_target=bool(spec.get("complement_target", False)),
            self_targets=bool(spec.get("self_targets", True)),
            min_parties=int(spec.get("min_parties", 1)),
            place_targets=bool(spec.get("place_targets", True)),
        )
    return types


def _load_senses(name: str, pos: str, types: dict[str, PloverType],
                 data_dir: str | None) -> dict[str, tuple[Sense, ...]]:
    return _senses_from(_merged_mapping(name, data_dir, flat=True), pos, types, name)


def _senses_from(doc: dict[str, Any], pos: str, types: dict[str, PloverType],
                 name: str) -> dict[str, tuple[Sense, ...]]:
    out: dict[str, tuple[Sense, ...]] = {}
    for lemma, raw in doc.items():
        entries = raw if isinstance(raw, list) else [raw]
        out[str(lemma).lower()] = tuple(_sense(str(lemma).lower(), pos, e, types, name) for e in entries)
    return out


def _sense(lemma: str, pos: str, entry: Any, types: dict[str, PloverType], name: str) -> Sense:
    where = f"data/{name}: {lemma!r}"
    if isinstance(entry, str):
        entry = {"type": entry}
    if not isinstance(entry, dict):
        raise DataFileError(f"{where} is neither a type name nor a mapping; write "
                            "`{type: AGREE}` or delete the entry", code="NG303")
    unknown = set(entry) - SENSE_KEYS
    if unknown:
        raise DataFileError(f"{where} has unknown key(s) {sorted(unknown)}; use only "
                            f"{sorted(SENSE_KEYS)}", code="NG303")
    kind = entry.get("type")
    if not kind:
        raise DataFileError(f"{where} has no PLOVER type; add `type: AGREE` or delete the entry",
                            code="NG303")
    if kind not in types:
        raise DataFileError(f"{where} has type {kind!r}, which is not a PLOVER type; use one of "
                            f"{', '.join(types)}", code="NG303")
    ptype = types[kind]
    mode = entry.get("mode")
    if mode is not None and ptype.modes and mode not in ptype.modes:
        raise DataFileError(f"{where}: mode {mode!r} is not a mode of {kind}; use one of "
                            f"{', '.join(ptype.modes)} or drop `mode`", code="NG303")
    return Sense(
        lemma=lemma,
        pos=pos,
        type=kind,
        cameo=str(entry.get("cameo") or ptype.cameo),
        mode=mode,
        pattern=_pattern(entry.get("pattern"), where),
        target_preps=tuple(entry.get("target_preps") or ptype.target_preps),
        source_preps=tuple(entry.get("source_preps") or ()),
        destination=bool(entry.get("destination", False)),
        symmetric=bool(entry.get("symmetric", ptype.symmetric)),
        location_actor=bool(entry.get("location_actor", False)),
        object_owner=_object_owner(entry.get("object_owner"), where),
        weight=float(entry.get("weight", 1.0)),
    )


def _object_owner(raw: Any, where: str) -> str | None:
    if raw is None or raw in ("source", "target"):
        return None if raw is None else str(raw)
    raise DataFileError(f"{where}: object_owner must be `source` or `target`, not {raw!r}", code="NG303")


def _pattern(raw: Any, where: str) -> tuple[tuple[str, tuple[str, ...]], ...]:
    if raw is None:
        return ()
    if not isinstance(raw, dict) or not raw:
        raise DataFileError(f"{where}: `pattern` must be a non-empty mapping of "
                            f"{', '.join(PATTERN_KEYS)}; fix it or delete `pattern`", code="NG303")
    out = []
    for key, value in raw.items():
        if key not in PATTERN_KEYS:
            raise DataFileError(f"{where}: pattern key {key!r} is unknown; use one of "
                                f"{', '.join(PATTERN_KEYS)}", code="NG303")
        values = value if isinstance(value, list) else [value]
        if any(isinstance(v, bool) for v in values) and key != "passive":
            raise DataFileError(f"{where}: pattern key {key!r} has a bare yes/no/on/off, which YAML reads "
                                'as true/false; quote it ("on")', code="NG303")
        if not values or any(v in (None, "") for v in values):
            raise DataFileError(f"{where}: pattern key {key!r} is empty (it would match "
                                "everything); give at least one value or delete it", code="NG303")
        out.append((str(key), tuple(str(v).lower() for v in values)))
    return tuple(out)


def _load_modality(data_dir: str | None) -> ModalityCues:
    doc = _merged_mapping("en/modality_cues.yaml", data_dir)

    def table(key: str) -> dict[str, str]:
        out: dict[str, str] = {}
        for modality, words in (doc.get(key) or {}).items():
            for word in words or []:
                out[str(word).lower()] = str(modality)
        return out

    return ModalityCues(
        adverbs=table("adverbs"),
        auxiliaries=table("auxiliaries"),
        governors=table("governors"),
        nouns=table("nouns"),
        negators=frozenset(str(w) for w in doc.get("negators", []) or []),
        negating_governors=frozenset(str(w) for w in doc.get("negating_governors", []) or []),
        conditionals=frozenset(str(w) for w in doc.get("conditionals", []) or []),
        requesting=frozenset(str(w) for w in doc.get("requesting", []) or []),
        doers=frozenset(str(w) for w in doc.get("doers", []) or []),
        priority=tuple(str(m) for m in doc.get("priority", []) or []),
    )


def _load_mode_cues(types: dict[str, PloverType], data_dir: str | None) -> dict[str, dict[str, str]]:
    doc = _merged_mapping("en/mode_cues.yaml", data_dir)
    out: dict[str, dict[str, str]] = {}
    for kind, modes in doc.items():
        if kind not in types:
            raise DataFileError(f"data/en/mode_cues.yaml: {kind!r} is not a PLOVER type; use one of "
                                f"{', '.join(types)}", code="NG303")
        for mode, words in (modes or {}).items():
            if types[kind].modes and mode not in types[kind].modes:
                raise DataFileError(f"data/en/mode_cues.yaml: {kind}.{mode} is not a mode of {kind}; "
                                    f"use one of {', '.join(types[kind].modes)}", code="NG303")
            for word in words or []:
                out.setdefault(kind, {})[str(word).lower()] = str(mode)
    return out


def _inflections(verbs: dict[str, tuple[Sense, ...]], nouns: dict[str, tuple[Sense, ...]]) -> dict[str, str]:
    """Regular inflected forms -> lemma, for tokens whose lemma the tagger got wrong ("raging" -> "rag")."""
    forms: dict[str, str] = {}
    for lemma in verbs:
        stem = lemma[:-1] if lemma.endswith("e") else lemma
        for form in (lemma + "s", lemma + "es", stem + "ed", stem + "ing", lemma + "d"):
            forms.setdefault(form, lemma)
        if lemma.endswith("y"):
            forms.setdefault(lemma[:-1] + "ied", lemma)
            forms.setdefault(lemma[:-1] + "ies", lemma)
    for lemma in nouns:
        forms.setdefault(lemma + "s", lemma)
        forms.setdefault(lemma + "es", lemma)
    return forms


def _short(path: Path) -> str:
    parts = path.parts
    return "/".join(parts[parts.index("data"):]) if "data" in parts else str(path)
