"""Entity resolution for the events stage: bare leader surnames, small places of conflict zones,
organisation metonyms ("Europe", "Brussels" for the EU when they act), the Security Council, and
collective actors named without a nationality ("the army", "riot police"). Sentences written for
these tests, through the real spaCy model."""

from __future__ import annotations

import pytest

from newsgraph.model import Entity


def by_mention(entities: tuple[Entity, ...], text: str) -> list[Entity]:
    return [e for e in entities if any(m.text == text for m in e.mentions)]


def ids_of(entities: tuple[Entity, ...], text: str) -> set[str]:
    return {e.id for e in by_mention(entities, text)}


# --- bare surnames of known leaders -------------------------------------------------------------


@pytest.mark.parametrize(("text", "mention", "person", "country", "role"), [
    ("Erdogan voiced support for the plan in a speech on Wednesday.", "Erdogan",
     "person:recep-tayyip-erdogan", "TUR", "GOV"),
    ("Biden arrived in Warsaw on Monday.", "Biden", "person:joe-biden", "USA", "GOV"),
    ("Macron will travel to Beijing next week.", "Macron", "person:emmanuel-macron", "FRA", "GOV"),
    ("Guterres is expected to visit Kyiv next week.", "Guterres", "person:antonio-guterres", "PRT", "IGO"),
    ("Demonstrators rallied against Orban's education policy.", "Orban", "person:viktor-orban", "HUN", "GOV"),
    ("Blinken met the Chinese delegation in Beijing.", "Blinken", "person:antony-blinken", "USA", "GOV"),
    ("Lavrov held talks with his counterpart in Moscow.", "Lavrov", "person:sergei-lavrov", "RUS", "GOV"),
    ("Scholz did not attend the summit.", "Scholz", "person:olaf-scholz", "DEU", "GOV"),
    ("A delegation led by Patrushev flew to Tehran.", "Patrushev", "person:nikolai-patrushev", "RUS", "GOV"),
    ("Officials said von der Leyen would attend.", "von der Leyen", "person:ursula-von-der-leyen", "DEU", "IGO"),
])  # fmt: skip
def test_resolve_bare_leader_surname_is_the_person(resolve, text, mention, person, country, role):
    entities = by_mention(resolve(text), mention)
    assert [e.id for e in entities] == [person], [(e.id, e.kind) for e in entities]
    assert (entities[0].kind, entities[0].country, entities[0].role) == ("person", country, role)


@pytest.mark.parametrize(("text", "name"), [
    ("The request was discussed when Defence Minister Rustem Umerov met his counterpart in Brussels.",
     "Rustem Umerov"),
    ("Army chief General Oleksandr Syrskyi visited the front on Monday.", "Oleksandr Syrskyi"),
])  # fmt: skip
def test_resolve_a_name_after_a_capitalised_title_is_a_person(resolve, text, name):
    """A name spaCy misses is still a person when a title stands before it ("Defence Minister X Y")."""
    found = by_mention(resolve(text), name)
    assert [e.kind for e in found] == ["person"], [(e.id, e.kind) for e in resolve(text)]
    assert not [e for e in resolve(text) if e.kind == "organization"]


@pytest.mark.parametrize("text", [
    "The Interior Ministry Press Office said the roads were closed.",
    "The Security Council Resolution 2334 was adopted in 2016.",
])  # fmt: skip
def test_resolve_capitalised_words_after_a_title_that_are_no_name(resolve, text):
    assert not [e for e in resolve(text) if e.kind == "person"], [(e.id, e.kind) for e in resolve(text)]


def test_resolve_bare_surname_joins_a_full_name_of_the_text_before_a_leader(resolve):
    entities = resolve("John Harris, a farmer from Ohio, lost his crop. Harris said the storm was the worst.")
    assert ids_of(entities, "Harris") == {"person:john-harris"}


def test_resolve_lowercase_word_is_not_a_leader(resolve):
    assert not [e for e in resolve("The walrus lost a tusk in the fight.") if e.kind == "person"]


# --- places of conflict zones are places ------------------------------------------------------


