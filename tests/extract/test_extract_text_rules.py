"""Unit rules of the extract stage: whitespace, encodings, citations, dates, bylines."""

from __future__ import annotations

import pytest

from newsgraph.errors import InputError
from newsgraph.extract import extract
from newsgraph.extract.dates import date_from_url, normalize_date, resolve_published
from newsgraph.extract.encoding import decode
from newsgraph.extract.whitespace import normalize_text
from newsgraph.model import RawDocument

RUSSIAN = ("Министерство иностранных дел России заявило во вторник, что переговоры с Украиной "
           "невозможны, пока западные страны продолжают поставлять оружие Киеву.")
FRENCH = ("Le ministère français des Affaires étrangères a déclaré mardi que les négociations "
          "étaient bloquées, malgré les efforts de médiation répétés à Genève et à Bruxelles.")


def test_extract_whitespace_normalised() -> None:
    text = normalize_text("A\u00a0b\u200b c\u202e d\u2066e\u2069\r\nnext\u2028line\t\tend  ")
    assert text == "A b c de\nnext\nline end"


def test_extract_cp1251_russian_decoded() -> None:
    article = extract(RawDocument(source="ru.txt", data=RUSSIAN.encode("cp1251")))
    assert article.text == RUSSIAN
    assert article.language == "ru"
    assert article.warnings == ("no charset declared and not UTF-8: decoded as cp1251 (a guess)",)


def test_extract_latin1_decoded() -> None:
    article = extract(RawDocument(source="fr.txt", data=FRENCH.encode("latin-1")))
    assert article.text == FRENCH
    assert "cp1252" in article.warnings[0]
    assert article.language == "fr"


def test_extract_declared_charset_in_html_meta() -> None:
    html = (f"<html><head><meta charset='windows-1251'><title>Новости</title></head><body><article>"
            f"<p>{RUSSIAN}</p><p>{RUSSIAN}</p></article></body></html>")
    article = extract(RawDocument(source="ru.html", data=html.encode("cp1251"), media_type="text/html"))
    assert RUSSIAN in article.text


@pytest.mark.parametrize("bom,codec", [(b"\xef\xbb\xbf", "utf-8"), (b"\xff\xfe", "utf-16-le")])
def test_extract_bom_decides(bom: bytes, codec: str) -> None:
    text, used = decode(bom + FRENCH.encode(codec))
    assert text == FRENCH and used.replace("_", "-").startswith(codec[:5])


def test_extract_http_charset_used_before_guessing() -> None:
    text, used = decode(RUSSIAN.encode("koi8-r"), declared="koi8-r")
    assert text == RUSSIAN and used == "koi8-r"


@pytest.mark.parametrize(
    "value,expected",
    [
        ("2022-11-19", "2022-11-19"),
        ("2022-11-19T10:00:00+03:00", "2022-11-19"),
        ("Sat, 19 Nov 2022 10:00:00 GMT", "2022-11-19"),
        ("November 19, 2022", "2022-11-19"),
        ("20221119", "2022-11-19"),
        ("2022-11", "2022-11"),
        ("November 19", None),
        ("not a date", None),
        ("2022-13-45", None),
    ],
)
def test_extract_dates_normalised(value: str, expected: str | None) -> None:
    assert normalize_date(value) == expected


@pytest.mark.parametrize(
    "url,expected",
    [
        ("https://news.example/world/2022/11/19/drones-deal/", "2022-11-19"),
        ("https://news.example/2022-11-19-drones.html", "2022-11-19"),
        ("https://news.example/archive/20221119/story", "2022-11-19"),
        ("https://news.example/2022/11/story", "2022-11"),
        ("https://news.example/story-110", None),
        ("https://2022.example/11/19", None),
    ],
)
def test_extract_date_from_url(url: str, expected: str | None) -> None:
    assert date_from_url(url) == expected


def test_extract_published_order() -> None:
    url = "https://news.example/2022/11/19/x"
    assert resolve_published(user="2022-11-22", metadata=("2022-11-20",), url=url).source == "user"
    assert resolve_published(user=None, metadata=(None, "2022-11-20"), url=url).value == "2022-11-20"
    assert resolve_published(user=None, metadata=(None,), url=url).source == "url"
    none = resolve_published(user=None, metadata=(), url=None)
    assert (none.value, none.source) == (None, "none")
    with pytest.raises(InputError):
        resolve_published(user="someday", metadata=(), url=None)


