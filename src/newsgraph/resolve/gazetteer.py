"""Gazetteers: countries, places, organisations, outlets, weapons, leaders, titles and blocs.

All of it is data (``newsgraph/data``), read once per worker through ``newsgraph.datafiles`` so a
user's folder can add or replace rows. Loading only parses the files; the spaCy phrase matchers are
built on first use and cached in the ``Gazetteer`` per vocabulary, so loading stays fast and no
state is global.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from spacy.matcher import PhraseMatcher
from spacy.vocab import Vocab

from newsgraph.datafiles import read_csv, read_yaml
from newsgraph.errors import DataFileError

ROLES = frozenset({
    "GOV", "MIL", "MED", "CVL", "BUS", "IGO", "REB", "OPP", "JUD", "LEG", "COP", "SPY", "EDU",
    "REL", "NGO", "IMG", "LAB", "AGR", "HLH", "CRM", "ELI", "MOD", "RAD", "UAF",
})  # fmt: skip
KEY_SEP = "|"


@dataclass(frozen=True)
class Country:
    iso3: str
    name: str
    aliases: tuple[str, ...] = ()
    demonyms: tuple[str, ...] = ()
    metonyms: tuple[tuple[str, str | None], ...] = ()  # (surface, implied role)
    capital: str = ""
    lat: float | None = None
    lon: float | None = None


@dataclass(frozen=True)
class Place:
    id: str
    name: str
    aliases: tuple[str, ...]
    country: str | None
    kind: str
    lat: float | None
    lon: float | None
    population: int = 0


@dataclass(frozen=True)
class Organization:
    id: str
    name: str
    aliases: tuple[str, ...]
    kind: str
    country: str | None
    role: str | None
    generic: tuple[str, ...] = ()  # names other bodies share ("Security Council")
    metonyms: tuple[str, ...] = ()  # places that stand for it when they act ("Europe", "Brussels")


@dataclass(frozen=True)
class Outlet:
    id: str
    name: str
    aliases: tuple[str, ...]
    country: str | None
    kind: str
    url: str = ""


@dataclass(frozen=True)
class Weapon:
    id: str
    name: str
    aliases: tuple[str, ...]
    kind: str
    country: str | None
    ambiguous: bool = False


@dataclass(frozen=True)
class Leader:
    name: str
    aliases: tuple[str, ...]
    country: str | None
    role: str | None


@dataclass(frozen=True)
class TitleRule:
    """Words that give a person or group a CAMEO role; ``group`` names the group id suffix."""

    role: str
    group: str
    patterns: tuple[tuple[str, ...], ...]


@dataclass(frozen=True)
class Bloc:
    id: str
    words: tuple[str, ...]
    names: tuple[str, ...] = ()


@dataclass
class Gazetteer:
    """Every table the entity resolver needs, with phrase matchers built lazily per vocab."""

    countries: dict[str, Country]
    places: dict[str, Place]
    organizations: dict[str, Organization]
    outlets: dict[str, Outlet]
    weapons: dict[str, Weapon]
    leaders: dict[str, Leader]
    titles: tuple[TitleRule, ...]
    blocs: tuple[Bloc, ...]
    weapon_cues: frozenset[str]
    _matchers: dict[int, tuple[PhraseMatcher, PhraseMatcher]] = field(default_factory=dict, repr=False)
    _leader_index: dict[str, Leader] | None = field(default=None, repr=False)
    _outlet_index: dict[str, Outlet] | None = field(default=None, repr=False)
    _leader_starts: dict[str, int] | None = field(default=None, repr=False)
    _title_index: dict[str, list[tuple[int, tuple[str, ...]]]] | None = field(default=None, repr=False)
    _designations: dict[tuple[str, ...], dict[str, str]] | None = field(default=None, repr=False)
    _places_by_upper: dict[str, tuple[str, ...]] | None = field(default=None, repr=False)
    _honorifics: frozenset[str] = frozenset({"mr", "mrs", "ms", "miss", "dr", "sir", "dame", "mr.",
                                             "mrs.", "ms.", "dr.", "lord", "lady"})

    def matchers_for(self, vocab: Vocab) -> tuple[PhraseMatcher, PhraseMatcher]:
        """(case-sensitive names matcher, lower-case weapons matcher) for this vocab, built once."""
        key = id(vocab)
        if key not in self._matchers:
            self._matchers[key] = _build_matchers(self, vocab)
        return self._matchers[key]

    def leader(self, name: str) -> Leader | None:
        """The known leader a name or alias refers to, if any."""
        if self._leader_index is None:
            index: dict[str, Leader] = {}
            for leader in self.leaders.values():
                for alias in (leader.name, *leader.aliases):
                    index.setdefault(fold(alias), leader)
            self._leader_index = index
        return self._leader_index.get(fold(name))

    def leader_starts(self) -> dict[str, int]:
        """First word (folded) of every leader name and alias -> the most words such a name has."""
        if self._leader_starts is None:
            self.leader("")
            starts: dict[str, int] = {}
            for alias in self._leader_index or ():
                words = alias.split()
                starts[words[0]] = max(starts.get(words[0], 0), len(words))
            self._leader_starts = starts
        return self._leader_starts

    def weapon_designations(self) -> dict[tuple[str, ...], dict[str, str]]:
        """Weapon name variants that carry a number ("arrow-4"), by their numbers: variant -> weapon id."""
        if self._designations is None:
            choices = {v: w.id for w in self.weapons.values() for a in (w.name, *w.aliases)
                       for v in weapon_variants(a) if re.search(r"\d", v)}
            index: dict[tuple[str, ...], dict[str, str]] = {}
            for variant, weapon in choices.items():
                index.setdefault(tuple(re.findall(r"\d+", variant)), {})[variant] = weapon
            self._designations = index
        return self._designations

    def title_index(self) -> dict[str, list[tuple[int, tuple[str, ...]]]]:
        """Title patterns by their first word, with the rank (priority) of their rule."""
        if self._title_index is None:
            index: dict[str, list[tuple[int, tuple[str, ...]]]] = {}
            for rank, rule in enumerate(self.titles):
                for pattern in rule.patterns:
                    index.setdefault(pattern[0], []).append((rank, pattern))
            self._title_index = index
        return self._title_index

    def places_in_capitals(self) -> dict[str, tuple[str, ...]]:
        """Country and place names in capitals ("KYIV", "GAZA CITY") -> their match keys, for
        datelines and headlines written in capitals."""
        if self._places_by_upper is None:
            index: dict[str, list[str]] = {}
            for key, surface in name_surfaces(self):
                if split_key(key)[0] in ("country", "place") and surface != surface.upper():
                    index.setdefault(surface.upper(), []).append(key)
            self._places_by_upper = {name: tuple(dict.fromkeys(keys)) for name, keys in index.items()}
        return self._places_by_upper

    def outlet(self, name: str) -> Outlet | None:
        """The outlet a masthead, alias or credit names ("AFP", "Washington Post"), if known."""
        if self._outlet_index is None:
            index: dict[str, Outlet] = {}
            for outlet in self.outlets.values():
                for alias in (outlet.name, *outlet.aliases):
                    index.setdefault(fold(_without_the(alias)), outlet)
            self._outlet_index = index
        return self._outlet_index.get(fold(_without_the(name.strip())))

    def is_honorific(self, word: str) -> bool:
        return word.lower() in self._honorifics


def load_gazetteer(data_dir: str | None = None) -> Gazetteer:
    """Load the bundled gazetteers and a user's folder over them (same file names add or replace rows)."""
    return Gazetteer(
        countries=_load_countries(data_dir),
        places=_load_places(data_dir),
        organizations=_load_organizations(data_dir),
        outlets=_load_outlets(data_dir),
        weapons=_load_weapons(data_dir),
        leaders=_load_leaders(data_dir),
        titles=_load_titles(data_dir),
        blocs=_load_blocs(data_dir),
        weapon_cues=_load_weapon_cues(data_dir),
    )


