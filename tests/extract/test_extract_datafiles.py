"""The cue data files: a user's folder extends them; bad patterns are refused with the file named."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsgraph.errors import DataFileError
from newsgraph.extract import extract
from newsgraph.extract.cues import load_cues
from newsgraph.model import RawDocument

TEXT = ("Talks resume in Geneva\n\nDiplomats met again on Monday to discuss the ceasefire, officials said.\n\n"
        "Brought to you by Acme Widgets\n\nThe next round is due in a week, according to the mediators.")


def test_extract_user_boilerplate_extends_bundled(tmp_path: Path) -> None:
    (tmp_path / "en").mkdir()
    (tmp_path / "en" / "boilerplate.yaml").write_text(
        "furniture:\n  sponsors:\n    - 'brought to you by'\n", encoding="utf-8")
    plain = extract(RawDocument(source="t", data=TEXT.encode()))
    assert "Brought to you by" in plain.text
    article = extract(RawDocument(source="t", data=TEXT.encode()), data_dir=str(tmp_path))
    assert "Brought to you by" not in article.text
    assert "Brought to you by Acme Widgets" in article.removed
    assert len(load_cues(str(tmp_path)).boilerplate.furniture) == len(load_cues().boilerplate.furniture) + 1


@pytest.mark.parametrize("pattern", ["''", "'(unclosed'"])
def test_extract_bad_user_pattern_refused(tmp_path: Path, pattern: str) -> None:
    (tmp_path / "en").mkdir()
    (tmp_path / "en" / "boilerplate.yaml").write_text(f"link_lists:\n  - {pattern}\n", encoding="utf-8")
    with pytest.raises(DataFileError, match="link_lists"):
        load_cues(str(tmp_path))


def test_extract_user_file_not_yaml_refused_with_its_path(tmp_path: Path) -> None:
    (tmp_path / "en").mkdir()
    broken = tmp_path / "en" / "boilerplate.yaml"
    broken.write_text("furniture:\n  sponsors: ['brought to you by'\n", encoding="utf-8")
    with pytest.raises(DataFileError, match="not valid YAML") as raised:
        load_cues(str(tmp_path))
    assert raised.value.code == "NG302"
    assert str(broken) in str(raised.value)