@pytest.mark.parametrize(("text", "mention", "place", "country"), [
    ("Wagner fighters captured the town of Soledar.", "Soledar", "place:soledar", "UKR"),
    ("Russian forces shelled Vuhledar overnight.", "Vuhledar", "place:vuhledar", "UKR"),
    ("Ukrainian troops withdrew from Avdiivka.", "Avdiivka", "place:avdiivka", "UKR"),
    ("Fighting raged around Chasiv Yar.", "Chasiv Yar", "place:chasiv-yar", "UKR"),
    ("Israeli troops raided the Jenin refugee camp.", "Jenin", "place:jenin", "PSE"),
    ("Strikes hit Khan Younis on Tuesday.", "Khan Younis", "place:khan-yunis", "PSE"),
    ("Rockets were fired at Sderot.", "Sderot", "place:sderot", "ISR"),
    ("The Houthis seized a ship off Hodeidah.", "Hodeidah", "place:hodeidah", "YEM"),
    ("Paramilitaries besieged El Fasher.", "El Fasher", "place:el-fasher", "SDN"),
    ("Soldiers clashed with militants in Waziristan.", "Waziristan", "place:waziristan", "PAK"),
])  # fmt: skip
def test_resolve_conflict_zone_places_are_places(resolve, text, mention, place, country):
    entities = by_mention(resolve(text), mention)
    assert place in {e.id for e in entities}, [(e.id, e.kind) for e in entities]
    assert not [e for e in entities if e.kind == "organization"]
    found = next(e for e in entities if e.id == place)
    assert found.country == country and found.lat is not None and found.lon is not None


# --- organisation metonyms: Europe and Brussels act for the EU --------------------------------


@pytest.mark.parametrize(("text", "mention"), [
    ("Iran faces threats of new economic sanctions from Europe.", "Europe"),
    ("Europe imposed sanctions on Iran.", "Europe"),
    ("Europe and the US condemned the attack.", "Europe"),
    ("The US and Europe condemned the attack.", "Europe"),
    ("Europe's response was swift.", "Europe"),
    ("Brussels imposed sanctions on Minsk.", "Brussels"),
])  # fmt: skip
def test_resolve_acting_europe_is_the_eu_and_a_place(resolve, text, mention):
    ids = ids_of(resolve(text), mention)
    assert "org:eu" in ids, ids
    assert any(i.startswith("place:") for i in ids)


@pytest.mark.parametrize(("text", "mention"), [
    ("Gas prices rose in Europe.", "Europe"),
    ("The storm hit southern Europe on Friday.", "Europe"),
    ("The talks took place in Brussels.", "Brussels"),
])  # fmt: skip
def test_resolve_europe_as_a_location_is_only_a_place(resolve, text, mention):
    ids = ids_of(resolve(text), mention)
    assert "org:eu" not in ids and any(i.startswith("place:") for i in ids), ids


def test_resolve_org_metonyms_are_data(gazetteer):
    assert "Europe" in gazetteer.organizations["eu"].metonyms


# --- the Security Council ---------------------------------------------------------------------


@pytest.mark.parametrize(("text", "mention"), [
    ("The Security Council lifted the arms embargo on Somalia.", "Security Council"),
    ("The United States vetoed the Security Council resolution on Gaza.", "Security Council"),
    ("The UN Security Council will meet on Friday.", "UN Security Council"),
    ("The UNSC will meet on Friday.", "UNSC"),
])  # fmt: skip
def test_resolve_security_council_is_the_un_body(resolve, text, mention):
    entities = by_mention(resolve(text), mention)
    assert [e.id for e in entities] == ["org:unsc"], [e.id for e in entities]
    assert entities[0].role == "IGO" and "UN" in entities[0].name.split()


@pytest.mark.parametrize(("text", "mention"), [
    ("The Russian Security Council met on Friday.", "Security Council"),
    ("Iran's Supreme National Security Council approved the plan.", "Security Council"),
])  # fmt: skip
def test_resolve_national_security_council_is_not_the_un(resolve, text, mention):
    entities = resolve(text)
    assert "org:unsc" not in {e.id for e in entities}


