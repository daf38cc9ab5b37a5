"""Pydantic validation errors as located, readable problems with a "did you mean"."""

from __future__ import annotations

import re
import reprlib
import types
import typing
from collections.abc import Mapping, Sequence
from typing import Any

from pydantic import BaseModel, ValidationError
from pydantic.fields import FieldInfo

from safeguarding_partnership.errors import Location, Problem, did_you_mean
from safeguarding_partnership.io.locations import Locator, PathPart, format_path

__all__ = ["first_problems", "problems_from_validation"]


def _unwrap(tp: Any) -> list[Any]:
    """The model-ish types a field annotation can hold."""
    origin = typing.get_origin(tp)
    if origin is typing.Annotated:
        return _unwrap(typing.get_args(tp)[0])
    if origin in (typing.Union, types.UnionType):
        out: list[Any] = []
        for arg in typing.get_args(tp):
            out.extend(_unwrap(arg))
        return out
    if origin in (tuple, list):
        args = [a for a in typing.get_args(tp) if a is not Ellipsis]
        return [("seq", args[0])] if args else []
    if origin is dict:
        return [("map", typing.get_args(tp)[1])]
    return [tp]


def _fields(model: type[BaseModel]) -> dict[str, FieldInfo]:
    """A model's fields by the key a file writes: the alias where there is one."""
    return {field.alias or name: field for name, field in model.model_fields.items()}


def _model_at(model: type[BaseModel], path: Sequence[PathPart]) -> type[BaseModel] | None:
    current: Any = model
    for part in path:
        if isinstance(part, int):
            candidates = [c for c in _unwrap(current) if isinstance(c, tuple) and c[0] == "seq"]
            if not candidates:
                return None
            current = candidates[0][1]
            continue
        models = [c for c in _unwrap(current) if isinstance(c, type) and issubclass(c, BaseModel)]
        maps = [c for c in _unwrap(current) if isinstance(c, tuple) and c[0] == "map"]
        if models:
            field = _fields(models[0]).get(part)
            if field is None:
                return None
            current = field.annotation
        elif maps:
            current = maps[0][1]
        else:
            return None
    found = [c for c in _unwrap(current) if isinstance(c, type) and issubclass(c, BaseModel)]
    return found[0] if found else None


def _data_path(data: Any, loc: Sequence[Any]) -> tuple[PathPart, ...]:
    """Keep only the parts of a pydantic ``loc`` that name real positions in the data."""
    out: list[PathPart] = []
    current = data
    for part in loc:
        if isinstance(current, Mapping) and isinstance(part, str) and part in current:
            out.append(part)
            current = current[part]
            continue
        if (
            isinstance(current, Mapping)
            and isinstance(part, int)
            and isinstance(current.get("items"), list | tuple)
        ):
            out.append("items")  # a list written {complete: false, items: [...]}
            current = current["items"]
        if isinstance(current, list | tuple) and isinstance(part, int) and 0 <= part < len(current):
            out.append(part)
            current = current[part]
            continue
        if isinstance(current, Mapping) and isinstance(part, str) and part == loc[-1]:
            out.append(part)  # a missing or unknown key: the last part names it
            break
    return tuple(out)


_REPR = reprlib.Repr()
_REPR.maxlevel = 3
_REPR.maxstring = _REPR.maxother = _REPR.maxlong = 60


def _short(value: Any) -> str:
    """A short ``repr`` of a value, whatever its size or depth (``reprlib``)."""
    text = _REPR.repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def problems_from_validation(
    error: ValidationError,
    data: Any,
    locator: Locator,
    model: type[BaseModel],
) -> list[Problem]:
    """One located problem per pydantic error, sorted by position."""
    return _problems(error.errors(include_url=False), data, locator, model)


