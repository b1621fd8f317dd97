"""One id per outlet, whatever a document calls it: masthead, alias, web domain or credit line.

"Reuters", "Thomson Reuters" and "reuters.com" are one outlet, and so are "AP News", "the
Associated Press" and an AP credit the attribution stage took for a person
(``person:associated-press``). Names, aliases and domains come from the outlet gazetteer
(``data/outlets.csv``, a user's data folder over it); an outlet it does not know keeps the slug
of its name (``outlet:daily-courier``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from newsgraph.corroborate.citations import OUTLET_PREFIX, outlet_id, slugify
from newsgraph.datafiles import read_csv
from newsgraph.errors import DataFileError

# Entity kinds an outlet's name is sometimes mistaken for: a credit line read as a person or a body.
_MISTAKEN_PREFIXES = ("person:", "org:", "group:")
_DOMAIN = re.compile(r"^(?:https?://)?(?:www\.)?([a-z0-9-]+(?:\.[a-z0-9-]+)+)(?:[/:?#]|$)", re.IGNORECASE)
_ARTICLE = re.compile(r"^the-")


@dataclass(frozen=True)
class OutletIndex:
    """Outlet ids by name slug (with and without a leading "the") and by web domain."""

    names: dict[str, str] = field(default_factory=dict)
    domains: dict[str, str] = field(default_factory=dict)
    agencies: frozenset[str] = frozenset()

    def by_name(self, name: str) -> str | None:
        slug = slugify(name)
        return self.names.get(slug) or self.names.get(_ARTICLE.sub("", slug))

    def by_domain(self, text: str | None) -> str | None:
        """The outlet of a URL or bare domain (``apnews.com``, ``https://www.reuters.com/world/...``)."""
        domain = domain_of(text)
        while domain:
            if domain in self.domains:
                return self.domains[domain]
            _, _, domain = domain.partition(".")  # edition.cnn.com -> cnn.com
            if "." not in domain:
                return None
        return None

    def canonical(self, name_or_id: str | None, url: str | None = None) -> str | None:
        """The outlet id a name, outlet id or URL stands for; None when it names no outlet."""
        if not name_or_id:
            return self.by_domain(url)
        text = name_or_id.strip()
        if text.startswith(OUTLET_PREFIX):
            slug = text[len(OUTLET_PREFIX) :]
            return (
                self.names.get(slug) or self.names.get(_ARTICLE.sub("", slug)) or self.by_domain(url) or text
            )
        if text.startswith(_MISTAKEN_PREFIXES):
            slug = text.split(":", 1)[1]
            return self.names.get(slug)  # only a known outlet: a person is a person otherwise
        if ":" not in text and _DOMAIN.match(text) and " " not in text:
            return self.by_domain(text)
        return self.by_name(text) or self.by_domain(url) or outlet_id(text)

    def source(self, source: str | None) -> str | None:
        """An event's source as an outlet id when it names an outlet, else as it is."""
        if not source:
            return source
        if source.startswith(OUTLET_PREFIX):
            return self.canonical(source)
        if source.startswith(_MISTAKEN_PREFIXES):
            return self.names.get(source.split(":", 1)[1]) or source
        return self.known(source) or source

    def known(self, text: str | None) -> str | None:
        """The gazetteer outlet a free-text source names ("reuters.com", "Thomson Reuters"), else None."""
        if not text or ":" in text.replace("://", ""):
            return None
        return (
            self.by_domain(text)
            if " " not in text.strip() and _DOMAIN.match(text.strip())
            else self.by_name(text)
        )

    def is_agency(self, outlet: str | None) -> bool:
        return outlet in self.agencies


def domain_of(text: str | None) -> str | None:
    if not text:
        return None
    m = _DOMAIN.match(text.strip())
    return m[1].lower() if m else None


@lru_cache(maxsize=8)
def load_outlet_index(data_dir: str | None = None) -> OutletIndex:
    """The outlet gazetteer as an index; empty (slugs only) when the table is not there."""
    names: dict[str, str] = {}
    domains: dict[str, str] = {}
    agencies: set[str] = set()
    try:
        rows = list(read_csv("outlets.csv", data_dir or None))
    except (DataFileError, OSError):
        rows = []
    for _path, _line, row in rows:
        if not row.get("id") or not row.get("name"):
            continue
        oid = OUTLET_PREFIX + row["id"]
        for alias in (row["name"], *filter(None, (a.strip() for a in row.get("aliases", "").split("|")))):
            slug = slugify(alias)
            if slug:
                names[slug] = oid  # later rows (a user's file) win over the bundled ones
                names.setdefault(_ARTICLE.sub("", slug), oid)
        domain = domain_of(row.get("url"))
        if domain:
            domains[domain] = oid
        if row.get("kind") == "agency":
            agencies.add(oid)
    names.update({slugify(row["id"]): OUTLET_PREFIX + row["id"] for _p, _l, row in rows if row.get("id")})
    return OutletIndex(names, domains, frozenset(agencies))