# --- collective actors without a nationality --------------------------------------------------


@pytest.mark.parametrize(("text", "mention", "country", "role"), [
    ("Riot police fired tear gas at protesters in Tbilisi.", "Riot police", "GEO", "COP"),
    ("The army shelled villages near Idlib.", "army", "SYR", "MIL"),
    ("Militants attacked a checkpoint in Waziristan.", "Militants", "PAK", "REB"),
    ("Checkpoints in Waziristan were attacked by militants.", "militants", "PAK", "REB"),
])  # fmt: skip
def test_resolve_collective_actor_takes_the_country_of_its_sentence(resolve, text, mention, country, role):
    groups = [e for e in resolve(text) if e.kind == "group" and any(mention in m.text for m in e.mentions)]
    assert groups, [(e.id, [m.text for m in e.mentions]) for e in resolve(text)]
    assert (groups[0].country, groups[0].role) == (country, role)


@pytest.mark.parametrize(("text", "mention", "group"), [
    ("Thousands of Georgians rallied outside parliament on Tuesday.\n\nRiot police used water cannon to "
     "disperse the crowd.", "Riot police", "group:geo-cop"),
    ("Thousands of Georgians rallied in Tbilisi on Tuesday. Police fired tear gas at the protesters.",
     "protesters", "group:geo-protesters"),
    ("Thousands of Georgians rallied in Tbilisi on Tuesday. Protesters blocked the entrance to parliament.",
     "Protesters", "group:geo-protesters"),
])  # fmt: skip
def test_resolve_collective_actor_takes_the_country_of_the_sentences_before(resolve, text, mention, group):
    """A sentence naming no country continues the one before: its police and protesters are that country's."""
    assert group in ids_of(resolve(text), mention), [(e.id, [m.text for m in e.mentions]) for e in resolve(text)]


def test_resolve_no_country_carried_over_when_the_sentence_before_has_two(resolve):
    text = "Russia attacked Ukraine on Monday. Police said the roads were closed."
    assert not [e for e in resolve(text) if e.kind == "group"]


@pytest.mark.parametrize("text", [
    "The army was founded in 1948.",
    "Officials said the plan would work.",
    "India deployed additional troops along the border with China.",
])  # fmt: skip
def test_resolve_no_collective_actor_without_a_country(resolve, text):
    assert not [e for e in resolve(text) if e.kind == "group"]


def test_resolve_no_one_country_owns_a_group_in_several_countries(resolve):
    entities = resolve("The United States bombed Iranian-backed militias in Syria and Iraq.")
    assert not [e for e in entities if e.kind == "group"], [e.id for e in entities]


@pytest.mark.parametrize(("text", "mention"), [
    ("Sudan's army and the RSF agreed to a truce.\n\nThe RSF accused the army of shelling Omdurman.", "army"),
    ("Sudan's army and the RSF agreed to a truce.\n\nThe RSF accused the military of shelling Omdurman.",
     "military"),
    ("Sudan's army and the RSF agreed to a truce.\n\nWitnesses said the RSF had attacked the army's positions.",
     "army"),
])  # fmt: skip
def test_resolve_the_army_later_in_the_text_is_the_one_named_before(resolve, text, mention):
    """"the army" after "Sudan's army", in any role: the one army the text has named."""
    entities = resolve(text)
    later = [e for e in entities for m in e.mentions if m.text == mention and m.start > text.index("\n")]
    assert [e.id for e in later] == ["group:sdn-mil"], [(e.id, [m.text for m in e.mentions]) for e in entities]


@pytest.mark.parametrize("text", [
    "Russia's army and Ukraine's army both claimed gains.\n\nThe RSF said it had not met the army.",
    "Sudan's army and the RSF agreed to a truce.\n\nAn army of volunteers cleared the rubble.",
])  # fmt: skip
def test_resolve_the_army_is_left_alone_when_it_could_be_another(resolve, text):
    later = [e for e in resolve(text) for m in e.mentions if "army" in m.text and m.start > text.index("\n")]
    assert not [e for e in later if e.id in ("group:sdn-mil", "group:rus-mil", "group:ukr-mil")], later


