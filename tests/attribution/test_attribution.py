"""Attribution through its public entry points, on paragraphs parsed for real."""

from __future__ import annotations

import pytest

from newsgraph.attribution import attribute_events, find_claims
from newsgraph.attribution.quotes import find_quotes
from newsgraph.model import Entity, Event, Mention

from .helpers import make_entities, make_parsed, make_times


def claims_of(nlp, text, outlets=(), extra=()):
    parsed = make_parsed(nlp, text, outlets=outlets)
    entities = make_entities(parsed, outlets, extra)
    return find_claims(parsed, entities, make_times(text))


def quotes_of(nlp, text, outlets=()):
    claims, _ = claims_of(nlp, text, outlets)
    return [c for c in claims if c.kind == "direct_quote"]


@pytest.mark.parametrize("text", [
    "Moscow’s response to the sanctions was swift.",
    "The governments’ joint statement was published on Friday.",
    "Turkey's parliament approved Sweden's bid, and the ministers' meeting ended late.",
    "The ’90s were a decade of wars; rock ’n’ roll survived them.",
    "Patrick O’Neill didn’t attend the farmers’ protest at 11 o’clock.",
])
def test_attribution_apostrophes_are_not_quotes(nlp, text):
    assert quotes_of(nlp, text) == []


@pytest.mark.parametrize(("text", "inner"), [
    ("The report says, ‘Aid for Moscow’s campaign in the region has grown since May.’",
     "Aid for Moscow’s campaign in the region has grown since May."),
    ("She said: ‘Sanctions and other interference in their governments’ affairs will fail, we think.’",
     "Sanctions and other interference in their governments’ affairs will fail, we think."),
    ("‘Nobody listens to the farmers’, said one activist.", "Nobody listens to the farmers"),
    ("“We will not allow this again,” the minister said.", "We will not allow this again,"),
    ("The coach said: 'It's the players' decision, not mine.'", "It's the players' decision, not mine."),
])
def test_attribution_quote_boundaries_are_exact(nlp, text, inner):
    assert [q.text for q in quotes_of(nlp, text)] == [inner]


def test_attribution_unclosed_quote_runs_to_paragraph_end(nlp):
    text = "The spokesman said, ‘The convoy was attacked twice near Kherson.\n\nThe convoy later reached the city."
    (quote,) = quotes_of(nlp, text)
    assert quote.text == "The convoy was attacked twice near Kherson."
    assert quote.unclosed and quote.speaker_text == "The spokesman"


def test_attribution_quote_reopened_at_each_paragraph_is_one_quote():
    text = "The mayor said: “We have lost everything.\n\n“But we will not leave.”"
    (quote,) = find_quotes(text)
    assert text[quote.start:quote.end] == "We have lost everything.\n\n“But we will not leave."
    assert not quote.unclosed


def test_attribution_nested_quote_is_a_child_claim(nlp):
    text = "“When the ambassador told me, ‘We are leaving tomorrow,’ I knew it was over,” the minister said."
    outer, inner = quotes_of(nlp, text)
    assert inner.text == "We are leaving tomorrow,"
    assert inner.parent == outer.id
    assert inner.speaker_text == "the ambassador" and outer.speaker_text == "the minister"


@pytest.mark.parametrize("text", [
    "The so-called ‘special operation’ has now entered its second year.",
    "Russia calls its invasion a “special military operation” and bans the word war.",
    "Critics dismissed the vote as a ‘sham’ organised under occupation.",
])
def test_attribution_scare_quotes_are_not_speech(nlp, text):
    assert quotes_of(nlp, text) == []


def test_attribution_scare_quote_attributed_by_according_to(nlp):
    text = "They discussed sanctions and other “Western interference” in their affairs, according to state media."
    (quote,) = quotes_of(nlp, text)
    assert quote.text == "Western interference" and quote.speaker_text == "state media"


@pytest.mark.parametrize(("text", "speaker"), [
    ("“The talks were constructive,” said Kremlin spokesman Dmitry Peskov.", "Kremlin spokesman Dmitry Peskov"),
    ("Prime Minister Mark Rutte told reporters: “There is no room for compromise.”", "Prime Minister Mark Rutte"),
    ("“We condemn this attack,” the State Department said in a statement.", "the State Department"),
])
def test_attribution_speaker_before_or_after_the_quote(nlp, text, speaker):
    (quote,) = quotes_of(nlp, text)
    assert quote.speaker_text == speaker


@pytest.mark.parametrize(("text", "speaker"), [
    ("The EU's foreign policy chief, Josep Borrell, said the law was \"incompatible with EU values\" and urged "
     "Tbilisi to withdraw it.", "The EU's foreign policy chief"),
    ("Borrell said the bill was \"a step back\" and warned that talks would stall.", "Borrell"),
])  # fmt: skip
def test_attribution_a_second_reporting_verb_shares_the_first_ones_speaker(nlp, text, speaker):
    """"X said the law was '...' and urged Y": the parser may join "urged" to "was"; X still speaks."""
    claims, _ = claims_of(nlp, text)
    assert claims and all(c.speaker_text == speaker for c in claims), [(c.kind, c.speaker_text) for c in claims]


