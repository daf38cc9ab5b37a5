"""Blurring an arrangement: the same facts, known less sharply.

A blur takes one fact of an arrangement and says less about it, in one of four ways:

- ``unknown``: a recorded value is left unknown (``None``); an end date becomes unknown by
  leaving ``valid_to`` out with ``as_at`` on that last day (an unknown end, not an open one);
- ``month`` / ``year``: an exact date is known only to its month or year;
- ``incomplete``: a list is marked incomplete (``{complete: false, items: [...]}``);
- ``as_at``: a fact recorded as current is recorded as seen on an earlier day.

:func:`blurs` lists every blur an arrangement admits; :func:`apply` makes one. Identifiers,
references that hold the file together, the rule configuration and provenance are not facts
to blur.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from pydantic import BaseModel, ValidationError

from safeguarding_partnership.model import Arrangement
from safeguarding_partnership.model.common import IncompleteList, Sourced
from safeguarding_partnership.model.dates import PartialDate, is_partial

Path = tuple[str | int, ...]
Blur = tuple[str, Path]

NOT_FACTS = frozenset(
    {
        "id",
        "schema_version",
        "settings",
        "rules",
        "plugins",
        "scope",
        "as_at",
        "current",
        "sources",
        "notes",
        "notes_public",
        "publish_name",
        "local_label",
        # declarations that hold the file together: an organisation without ``part_of`` is
        # part of no other body, a contribution without ``in_kind`` gives nothing in kind
        "part_of",
        "in_kind",
    }
)
"""Fields that are not facts about the arrangements, or whose absence is a statement: never
blurred."""


def _listed(model: type[BaseModel], name: str) -> bool:
    """Whether a field is a ``Listed`` list (which can be marked incomplete)."""
    field = model.model_fields[name]
    return any(
        getattr(getattr(m, "func", None), "__name__", "") == "_completeness" for m in field.metadata
    )


def _has_body(member: BaseModel) -> bool:
    post = getattr(member, "post", None)
    return getattr(member, "organisation", None) is not None or (
        post is not None and post.organisation is not None
    )


def _dates(value: Any, path: Path) -> list[Blur]:
    if isinstance(value, dt.date) and not is_partial(value):
        return [("month", path), ("year", path)]
    return []


def blurs(arrangement: Arrangement) -> list[Blur]:
    """Every blur the arrangement admits, in a stable order."""
    found: list[Blur] = []

    def visit(node: BaseModel, path: Path) -> None:
        model = type(node)
        if isinstance(node, Sourced) and node.as_at is None and node.current is None:
            found.append(("as_at", path))
        for name, field in model.model_fields.items():
            if name in NOT_FACTS:
                continue
            value = getattr(node, name)
            if value is None:
                continue
            here = (*path, name)
            if name == "valid_to" or (
                name != "valid_from" and not field.is_required() and field.default is None
            ):
                found.append(("unknown", here))
            found.extend(_dates(value, here))
            if isinstance(value, BaseModel):
                visit(value, here)
            elif isinstance(value, tuple):
                if _listed(model, name) and not isinstance(value, IncompleteList):
                    found.append(("incomplete", here))
                for i, item in enumerate(value):
                    if isinstance(item, BaseModel):
                        visit(item, (*here, i))
                    else:
                        found.extend(_dates(item, (*here, i)))

    visit(arrangement, ())
    return found


def _get(node: Any, part: str | int) -> Any:
    return node[part] if isinstance(part, int) else getattr(node, part)


def _set(node: Any, part: str | int, value: Any) -> Any:
    if isinstance(part, int):
        items = list(node)
        items[part] = value
        return IncompleteList(items) if isinstance(node, IncompleteList) else tuple(items)
    return node.model_copy(update={part: value})


def _replace(node: Any, path: Path, change: Any) -> Any:
    """``node`` with the value at ``path`` replaced by ``change(old value, parent)``."""
    if len(path) == 1:
        return change(node, path[0])
    head, *rest = path
    return _set(node, head, _replace(_get(node, head), tuple(rest), change))


def _edit(arrangement: Arrangement, path: Path, change: Any) -> Any:
    """The arrangement with the record at ``path`` (the arrangement itself if empty) changed."""
    if not path:
        return change(arrangement)
    return _replace(
        arrangement, path, lambda node, part: _set(node, part, change(_get(node, part)))
    )


def _end_unknown(node: Any) -> Any:
    """An end date made unknown: no ``valid_to``, and the facts seen on that last day."""
    last = node.valid_to
    seen = last if node.as_at is None else min(node.as_at, last)
    return node.model_copy(update={"valid_to": None, "as_at": seen})


def _blurred_date(kind: str, day: dt.date) -> PartialDate:
    return PartialDate.of(day.year, day.month if kind == "month" else None)


def apply(arrangement: Arrangement, blur: Blur, as_of: dt.date, back: int) -> Arrangement | None:
    """The arrangement with one blur made, or ``None`` if that makes an invalid file.

    ``back`` is how many days before ``as_of`` an ``as_at`` blur says the facts were seen.
    """
    kind, path = blur
    if kind == "as_at":
        seen = as_of - dt.timedelta(days=back)
        result = _edit(arrangement, path, lambda node: node.model_copy(update={"as_at": seen}))
    elif kind == "unknown" and path[-1] == "valid_to":
        result = _edit(arrangement, path[:-1], _end_unknown)
    elif kind == "unknown":
        result = _replace(arrangement, path, lambda node, part: _set(node, part, None))
    elif kind in ("month", "year"):
        result = _replace(
            arrangement,
            path,
            lambda node, part: _set(node, part, _blurred_date(kind, _get(node, part))),
        )
    elif kind == "incomplete":
        result = _replace(
            arrangement, path, lambda node, part: _set(node, part, IncompleteList(_get(node, part)))
        )
    else:
        raise ValueError(kind)
    try:
        data = result.model_dump(mode="python", exclude_unset=True)
        return Arrangement.model_validate(data)
    except ValidationError:
        return None
