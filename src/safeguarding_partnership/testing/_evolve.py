"""A validated copy of a record with some fields changed: how the kit edits arrangements."""

from __future__ import annotations

from typing import Any, TypeVar

from pydantic import BaseModel

__all__ = ["evolve"]

M = TypeVar("M", bound=BaseModel)


def evolve(record: M, /, **changes: Any) -> M:
    """A copy with ``changes``, validated again, keeping which fields were given."""
    given = {name: getattr(record, name) for name in record.model_fields_set}
    return type(record)(**{**given, **changes})
