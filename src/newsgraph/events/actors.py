"""Actors of an event from the dependency parse, mapped to entities by character offsets.

A token names an actor when an entity's mention covers it; a noun phrase names one through its
head, its modifiers ("Russian officials"), an "of" complement ("a team of Russian negotiators")
or a "headed by" agent. Places stand for their country (metonymy: "Moscow agreed").
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from spacy.tokens import Doc, Token

from newsgraph.events.lexicon import EventLexicon, Sense
from newsgraph.model import Entity

ACTOR_KINDS = ("country", "organization", "group", "person", "place")
# Which entity a token names when several cover it: the acting body before the place.
KIND_RANK = {"group": 0, "person": 1, "organization": 2, "country": 3, "place": 4}
SUBJECT_DEPS = ("nsubj", "csubj", "expl")
PASSIVE_SUBJECT_DEPS = ("nsubjpass", "csubjpass")
OBJECT_DEPS = ("dobj", "obj")
MODIFIER_DEPS = ("compound", "amod", "nmod", "poss", "npadvmod")
RELATIVE_PRONOUNS = ("who", "which", "that", "whom")
CLAUSE_LINKS = ("conj", "xcomp", "advcl", "relcl", "acl", "ccomp")
EMBEDDED_PRONOUNS = ("it", "they", "he", "she")
POSSESSIVE_PRONOUNS = ("its", "their", "his", "her")
LEADER_VERBS = ("head", "lead", "led", "accompany", "command")


class ActorIndex:
    """Entities by the tokens their mentions cover, and the rules that turn phrases into actors."""

    def __init__(self, doc: Doc, entities: Iterable[Entity], lexicon: EventLexicon,
                 authors: Iterable[str] = ()) -> None:
        self.lexicon = lexicon
        author_names = {a.strip().lower() for a in authors if a.strip()}
        self.by_id: dict[str, Entity] = {}
        self.by_token: dict[int, list[Entity]] = {}
        self._span: dict[tuple[int, str], int] = {}  # (token, entity id) -> length of its tightest mention
        self.countries: dict[str, str] = {}
        for entity in entities:
            if entity.kind not in ACTOR_KINDS or entity.name.strip().lower() in author_names:
                continue
            if entity.kind == "place" and not entity.country:
                continue  # a continent or a sea acts for no one ("sanctions from Europe")
            self.by_id[entity.id] = entity
            if entity.kind == "country" and entity.country:
                self.countries.setdefault(entity.country, entity.id)
            for mention in entity.mentions:
                if mention.text.strip().lower() in author_names:
                    continue
                span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
                for token in span or ():
                    key = (token.i, entity.id)
                    if key not in self._span:
                        self.by_token.setdefault(token.i, []).append(entity)
                    length = mention.end - mention.start
                    self._span[key] = min(self._span.get(key, length), length)

    def entity_of(self, token: Token) -> Entity | None:
        """The best actor entity covering ``token``: group, person, organisation, country, then place."""
        found = self.by_token.get(token.i)
        if not found:
            return None
        # the acting body first, then the tightest mention ("Iranian officials" inside
        # "Russian and Iranian officials")
        return min(found, key=lambda e: (KIND_RANK.get(e.kind, 9), self._span[(token.i, e.id)]))

    def place_of(self, token: Token) -> Entity | None:
        """The place a token names, a city before the country it may stand for."""
        found = [e for e in self.by_token.get(token.i, ()) if e.kind in ("place", "country")]
        if not found:
            return None
        return min(found, key=lambda e: (e.kind != "place", self._span[(token.i, e.id)]))

    def actor_id(self, entity: Entity) -> str:
        """A place acts for its country (``Moscow`` for Russia) when that country is known."""
        if entity.kind == "place" and entity.country:
            return self.countries.get(entity.country, entity.id)
        return entity.id

    def is_actor(self, token: Token) -> bool:
        """Whether a phrase names an acting body: an entity, or people ("Russian officials"),
        not a thing of theirs ("Qatar's mediation efforts")."""
        if self.entity_of(token) is not None or token.lower_ in RELATIVE_PRONOUNS:
            return bool(self.phrase(token))
        lemma = token.lemma_.lower()
        if lemma in self.lexicon.agent_nouns or lemma in self.lexicon.collective_nouns:
            return bool(self.phrase(token))
        return token.pos_ == "PRON" and bool(self.phrase(token))

    def phrase(self, head: Token, *, depth: int = 0, instrument: bool = False) -> list[str]:
        """Actor ids a noun phrase names, its coordinated phrases included, in text order."""
        out: list[str] = []
        for token in (head, *(c for c in head.conjuncts if not _starts_clause(c))):
            for actor in self._one(token, depth=depth, instrument=instrument):
                if actor not in out:
                    out.append(actor)
        return out

    def _one(self, head: Token, *, depth: int, instrument: bool) -> list[str]:
        if head.lower_ in RELATIVE_PRONOUNS:
            clause = head.head
            if clause.dep_ == "ccomp" and clause.head.dep_ == "relcl":
                clause = clause.head  # "the M23, which experts say is backed by Rwanda"
            if clause.dep_ == "relcl":
                return self.phrase(clause.head, depth=depth + 1)
        entity = self.entity_of(head)
        if entity is not None:
            # "Russian and Iranian officials": coordinated modifiers name more actors
            named = [self.actor_id(entity)]
            for child in head.children:
                if child.dep_ in MODIFIER_DEPS and child.conjuncts and child.i < head.i:
                    named.extend(self.phrase(child, depth=depth + 1))
            return list(dict.fromkeys(named))
        if head.pos_ == "PRON" and head.lower_ in EMBEDDED_PRONOUNS and head.dep_ in ("nsubj", "nsubjpass"):
            return self._governing_subject(head.head)
        if head.pos_ == "PRON" and head.lower_ in POSSESSIVE_PRONOUNS and head.dep_ == "poss" \
                and head.head.dep_ in ("nsubj", "nsubjpass"):
            return self._governing_subject(head.head.head)  # "denied that its forces had attacked"
        if depth > 2 or head.pos_ in ("VERB", "AUX", "PRON"):
            return []
        if is_pair(head):
            if head.lemma_.lower() in PEOPLE_PAIR_NOUNS:
                return self.last_people(head) or self.last_pair(head)
            return self.last_pair(head)
        lemma = head.lemma_.lower()
        if instrument or lemma in self.lexicon.nouns:
            return []  # a weapon given or an event ("the Iran-Russia deal") is not an actor
        out: list[str] = []
        for child in head.children:
            if (child.dep_ in MODIFIER_DEPS and child.i < head.i and not self._is_maker(child)) or child.dep_ == "appos":
                out.extend(self.phrase(child, depth=depth + 1))
            elif child.dep_ == "prep" and self._names_members(lemma, child.lower_):
                found = self._pobjs(child, depth + 1)
                if child.lower_ == "in":  # "farmers in Poland", not "delegations in Geneva"
                    found = [a for a in found if a in self.by_id and self.by_id[a].kind == "country"]
                out.extend(found)
            elif child.dep_ == "acl" and child.lemma_.lower() in LEADER_VERBS:
                for agent in child.children:
                    if agent.dep_ == "agent":
                        out.extend(self._pobjs(agent, depth + 1))
        return list(dict.fromkeys(out))

    def _governing_subject(self, clause: Token) -> list[str]:
        """"Iran rejected reports that it had supplied drones": "it" is the governing clause's subject.

        Only for reported clauses; in "if it supplies" the pronoun may be anyone named before.
        """
        if clause.dep_ not in ("ccomp", "acl"):
            return []
        token = clause.head
        for _ in range(4):
            if token.pos_ in ("VERB", "AUX"):
                subs = [c for c in token.children if c.dep_ in ("nsubj", "nsubjpass") and c.pos_ != "PRON"]
                return self.phrase(subs[0]) if subs else []
            if token.head.i == token.i:
                break
            token = token.head
        return []

    def last_people(self, token: Token) -> list[str]:
        """"the two leaders", "both men": the last two people named before, in this sentence or
        the one before it."""
        return self._last_two(token, lambda e: e.id if e.kind == "person" else None)

    def last_pair(self, token: Token) -> list[str]:
        """"the two countries", "both nations": the last two countries named before, in this
        sentence or the one before it."""
        return self._last_two(token, lambda e: self.countries.get(e.country) if e.country else None)

    def _last_two(self, token: Token, actor_of: Callable[[Entity], str | None]) -> list[str]:
        """The last two distinct actors ``actor_of`` gives for the entities before ``token``, in
        its sentence or the one before, first named first; none unless there are two."""
        doc = token.doc
        sent_start = token.sent.start
        start = doc[sent_start - 1].sent.start if sent_start > 0 else 0
        found: list[str] = []
        for i in range(token.i - 1, start - 1, -1):
            for entity in self.by_token.get(i, ()):
                actor = actor_of(entity)
                if actor and actor not in found:
                    found.append(actor)
            if len(found) >= 2:
                return found[:2][::-1]
        return []

    def _names_members(self, lemma: str, prep: str) -> bool:
        """"a team *of* Russian negotiators", "farmers *in* Poland": the complement says who acts."""
        return (prep in ("of", "from") and lemma in self.lexicon.collective_nouns) or (
            prep in ("in", "from") and lemma in self.lexicon.agent_nouns)

    def _pobjs(self, prep: Token, depth: int) -> list[str]:
        out: list[str] = []
        for pobj in prep.children:
            if pobj.dep_ == "pobj":
                out.extend(self.phrase(pobj, depth=depth))
        return out

    def _is_maker(self, token: Token) -> bool:
        """A demonym that names a maker ("Iranian-made drones") names no actor of the event."""
        doc = token.doc
        nxt = token.i + 1
        if nxt < len(doc) and doc[nxt].text == "-":
            nxt += 1
        return nxt < len(doc) and doc[nxt].lower_ in self.lexicon.demonym_blockers


PAIR_NOUNS = ("country", "nation", "side", "government", "state", "capital", "neighbour", "neighbor", "leader",
              "president", "minister", "man", "woman", "ally", "partner", "rival")
# "the two leaders" are the last two people named; "the two countries" the last two countries
PEOPLE_PAIR_NOUNS = frozenset({"leader", "president", "minister", "man", "woman"})


def is_pair(head: Token) -> bool:
    """ "the two countries", "both nations", "both sides" refer back to a pair just named."""
    if head.lemma_.lower() not in PAIR_NOUNS:
        return False
    return any(c.lower_ in ("two", "both") for c in head.children if c.dep_ in ("nummod", "det", "predet", "preconj"))


def _starts_clause(token: Token) -> bool:
    """A parser slip: "attacked Ukraine and Iran didn't sanction X" hangs "Iran" on "Ukraine";
    a conjunct right before a subjectless verb is that verb's subject."""
    if token.dep_ != "conj":
        return False
    root = token
    while root.dep_ == "conj" and root.head.i != root.i:
        root = root.head
    if root.dep_ not in (*OBJECT_DEPS, "pobj", "attr", "dative"):
        return False  # "Egypt and Qatar are mediating": a coordinated subject, no slip
    doc = token.doc
    i = token.i + 1
    while i < len(doc) and doc[i].pos_ in ("AUX", "PART", "ADV") and doc[i].dep_ != "ROOT":
        if doc[i].lower_ == "to":
            return False  # "urged Russia and Ukraine to resume": an infinitive, no new clause
        i += 1
    if i >= len(doc) or i == token.i + 1 and doc[i].pos_ != "VERB":
        return False
    verb = doc[i] if doc[i].pos_ in ("VERB",) else None
    if verb is None:
        return False
    return not _has_subject(verb)


