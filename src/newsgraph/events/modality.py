"""Modality and negation from the event's own clause: modals, governing verbs, adverbs, "if".

Only local cues: whether the event sits inside someone's claim is the attribution stage's
business, which later turns "asserted" into "reported" there.
"""

from __future__ import annotations

from spacy.tokens import Token

from newsgraph.events.actors import finite_governor
from newsgraph.events.lexicon import ModalityCues

REPORT_NOUNS = ("report", "claim", "allegation", "accusation", "suggestion", "rumor", "rumour")
DENY_VERBS = ("deny", "reject", "dismiss", "refute", "rebut")


def modality_of(trigger: Token, anchor: Token, cues: ModalityCues) -> tuple[str, bool]:
    """(modality, negated) for an event from the cues around its trigger and anchor."""
    found: set[str] = set()
    negated = False
    for depth, (verb, link) in enumerate(_chain(anchor, cues)):
        lemma = verb.lemma_.lower()
        for child in verb.children:
            word = child.lower_
            if child.dep_ == "neg" or (child.dep_ in ("advmod", "det", "preconj") and word in ("never", "no")):
                # "did not agree to sign": the signing did not happen either
                negated = negated or depth == 0 or link == "conj" or (link == "xcomp" and lemma in cues.governors)
            elif child.dep_ in ("aux", "auxpass") and (word in cues.auxiliaries or child.lemma_ in cues.auxiliaries):
                found.add(cues.auxiliaries.get(word) or cues.auxiliaries[child.lemma_])
            elif child.dep_ == "advmod" and word in cues.adverbs:
                found.add(cues.adverbs[word])
            elif child.dep_ == "mark" and word in cues.conditionals and (depth == 0 or link == "conj"):
                found.add("hypothetical")
        if depth > 0:
            if lemma in cues.negating_governors and link == "xcomp":
                negated = True
            elif lemma in cues.governors and link != "conj":
                # a verb joined by "and" is a sibling, not a governor: "planned and carried out
                # the attack" carried it out; "said the law was bad and urged": "urged" is no plan
                found.add(cues.governors[lemma])
            elif verb.pos_ in ("NOUN", "PROPN") and lemma in cues.nouns:
                found.add(cues.nouns[lemma])
            if lemma in REPORT_NOUNS and verb.head.lemma_.lower() in DENY_VERBS:
                found.add("denied")
    if trigger.i != anchor.i or trigger.pos_ in ("NOUN", "PROPN"):
        for child in trigger.children:
            if child.dep_ in ("det", "neg") and child.lower_ in cues.negators:
                negated = True
    head_noun = _noun_head(trigger)
    if head_noun is not None and head_noun.lemma_.lower() in cues.nouns:
        found.add(cues.nouns[head_noun.lemma_.lower()])
    return _first(found, cues.priority), negated


def _chain(anchor: Token, cues: ModalityCues) -> list[tuple[Token, str]]:
    """The anchor and the verbs or nouns that take it as a complement ("agreed to *sign*"),
    each with the link that led to it; a noun event does not inherit its governor's cues."""
    chain = [(anchor, "")]
    token = anchor
    for _ in range(4):
        infinitive = any(c.dep_ == "aux" and c.lower_ == "to" for c in token.children)
        if token.pos_ in ("NOUN", "PROPN") and token.dep_ in ("dobj", "obj") and \
                token.head.lemma_.lower() in cues.governors:
            chain.append((token.head, "dobj"))  # "threatened sanctions", "denied the attack"
            break
        prep = token.head
        if token.dep_ in ("pcomp", "pobj") and prep.dep_ == "prep" and prep.head.lemma_.lower() in cues.governors:
            chain.append((prep.head, "pcomp"))  # "accused Russia of shelling", "blamed X for the attack"
            break
        owner = prep.head  # the parser hung "of funding" on the accused: "accused X of funding"
        if (token.dep_ == "pcomp" and prep.dep_ == "prep" and prep.lower_ in ("of", "for")
                and owner.dep_ in ("dobj", "obj") and owner.head.lemma_.lower() in cues.governors):
            chain.append((owner.head, "pcomp"))
            break
        if token.pos_ not in ("VERB", "AUX"):
            break
        head_lemma = token.head.lemma_.lower()
        if token.dep_ == "acl" and (head_lemma in REPORT_NOUNS or head_lemma in cues.nouns):
            chain.append((token.head, "acl"))  # "reports that it had supplied", "threats to strike"
            break
        if token.dep_ in ("xcomp", "ccomp") or (token.dep_ in ("acl", "advcl") and infinitive):
            chain.append((token.head, token.dep_))
            token = token.head
        elif token.dep_ == "conj" and not any(c.dep_ in ("nsubj", "nsubjpass") for c in token.children):
            main = finite_governor(token)
            if main is not None:  # "accused X of violating Y and recalled": a sibling of "accused"
                token = main
            elif token.head.dep_ == "ccomp" and _is_speech(token, cues) and token.head.head.i < token.i:
                # "said the law was bad and urged Tbilisi": the parser joined "urged" to "was";
                # it is the speaker's second act, a sibling of "said", not part of what was said
                token = token.head.head
            else:
                token = token.head  # "agreed to build and operate": both share the governor
            chain.append((token, "conj"))
        else:
            break
    return chain


def _is_speech(verb: Token, cues: ModalityCues) -> bool:
    """A verb of asking or saying ("urge", "add", "warn")."""
    lemma = verb.lemma_.lower()
    return lemma in cues.requesting or cues.governors.get(lemma) == "reported"


def _noun_head(trigger: Token) -> Token | None:
    """For "threats of sanctions", the noun "threats" whose complement the trigger is."""
    if trigger.dep_ == "pobj" and trigger.head.lower_ == "of" and trigger.head.head.pos_ == "NOUN":
        return trigger.head.head
    return None


def _first(found: set[str], priority: tuple[str, ...]) -> str:
    for modality in priority:
        if modality in found:
            return modality
    return "asserted"
