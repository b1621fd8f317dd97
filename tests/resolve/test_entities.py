"""Entity resolution on sentences written for these tests, through the real spaCy model."""

from __future__ import annotations

import pytest

from newsgraph.language import parse
from newsgraph.model import Article, Entity
from newsgraph.resolve.entities import resolve_entities


def by_mention(entities: tuple[Entity, ...], text: str) -> list[Entity]:
    return [e for e in entities if any(m.text == text for m in e.mentions)]


def ids_of(entities: tuple[Entity, ...], text: str) -> set[str]:
    return {e.id for e in by_mention(entities, text)}


@pytest.mark.parametrize(("text", "mention", "entity_id"), [
    ("Iran denied the report on Tuesday.", "Iran", "country:IRN"),
    ("Iranian drones struck the city overnight.", "Iranian", "country:IRN"),
    ("The US imposed new sanctions.", "US", "country:USA"),
    ("Officials in the U.S. were not surprised.", "U.S.", "country:USA"),
    ("Britain summoned the ambassador.", "Britain", "country:GBR"),
    ("The UK said it would respond.", "UK", "country:GBR"),
    ("America has many allies in Asia.", "America", "country:USA"),
    ("North Korean hackers stole the funds.", "North Korean", "country:PRK"),
    ("Chinese firms supplied the parts.", "Chinese", "country:CHN"),
    ("The deal angered Israelis and Palestinians alike.", "Israelis", "country:ISR"),
    ("Ukrainian forces recaptured the village.", "Ukrainian", "country:UKR"),
    ("Turkey will host the talks.", "Turkey", "country:TUR"),
    ("Jordan closed its border with Syria.", "Jordan", "country:JOR"),
    ("Georgia's government rejected the bill.", "Georgia", "country:GEO"),
    ("The Russian Federation vetoed the resolution.", "Russian Federation", "country:RUS"),
])  # fmt: skip
def test_resolve_countries_from_names_and_demonyms(resolve, text, mention, entity_id):
    assert entity_id in ids_of(resolve(text), mention)


@pytest.mark.parametrize(("text", "mention", "country", "place"), [
    ("Moscow said the talks had failed.", "Moscow", "country:RUS", "place:moscow"),
    ("Tehran has denied sending weapons.", "Tehran", "country:IRN", "place:tehran"),
    ("Beijing warned against the visit.", "Beijing", "country:CHN", "place:beijing"),
    ("Kyiv asked for more air defence.", "Kyiv", "country:UKR", "place:kyiv"),
    ("Kiev asked for more air defence.", "Kiev", "country:UKR", "place:kyiv"),
    ("Washington pledged another aid package.", "Washington", "country:USA", "place:washington"),
])  # fmt: skip
def test_resolve_capital_metonym_gives_country_and_place(resolve, text, mention, country, place):
    ids = ids_of(resolve(text), mention)
    assert {country, place} <= ids


@pytest.mark.parametrize(("text", "mention", "country", "group"), [
    ("The White House declined to comment.", "White House", "USA", "group:usa-gov"),
    ("The Pentagon announced a new package.", "Pentagon", "USA", "group:usa-mil"),
    ("The Kremlin rejected the accusation.", "Kremlin", "RUS", "group:rus-gov"),
    ("Downing Street said the prime minister was briefed.", "Downing Street", "GBR", "group:gbr-gov"),
])  # fmt: skip
def test_resolve_seat_of_government_metonym_gives_role(resolve, text, mention, country, group):
    entities = by_mention(resolve(text), mention)
    assert f"country:{country}" in {e.id for e in entities}
    grp = next(e for e in entities if e.id == group)
    assert grp.country == country and grp.kind == "group"


