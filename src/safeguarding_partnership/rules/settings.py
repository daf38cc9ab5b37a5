"""Rule parameters: values a core rule lets the arrangements file configure.

Rules resting on unconfirmed guidance (a deadline, a window, a list of recipients) read their
values from the file's ``settings: {core: {CODE: {key: value}}}`` section, with a default
where the catalogue gives one::

    settings:
      core:
        PUB-017: {deadline: 2024-12-12}
        REPORT-008: {window_months: 3, recipients: [panel, dfe]}

A value of the wrong kind raises :class:`ValueError` naming the setting; the engine reports
it as a failed rule, never as a finding.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from typing import TypeVar

from safeguarding_partnership.law import WT2023_REVISION_DEADLINE
from safeguarding_partnership.rules.rule import RuleContext

__all__ = ["as_date", "as_names", "as_positive_int", "parameter", "wt2023_revision_deadline"]

T = TypeVar("T")

_MISSING = object()


def parameter(ctx: RuleContext, code: str, key: str, default: T, parse: Callable[[object], T]) -> T:
    """The value of ``settings.core.<code>.<key>``, parsed, or ``default`` if not set."""
    section = ctx.settings
    if not isinstance(section, Mapping):
        return default
    own = section.get(code)
    if own is None:
        return default
    if not isinstance(own, Mapping):
        raise ValueError(f"settings.core.{code} must be a mapping of parameters")
    value = own.get(key, _MISSING)
    if value is _MISSING or value is None:
        return default
    try:
        return parse(value)
    except (TypeError, ValueError) as exc:
        raise ValueError(f"settings.core.{code}.{key}: {exc}") from None


def as_date(value: object) -> dt.date:
    """A date given as a YAML date or an ISO ``YYYY-MM-DD`` string."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        return dt.date.fromisoformat(value.strip())
    raise TypeError(f"expected a date, got {value!r}")


def as_positive_int(value: object) -> int:
    """A whole number of at least 1."""
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise ValueError(f"expected a whole number of at least 1, got {value!r}")
    return value


def as_names(value: object) -> tuple[str, ...]:
    """A list of names (strings), sorted and without duplicates."""
    if isinstance(value, str) or not isinstance(value, list | tuple):
        raise TypeError(f"expected a list of names, got {value!r}")
    names = set()
    for item in value:
        if not isinstance(item, str) or not item.strip():
            raise ValueError(f"expected a name, got {item!r}")
        names.add(item.strip())
    return tuple(sorted(names))


def wt2023_revision_deadline(ctx: RuleContext) -> dt.date:
    """The day by which arrangements were revised for WT2023: ``settings.core.PUB-017.deadline``
    if the file sets it, else the catalogue's date. Every rule that allows for the revision
    period reads it here, so they all agree."""
    return parameter(ctx, "PUB-017", "deadline", WT2023_REVISION_DEADLINE, as_date)
