"""The analysis JSON (``newsgraph.analysis/1``): written from and read back into the dataclasses.

One place turns dataclasses into JSON and back, so the CLI, the store, the API and the
exports all carry the same fields.
"""

from __future__ import annotations

import dataclasses
import types
import typing
from functools import cache
from typing import Any, TypeVar

from newsgraph.model import SCHEMA, Analysis, Article

T = TypeVar("T")

# Fields kept on the dataclass for the stages but not part of the document's JSON.
_DOCUMENT_INTERNAL = ("citations",)


_PLAIN = (str, int, float, bool, type(None))


@cache  # one entry per class: the writer converts every analysis, field by field
def _field_names(cls: type) -> tuple[str, ...] | None:
    return tuple(f.name for f in dataclasses.fields(cls)) if dataclasses.is_dataclass(cls) else None


def to_jsonable(obj: Any) -> Any:
    """Dataclasses to dicts, tuples to lists, recursively."""
    cls: type = type(obj)
    if cls in _PLAIN:
        return obj
    names = _field_names(cls)
    if names is not None:
        return {name: to_jsonable(getattr(obj, name)) for name in names}
    if isinstance(obj, (list, tuple)):
        return [to_jsonable(x) for x in obj]
    if isinstance(obj, dict):
        return {k: to_jsonable(v) for k, v in obj.items()}
    return obj


def analysis_to_dict(analysis: Analysis) -> dict[str, Any]:
    """The analysis as the JSON object of DESIGN.md."""
    document = to_jsonable(analysis.document)
    for name in _DOCUMENT_INTERNAL:
        document.pop(name, None)
    out: dict[str, Any] = {"schema": SCHEMA, "document": document}
    for f in dataclasses.fields(analysis):
        if f.name != "document":
            out[f.name] = to_jsonable(getattr(analysis, f.name))
    return out


def analysis_from_dict(data: dict[str, Any]) -> Analysis:
    """Read an analysis JSON object back; unknown keys are ignored, missing ones take defaults."""
    document = dict(data["document"])
    document.setdefault("citations", data.get("citations", []))
    fields = {k: v for k, v in data.items() if k not in ("schema", "document")}
    fields["document"] = document
    return from_jsonable(Analysis, fields)


def from_jsonable(cls: type[T], data: Any) -> T:
    """Build dataclass ``cls`` from plain JSON data, following its type hints."""
    return typing.cast(T, _convert(cls, data))


@cache
def _hints(cls: type) -> dict[str, Any]:
    return typing.get_type_hints(cls)


def _convert(tp: Any, value: Any) -> Any:
    if value is None:
        return None
    origin = typing.get_origin(tp)
    if origin in (typing.Union, types.UnionType):
        args = [a for a in typing.get_args(tp) if a is not type(None)]
        for arg in args:
            if dataclasses.is_dataclass(arg) and isinstance(value, dict):
                return _convert(arg, value)
        return _convert(args[0], value) if len(args) == 1 else value
    if origin is tuple:
        items = typing.get_args(tp)
        if len(items) == 2 and items[1] is Ellipsis:
            return tuple(_convert(items[0], v) for v in value)
        return tuple(_convert(a, v) for a, v in zip(items, value, strict=False))
    if isinstance(tp, type) and dataclasses.is_dataclass(tp):
        hints = _hints(tp)
        names = {f.name for f in dataclasses.fields(tp)}
        kwargs = {k: _convert(hints[k], v) for k, v in value.items() if k in names}
        return tp(**kwargs)
    if tp is float and isinstance(value, int):
        return float(value)
    return value


def document_to_dict(article: Article) -> dict[str, Any]:
    """The ``document`` part of the analysis JSON alone."""
    out = to_jsonable(article)
    for name in _DOCUMENT_INTERNAL:
        out.pop(name, None)
    return typing.cast(dict[str, Any], out)