@pytest.mark.parametrize(("text", "mention", "country"), [
    ("Fighting continued near Kherson on Monday.", "Kherson", "UKR"),
    ("Shelling hit Zaporozhye again.", "Zaporozhye", "UKR"),
    ("The plant in Zaporizhzhia lost power.", "Zaporizhzhia", "UKR"),
    ("Separatists in Lugansk held a vote.", "Lugansk", "UKR"),
    ("Separatists in Luhansk held a vote.", "Luhansk", "UKR"),
    ("Artillery was heard in Donetsk overnight.", "Donetsk", "UKR"),
    ("Protests spread from Isfahan to Tabriz.", "Isfahan", "IRN"),
    ("Russia annexed Crimea in 2014.", "Crimea", "UKR"),
    ("Aid trucks entered Gaza on Sunday.", "Gaza", "PSE"),
    ("Settlers attacked a village in the West Bank.", "West Bank", "PSE"),
    ("Troops were sent to the Golan Heights.", "Golan Heights", "SYR"),
    ("Clashes erupted in Nagorno-Karabakh.", "Nagorno-Karabakh", "AZE"),
])  # fmt: skip
def test_resolve_places_with_country_and_coordinates(resolve, text, mention, country):
    entities = by_mention(resolve(text), mention)
    places = [e for e in entities if e.kind == "place"]
    assert places and places[0].country == country
    assert places[0].lat is not None and places[0].lon is not None
    assert not [e for e in entities if e.kind == "person"]


@pytest.mark.parametrize(("text", "mention", "kind"), [
    ("Michael Jordan scored forty points.", "Michael Jordan", "person"),
    ("Actor Denzel Washington won the award on Sunday.", "Denzel Washington", "person"),
    ("Chelsea Clinton spoke at the event.", "Chelsea Clinton", "person"),
    ("Jordan Peterson gave a lecture.", "Jordan Peterson", "person"),
    ("Michael Jordan retired in 2003. Jordan said he was tired.", "Jordan", "person"),
    ("Jordan and Egypt signed the accord.", "Jordan", "country"),
    ("The delegation flew from Atlanta, Georgia, on Monday.", "Georgia", "place"),
    ("Georgia applied to join the European Union.", "Georgia", "country"),
])  # fmt: skip
def test_resolve_person_or_place_by_context(resolve, text, mention, kind):
    kinds = {e.kind for e in by_mention(resolve(text), mention)}
    assert kind in kinds
    if kind == "person":
        assert not kinds & {"country", "place"}
    else:
        assert "person" not in kinds


@pytest.mark.parametrize(("text", "name", "country", "role"), [
    ("Russian Security Council Secretary Nikolai Patrushev arrived in Tehran.", "Nikolai Patrushev", "RUS", "GOV"),
    ("Iranian president Ebrahim Raeesi met the delegation.", "Ebrahim Raisi", "IRN", "GOV"),
    ("President Putin spoke for an hour.", "Vladimir Putin", "RUS", "GOV"),
    ("Putin, the Russian president, spoke for an hour.", "Vladimir Putin", "RUS", "GOV"),
    ("French Foreign Minister Jean Dupont visited Kyiv.", "Jean Dupont", "FRA", "GOV"),
    ("Jean Dupont, the French foreign minister, visited Kyiv.", "Jean Dupont", "FRA", "GOV"),
    ("Ukrainian General Oleh Petrenko said the front held.", "Oleh Petrenko", "UKR", "MIL"),
    ("Israeli journalist Dana Levi reported the strike.", "Dana Levi", "ISR", "MED"),
    ("Joe Biden signed the bill.", "Joe Biden", "USA", "GOV"),
    ("Zelensky thanked the allies.", "Volodymyr Zelensky", "UKR", "GOV"),
    ("Hamas leader Yahya Sinwar was not seen.", "Yahya Sinwar", "PSE", "REB"),
])  # fmt: skip
def test_resolve_people_title_and_nationality(resolve, text, name, country, role):
    person = next(e for e in resolve(text) if e.kind == "person")
    assert (person.name, person.country, person.role) == (name, country, role)


def test_resolve_people_short_mentions_join_full_name(resolve):
    text = ("Russian Security Council Secretary Nikolai Patrushev traveled to Tehran. "
            "Patrushev met officials there. Later, Mr. Patrushev left.")
    people = [e for e in resolve(text) if e.kind == "person"]
    assert len(people) == 1
    assert people[0].id == "person:nikolai-patrushev"
    assert [m.text for m in people[0].mentions][:3] == ["Nikolai Patrushev", "Patrushev", "Patrushev"]