@pytest.mark.parametrize("text", [
    "The EU's foreign policy chief, Josep Borrell, said the talks had failed.",
    "\"The talks have failed,\" said the EU's foreign policy chief, Josep Borrell.",
])  # fmt: skip
def test_attribution_a_title_with_the_name_beside_it_is_that_person(nlp, text):
    """"The EU's foreign policy chief, Josep Borrell, said": the speaker is Borrell, named beside the title."""
    claims, _ = claims_of(nlp, text)
    assert claims and claims[0].speaker == "person:josep-borrell", claims


@pytest.mark.parametrize(("text", "speaker"), [
    ("Defense Minister Yoav Gallant spoke on Sunday. He warned that Israel would respond \"with full force\" "
     "to any further attack.", "Yoav Gallant"),
    ("Gallant said Israel will reply \"with full force\" if attacked.", "Gallant"),
])  # fmt: skip
def test_attribution_a_quote_inside_a_future_act_is_the_outer_speakers(nlp, text, speaker):
    """"He warned that Israel would respond 'with full force'": Israel has not responded, he spoke."""
    (quote,) = quotes_of(nlp, text)
    assert quote.cue in ("warned", "said") and speaker in (quote.speaker_text or ""), quote


@pytest.mark.parametrize(("text", "claim_end"), [
    ("Russia's defence ministry said its forces had captured the village of Krasnohorivka, a claim Ukrainian "
     "officials rejected.", "Krasnohorivka"),
    ("The army said it had withdrawn from the town, a move analysts called overdue.", "the town"),
    ("Russia's defence ministry said its forces had captured the village of Krasnohorivka in the Donetsk region, "
     "a claim Ukrainian officials rejected.", "the Donetsk region"),
])  # fmt: skip
def test_attribution_the_writer_s_comment_after_a_claim_is_not_in_it(nlp, text, claim_end):
    """"X said Y, a claim Z rejected": the rejection is the writer's, not part of what X said."""
    claims, _ = claims_of(nlp, text)
    said = next(c for c in claims if c.cue == "said")
    assert said.text.endswith(claim_end), said.text


def test_attribution_a_speaker_in_a_relative_clause_says_what_follows(nlp):
    """"welcomed by Russia, whose deputy prime minister Alexander Novak said Moscow would keep
    cooperating": Novak said the part after "said"; the welcome is the writer's."""
    text = ("The decision was welcomed by Russia, whose deputy prime minister Alexander Novak said Moscow would "
            "keep cooperating with Riyadh.")
    claims, _ = claims_of(nlp, text)
    said = next(c for c in claims if c.cue == "said")
    assert said.text.startswith("Moscow would keep cooperating"), said.text
    assert said.speaker_text == "deputy prime minister Alexander Novak"


def test_attribution_the_report_resolves_to_the_outlet_last_cited(nlp):
    text = ("The Washington Post 1 on November 19 broke a story about a deal. "
            "The report says, ‘Tehran will send engineers to Russia.’")
    claims, citations = claims_of(nlp, text, outlets=["The Washington Post"])
    (quote,) = [c for c in claims if c.kind == "direct_quote"]
    assert quote.speaker == "outlet:the-washington-post" and quote.speaker_text == "The report"
    assert (citations[0].marker, citations[0].entity, citations[0].date) == ("1", "outlet:the-washington-post", "--11-19")


def test_attribution_country_qualified_report_prefers_that_countrys_outlet(nlp):
    text = ("The US newspaper The Washington Post 1 broke the story. The Jerusalem Post 2 added details. "
            "The US same newspaper report suggests that ‘the officials finalized the deal in early November.’")
    quote = quotes_of(nlp, text, outlets=["The Washington Post", "The Jerusalem Post"])[-1]
    assert quote.speaker == "outlet:the-washington-post"


def test_attribution_participle_cue_takes_the_cited_outlet(nlp):
    text = ("Vehicles were reportedly spotted, according to The Jerusalem Post 2 on November 12, "
            "saying that ‘the armored vehicles were claimed to have been spotted near Kherson.")
    claims, citations = claims_of(nlp, text, outlets=["The Jerusalem Post"])
    (quote,) = [c for c in claims if c.kind == "direct_quote"]
    assert quote.speaker == "outlet:the-jerusalem-post" and quote.unclosed and quote.hedge == "claimed"
    assert citations[0].date == "--11-12"


def test_attribution_pronoun_speaker_resolves_to_person(nlp):
    text = "Sergei Lavrov arrived in New Delhi on Wednesday. “We value our partnership with India,” he said."
    (quote,) = quotes_of(nlp, text)
    assert quote.speaker == "person:sergei-lavrov"