def subjects(verb: Token, index: ActorIndex) -> tuple[list[str], list[str]]:
    """(source, target) actors from a verb's subject side: subject, passive agent, passive subject."""
    source: list[str] = []
    target: list[str] = []
    # "Egypt and Qatar are mediating": the parser may hang the subject on the auxiliary
    children = [*verb.children, *(g for c in verb.children if c.dep_ in ("aux", "auxpass") for g in c.children)]
    # "which ... is backed by Rwanda": the parser may label a passive's subject nsubj
    mislabelled = any(c.dep_ == "agent" for c in verb.children) and any(c.dep_ == "auxpass" for c in verb.children)
    for child in children:
        if child.dep_ in SUBJECT_DEPS and mislabelled and child.head.i == verb.i:
            target.extend(index.phrase(child))
        elif child.dep_ in SUBJECT_DEPS:
            source.extend(index.phrase(child))
        elif child.dep_ == "agent":
            source.extend(index._pobjs(child, 0))
        elif child.dep_ in PASSIVE_SUBJECT_DEPS:
            target.extend(index.phrase(child))
    if not source and not target and not _has_subject(verb):
        inherited = inherited_subject(verb, index)
        if is_passive(verb):  # "Russia is to be armed": the inherited subject undergoes it
            target = inherited
        else:
            source = inherited
    return _unique(source), _unique(target)