def test_resolve_people_ids_are_stable_slugs(resolve):
    first = resolve("Vladimir Putin spoke.")
    second = resolve("Later, Putin spoke again.")
    assert {e.id for e in first if e.kind == "person"} == {e.id for e in second if e.kind == "person"}
    assert "person:vladimir-putin" in {e.id for e in first}


@pytest.mark.parametrize(("text", "pronoun_count"), [
    ("Nikolai Patrushev arrived in Tehran. He met Iranian officials.", 1),
    ("Maria Lopez won the vote. She thanked her supporters.", 2),
    ("Nikolai Patrushev arrived. The talks lasted hours. More talks followed. Then more. He left.", 0),
])  # fmt: skip
def test_resolve_pronouns_join_nearest_person(resolve, text, pronoun_count):
    person = next(e for e in resolve(text) if e.kind == "person")
    pronouns = [m for m in person.mentions if m.text.lower() in ("he", "she", "her", "him", "his")]
    assert len(pronouns) == pronoun_count


def test_resolve_victim_gets_context_country_and_civilian_role(resolve):
    text = ("Iran faced protests after the death of Mahsa Amini in police custody in Tehran, "
            "and Iranian officials blamed foreign enemies.")
    person = next(e for e in resolve(text) if e.kind == "person")
    assert (person.name, person.country, person.role) == ("Mahsa Amini", "IRN", "CVL")


def test_resolve_author_is_a_person_without_role(resolve):
    entities = resolve("By Haider Abbas\n\nRussia and Iran signed a deal.", authors=("Haider Abbas",))
    author = next(e for e in entities if e.id == "person:haider-abbas")
    assert author.kind == "person" and author.role is None and author.country is None
    assert [m.text for m in author.mentions] == ["Haider Abbas"]


def test_resolve_author_not_in_text_still_listed(resolve):
    entities = resolve("Russia and Iran signed a deal.", authors=("Jane Roe",))
    assert "person:jane-roe" in {e.id for e in entities}


@pytest.mark.parametrize(("text", "group", "country", "role"), [
    ("Russian and Iranian officials finalized the deal.", "group:rus-gov", "RUS", "GOV"),
    ("Russian and Iranian officials finalized the deal.", "group:irn-gov", "IRN", "GOV"),
    ("The intelligence was seen by Western security agencies.", "group:western-spy", None, "SPY"),
    ("There were protesters in several Iranian cities.", "group:irn-protesters", "IRN", "CVL"),
    ("Israeli military vehicles were spotted inside Ukraine.", "group:isr-mil", "ISR", "MIL"),
    ("A team of Russian defense industry negotiators traveled to Tehran.", "group:rus-bus", "RUS", "BUS"),
    ("Iranian lawmakers approved the budget.", "group:irn-leg", "IRN", "LEG"),
    ("Ukrainian troops advanced near Bakhmut.", "group:ukr-mil", "UKR", "MIL"),
    ("Chinese state media praised the visit.", "group:chn-med", "CHN", "MED"),
    ("Iraqi police arrested three men.", "group:irq-cop", "IRQ", "COP"),
    ("Iran's leaders may believe they can avert sanctions.", "group:irn-gov", "IRN", "GOV"),
])  # fmt: skip
def test_resolve_groups_from_nationality_and_title(resolve, text, group, country, role):
    found = next((e for e in resolve(text) if e.id == group), None)
    assert found is not None, [e.id for e in resolve(text)]
    assert (found.kind, found.country, found.role) == ("group", country, role)


@pytest.mark.parametrize(("text", "mention", "present"), [
    ("The deal was a snub to the West.", "the West", True),
    ("Sanctions by Western countries hurt trade.", "Western countries", True),
    ("Troops left West Africa.", "West", False),
])  # fmt: skip
def test_resolve_bloc_named_alone(resolve, text, mention, present):
    assert ("group:western" in ids_of(resolve(text), mention)) is present


