"""Loading the gazetteers: bundled data, a user's folder over it, and errors that name the fix."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from newsgraph.errors import DataFileError
from newsgraph.resolve.gazetteer import load_gazetteer


@pytest.fixture(scope="module")
def gazetteer():
    return load_gazetteer()


def test_resolve_gazetteer_loads_fast():
    start = time.perf_counter()
    load_gazetteer()
    assert time.perf_counter() - start < 1.0


def test_resolve_gazetteer_has_every_iso_country(gazetteer):
    assert len(gazetteer.countries) >= 249
    assert gazetteer.countries["RUS"].name == "Russia"
    assert "Iranian" in gazetteer.countries["IRN"].demonyms
    assert ("White House", "GOV") in gazetteer.countries["USA"].metonyms


@pytest.mark.parametrize(("table", "key"), [
    ("places", "kherson"), ("places", "zaporizhzhia"), ("places", "tehran"),
    ("organizations", "nato"), ("organizations", "fatf"), ("outlets", "the-washington-post"),
    ("outlets", "afp"), ("weapons", "shahed-136"), ("weapons", "arrow-4"),
])  # fmt: skip
def test_resolve_gazetteer_has_bundled_rows(gazetteer, table, key):
    assert key in getattr(gazetteer, table)


def test_resolve_gazetteer_outlets_are_a_few_hundred(gazetteer):
    assert len(gazetteer.outlets) >= 200


def test_resolve_gazetteer_leaders_by_alias(gazetteer):
    assert gazetteer.leader("Raeesi").name == "Ebrahim Raisi"
    assert gazetteer.leader("putin").country == "RUS"


def test_resolve_gazetteer_titles_keep_order(gazetteer):
    roles = [rule.role for rule in gazetteer.titles]
    assert roles.index("MIL") < len(roles) - 1 and roles[-1] == "GOV"


def _write(folder: Path, name: str, text: str) -> None:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def test_resolve_gazetteer_user_folder_adds_and_replaces(tmp_path):
    _write(tmp_path, "outlets.csv", "id,name,aliases,country,kind,url\n"
           "afp,Agence France-Presse,AFP,FRA,agency,afp.com\n"
           "my-blog,My Blog,,NZL,online,example.org\n")
    gaz = load_gazetteer(str(tmp_path))
    assert gaz.outlets["afp"].name == "Agence France-Presse"
    assert gaz.outlets["my-blog"].country == "NZL"
    assert "reuters" in gaz.outlets


def test_resolve_gazetteer_user_titles_come_first(tmp_path):
    _write(tmp_path, "en/titles.yaml", "titles:\n  - role: SPY\n    patterns: [minister]\n")
    gaz = load_gazetteer(str(tmp_path))
    assert gaz.titles[0].role == "SPY"


@pytest.mark.parametrize(("name", "text", "words"), [
    ("places.csv", "id,name,aliases,country,kind,lat,lon,population\nx,X,,UKR,city,north,30,0\n",
     ["line 2", "lat"]),
    ("organizations.csv", "id,name,aliases,kind,country,role\nx,X,,igo,Russia,IGO\n", ["line 2", "alpha-3"]),
    ("organizations.csv", "id,name,aliases,kind,country,role\nx,X,,igo,,BOSS\n", ["line 2", "CAMEO"]),
    ("weapons.csv", "id,name,aliases,kind,country,ambiguous\n,X,,drone,IRN,0\n", ["line 2", "'id'"]),
    ("en/titles.yaml", "titles:\n  - role: GOV\n    patterns: [president, '']\n", ["empty pattern"]),
    ("en/titles.yaml", "titles:\n  - role: GOV\n", ["patterns"]),
    ("en/groups.yaml", "blocs:\n  - id: x\n    words: []\n", ["words"]),
])  # fmt: skip
def test_resolve_gazetteer_malformed_rows_name_file_line_and_fix(tmp_path, name, text, words):
    _write(tmp_path, name, text)
    with pytest.raises(DataFileError) as err:
        load_gazetteer(str(tmp_path))
    message = str(err.value)
    assert name.split("/")[-1] in message
    for word in words:
        assert word in message
