"""Language detection on short, name-heavy news sentences, where identifiers are least sure."""

from __future__ import annotations

import pytest

from newsgraph.extract.language import detect_language


@pytest.mark.parametrize(
    "text",
    [
        "Russian President Vladimir Putin met Iranian President Ebrahim Raisi in Tehran.",
        "Turkish President Recep Tayyip Erdogan met Joe Biden in Rome on Sunday.",
        "Nikolai Patrushev traveled to Tehran on November 9 to discuss sanctions.",
        "Kim Jong Un oversaw a missile launch from Pyongyang on Tuesday, KCNA said.",
    ],
)
def test_extract_short_english_with_many_names_is_english(text: str) -> None:
    assert detect_language(text)[0] == "en"


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Le président russe Vladimir Poutine a rencontré son homologue iranien à Téhéran mardi.", "fr"),
        ("Der russische Präsident Wladimir Putin hat am Dienstag den iranischen Präsidenten getroffen.", "de"),
        ("Президент России Владимир Путин встретился с президентом Ирана в Тегеране во вторник.", "ru"),
        ("El presidente ruso Vladímir Putin se reunió con su homólogo iraní en Teherán el martes.", "es"),
    ],
)
def test_extract_other_languages_stay_themselves(text: str, lang: str) -> None:
    assert detect_language(text)[0] == lang


ENGLISH = ("Russian President Vladimir Putin met his Iranian counterpart in Tehran on Tuesday to discuss "
           "trade, energy and the war in Ukraine, officials from both governments said after the talks. ")  # fmt: skip
FRENCH = ("Le président russe Vladimir Poutine a rencontré son homologue iranien à Téhéran mardi pour "
          "discuter du commerce, de l'énergie et de la guerre en Ukraine, selon les deux gouvernements. ")  # fmt: skip


@pytest.mark.parametrize(("text", "lang"), [(ENGLISH * 40, "en"), (FRENCH * 40, "fr")])
def test_extract_long_texts_keep_their_language(text: str, lang: str) -> None:
    from newsgraph.extract import language

    assert len(text) > language.LONG_SAMPLE_CHARS
    assert detect_language(text)[0] == lang


def test_extract_unsure_short_sample_reads_the_long_one(monkeypatch: pytest.MonkeyPatch) -> None:
    from newsgraph.extract import language

    seen: list[int] = []

    class Unsure:
        def classify(self, text: str) -> tuple[str, float]:
            seen.append(len(text))
            return ("en", 0.5) if len(seen) <= 2 else ("en", 0.99)

    monkeypatch.setattr(language, "_identifier", lambda: Unsure())
    assert detect_language(ENGLISH * 40) == ("en", 0.99)
    # plainly English, so a short sample is tried first; unsure on it and on the first sample,
    # the identifier reads the long one
    assert seen == [language.SHORT_SAMPLE_CHARS, language.SAMPLE_CHARS, language.LONG_SAMPLE_CHARS]


def test_extract_plain_english_is_confirmed_on_a_short_sample(monkeypatch: pytest.MonkeyPatch) -> None:
    from newsgraph.extract import language

    real = language._identifier()
    seen: list[int] = []

    class Counting:
        def classify(self, text: str) -> tuple[str, float]:
            seen.append(len(text))
            return real.classify(text)

    monkeypatch.setattr(language, "_identifier", lambda: Counting())
    lang, prob = detect_language(ENGLISH * 40)
    assert lang == "en" and prob >= language.UNSURE
    assert seen == [language.SHORT_SAMPLE_CHARS]
    seen.clear()
    assert detect_language(FRENCH * 40)[0] == "fr"
    assert language.SHORT_SAMPLE_CHARS not in seen  # French never looks plainly English