@pytest.mark.parametrize(("text", "mention", "entity_id"), [
    ("The Soviet Union collapsed in 1991.", "Soviet Union", "country:SUN"),
    ("Tensions rose across the Middle East.", "Middle East", "place:middle-east"),
    ("Gas prices rose in Europe.", "Europe", "place:europe"),
])  # fmt: skip
def test_resolve_historic_countries_and_regions(resolve, text, mention, entity_id):
    assert entity_id in ids_of(resolve(text), mention)


@pytest.mark.parametrize("text", [
    "Iranian drones struck the city.",
    "They build drones on Russian soil.",
    "Russian President Vladimir Putin spoke.",
])  # fmt: skip
def test_resolve_no_group_without_collective_noun(resolve, text):
    assert not [e for e in resolve(text) if e.kind == "group"]


@pytest.mark.parametrize(("text", "mention", "entity_id", "country"), [
    ("The EU agreed new sanctions.", "EU", "org:eu", None),
    ("The European Union agreed new sanctions.", "European Union", "org:eu", None),
    ("NATO allies met in Brussels.", "NATO", "org:nato", None),
    ("Iran remains on the FATF black-list.", "FATF", "org:fatf", None),
    ("The IAEA inspectors left the site.", "IAEA", "org:iaea", None),
    ("The UN Security Council will meet.", "UN Security Council", "org:unsc", None),
    ("Hezbollah fired rockets into northern Israel.", "Hezbollah", "org:hezbollah", "LBN"),
    ("The Houthis attacked a ship.", "Houthis", "org:houthis", "YEM"),
    ("The IRGC claimed the strike.", "IRGC", "org:irgc", "IRN"),
    ("Wagner Group fighters withdrew.", "Wagner Group", "org:wagner", "RUS"),
])  # fmt: skip
def test_resolve_organizations(resolve, text, mention, entity_id, country):
    org = next(e for e in by_mention(resolve(text), mention) if e.id == entity_id)
    assert org.kind == "organization" and org.country == country and org.role


@pytest.mark.parametrize(("text", "mention", "entity_id", "country"), [
    ("The Washington Post reported the deal.", "The Washington Post", "outlet:the-washington-post", "USA"),
    ("According to the Washington Post, the deal was done.", "the Washington Post", "outlet:the-washington-post", "USA"),
    ("Washington Post reporters saw the documents.", "Washington Post", "outlet:the-washington-post", "USA"),
    ("The US newspaper The Washington Post 1 broke the story.", "The Washington Post", "outlet:the-washington-post", "USA"),
    ("According to The Jerusalem Post 2 on Monday, vehicles were seen.", "The Jerusalem Post", "outlet:the-jerusalem-post", "ISR"),
    ("According to Breaking Defence 3, Israel was ready.", "Breaking Defence", "outlet:breaking-defense", "USA"),
    ("Breaking Defense reported the test.", "Breaking Defense", "outlet:breaking-defense", "USA"),
    ("Photo courtesy AFP", "AFP", "outlet:afp", "FRA"),
    ("Reuters could not verify the claim.", "Reuters", "outlet:reuters", "GBR"),
    ("TASS quoted the ministry.", "TASS", "outlet:tass", "RUS"),
    ("Bellingcat geolocated the video.", "Bellingcat", "outlet:bellingcat", "NLD"),
    ("The Hill reported the vote.", "The Hill", "outlet:the-hill", "USA"),
])  # fmt: skip
def test_resolve_outlets_with_and_without_the(resolve, text, mention, entity_id, country):
    outlet = next(e for e in by_mention(resolve(text), mention) if e.id == entity_id)
    assert (outlet.kind, outlet.role, outlet.country) == ("outlet", "MED", country)


def test_resolve_common_word_outlet_needs_its_the(resolve):
    assert "outlet:the-hill" not in {e.id for e in resolve("They walked up the hill. Hill said no.")}