# --- small helpers shared with the resolver -------------------------------------------------


@lru_cache(maxsize=65536)  # a pure function called for every name and word looked up
def fold(text: str) -> str:
    """Case- and accent-insensitive form of a name, for lookups."""
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"\s+", " ", text.replace("\u2019", "'")).strip().lower()


def slugify(text: str) -> str:
    """Stable id part: ascii, lower case, words joined by hyphens."""
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def make_key(kind: str, ident: str, extra: str = "") -> str:
    return KEY_SEP.join((kind, ident, extra))


def split_key(key: str) -> tuple[str, str, str]:
    kind, ident, extra = key.split(KEY_SEP)
    return kind, ident, extra


# --- loading ----------------------------------------------------------------------------------


def _split(value: str) -> tuple[str, ...]:
    return tuple(v.strip() for v in value.split("|") if v.strip())


def _float(value: str, path: Path, line: int, column: str) -> float | None:
    if not value:
        return None
    try:
        return float(value)
    except ValueError:
        raise DataFileError(f"{path} line {line}: {column} {value!r} is not a number; write a decimal "
                            "degree such as 35.69 or leave it empty", code="NG310") from None


def _require(row: dict[str, str], columns: Iterable[str], path: Path, line: int) -> None:
    for column in columns:
        if not row.get(column):
            raise DataFileError(f"{path} line {line}: the {column!r} column is empty; fill it in or "
                                "delete the row", code="NG311")