@pytest.mark.parametrize(("text", "mention", "entity_id"), [
    ("Houthi rebels fired missiles at a ship.", "Houthi rebels", "org:houthis"),
    ("Ukrainian troops shelled the town.", "Ukrainian troops", "group:ukr-mil"),
    ("Turkish citizens protested in front of the Swedish embassy.", "Swedish embassy", "group:swe-gov"),
])  # fmt: skip
def test_resolve_named_collective_actors(resolve, text, mention, entity_id):
    assert entity_id in ids_of(resolve(text), mention)


@pytest.mark.parametrize(("text", "word"), [
    ("U.S. Secretary of State Antony Blinken said the truce would hold.", "State"),
    ("The Chief of Staff of the army resigned on Monday.", "Staff"),
    ("Iran's head of State thanked the crowd.", "State"),
])  # fmt: skip
def test_resolve_the_end_of_a_title_is_no_organisation(resolve, text, word):
    """"Secretary of State": spaCy may tag "State" an organisation; it is part of a title."""
    assert not [e for e in by_mention(resolve(text), word) if e.kind == "organization"]


@pytest.mark.parametrize(("text", "mention", "group"), [
    ("The Sudanese Armed Forces and the RSF agreed to a truce.", "Sudanese Armed Forces", "group:sdn-mil"),
    ("The Ukrainian Armed Forces shelled the town.", "Ukrainian Armed Forces", "group:ukr-mil"),
])  # fmt: skip
def test_resolve_a_group_name_is_one_entity(resolve, text, mention, group):
    """A nationality and a title that spaCy also tags as a name: one group, not a second organisation."""
    assert ids_of(resolve(text), mention) == {group}


@pytest.mark.parametrize(("text", "mention"), [
    ("The attack was claimed by Tehreek-e-Taliban Pakistan (TTP) on Monday.", "Tehreek-e-Taliban Pakistan"),
    ("The Pakistani Taliban claimed the attack.", "Pakistani Taliban"),
])  # fmt: skip
def test_resolve_the_pakistani_taliban_are_not_the_taliban(resolve, text, mention):
    assert ids_of(resolve(text), mention) == {"org:ttp"}
    assert "org:taliban" not in {e.id for e in resolve(text)}


@pytest.mark.parametrize(("text", "mention", "place"), [
    ("KYIV, Ukraine (AP) — Russian forces shelled Kharkiv overnight.", "KYIV", "place:kyiv"),
    ("TBILISI, Georgia (AP) — Thousands of Georgians rallied outside parliament.", "TBILISI", "place:tbilisi"),
    ("KHARTOUM, April 25 (Reuters) - Sudan's army agreed to a truce.", "KHARTOUM", "place:khartoum"),
])  # fmt: skip
def test_resolve_a_place_in_capitals_is_the_place(resolve, text, mention, place):
    """A dateline writes its city in capitals; it is the city, not an organisation."""
    found = by_mention(resolve(text), mention)
    assert [e.id for e in found] == [place], [(e.id, e.kind) for e in found]


def test_resolve_capitals_of_an_acronym_stay_the_acronym(resolve):
    found = by_mention(resolve("NATO and the RSF said the talks had failed."), "NATO")
    assert [e.id for e in found] == ["org:nato"]


@pytest.mark.parametrize(("text", "mention"), [
    ("Israeli jets struck Hezbollah positions on Sunday, hours after the Iran-backed group fired rockets at "
     "Israel.", "group"),
    ("Hezbollah fired rockets at Israel on Sunday. The group said it was retaliating.", "group"),
    ("Hamas freed two hostages on Friday. The militant group said more would follow.", "group"),
    ("Hezbollah is regrouping, according to a United Nations report, which said the group could number "
     "several thousand fighters.", "group"),
])  # fmt: skip
def test_resolve_the_group_is_the_organisation_named_just_before(resolve, text, mention):
    entities = resolve(text)
    found = [e for e in entities for m in e.mentions if m.text == mention]
    assert len(found) == 1 and found[0].kind == "organization" and found[0].id in ("org:hezbollah", "org:hamas"), \
        [(e.id, [m.text for m in e.mentions]) for e in entities]


