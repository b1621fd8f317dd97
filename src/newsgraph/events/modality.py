"""Modality and negation from the event's own clause: modals, governing verbs, adverbs, "if".

Only local cues: whether the event sits inside someone's claim is the attribution stage's
business, which later turns "asserted" into "reported" there.
"""

from __future__ import annotations

from spacy.tokens import Token

from newsgraph.events.lexicon import ModalityCues

REPORT_NOUNS = ("report", "claim", "allegation", "accusation", "suggestion", "rumor", "rumour")
DENY_VERBS = ("deny", "reject", "dismiss", "refute", "rebut")


def modality_of(trigger: Token, anchor: Token, cues: ModalityCues) -> tuple[str, bool]:
    """(modality, negated) for an event from the cues around its trigger and anchor."""
    found: set[str] = set()
    negated = False
    chain = _chain(anchor)
    for depth, verb in enumerate(chain):
        for child in verb.children:
            word = child.lower_
            lemma = child.lemma_.lower()
            if child.dep_ == "neg" or (child.dep_ in ("advmod", "det", "preconj") and word in ("never", "no")):
                if depth == 0 or verb.lemma_.lower() not in cues.governors:
                    negated = negated or word in cues.negators or child.dep_ == "neg"
                elif verb.lemma_.lower() in cues.governors:
                    negated = True  # "did not agree to sign": the signing did not happen either
            elif child.dep_ in ("aux", "auxpass") and (word in cues.auxiliaries or lemma in cues.auxiliaries):
                found.add(cues.auxiliaries.get(word) or cues.auxiliaries[lemma])
            elif child.dep_ == "advmod" and word in cues.adverbs:
                found.add(cues.adverbs[word])
            elif child.dep_ == "mark" and word in cues.conditionals:
                found.add("hypothetical")
        if depth > 0:
            lemma = verb.lemma_.lower()
            if lemma in cues.negating_governors:
                negated = True
            elif lemma in cues.governors:
                found.add(cues.governors[lemma])
            elif verb.pos_ in ("NOUN", "PROPN") and lemma in cues.nouns:
                found.add(cues.nouns[lemma])
            if lemma in REPORT_NOUNS and verb.head.lemma_.lower() in DENY_VERBS:
                found.add("denied")
    if trigger.i != anchor.i:
        for child in trigger.children:
            if child.dep_ in ("det", "neg") and child.lower_ in cues.negators:
                negated = True
    head_noun = _noun_head(trigger)
    if head_noun is not None and head_noun.lemma_.lower() in cues.nouns:
        found.add(cues.nouns[head_noun.lemma_.lower()])
    return _first(found, cues.priority), negated


def _chain(anchor: Token) -> list[Token]:
    """The anchor and the verbs and nouns that govern it as complements ("agreed to *sign*")."""
    chain = [anchor]
    token = anchor
    for _ in range(4):
        if token.dep_ in ("xcomp", "ccomp", "acl", "advcl", "pcomp") or (
                token.dep_ in ("pobj", "dobj") and token.pos_ in ("NOUN", "VERB")):
            head = token.head
            if head.dep_ == "prep" and token.dep_ in ("pobj", "pcomp"):
                head = head.head
            if token.dep_ == "advcl" and not any(c.dep_ == "aux" and c.lower_ == "to" for c in token.children):
                # an adverbial clause ("if ...", "after ...") has its own cues; stop climbing
                break
            chain.append(head)
            token = head
        else:
            break
    return chain


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
