"""Settings: the bundled ``settings.toml``, a user's file over it, the environment, then ``--set``."""

from __future__ import annotations

import copy
import os
import tomllib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

from newsgraph.errors import ConfigError

ENV_PREFIX = "NEWSGRAPH_"


def _bundled() -> dict[str, Any]:
    text = resources.files("newsgraph").joinpath("settings.toml").read_text(encoding="utf-8")
    return tomllib.loads(text)


@dataclass(frozen=True)
class Settings:
    """The effective settings, section by section, plus where each layer came from."""

    values: Mapping[str, Mapping[str, Any]]
    files: tuple[str, ...] = field(default=())

    def get(self, dotted: str) -> Any:
        section, _, key = dotted.partition(".")
        try:
            return self.values[section][key]
        except KeyError:
            raise ConfigError(f"unknown setting {dotted!r}; `newsgraph config` lists them", code="NG501") from None

    def section(self, name: str) -> Mapping[str, Any]:
        return self.values.get(name, {})


def load_settings(
    config: str | os.PathLike[str] | None = None,
    overrides: Iterable[str] = (),
    *,
    environ: Mapping[str, str] | None = None,
    **direct: Any,
) -> Settings:
    """Settings from the bundled defaults, ``config`` (or ``./newsgraph.toml``), env and overrides.

    ``overrides`` are ``section.key=value`` strings (the CLI's ``--set``); ``direct`` takes
    ``section__key=value`` keyword arguments from Python callers.
    """
    values = _bundled()
    files: list[str] = []
    path = Path(config) if config else Path("newsgraph.toml")
    if config and not path.is_file():
        raise ConfigError(f"settings file {path} not found", code="NG502")
    if path.is_file():
        try:
            _merge(values, tomllib.loads(path.read_text(encoding="utf-8")), str(path))
        except tomllib.TOMLDecodeError as exc:
            raise ConfigError(f"{path}: {exc}", code="NG503") from None
        files.append(str(path))
    env = os.environ if environ is None else environ
    for section, keys in values.items():
        for key, default in list(keys.items()):
            name = f"{ENV_PREFIX}{section}_{key}".upper()
            if name in env:
                keys[key] = _coerce(env[name], default, f"{section}.{key}")
    if "NEWSGRAPH_DB" in env:
        values["store"]["db"] = env["NEWSGRAPH_DB"]
    for item in overrides:
        dotted, sep, raw = item.partition("=")
        if not sep:
            raise ConfigError(f"--set {item!r}: write section.key=value", code="NG504")
        _set(values, dotted.strip(), raw.strip())
    for name, value in direct.items():
        if value is not None:
            _set(values, name.replace("__", "."), value)
    return Settings(values=values, files=tuple(files))


def _merge(base: dict[str, Any], extra: Mapping[str, Any], origin: str) -> None:
    for section, keys in extra.items():
        if section not in base or not isinstance(keys, Mapping):
            raise ConfigError(f"{origin}: unknown section [{section}]", code="NG505")
        for key, value in keys.items():
            if key not in base[section]:
                raise ConfigError(f"{origin}: unknown setting {section}.{key}", code="NG501")
            base[section][key] = copy.deepcopy(value)


def _set(values: dict[str, Any], dotted: str, raw: Any) -> None:
    section, _, key = dotted.partition(".")
    if section not in values or key not in values[section]:
        raise ConfigError(f"unknown setting {dotted!r}; `newsgraph config` lists them", code="NG501")
    current = values[section][key]
    values[section][key] = _coerce(raw, current, dotted) if isinstance(raw, str) else raw


def _coerce(raw: str, like: Any, name: str) -> Any:
    try:
        if isinstance(like, bool):
            if raw.lower() in ("1", "true", "yes", "on"):
                return True
            if raw.lower() in ("0", "false", "no", "off"):
                return False
            raise ValueError(raw)
        if isinstance(like, int):
            return int(raw)
        if isinstance(like, float):
            return float(raw)
    except ValueError:
        raise ConfigError(f"{name}: {raw!r} is not a {type(like).__name__}", code="NG506") from None
    return raw
