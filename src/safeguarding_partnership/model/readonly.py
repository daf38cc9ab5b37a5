"""A read-only view of a model for code the core calls: plugins' hooks, rules and formats.

The models are frozen, so assigning a field raises; but a free-form section (``settings``,
``rules.commencement``) is a plain ``dict`` that could be changed in place, changing what
every later plugin, rule and format sees. :func:`read_only` returns a copy whose dicts and
lists refuse every change with :class:`TypeError`, and still serialise as dicts and lists.
Plugins are trusted code: this catches mistakes, not malice.
"""

from __future__ import annotations

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


def read_only(model: M) -> M:
    """``model`` with every dict and list inside it made read-only (the same object when it
    holds none)."""
    changes: dict[str, Any] = {}
    for field in type(model).model_fields:
        old = getattr(model, field)
        new = _freeze(old)
        if new is not old:
            changes[field] = new
    return model.model_copy(update=changes) if changes else model
