"""Who acts and who is acted upon, for each trigger: subjects, objects, prepositions, places.

The rules read the dependency parse around the trigger (and its light verb); actor tokens become
entity ids through ``ActorIndex``. Which prepositions name a target, whether a place can be one,
and similar choices per PLOVER type come from ``data/plover.yaml`` and the lexicon's senses.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from spacy.tokens import Token

from newsgraph.events.actors import (
    ActorIndex,
    between,
    is_pair,
    noun_sources,
    object_actors,
    prep_objects,
    subjects,
)
from newsgraph.events.arguments import clause_place, place_entity
from newsgraph.events.lexicon import EventLexicon, Sense
from newsgraph.events.triggers import Trigger, objects_of


@dataclass(frozen=True)
class Roles:
    source: tuple[str, ...]
    target: tuple[str, ...]


def roles_of(trigger: Trigger, index: ActorIndex, lexicon: EventLexicon) -> Roles:
    """Source and target actors of a trigger, by its kind (verb, light verb, noun)."""
    sense = trigger.sense
    ptype = lexicon.types[sense.type]
    token, anchor = trigger.token, trigger.anchor
    preps = _target_preps(sense)
    places = ptype.place_targets

    def from_preps(head: Token) -> list[str]:
        return prep_objects(head, preps, index, agents=False, places=places)

    source: list[str] = []
    target: list[str] = []
    if trigger.via == "noun":
        source, target = noun_sources(token, sense, index)
        governor = token.head.lemma_.lower()
        denied = token.dep_ in ("dobj", "obj") and lexicon.modality.governors.get(governor) == "denied"
        if sense.type == "ACCUSE" and denied:
            # "Iran denied the allegations": the denier is the accused, the accuser goes unnamed
            target.extend(a for a in subjects(token.head, index)[0] if a not in source)
        elif not source:
            source = (_accused_doer(token, index) or _claimant(token, index) or _governor_subject(token, index)
                      or _travellers(token, index))
        if governor in lexicon.target_verbs and token.dep_ in ("dobj", "obj"):
            target.extend(subjects(token.head, index)[0])
    else:
        source, target = subjects(anchor, index)
        if sense.object_owner == "source":
            owners = [a for o in objects_of(anchor) for a in _owner_of(o, index)]
            source, target = (source or owners), []
        for obj in objects_of(anchor):
            if obj.i == token.i and trigger.via == "light":
                continue
            if sense.object_owner == "target":
                target.extend(_owner_of(obj, index))
            elif sense.object_owner is None and (places or not _names_place(obj, index)):
                target.extend(object_actors(obj, index))
            target.extend(from_preps(obj))
            for prep in obj.children:  # "$5 billion in assistance to Ukraine"
                if prep.dep_ == "prep" and prep.lower_ in ("in", "of", "worth"):
                    for pobj in prep.children:
                        if pobj.dep_ == "pobj":
                            target.extend(from_preps(pobj))
        target.extend(_clause_subjects(anchor, index, marked=sense.type == "REQUEST"))
        target.extend(_undergoers(anchor, index, lexicon))
        if not target and source and anchor.dep_ == "acl" and anchor.head.pos_ in ("NOUN", "PROPN"):
            target.extend(_parties_of(anchor.head, index))  # "a truce brokered by Qatar"
        if trigger.via == "light" and not source:
            source.extend(noun_sources(token, sense, index)[0])
    if trigger.via in ("noun", "light"):
        source.extend(prep_objects(token, ("by", "from", *sense.source_preps), index))
        if token.dep_ == "pobj" and token.head.lower_ == "of" and token.head.head.pos_ == "NOUN":
            source.extend(prep_objects(token.head.head, ("by",), index))  # "weeks of denial by X"
        target.extend(from_preps(token))
    source.extend(prep_objects(anchor, sense.source_preps, index))
    if trigger.via != "noun":
        target.extend(from_preps(anchor))
        if not target and ptype.complement_target:
            target.extend(_complement_targets(anchor, index, from_preps))
    target.extend(_destinations(anchor if trigger.via != "noun" else token, sense, index))
    parties = between(token, index) or (between(anchor, index) if anchor.i != token.i else [])
    if parties:
        if source:
            target.extend(parties)
        else:
            source.append(parties[0])
            target.extend(parties[1:])
    if sense.location_actor and not target:
        # protesters address the government of the place, or of their own country
        place = _clause_place(anchor, index) or (_country_of(source[0], index) if source else None)
        if place:
            return Roles(tuple(dict.fromkeys(source or [place])), (place,))
    if ptype.location_target and not target and anchor.dep_ in ("advcl", "conj") and anchor.head.pos_ == "VERB":
        # "shelled Kherson, killing three": the participle hits what its governor hit
        target.extend(a for o in objects_of(anchor.head) for a in object_actors(o, index))
    if ptype.location_target and not target:
        target.extend(_clause_places(anchor, index))  # "struck targets in southern Lebanon"
    source = list(dict.fromkeys(source))
    target = list(dict.fromkeys(a for a in target if a not in source))
    if not ptype.self_targets:  # "Hezbollah mobilized fighters along the Lebanese border"
        own = {c for c in (_country_code(a, index) for a in source) if c}
        target = [a for a in target if _country_code(a, index) not in own]
    if not target and not sense.symmetric and _pair_subject(anchor):
        return Roles((), ())  # "the two countries are moving to transfer X": who gives to whom is unsaid
    return Roles(tuple(source), tuple(target))


def _pair_subject(verb: Token) -> bool:
    return any(c.dep_ in ("nsubj", "nsubjpass") and is_pair(c) for c in verb.children) or (
        verb.dep_ in ("xcomp", "advcl", "conj") and _pair_subject(verb.head) if verb.head.i != verb.i else False)


def _names_place(token: Token, index: ActorIndex) -> bool:
    """"opened the Rafah crossing": the object is a place, not someone addressed."""
    for candidate in (token, *(c for c in token.children if c.dep_ in ("compound", "amod"))):
        place = index.place_of(candidate)
        if place is not None and place.kind == "place":
            return True
    return False


def _governor_subject(noun: Token, index: ActorIndex) -> list[str]:
    """"The US threatened sanctions", "Russia denied the attack": the governing verb's subject
    is the doer of the event it threatens, plans or denies."""
    head = noun.head
    if noun.dep_ in ("dobj", "obj") and head.lemma_.lower() in index.lexicon.modality.doers:
        if _is_judged(noun, head):
            return []  # "would consider any delivery an escalation": the delivery is judged, not done
        return subjects(head, index)[0]
    return []


JUDGING_VERBS = frozenset({"consider", "regard", "deem", "view", "see"})


def _is_judged(noun: Token, verb: Token) -> bool:
    """"consider X a provocation", "consider X as Y", "consider X to be Y": X is given a name."""
    if verb.lemma_.lower() not in JUDGING_VERBS:
        return False
    if any(c.dep_ == "appos" for c in noun.children):
        return True
    return any(c.dep_ in ("oprd", "xcomp", "ccomp") or (c.dep_ == "prep" and c.lower_ == "as") for c in verb.children)


def _parties_of(noun: Token, index: ActorIndex) -> list[str]:
    """The parties of an event noun: the subject of the clause it sits in ("agreed to a truce")."""
    verb = noun.head
    for _ in range(3):
        if verb.pos_ in ("VERB", "AUX"):
            return subjects(verb, index)[0]
        if verb.head.i == verb.i:
            break
        verb = verb.head
    return []


def _accused_doer(noun: Token, index: ActorIndex) -> list[str]:
    """"blamed Israel for the attack": the accused is the doer of the event noun."""
    prep = noun.head
    governors = index.lexicon.modality.governors
    if (noun.dep_ == "pobj" and prep.lower_ in ("for", "of", "over") and prep.head.pos_ == "VERB"
            and governors.get(prep.head.lemma_.lower()) == "alleged"):
        objects = [c for c in prep.head.children if c.dep_ in ("dobj", "obj")]
        if objects:
            return index.phrase(objects[0])
    return []


def _travellers(noun: Token, index: ActorIndex) -> list[str]:
    """"flew to Moscow for a meeting with Putin", "arrived in Cairo for talks": who travelled for it
    holds the meeting (a verb with a visiting sense in the lexicon)."""
    head = noun.head
    if noun.dep_ != "pobj" or head.lower_ != "for" or head.head.pos_ != "VERB":
        return []
    verb = head.head
    if not any(s.destination for s in index.lexicon.verbs.get(verb.lemma_.lower(), ())):
        return []
    return subjects(verb, index)[0]


RESPONSIBILITY_VERBS = frozenset({"claim", "take", "accept", "admit", "assume", "bear"})


def _claimant(noun: Token, index: ActorIndex) -> list[str]:
    """"Hamas claimed responsibility for the attack", "the attack was claimed by Hamas": whoever
    claims an attack made it."""
    head = noun.head
    if noun.dep_ == "pobj" and head.lower_ == "for" and head.head.lemma_.lower() == "responsibility":
        verb = head.head.head
        if verb.lemma_.lower() in RESPONSIBILITY_VERBS:
            return subjects(verb, index)[0]
    if noun.dep_ == "nsubjpass" and head.lemma_.lower() == "claim":
        return subjects(head, index)[0]
    return []


def _owner_of(obj: Token, index: ActorIndex) -> list[str]:
    out: list[str] = []
    for token in obj.subtree:
        if token.i < obj.i:
            entity = index.entity_of(token)
            if entity is not None and entity.kind in ("country", "group", "organization"):
                out.append(index.actor_id(entity))
    return out


def _complement_targets(verb: Token, index: ActorIndex, from_preps: Callable[[Token], list[str]]) -> list[str]:
    """"threatened to use nuclear weapons against South Korea": the threatened act's target."""
    out: list[str] = []
    for child in verb.children:
        if child.dep_ in ("xcomp", "ccomp"):
            for obj in objects_of(child):
                out.extend(object_actors(obj, index))
                out.extend(from_preps(obj))
            out.extend(from_preps(child))
    return out


