"""Keeping people's names and private notes out of published output.

Names of posts marked ``publish_name: false`` and every ``notes`` not marked
``notes_public: true`` are removed before any public format runs.

The render pipeline applies :func:`redact` to the arrangement before any public format runs,
so no template, core or plugin, can leak a name marked not for publication.

Plugin settings (``Arrangement.settings``) are free-form and are not searched for names;
a plugin that keeps names there must not publish them.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, TypeVar

from pydantic import BaseModel

from safeguarding_partnership.findings import Finding
from safeguarding_partnership.model import Arrangement, Post
from safeguarding_partnership.model.common import Recorded
from safeguarding_partnership.model.privacy import WITHHELD, private_names, scrub

__all__ = ["WITHHELD", "private_names", "redact", "redact_findings"]

M = TypeVar("M", bound=BaseModel)


def _strip(value: Any, all_names: bool) -> Any:
    if isinstance(value, Recorded) and value.notes is not None and not value.notes_public:
        value = value.model_copy(update={"notes": None})  # notes are private unless public
    if isinstance(value, Post):
        if value.name is not None and (all_names or not value.publish_name):
            return value.model_copy(update={"name": None})
        return value
    if isinstance(value, BaseModel):
        changes: dict[str, Any] = {}
        for field in type(value).model_fields:
            old = getattr(value, field)
            new = _strip(old, all_names)
            if new is not old:
                changes[field] = new
        return value.model_copy(update=changes) if changes else value
    if isinstance(value, tuple):
        items = tuple(_strip(item, all_names) for item in value)
        if any(new is not old for new, old in zip(items, value, strict=True)):
            return items
        return value
    return value


def _scrub_fields(value: Any, names: tuple[str, ...]) -> Any:
    """``value`` with the names replaced in every text field (not enums, not settings)."""
    if type(value) is str:
        return scrub(value, names)
    if isinstance(value, BaseModel):
        changes: dict[str, Any] = {}
        for field in type(value).model_fields:
            old = getattr(value, field)
            new = _scrub_fields(old, names)
            if new != old:
                changes[field] = new
        return value.model_copy(update=changes) if changes else value
    if isinstance(value, tuple):
        items = tuple(_scrub_fields(item, names) for item in value)
        return items if items != value else value
    return value


def redact(arrangement: Arrangement, *, all_names: bool = False) -> Arrangement:
    """A new arrangement without the names of posts marked ``publish_name: false``, and
    without the ``notes`` of any record not marked ``notes_public: true``.

    With ``all_names`` every person's name is removed. Posts, titles and organisations stay.
    A removed name written into free text elsewhere (a note, a group's name) is replaced
    there by :data:`WITHHELD`.
    """
    names = private_names(arrangement, all_names=all_names)
    result = _strip(arrangement, all_names)
    if names:
        result = _scrub_fields(result, names)
    assert isinstance(result, Arrangement)
    return result


def redact_findings(findings: Iterable[Finding], names: Iterable[str]) -> tuple[Finding, ...]:
    """Findings whose messages name no private person (the check ran on the full file)."""
    import attrs

    chosen = tuple(names)
    return tuple(
        attrs.evolve(f, message=scrub(f.message, chosen), path=scrub(f.path, chosen))
        for f in findings
    )
