"""Keeping people's names and private notes out of published output.

Names of posts marked ``publish_name: false`` and every ``notes`` not marked
``notes_public: true`` are removed before any public format runs.

The render pipeline applies :func:`redact` to the arrangement before any public format runs,
so no template, core or plugin, can leak a name marked not for publication.

A removed name is also looked for in free text elsewhere (a note, a group's name, a finding's
message) and replaced there by :data:`WITHHELD`, however it is written (case, Unicode form,
white space between its words, ``repr`` quoting: see :mod:`~safeguarding_partnership.model.privacy`,
the one home of that matching). It is looked for only in free text fields: never in an id, a
reference, a keyword (a category, a cadence) or a link.

Plugin settings (``Arrangement.settings``) are free-form and are not searched for names;
a plugin that keeps names there must not publish them.
"""

from __future__ import annotations

import functools
import types
import typing
from collections.abc import Iterable
from typing import Any, TypeVar

from pydantic import BaseModel

from safeguarding_partnership.findings import Finding
from safeguarding_partnership.model import Arrangement, Post
from safeguarding_partnership.model.common import KeywordText, Recorded
from safeguarding_partnership.model.privacy import WITHHELD, NameScrubber, private_names

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


def _constrains(metadata: Any) -> bool:
    """Whether a field's metadata makes its text something other than free text: a pattern
    (an id, a reference, a link, a code) or the :data:`~.model.common.Keyword` mark."""
    return isinstance(metadata, KeywordText) or getattr(metadata, "pattern", None) is not None


def _plain_text(annotation: Any, metadata: Iterable[Any] = ()) -> bool:
    """Whether a field of this annotation holds free text: ``str`` with no constraint on its
    content, alone, optional, in a tuple, or beside ``bool`` (a published section's heading)."""
    if any(_constrains(m) for m in metadata):
        return False
    origin = typing.get_origin(annotation)
    if annotation is str:
        return True
    if origin is typing.Annotated:
        base, *extra = typing.get_args(annotation)
        return _plain_text(base, extra)
    if origin in (typing.Union, types.UnionType):
        args = [a for a in typing.get_args(annotation) if a not in (type(None), bool)]
        return bool(args) and all(_plain_text(a) for a in args)
    if origin is tuple:
        args = [a for a in typing.get_args(annotation) if a is not Ellipsis]
        return len(args) == 1 and _plain_text(args[0])
    return False


@functools.cache
def _text_fields(cls: type[BaseModel]) -> frozenset[str]:
    return frozenset(
        name
        for name, info in cls.model_fields.items()
        if _plain_text(info.annotation, info.metadata)
    )


def _scrub_fields(value: Any, scrub: NameScrubber) -> Any:
    """``value`` with the names replaced in every free text field, and nowhere else."""
    if isinstance(value, BaseModel):
        text = _text_fields(type(value))
        changes: dict[str, Any] = {}
        for field in type(value).model_fields:
            old = getattr(value, field)
            if field in text:
                new = _scrub_text(old, scrub)
            elif isinstance(old, BaseModel | tuple):
                new = _scrub_fields(old, scrub)
            else:
                continue
            if new != old:
                changes[field] = new
        return value.model_copy(update=changes) if changes else value
    if isinstance(value, tuple):
        items = tuple(_scrub_fields(item, scrub) for item in value)
        return items if items != value else value
    return value


def _scrub_text(value: Any, scrub: NameScrubber) -> Any:
    if isinstance(value, str):
        return scrub(value)
    if isinstance(value, tuple):
        return tuple(scrub(v) if isinstance(v, str) else v for v in value)
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
    scrub = NameScrubber(names)
    if scrub:
        result = _scrub_fields(result, scrub)
    assert isinstance(result, Arrangement)
    return result


def redact_findings(findings: Iterable[Finding], names: Iterable[str]) -> tuple[Finding, ...]:
    """Findings whose messages name no private person (the check ran on the full file)."""
    import attrs

    scrub = NameScrubber(names)
    chosen = tuple(findings)
    if not scrub:
        return chosen
    return tuple(attrs.evolve(f, message=scrub(f.message), path=scrub(f.path)) for f in chosen)
