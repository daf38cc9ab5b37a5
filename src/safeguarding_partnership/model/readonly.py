"""A read-only view of a model for code the core calls: plugins' hooks, rules and formats.

The models are frozen, so assigning a field raises; but a free-form section (``settings``,
``rules.commencement``) is a plain ``dict`` that could be changed in place, changing what
every later plugin, rule and format sees. :func:`read_only` returns a copy whose dicts and
lists refuse every change with :class:`TypeError`, and still serialise as dicts and lists.
Plugins are trusted code: this catches mistakes, not malice.
"""

from __future__ import annotations

import functools
import types
import typing
from typing import Any, NoReturn, TypeVar

from pydantic import BaseModel

__all__ = ["ReadOnlyDict", "ReadOnlyList", "read_only"]

M = TypeVar("M", bound=BaseModel)


def _refuse(*_args: object, **_kwargs: object) -> NoReturn:
    raise TypeError("the arrangement is read-only: plugins, rules and formats may not change it")


class ReadOnlyDict(dict[Any, Any]):
    """A dict that refuses every change."""

    __setitem__ = __delitem__ = __ior__ = _refuse
    clear = pop = popitem = setdefault = update = _refuse


class ReadOnlyList(list[Any]):
    """A list that refuses every change."""

    __setitem__ = __delitem__ = __iadd__ = __imul__ = _refuse
    append = extend = insert = remove = pop = clear = sort = reverse = _refuse


def _freeze(value: Any) -> Any:
    if isinstance(value, BaseModel):
        return read_only(value)
    if isinstance(value, dict) and not isinstance(value, ReadOnlyDict):
        return ReadOnlyDict({k: _freeze(v) for k, v in value.items()})
    if isinstance(value, list) and not isinstance(value, ReadOnlyList):
        return ReadOnlyList(_freeze(v) for v in value)
    if isinstance(value, tuple):
        items = tuple(_freeze(v) for v in value)
        return value if all(a is b for a, b in zip(items, value, strict=True)) else items
    return value


def _may_hold_mutable(annotation: Any, seen: frozenset[type] = frozenset()) -> bool:
    """Whether a value of this annotation can hold a dict or a list (so needs freezing)."""
    if annotation is Any or annotation is object:
        return True
    origin = typing.get_origin(annotation)
    if origin in (dict, list, set) or annotation in (dict, list, set):
        return True
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        if annotation in seen:
            return False
        return bool(_mutable_fields(annotation))
    if origin in (tuple, typing.Union, types.UnionType, typing.Annotated):
        args = typing.get_args(annotation)
        if origin is typing.Annotated:
            args = args[:1]
        return any(_may_hold_mutable(a, seen) for a in args if a is not Ellipsis)
    return False


@functools.cache
def _mutable_fields(cls: type[BaseModel]) -> tuple[str, ...]:
    """The fields of a model class that can hold a dict or list, directly or deeper down."""
    return tuple(
        name
        for name, field in cls.model_fields.items()
        if _may_hold_mutable(field.annotation, frozenset({cls}))
    )


def read_only(model: M) -> M:
    """``model`` with every dict and list inside it made read-only (the same object when it
    holds none). Only fields whose type can hold a dict or list are visited, so a large
    arrangement of frozen records costs almost nothing."""
    changes: dict[str, Any] = {}
    for field in _mutable_fields(type(model)):
        old = getattr(model, field)
        new = _freeze(old)
        if new is not old:
            changes[field] = new
    return model.model_copy(update=changes) if changes else model