@pytest.mark.parametrize(("text", "mention", "entity_id"), [
    ("Russia launched Shahed-136 drones at Kyiv.", "Shahed-136", "weapon:shahed-136"),
    ("Russia launched Shahed 136 drones at Kyiv.", "Shahed 136", "weapon:shahed-136"),
    ("Iran supplied the HESA Shahed 136 and other drones.", "HESA Shahed 136", "weapon:shahed-136"),
    ("The Fateh-110 has a range of 300 km.", "Fateh-110", "weapon:fateh-110"),
    ("The Zolfaghar is a ballistic missile.", "Zolfaghar", "weapon:zolfaghar"),
    ("Iran showed the Zulfiqar at the parade.", "Zulfiqar", "weapon:zolfaghar"),
    ("Israel tested its Arroiw-4 interceptor.", "Arroiw-4", "weapon:arrow-4"),
    ("Ukraine used HIMARS against depots.", "HIMARS", "weapon:himars"),
    ("Turkey delivered the S-400 batteries.", "S-400", "weapon:s-400"),
    ("A Bayraktar TB2 was shot down.", "Bayraktar TB2", "weapon:bayraktar-tb2"),
    ("Germany sent Leopard 2 tanks.", "Leopard 2", "weapon:leopard-2"),
    ("A Patriot missile battery was deployed.", "Patriot", "weapon:patriot"),
    ("A Lancet drone hit the howitzer.", "Lancet", "weapon:lancet"),
    ("Israeli-made Gaia Amir MRAP armored vehicles were seen.", "Gaia Amir MRAP", "weapon:gaia-amir"),
])  # fmt: skip
def test_resolve_weapons_exact_and_fuzzy(resolve, text, mention, entity_id):
    entities = [e for e in resolve(text) if any(m.text.startswith(mention) for m in e.mentions)]
    weapon = next(e for e in entities if e.id == entity_id)
    assert weapon.kind == "weapon"
    assert not [e for e in entities if e.kind in ("organization", "person")]


@pytest.mark.parametrize("text", [
    "The Lancet published the study.",
    "He is a true patriot.",
    "The F-17 does not exist.",
    "She wrote in COVID-19 times.",
])  # fmt: skip
def test_resolve_no_weapon_without_evidence(resolve, text):
    assert not [e for e in resolve(text) if e.kind == "weapon"]


def test_resolve_outlets_outside_the_body_are_listed(nlp, gazetteer):
    from newsgraph.model import Caption

    article = Article(id="t", source="<test>", text="Russia and Iran signed a deal.",
                      photo_captions=(Caption(text="Leaders meet.", credit="AFP"),), outlet="Reuters")
    ids = {e.id for e in resolve_entities(parse(article, nlp), gazetteer)}
    assert {"outlet:afp", "outlet:reuters"} <= ids


def test_resolve_mentions_in_text_order_with_offsets(resolve):
    text = "Russia attacked. Moscow denied it. Russian officials spoke."
    russia = next(e for e in resolve(text) if e.id == "country:RUS")
    assert [m.text for m in russia.mentions] == ["Russia", "Moscow", "Russian"]
    assert all(text[m.start:m.end] == m.text for m in russia.mentions)


def test_resolve_footnote_digit_not_in_name(resolve):
    entities = resolve("The report in The Washington Post 1 said so.")
    assert all(not m.text.endswith("1") for e in entities for m in e.mentions)


@pytest.mark.parametrize("text", [
    "Reading is fun.",
    "Mobile phones are cheap.",
    "Nice weather today in the park.",
    "Split the bill.",
    "",
    "He said so.",
])  # fmt: skip
def test_resolve_common_words_are_not_places(resolve, text):
    assert resolve(text) == ()


def test_resolve_counterpart_titles_in_one_sentence(resolve):
    text = ("Iran's foreign minister Hossein Amir-Abdollahian met his Russian counterpart "
            "Sergei Lavrov in Moscow.")
    people = {e.name: (e.country, e.role) for e in resolve(text) if e.kind == "person"}
    assert people == {"Hossein Amir-Abdollahian": ("IRN", "GOV"), "Sergei Lavrov": ("RUS", "GOV")}