def _clause_subjects(verb: Token, index: ActorIndex, *, marked: bool) -> list[str]:
    """"help Russia build drones", "urged Iran to stop", "demanded that Belarus free": the
    complement's subject is addressed."""
    out: list[str] = []
    for child in verb.children:
        if child.dep_ in ("ccomp", "xcomp") and (marked or not any(c.dep_ == "mark" for c in child.children)):
            for sub in child.children:
                if sub.dep_ == "nsubj":
                    out.extend(index.phrase(sub))
    return out


def _undergoers(verb: Token, index: ActorIndex, lexicon: EventLexicon) -> list[str]:
    """"warned that Russia would face real costs": the subject of a complement that undergoes
    something (face, suffer) is the one warned."""
    out: list[str] = []
    for child in verb.children:
        if child.dep_ == "ccomp" and child.lemma_.lower() in lexicon.target_verbs:
            for sub in child.children:
                if sub.dep_ == "nsubj":
                    out.extend(index.phrase(sub))
    return out


def _country_code(actor: str, index: ActorIndex) -> str | None:
    entity = index.by_id.get(actor)
    return entity.country if entity is not None else None


def _country_of(actor: str, index: ActorIndex) -> str | None:
    entity = index.by_id.get(actor)
    if entity is None or not entity.country:
        return None
    return index.countries.get(entity.country, entity.id if entity.kind == "country" else None)