@pytest.mark.parametrize("text", [
    "Hezbollah fired rockets at Israel. A group of tourists was evacuated from the border.",
    "Hezbollah fired rockets at Israel. The group of tourists was evacuated from the border.",
    "Hezbollah fired rockets at Israel on Sunday.\n\nIn Berlin, ministers met on Monday to discuss trade. "
    "Exports fell in May. Prices rose again. The group said it would meet again.",
    "The attack was claimed by Hamas. Israel accused the Hezbollah leadership of sheltering the group.",
])  # fmt: skip
def test_resolve_the_group_is_left_alone_when_it_is_not_that_organisation(resolve, text):
    entities = resolve(text)
    assert not [e for e in entities for m in e.mentions if m.text == "group"], [e.id for e in entities]


@pytest.mark.parametrize(("text", "mention", "place"), [
    ("Washington was quick to respond to the strikes.", "Washington", "place:washington"),
    ("Officials in New York said the talks would resume.", "New York", "place:new-york"),
])  # fmt: skip
def test_resolve_a_place_name_shared_by_a_city_and_a_region_is_one_place(resolve, text, mention, place):
    places = [e.id for e in by_mention(resolve(text), mention) if e.kind == "place"]
    assert places == [place], places


@pytest.mark.parametrize(("text", "mention", "country"), [
    ("GOMA, Democratic Republic of Congo (Reuters) - Fighting killed 12 people.", "Democratic Republic of Congo", "COD"),
    ("Congo's government accused Rwanda of violating its sovereignty.", "Congo", "COD"),
    ("The Republic of Congo held elections in Brazzaville.", "Republic of Congo", "COG"),
])  # fmt: skip
def test_resolve_congo_is_the_democratic_republic_unless_the_republic_is_named(resolve, text, mention, country):
    """News says "Congo" for the Democratic Republic; the Republic of Congo is named in full."""
    found = [e for e in by_mention(resolve(text), mention) if e.kind == "country"]
    assert [e.country for e in found] == [country], [(e.id, e.country) for e in found]


@pytest.mark.parametrize(("text", "mention", "country"), [
    ("Russian forces captured the village of Zorianske in the Donetsk region on Monday.", "Zorianske", "UKR"),
    ("Fighting raged near Goma on Sunday. Rebels seized the town of Rubaya in April.", "Rubaya", "COD"),
])  # fmt: skip
def test_resolve_a_small_place_takes_the_country_of_the_places_around_it(resolve, text, mention, country):
    """A town the gazetteer does not know is in the country of the known places near it, not of
    the nationality that attacks it."""
    places = [e for e in by_mention(resolve(text), mention) if e.kind == "place"]
    assert [p.country for p in places] == [country], [(e.id, e.country) for e in resolve(text)]


def test_resolve_a_small_place_with_no_known_place_near_has_no_country(resolve):
    places = [e for e in by_mention(resolve("Russian forces captured the village of Zorianske."), "Zorianske")
              if e.kind == "place"]
    assert all(p.country is None for p in places)


# --- through the whole pipeline: the events stage picks the acting entity ---------------------


@pytest.mark.parametrize(("text", "event_type", "source"), [
    ("Europe imposed sanctions on Iran.", "SANCTION", "org:eu"),
    ("Erdogan threatened to expel ten diplomats.", "THREATEN", "person:recep-tayyip-erdogan"),
    ("The Security Council lifted the arms embargo on Somalia.", "CONCEDE", "org:unsc"),
])  # fmt: skip
def test_resolve_events_take_the_acting_entity(analyzer, text, event_type, source):
    analysis = analyzer.analyze(text)
    found = [e for e in analysis.events if e.type == event_type]
    assert found and source in found[0].source, [(e.type, e.source, e.target) for e in analysis.events]