def is_passive(verb: Token) -> bool:
    return any(c.dep_ in ("auxpass", *PASSIVE_SUBJECT_DEPS) for c in verb.children)


def _has_subject(verb: Token) -> bool:
    children = [*verb.children, *(g for c in verb.children if c.dep_ in ("aux", "auxpass") for g in c.children)]
    return any(c.dep_ in SUBJECT_DEPS or c.dep_ in PASSIVE_SUBJECT_DEPS for c in children)


def inherited_subject(verb: Token, index: ActorIndex, *, hops: int = 0) -> list[str]:
    """The subject a verb shares with the clause it hangs from, or a stray actor just before it.

    "Russia attacked and shelled X": "shelled" takes "Russia"; "provoked Israel to help": "help"
    takes the object "Israel"; "negotiators who traveled": "traveled" takes "negotiators".
    """
    left = _left_actor(verb, index)
    if left:
        return left
    head = verb.head
    if hops > 3 or head.i == verb.i:
        return []
    main = finite_governor(verb)
    if main is not None:  # "accused Rwanda of violating X and recalled": the accuser recalled
        own = [c for c in main.children if c.dep_ in SUBJECT_DEPS]
        return index.phrase(own[0]) if own else inherited_subject(main, index, hops=hops + 1)
    if verb.dep_ == "relcl":
        return index.phrase(head)
    if verb.dep_ == "pcomp":
        # "accused Russia of shelling X": the accused does it; "after weeks of savaging X,
        # Moscow ...": the main clause's subject does
        owner = head.head
        if (head.lower_ in ("of", "for") and owner.pos_ in ("NOUN", "PROPN") and owner.dep_ in OBJECT_DEPS
                and owner.head.pos_ in ("VERB", "AUX") and index.is_actor(owner)):
            return index.phrase(owner)  # the parser hung "of funding" on the accused itself
        if head.head.pos_ in ("VERB", "AUX"):  # "X was criticized for blocking": X blocks
            objects = [c for c in head.head.children if c.dep_ in (*OBJECT_DEPS, *PASSIVE_SUBJECT_DEPS)]
            if objects and index.is_actor(objects[0]):
                return index.phrase(objects[0])
        up = head
        for _ in range(4):
            if up.pos_ in ("VERB", "AUX") or up.head.i == up.i:
                break
            if up.pos_ == "NOUN" and any(c.dep_ == "poss" for c in up.children):
                # "thanked Qatar for its role in freeing": the role's owner frees, not the thanker
                return [a for c in up.children if c.dep_ == "poss" for a in index.phrase(c)]
            up = up.head
        own = [c for c in up.children if c.dep_ in SUBJECT_DEPS]
        return index.phrase(own[0]) if own and up.pos_ in ("VERB", "AUX") else []
    if verb.dep_ in ("xcomp", "ccomp") or (verb.dep_ in ("advcl", "acl") and _is_infinitive(verb)):
        objects = [c for c in head.children if c.dep_ in OBJECT_DEPS]
        if verb.dep_ in ("xcomp", "ccomp") and objects and index.is_actor(objects[0]):
            return index.phrase(objects[0])
        if head.pos_ in ("NOUN", "PROPN"):  # "an agreement with Tehran to begin": the agreement's makers
            return inherited_subject(head.head, index, hops=hops + 1) if head.dep_ in OBJECT_DEPS else []
    if verb.dep_ in ("conj", "xcomp", "ccomp", "advcl") and head.pos_ in ("VERB", "AUX"):
        own = [c for c in head.children if c.dep_ in SUBJECT_DEPS]
        if not own and verb.dep_ == "xcomp":  # "Russia is said to have attacked": raised subject
            own = [c for c in head.children if c.dep_ in PASSIVE_SUBJECT_DEPS]
        if own:
            found = index.phrase(own[0])
            if not found and verb.dep_ == "conj" and head.dep_ == "ccomp" and head.head.i < verb.i:
                # "Borrell said the law was flawed and urged Tbilisi": the parser joined "urged" to
                # "was", whose subject acts in nothing; the speaker urges
                return inherited_subject(head, index, hops=hops + 1)
            return found
        agents = [c for c in head.children if c.dep_ == "agent"]
        if agents:
            return index._pobjs(agents[0], 0)
        return inherited_subject(head, index, hops=hops + 1)
    return []