def is_emittable(trigger: Trigger, roles: Roles, named_targets: int, min_parties: int = 1, *,
                 unnamed_doer: bool = False) -> bool:
    """An event needs its doer; only a passive verb ("Kyiv was shelled") or a weapon as the subject
    ("drones struck Kyiv", ``unnamed_doer``) may leave the doer unnamed, and then it needs its target.
    Some types need more parties (a meeting takes two)."""
    if len(roles.source) + len(roles.target) < min_parties:
        return False
    if not roles.source:
        passive = any(c.dep_ in ("auxpass", "nsubjpass") for c in trigger.anchor.children)
        return (passive or unnamed_doer) and bool(roles.target) and trigger.via in ("verb", "pattern")
    # an event whose only target was its source ("an alliance that aided Moscow") says nothing
    return not (named_targets and not roles.target and not trigger.sense.symmetric)


def has_unnamed_doer(trigger: Trigger, lexicon: EventLexicon) -> bool:
    """"Drones struck Kherson", "shelling killed three", "gunmen attacked": the subject is a weapon,
    a way of attacking (the type's mode cues, data/en/mode_cues.yaml) or an attack itself, so the
    attacker is there but unnamed. Only for types whose modes are ways of using force."""
    cues = lexicon.mode_cues.get(trigger.sense.type)
    anchor = trigger.anchor
    if not cues or trigger.via not in ("verb", "pattern") or anchor.pos_ not in ("VERB", "AUX"):
        return False
    for child in anchor.children:
        if child.dep_ != "nsubj":
            continue
        words = [child, *(t for t in child.lefts if t.dep_ in ("compound", "amod"))]
        for word in words:
            lemma = word.lemma_.lower()
            if lemma in cues or word.lower_ in cues:
                return True
            if any(s.type == trigger.sense.type for s in lexicon.nouns.get(lemma, ())):
                return True
    return False