def _country_code(value: str, path: Path, line: int) -> str | None:
    if not value:
        return None
    if not re.fullmatch(r"[A-Z]{3}", value):
        raise DataFileError(f"{path} line {line}: country {value!r} is not an ISO 3166 alpha-3 code; "
                            "write three capitals such as RUS", code="NG312")
    return value


def _role(value: str, path: Path, line: int) -> str | None:
    if not value:
        return None
    if value not in ROLES:
        raise DataFileError(f"{path} line {line}: role {value!r} is not a CAMEO role code; use one of "
                            f"{', '.join(sorted(ROLES))}", code="NG313")
    return value


def _load_countries(data_dir: str | None) -> dict[str, Country]:
    out: dict[str, Country] = {}
    for path, line, row in read_csv("countries.csv", data_dir):
        _require(row, ("iso3", "name"), path, line)
        iso3 = _country_code(row["iso3"], path, line) or ""
        metonyms = []
        for item in _split(row.get("metonyms", "")):
            surface, _, role = item.partition(":")
            metonyms.append((surface.strip(), _role(role.strip(), path, line)))
        out[iso3] = Country(
            iso3=iso3, name=row["name"], aliases=_split(row.get("aliases", "")),
            demonyms=_split(row.get("demonyms", "")), metonyms=tuple(metonyms),
            capital=row.get("capital", ""), lat=_float(row.get("lat", ""), path, line, "lat"),
            lon=_float(row.get("lon", ""), path, line, "lon"),
        )
    return out


def _load_places(data_dir: str | None) -> dict[str, Place]:
    out: dict[str, Place] = {}
    for path, line, row in read_csv("places.csv", data_dir):
        _require(row, ("id", "name"), path, line)
        out[row["id"]] = Place(
            id=row["id"], name=row["name"], aliases=_split(row.get("aliases", "")),
            country=_country_code(row.get("country", ""), path, line), kind=row.get("kind") or "city",
            lat=_float(row.get("lat", ""), path, line, "lat"), lon=_float(row.get("lon", ""), path, line, "lon"),
            population=int(row.get("population") or 0),
        )
    return out


def _load_organizations(data_dir: str | None) -> dict[str, Organization]:
    out: dict[str, Organization] = {}
    for path, line, row in read_csv("organizations.csv", data_dir):
        _require(row, ("id", "name"), path, line)
        out[row["id"]] = Organization(
            id=row["id"], name=row["name"], aliases=_split(row.get("aliases", "")),
            kind=row.get("kind") or "other", country=_country_code(row.get("country", ""), path, line),
            role=_role(row.get("role", ""), path, line), generic=_split(row.get("generic", "")),
            metonyms=_split(row.get("metonyms", "")),
        )
    return out