def _problems(
    errors: Sequence[Any], data: Any, locator: Locator, model: type[BaseModel]
) -> list[Problem]:
    problems: list[Problem] = []
    seen: set[tuple[str, str]] = set()
    failing = {
        tuple(e["loc"])[:i]
        for e in errors
        if e["type"] != "too_short"
        for i in range(len(e["loc"]))
    }
    for err in errors:
        if err["type"] == "too_short" and tuple(err["loc"]) in failing:
            continue  # the items' own errors say it better
        loc = err["loc"]
        path = _data_path(data, loc)
        kind = err["type"]
        field_path = format_path(path)
        if kind == "extra_forbidden":
            key = str(path[-1]) if path else str(loc[-1])
            parent = _model_at(model, path[:-1])
            message = f"unknown key {key!r}"
            if parent is not None:
                message += did_you_mean(key, _fields(parent))
            location = locator.locate(path, key=True)
        elif kind == "missing":
            message = f"missing required key {str(loc[-1])!r}"
            location = locator.locate(path)
            field_path = (
                format_path((*path, str(loc[-1]))) if path[-1:] != (loc[-1],) else field_path
            )
        elif kind.startswith("date") or kind.startswith("datetime"):
            message = f"invalid date {_short(err.get('input'))}: expected YYYY-MM-DD"
            location = locator.locate(path)
        elif kind == "string_pattern_mismatch":
            message = f"{_short(err.get('input'))} is not a valid value here ({err['msg']})"
            location = locator.locate(path)
        elif kind in ("bool_type", "bool_parsing"):
            message = f"{_short(err.get('input'))} is not true or false: write true or false"
            location = locator.locate(path)
        elif kind in ("enum", "literal_error"):
            given = err.get("input")
            message = f"{_short(given)} is not allowed: {err['msg']}"
            expected = re.findall(r"'([^']*)'", str((err.get("ctx") or {}).get("expected", "")))
            if isinstance(given, str) and expected:
                message += did_you_mean(given, expected)
            location = locator.locate(path)
        else:
            msg = err["msg"]
            if msg.startswith("Value error, "):
                msg = msg[len("Value error, ") :]
            given = err.get("input")
            message = msg if isinstance(given, Mapping | list) else f"{msg} (got {_short(given)})"
            location = locator.locate(path)
        dedupe = (field_path, message)
        if dedupe in seen:
            continue
        seen.add(dedupe)
        problems.append(Problem(location, field_path, message))
    problems.sort(key=lambda p: (p.location.line or 0, p.location.column or 0, p.path))
    return problems


def first_problems(
    model: type[BaseModel],
    data: Any,
    locator: Locator,
    count: int,
    limit: int,
) -> list[Problem]:
    """The first ``limit`` located problems of data that failed validation with ``count``
    errors, more than ``limit``, and one problem saying how many more there are.

    Listing every error of a hostile file costs memory and time in proportion (two million
    errors: 2 GB and a minute), so the data is validated again cut down to its first values,
    and only the errors that the cut cannot have caused are kept."""
    cut, incomplete = _first_values(data, budget=20 * limit)
    try:
        model.model_validate(cut)
    except ValidationError as error:
        errors = [
            e
            for e in error.errors(include_url=False)
            if id(_deepest(cut, e["loc"])) not in incomplete
        ]
    else:
        errors = []
    problems = _problems(errors, cut, locator, model)[:limit]
    problems.append(
        Problem(
            Location(locator.file),
            "",
            f"and {count - len(problems)} more problems (only the first {limit} are listed)",
        )
    )
    return problems


def _is_container(value: Any) -> bool:
    return isinstance(value, Mapping | list | tuple)


def _first_values(data: Any, budget: int) -> tuple[Any, set[int]]:
    """A copy of ``data`` holding only its first ``budget`` values in document order, and
    the ids of the copied containers that lost values (cut short)."""
    if not _is_container(data):
        return data, set()

    def empty(value: Any) -> Any:
        return {} if isinstance(value, Mapping) else []

    def items(value: Any) -> Any:
        return iter(value.items()) if isinstance(value, Mapping) else iter(enumerate(value))

    root = empty(data)
    stack: list[tuple[Any, Any]] = [(items(data), root)]
    count = 0
    while stack:
        source, target = stack[-1]
        entry = next(source, None)
        if entry is None:
            stack.pop()
            continue
        if count >= budget:
            return root, {id(t) for _, t in stack}
        count += 1
        key, value = entry
        copy = empty(value) if _is_container(value) else value
        if isinstance(target, dict):
            target[key] = copy
        else:
            target.append(copy)
        if _is_container(value):
            stack.append((items(value), copy))
    return root, set()


def _deepest(data: Any, loc: Sequence[Any]) -> Any:
    """The deepest value of ``data`` along a pydantic ``loc``."""
    current = data
    for part in loc:
        if (isinstance(current, Mapping) and part in current) or (
            isinstance(current, list) and isinstance(part, int) and 0 <= part < len(current)
        ):
            current = current[part]
    return current
