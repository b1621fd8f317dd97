"""The documentation covers what the code has: every command, setting, stage package, API route
and export format has an entry in docs/, and the generated pages are current (after Datasette's
tests/test_docs.py)."""

from __future__ import annotations

import importlib.util
import re
import tomllib
from functools import cache
from importlib import resources
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parents[1]
DOCS = ROOT / "docs"
PACKAGE = ROOT / "src" / "newsgraph"
# Pages other developers write; links to them may run ahead of them.
OTHERS_PAGES = ("scale.md", "watch.md")


def _script(name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(f"docs_{name}", DOCS / f"{name}.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@cache
def _all_docs() -> str:
    return "\n".join(p.read_text(encoding="utf-8") for p in sorted(DOCS.glob("*.md")))


def _headings(path: Path) -> set[str]:
    return {m.group(1).strip() for m in re.finditer(r"^#+ (.+)$", path.read_text(encoding="utf-8"), re.M)}


def _settings() -> list[str]:
    text = resources.files("newsgraph").joinpath("settings.toml").read_text(encoding="utf-8")
    return [f"{section}.{key}" for section, keys in tomllib.loads(text).items() for key in keys]


def _stage_packages() -> list[str]:
    return sorted(p.parent.name for p in PACKAGE.glob("*/__init__.py"))


def _commands() -> list[str]:
    return _script("generate_cli_docs").command_names()


def _routes() -> list[str]:
    try:
        from newsgraph.api import create_app
    except ImportError:  # pragma: no cover - no API yet
        return []
    return sorted(create_app(":memory:").openapi()["paths"])


def test_docs_cli_md_is_current() -> None:
    assert (DOCS / "cli.md").read_text(encoding="utf-8") == _script("generate_cli_docs").render(), (
        "docs/cli.md is stale: run python docs/generate_cli_docs.py")


def test_docs_generated_reference_is_current() -> None:
    for path, text in _script("generate_reference").render().items():
        assert path.read_text(encoding="utf-8") == text, f"{path.name} is stale: run python docs/generate_reference.py"


@pytest.mark.parametrize("command", _commands())
def test_docs_every_command_has_a_heading(command: str) -> None:
    assert f"newsgraph {command}" in _headings(DOCS / "cli.md")


@pytest.mark.parametrize("setting", _settings())
def test_docs_every_setting_is_documented(setting: str) -> None:
    assert f"`{setting}`" in (DOCS / "configuration.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("package", _stage_packages())
def test_docs_every_stage_package_is_documented(package: str) -> None:
    assert f"`newsgraph.{package}`" in (DOCS / "index.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("route", _routes())
def test_docs_every_api_route_is_documented(route: str) -> None:
    assert f"`{route}`" in (DOCS / "api.md").read_text(encoding="utf-8")


def test_docs_every_export_format_is_documented() -> None:
    from newsgraph.export import COLUMN_NAMES, FORMATS

    text = (DOCS / "exports.md").read_text(encoding="utf-8")
    assert all(f"`{fmt}`" in text for fmt in FORMATS)
    assert all(f"`{column}`" in text for column in COLUMN_NAMES)


def test_docs_state_the_settings_precedence() -> None:
    text = (DOCS / "configuration.md").read_text(encoding="utf-8")
    assert "bundled settings.toml < ./newsgraph.toml or --config FILE < environment < --set" in text
    for name in ("NEWSGRAPH_DB", "NEWSGRAPH_TOKEN", "NEWSGRAPH_<SECTION>_<KEY>", "newsgraph config"):
        assert name in text


def test_docs_every_ontology_type_is_documented() -> None:
    from newsgraph.model import HEDGES, MODALITIES, PLOVER_TYPES

    text = (DOCS / "ontology.md").read_text(encoding="utf-8")
    assert all(f"`{name}`" in text for name in (*PLOVER_TYPES, *MODALITIES, *HEDGES))


def test_docs_relative_links_resolve() -> None:
    for page in DOCS.glob("*.md"):
        for target in re.findall(r"\]\(([^)#:]+\.md)(?:#[^)]*)?\)", page.read_text(encoding="utf-8")):
            if Path(target).name in OTHERS_PAGES:
                continue
            assert (page.parent / target).resolve().is_file(), f"{page.name} links to missing {target}"
