"""The structure the arrangements describe: reporting lines and meeting cadences.

These are **not catalogue duties**. They check that the arrangements hang together as
published: every group reports somewhere (but not in a loop) and meets as often as the
arrangements promise. The partners and relevant agencies must act in accordance with the
arrangements (CA2004 s.16G(4)), which is why a missed cadence is worth a warning.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Iterator

from dateutil.relativedelta import relativedelta

from safeguarding_partnership.findings import Citation
from safeguarding_partnership.law import Regime, Strength
from safeguarding_partnership.model import Group
from safeguarding_partnership.model.common import is_complete
from safeguarding_partnership.model.dates import earliest, latest
from safeguarding_partnership.reference.catalogue import address
from safeguarding_partnership.rules.core._facts import (
    gaps,
    judged,
    loops,
    partial,
    sure_or_maybe,
    surely,
)
from safeguarding_partnership.rules.rule import Issue, Rule, RuleContext, rule, unknown

__all__ = ["CITATION", "RULES"]

CITATION = "the published arrangements (CA2004 s.16G(4): act in accordance with the arrangements)"
_CITED = Citation(CITATION, address("CA2004 s.16G(4)"))
_structural = functools.partial(
    rule,
    strength=Strength.SHOULD,
    regimes=[Regime.STATUTE],
    citations=[_CITED],
    confidence="P",
)
"""A structural check: not a catalogue duty, so it gives what the catalogue would."""


def _external(ref: str) -> bool:
    """A reference to a group of another arrangement (``arrangement:id``)."""
    return ":" in ref


def _groups_on(ctx: RuleContext, *, sure: bool = False) -> dict[str, tuple[int, Group]]:
    """The groups that may be in force on the as-of day (with ``sure``, that are for sure),
    by id, with their index in the file."""
    return {
        g.id: (i, g)
        for i, g in enumerate(ctx.arrangement.groups or ())
        if (surely(g, ctx.as_of) if sure else g.in_force(ctx.as_of))
    }


@_structural("STRUCT-001", "No group reports to itself through a loop")
def reporting_loop(ctx: RuleContext) -> Iterator[Issue]:
    """Not a catalogue duty: a structural check of the published arrangements. Reporting
    lines (``reports_to``) among the groups in force on the as-of day must not form a loop,
    or no group is accountable to the partners. Each loop is one finding, naming its groups.

    Hint: Make the reporting lines a tree: give the top group `reports_to: none`.

    Failing::

        groups:
          - {id: exec, name: Executive, kind: executive, reports_to: [learning]}
          - {id: learning, name: Learning, kind: subgroup, reports_to: [exec]}

    Passing::

        groups:
          - {id: exec, name: Executive, kind: executive, reports_to: none}
          - {id: learning, name: Learning, kind: subgroup, reports_to: [exec]}
    """
    groups = _groups_on(ctx, sure=True)  # a loop through a group that may be gone is no loop
    edges = {
        gid: {t for t in g.reports_to or () if not _external(t) and t in groups}
        for gid, (_, g) in groups.items()
    }
    for loop in loops(edges):
        index = groups[loop[0]][0]
        if len(loop) == 1:
            message = f"group {loop[0]} reports to itself"
        else:
            message = f"groups {', '.join(loop)} report to each other in a loop"
        yield Issue(message, ("groups", index, "reports_to"))


@_structural("STRUCT-002", "Every group reports to a group, except the top of the structure")
def reports_to_nobody(ctx: RuleContext) -> Iterator[Issue]:
    """Not a catalogue duty: a structural check of the published arrangements. Every group in
    force on the as-of day reports to a group in force then (of this arrangement or, written
    ``arrangement:id``, of another), except the top group(s), which say ``reports_to: none``.
    A reporting line left unknown is only "not recorded".

    Hint: Point `reports_to` at a group in force, or write `reports_to: none` for the top
    group.

    Failing (as of 2024-01-01)::

        groups:
          - {id: board, name: Old board, kind: executive, reports_to: none,
             valid_to: 2023-03-31}
          - {id: learning, name: Learning, kind: subgroup, reports_to: [board]}

    Passing::

        groups:
          - {id: exec, name: Executive, kind: executive, reports_to: none}
          - {id: learning, name: Learning, kind: subgroup, reports_to: [exec]}
    """
    groups = _groups_on(ctx)
    for gid in sorted(groups):
        i, g = groups[gid]
        path = ("groups", i, "reports_to")
        if g.reports_to is None:
            yield unknown(f"which group {gid} reports to", path)
            continue
        if not g.reports_to:
            continue
        if any(_external(t) or t in groups for t in g.reports_to):
            continue
        targets = ", ".join(sorted(g.reports_to))
        yield Issue(
            f"group {gid} reports to nobody on {ctx.as_of}: {targets} is not a group in force "
            "on that day",
            path,
        )


def _checked_until(group: Group, as_of: dt.date) -> tuple[dt.date, dt.date]:
    """The last day the group's meetings are checked to: for sure, and at the latest (a
    month-level end)."""
    ends = [d for d in (group.valid_to, group.cadence.until if group.cadence else None) if d]
    return (
        min([as_of, *(earliest(d) for d in ends)]),
        min([as_of, *(latest(d) for d in ends)]),
    )


def _days(first: dt.date, then: dt.date) -> str:
    days = (earliest(then) - latest(first)).days
    return f"{days} days" if not partial(first, then) else f"at least {days} days"


def _cadence_gaps(group: Group, i: int, as_of: dt.date) -> Iterator[Issue]:
    cadence = group.cadence
    assert cadence is not None
    max_gap = cadence.max_gap_days
    if max_gap is None or group.meetings is None:
        return
    end, end_latest = _checked_until(group, as_of)
    start = cadence.starting or group.valid_from
    met = [
        (k, "", d)
        for k, d in enumerate(group.meetings)
        if earliest(d) <= end_latest and (start is None or latest(d) >= earliest(start))
    ]
    path = ("groups", i, "meetings")
    promise = cadence.describe()
    if not met:
        if start is None and group.meetings:
            return  # it first meets after the as-of day, and nothing says it existed before
        if start is None:
            yield unknown(
                f"when group {group.id} began meeting {promise}, and no meeting of it is recorded",
                path,
            )
            return
        message = (
            f"group {group.id} promises to meet {promise} but no meeting is recorded "
            f"from {start} to {end}"
        )
        yield from judged(
            sure_or_maybe(
                (end - latest(start)).days > max_gap, (end_latest - earliest(start)).days > max_gap
            ),
            message,
            path,
        )
        return
    starting = None if cadence.starting is None else ("", cadence.starting)
    for gap in gaps(starting, met, end, end_latest, relativedelta(days=max_gap)):
        since = gap.since[1]
        if gap.day is not None:
            message = (
                f"group {group.id} promises to meet {promise} but did not meet between "
                f"{since} and {gap.day} ({_days(since, gap.day)})"
            )
        else:
            message = (
                f"group {group.id} promises to meet {promise} but has not met since {since} "
                f"(checked to {end})"
            )
        yield from judged(gap.holds, message, path)


def _times_missed(group: Group, i: int, as_of: dt.date) -> Iterator[Issue]:
    """For a cadence of N times a period, each whole period (from the cadence's start, or
    the group's) with fewer than N meetings recorded."""
    cadence = group.cadence
    assert cadence is not None
    months = cadence.period_months
    if months is None or cadence.times is None or group.meetings is None:
        return
    start = cadence.starting or group.valid_from
    end, _ = _checked_until(group, as_of)
    path = ("groups", i, "meetings")
    if start is None or partial(start):
        return
    step = relativedelta(months=months)
    first = start
    while first + step <= end + dt.timedelta(days=1):
        last = first + step - dt.timedelta(days=1)
        sure = sum(1 for m in group.meetings if first <= earliest(m) and latest(m) <= last)
        maybe = sum(1 for m in group.meetings if earliest(m) <= last and latest(m) >= first)
        if sure < cadence.times:
            message = (
                f"group {group.id} promises to meet {cadence.describe()} but met {sure} "
                f"time(s) from {first} to {last}"
            )
            yield from judged(None if maybe >= cadence.times else True, message, path)
        first = first + step


def _set_dates_missed(group: Group, i: int, as_of: dt.date) -> Iterator[Issue]:
    cadence = group.cadence
    assert cadence is not None
    if cadence.dates is None or group.meetings is None:
        return
    end, _ = _checked_until(group, as_of)
    unlisted = "" if is_complete(group.meetings) else "meetings"
    for k, day in enumerate(cadence.dates):
        first, last = earliest(day), latest(day)
        if not (last < as_of and last <= end and surely(group, first) and surely(group, last)):
            continue
        if any(first <= earliest(m) and latest(m) <= last for m in group.meetings):
            continue
        message = (
            f"group {group.id} had a set meeting date of {day} but no meeting is recorded "
            "on that day"
        )
        path = ("groups", i, "cadence", "dates", k)
        maybe = any(earliest(m) <= last and latest(m) >= first for m in group.meetings)
        yield from judged(None if maybe else True, message, path, unlisted=unlisted)


@_structural("STRUCT-003", "Groups meet as often as the arrangements promise")
def cadence_missed(ctx: RuleContext) -> Iterator[Issue]:
    """Not a catalogue duty: a structural check of the published arrangements. A group that
    promises a cadence (``quarterly``, ``every 6 weeks``) has no gap between recorded
    ``meetings`` - or from the cadence's ``starting`` day to the first, or from the last to
    the as-of day - longer than the cadence allows (``Cadence.max_gap_days``: 92
    days for quarterly). A cadence of set ``dates`` has a meeting recorded on each set date
    before the as-of day. Unknown meetings are only "not recorded".

    Hint: Record each group's `meetings`, or change its `cadence` to what it really does.

    Failing (as of 2024-12-31)::

        groups:
          - {id: exec, name: Executive, kind: executive, reports_to: none,
             cadence: quarterly, meetings: [2024-01-10, 2024-07-10, 2024-10-10]}

    Passing::

        groups:
          - {id: exec, name: Executive, kind: executive, reports_to: none,
             cadence: quarterly, meetings: [2024-01-10, 2024-04-10, 2024-07-10, 2024-10-10]}
    """
    for i, group in enumerate(ctx.arrangement.groups or ()):
        if group.cadence is None:
            continue
        if group.valid_from is not None and earliest(group.valid_from) > ctx.as_of:
            continue
        if group.meetings is None:
            if group.in_force(ctx.as_of):
                yield unknown(
                    f"the meetings of group {group.id}, which promises to meet "
                    f"{group.cadence.describe()}",
                    ("groups", i, "meetings"),
                )
            continue
        yield from _cadence_gaps(group, i, ctx.as_of)
        yield from _times_missed(group, i, ctx.as_of)
        yield from _set_dates_missed(group, i, ctx.as_of)


RULES: tuple[Rule, ...] = (reporting_loop, reports_to_nobody, cadence_missed)
"""The STRUCT family."""
