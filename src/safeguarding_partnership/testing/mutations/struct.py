"""STRUCT: break the structural checks on reporting lines and meeting cadences."""

from __future__ import annotations

import datetime as dt

from safeguarding_partnership.model import Arrangement, Group, GroupKind
from safeguarding_partnership.testing._evolve import evolve
from safeguarding_partnership.testing.mutations._edits import AFTER_FIRST_REPORT
from safeguarding_partnership.testing.mutations._registry import mutation

__all__: list[str] = []


@mutation("STRUCT-001", also=("STRUCT-002",))
def _reports_to_itself(arr: Arrangement, as_of: dt.date) -> Arrangement | None:
    """A group reports to itself."""
    groups = list(arr.groups or ())
    for i, g in enumerate(groups):
        if g.reports_to:
            groups[i] = evolve(g, reports_to=(g.id,))
            return evolve(arr, groups=tuple(groups))
    return None


@mutation("STRUCT-002")
def _reports_to_a_closed_group(arr: Arrangement, as_of: dt.date) -> Arrangement | None:
    """A group reports to a group that no longer exists."""
    groups = list(arr.groups or ())
    closed = Group(
        id="mutation-old-board",
        name="Old board",
        kind=GroupKind.EXECUTIVE,
        reports_to=(),
        valid_to=as_of - dt.timedelta(days=1),
    )
    for i, g in enumerate(groups):
        if g.reports_to:
            groups[i] = evolve(g, reports_to=(closed.id,))
            return evolve(arr, groups=(*groups, closed))
    return None


@mutation("STRUCT-003", from_day=AFTER_FIRST_REPORT)
def _meetings_stopped(arr: Arrangement, as_of: dt.date) -> Arrangement | None:
    """The partnership meeting stopped meeting a year before ``as_of``."""
    groups = list(arr.groups or ())
    cutoff = as_of - dt.timedelta(days=366)
    for i, g in enumerate(groups):
        if g.meetings and g.meetings[0] < cutoff:
            kept = tuple(d for d in g.meetings if d < cutoff)
            groups[i] = evolve(g, meetings=kept)
            return evolve(arr, groups=tuple(groups))
    return None