def finite_governor(verb: Token) -> Token | None:
    """"accused Rwanda of violating its sovereignty and recalled its ambassador": the parser joins
    the past "recalled" to the gerund "violating"; it belongs with "accused". Returns that verb."""
    head = verb.head
    if verb.dep_ != "conj" or verb.tag_ not in ("VBD", "VBZ", "VBP") or head.tag_ != "VBG" or head.dep_ != "pcomp":
        return None
    governor = head.head.head  # gerund -> "of" -> the verb (or noun) the preposition hangs from
    while governor.pos_ not in ("VERB", "AUX") and governor.head.i != governor.i:
        governor = governor.head
    return governor if governor.pos_ in ("VERB", "AUX") and governor.i < verb.i else None


def _is_infinitive(verb: Token) -> bool:
    return any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)


def _left_actor(verb: Token, index: ActorIndex) -> list[str]:
    """A parser slip: "Iran has stood by" parsed with "Iran" off elsewhere; take the actor just before."""
    i = verb.i - 1
    doc = verb.doc
    while i >= 0 and doc[i].pos_ in ("AUX", "ADV", "PART") and doc[i].dep_ != "nsubj":
        i -= 1
    if i < 0 or doc[i].pos_ not in ("PROPN", "NOUN"):
        return []
    if doc[i].dep_ in (*OBJECT_DEPS, "nsubj", "nsubjpass", "poss", "compound", "amod"):
        return []  # a real object or subject of another verb, not a slip
    token = doc[i]
    while (token.dep_ == "conj" and token.head.pos_ in ("PROPN", "NOUN") and index.entity_of(token.head)
           and not _starts_clause(doc[i])):
        token = token.head  # "Egypt and Qatar": the whole coordination
    if _starts_clause(doc[i]):
        token = doc[i]
    if token.i != i:
        return index.phrase(token)
    entity = index.entity_of(token)
    return [index.actor_id(entity)] if entity is not None else []