def _target_preps(sense: Sense) -> tuple[str, ...]:
    return tuple(p for p in sense.target_preps if p != "between")




def named_targets(trigger: Trigger, index: ActorIndex, lexicon: EventLexicon) -> int:
    """How many targets the clause named before those equal to the source were dropped."""
    anchor = trigger.anchor
    preps = _target_preps(trigger.sense)
    places = lexicon.types[trigger.sense.type].place_targets
    found = (prep_objects(anchor, preps, index, agents=False, places=places)
             + prep_objects(trigger.token, preps, index, agents=False, places=places))
    for obj in objects_of(anchor):
        if obj.i != trigger.token.i:
            found.extend(object_actors(obj, index))
    return len(found)


def _destinations(head: Token, sense: Sense, index: ActorIndex) -> list[str]:
    """For a visit, "to Tehran" (or "troops in Estonia") names the host country."""
    out: list[str] = []
    if not sense.destination:
        return out
    heads = [head, *objects_of(head)] if head.pos_ in ("VERB", "AUX") else [head]
    for token in heads:
        for child in token.children:
            if child.dep_ == "prep" and child.lower_ in ("to", "in"):
                for pobj in child.children:
                    entity = place_entity(pobj, index) if pobj.dep_ == "pobj" else None
                    if entity is not None:
                        out.append(index.actor_id(entity))
    return out


def _clause_places(anchor: Token, index: ActorIndex) -> list[str]:
    """Countries where the clause happens, coordinated places included ("in Syria and Iraq")."""
    entity = clause_place(anchor, index)
    if entity is None or not entity.country:
        return []
    out = [index.countries.get(entity.country, entity.id)]
    for mention in entity.mentions:
        span = anchor.doc.char_span(mention.start, mention.end, alignment_mode="expand")
        if span is not None and anchor.sent.start <= span.root.i < anchor.sent.end:
            for other in span.root.conjuncts:
                place = index.place_of(other)
                if place is not None and place.country:
                    out.append(index.countries.get(place.country, place.id))
    return list(dict.fromkeys(out))


def _clause_place(anchor: Token, index: ActorIndex) -> str | None:
    """The country where the clause happens ("in Tehran" -> Iran), as an actor id."""
    entity = clause_place(anchor, index)
    if entity is None or not entity.country:
        return None
    return index.countries.get(entity.country, entity.id)
