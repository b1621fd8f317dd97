"""Near-duplicate families: the same wire story on many sites, with other headlines and small edits.

MinHash signatures over word shingles of the clean text go into a datasketch ``MinHashLSH``; each
new document is queried before it is inserted, so finding its copies costs about the same however
many documents came before. Signatures are kept as plain integers so the index can be rebuilt
from the saved state without the texts.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from datasketch import LeanMinHash, MinHash, MinHashLSH

from newsgraph.corroborate.records import CorroborationSettings

Earlier = Callable[[str, str], bool]
_WORD = re.compile(r"\w+", re.UNICODE)


def shingles(text: str, size: int) -> set[bytes]:
    """Lower-cased word ``size``-grams of ``text`` (the whole text when it is shorter)."""
    words = _WORD.findall(text.lower())
    if not words:
        return set()
    if len(words) <= size:
        return {" ".join(words).encode("utf-8")}
    return {" ".join(words[i : i + size]).encode("utf-8") for i in range(len(words) - size + 1)}


def signature(
    text: str, settings: CorroborationSettings, permutations: Any = None
) -> LeanMinHash | None:
    """The MinHash of a text's shingles, or None for an empty text (it can copy nothing).

    ``permutations`` from an earlier MinHash of the same settings saves recomputing them.
    """
    grams = shingles(text, settings.shingle_size)
    if not grams:
        return None
    mh = MinHash(
        num_perm=settings.num_perm, seed=settings.seed, scheme=settings.minhash_scheme, permutations=permutations
    )
    mh.update_batch(sorted(grams))
    return LeanMinHash(mh)


def similarity(a: LeanMinHash | None, b: LeanMinHash | None) -> float:
    """Estimated Jaccard similarity of two signatures (0 when either is missing)."""
    if a is None or b is None:
        return 0.0
    return float(np.count_nonzero(a.hashvalues == b.hashvalues)) / len(a.hashvalues)


def family_id(first_member: str) -> str:
    """A family's id: stable, from the first document seen in it."""
    return "f" + hashlib.sha256(first_member.encode("utf-8")).hexdigest()[:12]


@dataclass
class FamilyState:
    """A family while it grows; ``members`` in the order they were seen."""

    id: str
    members: list[str]
    original: str
    seq: int = 0


@dataclass
class CopyIndex:
    """Documents' signatures, the LSH over them, and the families they form."""

    settings: CorroborationSettings
    signatures: dict[str, LeanMinHash] = field(default_factory=dict)
    family_of: dict[str, str] = field(default_factory=dict)
    families: dict[str, FamilyState] = field(default_factory=dict)
    lsh: MinHashLSH | None = None

    def __post_init__(self) -> None:
        if self.lsh is None:
            self.lsh = MinHashLSH(threshold=self.settings.copy_threshold, num_perm=self.settings.num_perm)
        s = self.settings
        self._permutations = MinHash(num_perm=s.num_perm, seed=s.seed, scheme=s.minhash_scheme).permutations

    def signature(self, text: str) -> LeanMinHash | None:
        """A text's signature under this index's settings."""
        return signature(text, self.settings, self._permutations)

    def add(self, doc_id: str, sig: LeanMinHash | None, *, earlier: Earlier) -> tuple[str, bool]:
        """File a document in its family (a new one when it copies nothing); returns (family id, merged).

        ``earlier(a, b)`` says whether document ``a`` was published before ``b``; it picks originals.
        """
        assert self.lsh is not None
        matches: list[str] = []
        if sig is not None:
            for other in sorted(self.lsh.query(sig)):
                if similarity(sig, self.signatures[other]) >= self.settings.copy_threshold:
                    matches.append(other)
            self.signatures[doc_id] = sig
            self.lsh.insert(doc_id, sig, check_duplication=False)
        fams = _unique(self.family_of[m] for m in matches)
        if not fams:
            fam = FamilyState(family_id(doc_id), [doc_id], doc_id, seq=len(self.family_of))
            self.families[fam.id] = fam
            self.family_of[doc_id] = fam.id
            return fam.id, False
        # The family seen first absorbs the others, so its id stays stable.
        fams.sort(key=lambda f: self.families[f].seq)
        keep = self.families[fams[0]]
        for other_id in fams[1:]:
            for m in self.families.pop(other_id).members:
                keep.members.append(m)
                self.family_of[m] = keep.id
        keep.members.append(doc_id)
        self.family_of[doc_id] = keep.id
        keep.original = _pick_original(keep.members, earlier)
        return keep.id, len(fams) > 1

    def restore(self, doc_id: str, hashvalues: Sequence[int] | None, family: str) -> None:
        """Put back a saved document: its signature into the LSH, itself into its family."""
        assert self.lsh is not None
        if hashvalues is not None:
            values = np.asarray(hashvalues, dtype=np.uint64)
            sig = LeanMinHash(seed=self.settings.seed, hashvalues=values, scheme=self.settings.minhash_scheme)
            self.signatures[doc_id] = sig
            self.lsh.insert(doc_id, sig, check_duplication=False)
        self.family_of[doc_id] = family


def _unique(items: Iterable[str]) -> list[str]:
    seen: dict[str, None] = {}
    for item in items:
        seen.setdefault(item, None)
    return list(seen)


def _pick_original(members: list[str], earlier: Earlier) -> str:
    """The earliest published member when every date allows a comparison, else the first seen."""
    best = members[0]
    for m in members[1:]:
        if earlier(m, best):
            best = m
    return best