def _load_outlets(data_dir: str | None) -> dict[str, Outlet]:
    out: dict[str, Outlet] = {}
    for path, line, row in read_csv("outlets.csv", data_dir):
        _require(row, ("id", "name"), path, line)
        out[row["id"]] = Outlet(
            id=row["id"], name=row["name"], aliases=_split(row.get("aliases", "")),
            country=_country_code(row.get("country", ""), path, line), kind=row.get("kind") or "newspaper",
            url=row.get("url", ""),
        )
    return out


def _load_weapons(data_dir: str | None) -> dict[str, Weapon]:
    out: dict[str, Weapon] = {}
    for path, line, row in read_csv("weapons.csv", data_dir):
        _require(row, ("id", "name", "kind"), path, line)
        out[row["id"]] = Weapon(
            id=row["id"], name=row["name"], aliases=_split(row.get("aliases", "")), kind=row["kind"],
            country=_country_code(row.get("country", ""), path, line),
            ambiguous=row.get("ambiguous", "0") in ("1", "yes", "true"),
        )
    return out


def _load_leaders(data_dir: str | None) -> dict[str, Leader]:
    out: dict[str, Leader] = {}
    for path, line, row in read_csv("leaders.csv", data_dir):
        _require(row, ("name",), path, line)
        out[fold(row["name"])] = Leader(
            name=row["name"], aliases=_split(row.get("aliases", "")),
            country=_country_code(row.get("country", ""), path, line), role=_role(row.get("role", ""), path, line),
        )
    return out


def _load_titles(data_dir: str | None) -> tuple[TitleRule, ...]:
    files = list(read_yaml("en/titles.yaml", data_dir))
    rules: list[TitleRule] = []
    # A user's file comes first: its entries take priority over the bundled ones.
    for path, data in reversed(files):
        entries = (data or {}).get("titles")
        if not isinstance(entries, list):
            raise DataFileError(f"{path}: expected a top-level `titles:` list of entries with `role` "
                                "and `patterns`", code="NG314")
        for n, entry in enumerate(entries, 1):
            rules.append(_title_rule(entry, path, n))
    return tuple(rules)


def _title_rule(entry: Any, path: Path, n: int) -> TitleRule:
    where = f"{path}: titles entry {n}"
    if not isinstance(entry, dict) or "role" not in entry or not entry.get("patterns"):
        raise DataFileError(f"{where}: needs `role: CODE` and a non-empty `patterns: [...]`", code="NG315")
    role = str(entry["role"])
    if role not in ROLES:
        raise DataFileError(f"{where}: role {role!r} is not a CAMEO role code; use one of "
                            f"{', '.join(sorted(ROLES))}", code="NG313")
    patterns = []
    for pattern in entry["patterns"]:
        words = tuple(str(pattern or "").lower().split())
        if not words:
            # An empty pattern would match every phrase: refuse it, as trafilatura's helpers do.
            raise DataFileError(f"{where}: an empty pattern would match everything; delete it",
                                code="NG316")
        patterns.append(words)
    return TitleRule(role=role, group=str(entry.get("group") or role.lower()), patterns=tuple(patterns))


def _load_blocs(data_dir: str | None) -> tuple[Bloc, ...]:
    blocs: dict[str, Bloc] = {}
    for path, data in read_yaml("en/groups.yaml", data_dir):
        for n, entry in enumerate((data or {}).get("blocs") or [], 1):
            words = tuple(str(w) for w in (entry or {}).get("words") or [] if str(w).strip())
            if not isinstance(entry, dict) or not entry.get("id") or not words:
                raise DataFileError(f"{path}: blocs entry {n} needs an `id` and non-empty `words`",
                                    code="NG317")
            names = tuple(str(w) for w in entry.get("names") or [] if str(w).strip())
            blocs[str(entry["id"])] = Bloc(id=slugify(str(entry["id"])), words=words, names=names)
    return tuple(blocs.values())


