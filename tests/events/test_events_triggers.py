"""find_triggers reads token attributes as ids and checks patterns only for words with senses:
it must find exactly what a plain token-by-token pass over every verb and noun finds."""

from __future__ import annotations

import json

from spacy.tokens import Token

from newsgraph.events.actors import ActorIndex
from newsgraph.events.lexicon import EventLexicon
from newsgraph.events.triggers import (
    NOUN_TAGS,
    VERB_TAGS,
    Trigger,
    _governor,
    _is_object,
    find_triggers,
    matches,
)
from newsgraph.language import parse
from newsgraph.model import Article

from .helpers import HERE, build_entities

ENTITIES = {
    "Russia": ("country:RUS", "country", "RUS"),
    "Ukraine": ("country:UKR", "country", "UKR"),
    "Iran": ("country:IRN", "country", "IRN"),
    "Israel": ("country:ISR", "country", "ISR"),
    "Qatar": ("country:QAT", "country", "QAT"),
    "Kyiv": ("place:kyiv", "place", "UKR"),
}


def _reference(doc, lexicon: EventLexicon, index: ActorIndex) -> list[Trigger]:
    """The plain algorithm: every token's attributes read through Token, every sense checked afresh."""

    def verb(token: Token) -> Trigger | None:
        for sense in lexicon.senses_for(token.lemma_.lower(), token.lower_, "verb"):
            if matches(token, sense, index):
                return Trigger(token, token, sense, "pattern" if sense.pattern else "verb")
        return None

    def noun(token: Token, verbs: dict[int, Trigger]) -> Trigger | None:
        senses = lexicon.senses_for(token.lemma_.lower(), token.lower_, "noun")
        if not senses:
            return None
        governor = _governor(token)
        light = (governor is not None and governor.lemma_.lower() in lexicon.light_verbs
                 and governor.i not in verbs and _is_object(token, governor))  # fmt: skip
        anchor = governor if light and governor is not None else token
        for sense in senses:
            if matches(token, sense, index, also=anchor if light else None):
                if (governor is not None and governor.i in verbs and verbs[governor.i].sense.type == sense.type
                        and governor.lemma_.lower() not in lexicon.target_verbs):  # fmt: skip
                    return None
                return Trigger(token, anchor, sense, "light" if light else "noun")
        return None

    verbs = {}
    for token in doc:
        if token.pos_ in VERB_TAGS or (token.pos_ == "AUX" and token.dep_ not in ("aux", "auxpass")):
            found = verb(token)
            if found is not None:
                verbs[token.i] = found
    out = list(verbs.values())
    out += [t for token in doc if token.pos_ in NOUN_TAGS and (t := noun(token, verbs)) is not None]
    return sorted(out, key=lambda t: t.anchor.i if t.via == "light" else t.token.i)


def _key(triggers: list[Trigger]) -> list[tuple[int, int, object, str]]:
    return [(t.token.i, t.anchor.i, t.sense, t.via) for t in triggers]


def test_events_triggers_same_as_plain_pass_on_gold_sentences(nlp, lexicon):
    lines = (HERE / "gold_sentences.jsonl").read_text(encoding="utf-8").splitlines()
    texts = [json.loads(line)["text"] for line in lines if line.strip()]
    text = " ".join(texts[:120])
    parsed = parse(Article(id="t", source="t", text=text), nlp)
    index = ActorIndex(parsed.doc, build_entities(text, ENTITIES), lexicon, ())
    found = find_triggers(parsed.doc, lexicon, index)
    assert len(found) > 50
    assert _key(found) == _key(_reference(parsed.doc, lexicon, index))


def test_events_triggers_light_verb_and_auxiliary_main_verb(nlp, lexicon):
    text = ("Russia carried out strikes on Kyiv. Iran and Qatar held talks in Doha. "
            "Israel is at war with Iran. Russia has been accused of shelling Ukraine.")  # fmt: skip
    parsed = parse(Article(id="t", source="t", text=text), nlp)
    index = ActorIndex(parsed.doc, build_entities(text, ENTITIES), lexicon, ())
    found = find_triggers(parsed.doc, lexicon, index)
    assert _key(found) == _key(_reference(parsed.doc, lexicon, index))
    assert "light" in {t.via for t in found}