def prep_objects(token: Token, preps: Iterable[str], index: ActorIndex, *, agents: bool = True,
                 places: bool = True) -> list[str]:
    """Actors named by the objects of ``token``'s prepositions ``preps`` ("against Ukraine").

    agents: whether a passive "by" counts (not when looking for targets: "stood by X" does).
    places: whether a city counts (not for a withdrawal: "withdrew from Kherson" is where).
    The object may name its actor indirectly: "against Israeli raids", "to the border with X".
    """
    wanted = set(preps)
    deps = ("prep", "agent", "dative") if agents else ("prep", "dative")
    out: list[str] = []
    for child in token.children:
        if child.dep_ in deps and child.lower_ in wanted:
            pobjs = [p for p in child.children if p.dep_ == "pobj"]
            if not pobjs:  # "out of Niger"
                pobjs = [p for c in child.children if c.dep_ == "prep" and c.lower_ == "of"
                         for p in c.children if p.dep_ == "pobj"]
            for pobj in pobjs:
                entity = index.entity_of(pobj)
                if not places and entity is not None and entity.kind == "place":
                    continue
                out.extend(object_actors(pobj, index))
    return _unique(out)


def object_actors(obj: Token, index: ActorIndex, *, depth: int = 0) -> list[str]:
    """Actors an object names: itself ("Ukraine", "Ukrainian cities"), else its possessor
    ("Hamas's proposal"), its author ("demands by the IAEA", "accusations made by India"), the
    doer of an event noun ("against Israeli raids"), the other side of a border ("the border with
    Ukraine"), its "of" complement ("the assets of Russian oligarchs") or where it is ("the
    burning of the Koran in Sweden")."""
    lexicon = index.lexicon
    lemma = obj.lemma_.lower()
    found = index.phrase(obj, instrument=lemma in lexicon.instrument_nouns)
    if found:
        return found
    for child in obj.children:
        if child.dep_ == "poss":
            found = index.phrase(child)
            if found:
                return found
    for child in obj.children:
        if child.dep_ in ("prep", "agent") and child.lower_ in ("by", "from"):
            found = index._pobjs(child, 1)
        elif child.dep_ == "acl":  # "the accusations made by India"
            found = [a for g in child.children if g.dep_ == "agent" for a in index._pobjs(g, 1)]
        if found:
            return found
    if lemma in lexicon.nouns or lemma in lexicon.instrument_nouns:
        for child in obj.children:
            if child.dep_ in ("compound", "amod", "nmod") and child.i < obj.i and not index._is_maker(child):
                found.extend(index.phrase(child))
        if found or lemma in lexicon.instrument_nouns:
            return _unique(found)
    if lemma in lexicon.relational_nouns:
        for child in obj.children:
            if child.dep_ == "prep" and child.lower_ in ("with", "of", "near", "off"):
                return index._pobjs(child, 1)
    for child in obj.children:
        if child.dep_ == "prep" and child.lower_ == "of" and depth < 1:
            for pobj in child.children:
                # "details of the Iran-Russia deal": an event's parties are not this one's target
                if pobj.dep_ == "pobj" and pobj.lemma_.lower() not in lexicon.nouns:
                    found.extend(object_actors(pobj, index, depth=depth + 1))
        elif child.dep_ == "prep" and child.lower_ in ("in", "inside"):
            for pobj in child.children:
                if pobj.dep_ != "pobj":
                    continue
                # "targets in Iraq's Kurdistan region": the place or its owner
                for place in (pobj, *pobj.conjuncts, *(c for c in pobj.children if c.dep_ in ("poss", "compound"))):
                    entity = index.place_of(place)
                    if entity is not None and entity.country:
                        found.append(index.countries.get(entity.country, entity.id))
    return _unique(found)