def test_extract_published_from_caller_and_url() -> None:
    raw = RawDocument(source="u", data=FRENCH.encode(), url="https://ex.example/2021/03/04/a")
    assert extract(raw).published.value == "2021-03-04"
    assert extract(raw, published="2022-11-22").published.source == "user"


@pytest.mark.parametrize(
    "sentence,marker,outlet,clean",
    [
        ("It was first reported by The New York Times 4 said officials.", "4", "The New York Times",
         "It was first reported by The New York Times said officials."),
        ("According to the Financial Times 2, the talks failed.", "2", "Financial Times",
         "According to the Financial Times, the talks failed."),
        ("Al Jazeera 7 reported the strike.", "7", "Al Jazeera", "Al Jazeera reported the strike."),
    ],
)
def test_extract_citation_markers(sentence: str, marker: str, outlet: str, clean: str) -> None:
    text = f"{sentence}\n\nA second paragraph follows with more words so that the text is long."
    article = extract(RawDocument(source="c", data=text.encode()))
    assert [(c.marker, c.outlet) for c in article.citations] == [(marker, outlet)]
    citation = article.citations[0]
    assert article.text[citation.start:citation.end] == outlet
    assert article.text.startswith(clean)


@pytest.mark.parametrize(
    "sentence",
    [
        "Russia used the Shahed 136 on Monday and the Fateh 110 on Tuesday.",
        "Israel tested the Arrow 3 on Sunday, officials said.",
        "Russia has deployed 400 drones since August.",
        "The Boeing 737 crashed. Apollo 11 landed. Route 66, a road.",
        "In 2022 11 people died.",
    ],
)
def test_extract_quantities_are_not_markers(sentence: str) -> None:
    article = extract(RawDocument(source="q", data=sentence.encode()))
    assert article.citations == ()
    assert article.text == sentence


@pytest.mark.parametrize(
    "outlet",
    ["Haaretz", "Der Spiegel", "Bellingcat"],
)
def test_extract_citation_known_outlet_from_gazetteer(outlet: str) -> None:
    text = f"The strike was first documented by {outlet} 5 on Friday, with satellite images of the site."
    article = extract(RawDocument(source="k", data=text.encode()))
    assert [(c.marker, c.outlet) for c in article.citations] == [("5", outlet)]
    assert f"{outlet} on Friday" in article.text


@pytest.mark.parametrize(
    "byline,authors,outlet",
    [
        ("By Jane Doe and John Roe", ("Jane Doe", "John Roe"), None),
        ("By Jane Doe, John Roe and Ann Lee", ("Jane Doe", "John Roe", "Ann Lee"), None),
        ("Jane Doe | Reuters", ("Jane Doe",), "Reuters"),
        ("Written by Ann Lee", ("Ann Lee",), None),
        ("By Jane Doe, November 19, 2022", ("Jane Doe",), None),
        ("By Olena Marchenko, Kyiv Independent Desk", ("Olena Marchenko",), "Kyiv Independent"),
        ("By Staff Reporter", (), None),
    ],
)
def test_extract_bylines(byline: str, authors: tuple[str, ...], outlet: str | None) -> None:
    text = (f"Talks resume in Geneva\n\n{byline}\n\nDiplomats met again on Monday to discuss the "
            "ceasefire, officials said, and will meet again next week.")
    article = extract(RawDocument(source="b", data=text.encode()))
    assert article.authors == authors
    assert article.outlet == outlet
    assert article.title == "Talks resume in Geneva"
    assert article.text.startswith("Diplomats met again")


def test_extract_sentence_starting_with_by_is_not_a_byline() -> None:
    text = ("Talks resume in Geneva\n\nBy the end of the day, diplomats had agreed on an agenda for the "
            "ceasefire talks, officials said.")
    article = extract(RawDocument(source="b", data=text.encode()))
    assert article.authors == ()
    assert article.text.startswith("By the end of the day")


def test_extract_last_sentence_about_a_subject_is_not_an_author_note() -> None:
    text = ("Patrushev visits Tehran\n\nBy Jane Doe\n\nNikolai Patrushev travelled to Tehran on November 9 "
            "for talks on security cooperation, state media said.\n\nThe visit was his second this year.\n\n"
            "Patrushev is a former director of the FSB, Russia's main security agency.")
    article = extract(RawDocument(source="n", data=text.encode()))
    assert article.author_notes == ()
    assert article.text.endswith("Russia's main security agency.")
