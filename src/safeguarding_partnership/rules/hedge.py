"""Knowing less never makes the checker say more: findings about facts not known for sure.

A rule reports a breach about something in the file (its finding's path). If that something
is not known to hold on the day checked, the breach cannot be told, and the finding is brought
down to information, with the reason:

- the facts were seen before the day checked (``as_at``, on the record or any record or file
  around it) and nothing says they still hold (``current: true``): "last known on DAY";
- the record, or one around it, starts or ends on a month- or year-level date that the day
  checked falls in, so whether it was in force then cannot be told;
- the finding is about what a list lacks, and the list is marked incomplete.

Rules still read partial dates and incomplete lists themselves where a conclusion rests on
them at another path (a gap between reports, a role no partner fills); this is the rule that
holds for every rule, core or plugin, at the path it names.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import attrs
from pydantic import BaseModel

from safeguarding_partnership.findings import PathPart, Severity
from safeguarding_partnership.model import Arrangement
from safeguarding_partnership.model.common import Dated, IncompleteList, Sourced
from safeguarding_partnership.model.dates import earliest, is_partial, latest
from safeguarding_partnership.rules.rule import Issue

__all__ = ["hedge", "last_seen", "walk"]


def walk(root: BaseModel, path: tuple[PathPart, ...]) -> list[Any]:
    """The values along ``path`` from ``root`` (``root`` first), as far as the path goes."""
    values: list[Any] = [root]
    current: Any = root
    for part in path:
        if isinstance(current, BaseModel) and isinstance(part, str):
            if part not in type(current).model_fields:
                break
            current = getattr(current, part)
        elif isinstance(current, tuple) and isinstance(part, int) and 0 <= part < len(current):
            current = current[part]
        else:
            break
        values.append(current)
    return values


def last_seen(values: list[Any]) -> tuple[dt.date | None, bool]:
    """The ``as_at`` that governs the last of ``values`` (its own, else the nearest around
    it), and whether it is said to hold still (``current: true``)."""
    seen: dt.date | None = None
    current = False
    for value in values:
        if isinstance(value, Sourced):
            if value.as_at is not None:
                seen, current = value.as_at, False
            if value.current is not None:
                current = value.current
    return seen, current


def _uncertain(value: Dated, day: dt.date) -> bool:
    """Whether a month- or year-level end leaves open if ``value`` holds on ``day``."""
    start, end = value.valid_from, value.valid_to
    if start is not None and is_partial(start) and earliest(start) <= day < latest(start):
        return True
    return end is not None and is_partial(end) and earliest(end) < day <= latest(end)


def _why(values: list[Any], as_of: dt.date) -> str | None:
    seen, current = last_seen(values)
    if seen is not None and not current and latest(seen) < as_of:
        return f"last known on {seen}; the file does not say this still holds on {as_of}"
    for value in values:
        if isinstance(value, Dated) and _uncertain(value, as_of):
            ends = ", ".join(
                str(d)
                for d in (value.valid_from, value.valid_to)
                if d is not None and is_partial(d)
            )
            return (
                f"cannot tell from a month- or year-level date ({ends}) whether this holds "
                f"on {as_of}"
            )
    if isinstance(values[-1], IncompleteList):
        return "the list is marked incomplete, so what it lacks cannot be told"
    return None


def hedge(issue: Issue, severity: Severity, arrangement: Arrangement, as_of: dt.date) -> Issue:
    """``issue`` (of the rule's ``severity`` when it gives none), brought down to information
    with its reason when what it is about is not known to hold on ``as_of``."""
    if (issue.severity or severity) is Severity.INFO:
        return issue
    why = _why(walk(arrangement, issue.path), as_of)
    if why is None:
        return issue
    return attrs.evolve(issue, message=f"{issue.message} ({why})", severity=Severity.INFO)