def between(token: Token, index: ActorIndex) -> list[str]:
    """The parties of "between Russia and Ukraine", first named first."""
    for child in token.children:
        if child.dep_ == "prep" and child.lower_ == "between":
            return index._pobjs(child, 0)
    return []


def noun_sources(noun: Token, sense: Sense, index: ActorIndex) -> tuple[list[str], list[str]]:
    """(source, target) from a noun trigger's own modifiers: "Russia's strikes", "US sanctions".

    Two distinct modifiers ("Russia-Ukraine war") are source then target unless the event is
    symmetric; one place modifier of a war-like noun is where it happens, not who acts.
    """
    groups: list[list[str]] = []
    for child in noun.children:
        if child.i > noun.i or index._is_maker(child):
            continue
        if child.dep_ in ("poss", "compound", "amod", "nmod"):
            # "Russia-Iran deal": "Iran" carries "Russia" as its own compound
            for part in (*(c for c in child.children if c.dep_ in ("compound", "amod", "nmod")
                           and c.i < child.i), child):
                found = [a for a in index.phrase(part) if not any(a in g for g in groups)]
                if found:
                    groups.append(found)
    if not groups:
        return [], []
    if len(groups) == 1:
        entity = index.by_id.get(groups[0][0])
        if (noun.lemma_.lower() in index.lexicon.modifier_location
                and not any(c.dep_ == "poss" for c in noun.children)
                and entity is not None and entity.kind in ("country", "place")):
            return [], []
        return groups[0], []
    if sense.symmetric:
        return _unique([a for g in groups for a in g]), []
    return groups[0], _unique([a for g in groups[1:] for a in g])


def _unique(items: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(items))
