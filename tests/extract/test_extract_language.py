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