def _load_weapon_cues(data_dir: str | None) -> frozenset[str]:
    cues: set[str] = set()
    for path, data in read_yaml("en/weapon_cues.yaml", data_dir):
        for cue in (data or {}).get("cues") or []:
            if not str(cue or "").strip():
                raise DataFileError(f"{path}: an empty cue would match every sentence; delete it",
                                    code="NG318")
            cues.add(str(cue).strip().lower())
    return frozenset(cues)


# --- phrase matchers ----------------------------------------------------------------------------


def _without_the(alias: str) -> str:
    return re.sub(r"^(?:the|The)\s+", "", alias)


def name_surfaces(gaz: Gazetteer) -> Iterator[tuple[str, str]]:
    """(match key, surface text) for every case-sensitive name the resolver looks for."""
    for country in gaz.countries.values():
        for alias in (country.name, *country.aliases):
            yield make_key("country", country.iso3), _without_the(alias)
        for demonym in country.demonyms:
            yield make_key("demonym", country.iso3), demonym
            if demonym.endswith(("an", "i")):  # Russians, Israelis: people of the country
                yield make_key("demonym", country.iso3), demonym + "s"
        for surface, role in country.metonyms:
            yield make_key("metonym", country.iso3, role or ""), _without_the(surface)
    for place in gaz.places.values():
        for alias in (place.name, *place.aliases):
            yield make_key("place", place.id), _without_the(alias)
    for org in gaz.organizations.values():
        for alias in (org.name, *org.aliases):
            yield make_key("org", org.id), _without_the(alias)
        for alias in org.generic:
            yield make_key("org", org.id, "generic"), _without_the(alias)
        for surface in org.metonyms:
            yield make_key("orgmetonym", org.id), _without_the(surface)
    for outlet in gaz.outlets.values():
        for alias in (outlet.name, *outlet.aliases):
            core = _without_the(alias)
            if core != alias and " " not in core:  # "The Hill": "Hill" alone is a common word
                yield make_key("outlet", outlet.id), "The " + core
                yield make_key("outlet", outlet.id), "the " + core
            else:
                yield make_key("outlet", outlet.id), core
    for bloc in gaz.blocs:
        for word in bloc.words:
            yield make_key("bloc", bloc.id), word
        for name in bloc.names:
            yield make_key("blocname", bloc.id), _without_the(name)


def weapon_surfaces(gaz: Gazetteer) -> Iterator[tuple[str, str]]:
    """(match key, lower-case surface) for weapons, with "-" and " " before a number interchangeable."""
    for weapon in gaz.weapons.values():
        for alias in (weapon.name, *weapon.aliases):
            for variant in weapon_variants(alias):
                yield make_key("weapon", weapon.id), variant


def weapon_variants(alias: str) -> set[str]:
    low = alias.lower()
    return {low, re.sub(r"(?<=[a-z])-(?=\d)", " ", low), re.sub(r"(?<=[a-z]) (?=\d)", "-", low)}


def _build_matchers(gaz: Gazetteer, vocab: Vocab) -> tuple[PhraseMatcher, PhraseMatcher]:
    from spacy.lang.en import English

    tokenizer = English(vocab=vocab).tokenizer
    names = PhraseMatcher(vocab, attr="ORTH")
    _add_all(names, tokenizer, name_surfaces(gaz))
    weapons = PhraseMatcher(vocab, attr="LOWER")
    _add_all(weapons, tokenizer, weapon_surfaces(gaz))
    return names, weapons


def _add_all(matcher: PhraseMatcher, tokenizer: Any, surfaces: Iterable[tuple[str, str]]) -> None:
    by_key: dict[str, set[str]] = {}
    for key, surface in surfaces:
        if surface.strip():
            by_key.setdefault(key, set()).add(surface)
    texts = sorted({s for group in by_key.values() for s in group})
    docs = dict(zip(texts, tokenizer.pipe(texts), strict=True))
    for key, group in by_key.items():
        matcher.add(key, [docs[s] for s in sorted(group)])