def test_attribution_anonymous_sources(nlp):
    claims, _ = claims_of(nlp, "Two officials, who spoke on condition of anonymity, said the strike killed a commander.")
    (claim,) = claims
    assert claim.kind == "indirect" and claim.anonymous and claim.speaker_text == "Two officials"


@pytest.mark.parametrize(("text", "kind", "hedge"), [
    ("The rebels claim that they control most of the province.", "indirect", "claimed"),
    ("The weapons are said to have been delivered through Iraq, according to Kurdish officials.", "according_to", "reported"),
    ("Dozens were killed, according to residents, a figure that could not be independently verified.",
     "according_to", "unconfirmed"),
    ("The soldiers allegedly executed three prisoners near the village.", "indirect", "alleged"),
])
def test_attribution_hedges(nlp, text, kind, hedge):
    claims, _ = claims_of(nlp, text)
    assert [(c.kind, c.hedge) for c in claims] == [(kind, hedge)]


def test_attribution_according_to_content_and_speaker(nlp):
    claims, _ = claims_of(nlp, "According to the Ukrainian General Staff, Russian forces launched 40 missiles overnight.")
    (claim,) = claims
    assert claim.text == "Russian forces launched 40 missiles overnight."
    assert claim.speaker_text == "the Ukrainian General Staff"


def test_attribution_outlet_named_as_source_becomes_a_citation(nlp):
    claims, citations = claims_of(nlp, "Al Jazeera reported that the hospital had been evacuated.", outlets=["Al Jazeera"])
    assert claims[0].speaker == "outlet:al-jazeera"
    assert [(c.marker, c.entity) for c in citations] == [(None, "outlet:al-jazeera")]


def test_attribution_claim_ids_follow_text_order(nlp):
    text = "“First, we need a ceasefire,” said Antonio Guterres. “Then we need talks.”"
    claims, _ = claims_of(nlp, text)
    assert [c.id for c in claims] == [f"c{n}" for n in range(1, len(claims) + 1)]
    assert [c.start for c in claims] == sorted(c.start for c in claims)
    assert claims[-1].speaker == claims[0].speaker is not None


def _event(start, end, modality="asserted"):
    return Event(id="e1", type="AGREE", trigger="x", sentence=0, start=start, end=end, modality=modality)


@pytest.mark.parametrize(("modality", "word", "expected"), [
    ("asserted", "agreed", "reported"),
    ("planned", "agreed", "planned"),
    ("asserted", "allegedly agreed", "alleged"),
])
def test_attribution_events_inside_claims(nlp, modality, word, expected):
    text = f"Reuters 1 reported that Moscow {word} to build the drones."
    parsed = make_parsed(nlp, text, outlets=["Reuters"], authors=("Haider Abbas",))
    entities = make_entities(parsed, ["Reuters"])
    claims, _ = find_claims(parsed, entities, ())
    at = text.index("agreed")
    (event,) = attribute_events((_event(at, at + 6, modality),), claims, parsed, entities)
    assert event.claim == claims[0].id and event.attributed_to == "outlet:reuters"
    assert event.modality == expected


@pytest.mark.parametrize(("authors", "outlet", "expected"), [
    (("Haider Abbas",), None, "person:haider-abbas"),
    ((), "The Daily Star", "outlet:the-daily-star"),
    ((), None, None),
])
def test_attribution_events_in_the_writers_voice(nlp, authors, outlet, expected):
    text = "Russia attacked Ukraine in February."
    parsed = make_parsed(nlp, text, authors=authors, outlet=outlet)
    (event,) = attribute_events((_event(7, 15),), (), parsed, ())
    assert (event.claim, event.attributed_to, event.modality) == (None, expected, "asserted")


def test_attribution_unnamed_source_inside_a_quote_attributes_to_the_quoting_outlet(nlp):
    text = ("The Washington Post 1 broke the story. The report says, ‘Moscow has reached an agreement with Tehran, "
            "according to intelligence seen by Western security agencies.’")
    parsed = make_parsed(nlp, text, outlets=["The Washington Post"])
    entities = make_entities(parsed, ["The Washington Post"])
    claims, _ = find_claims(parsed, entities, ())
    at = text.index("reached")
    (event,) = attribute_events((_event(at, at + 7),), claims, parsed, entities)
    inner = next(c for c in claims if c.id == event.claim)
    assert inner.kind == "according_to" and inner.anonymous
    assert event.attributed_to == "outlet:the-washington-post"


def test_attribution_extra_entity_speaker(nlp):
    group = Entity("group:state-media", "state media", "group", mentions=(Mention(0, 0, ""),))
    text = "The army declared a “full victory” in the province, state television reported."
    claims, _ = claims_of(nlp, text, extra=(group,))
    (quote,) = [c for c in claims if c.kind == "direct_quote"]
    assert quote.speaker_text == "state television"
