"""The structure the arrangements describe: reporting lines and meeting cadences.

These are **not catalogue duties**. They check that the arrangements hang together as
published: every group reports somewhere (but not in a loop) and meets as often as the
arrangements promise. The partners and relevant agencies must act in accordance with the
arrangements (CA2004 s.16G(4)), which is why a missed cadence is worth a warning.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from safeguarding_partnership.law import Regime, Strength
from safeguarding_partnership.model import Group
from safeguarding_partnership.rules.rule import Issue, Rule, RuleContext, rule, unknown

__all__ = ["CITATION", "RULES"]

CITATION = "the published arrangements (CA2004 s.16G(4): act in accordance with the arrangements)"


def _external(ref: str) -> bool:
    """A reference to a group of another arrangement (``arrangement:id``)."""
    return ":" in ref


def _groups_on(ctx: RuleContext) -> dict[str, tuple[int, Group]]:
    """The groups in force on the as-of day, by id, with their index in the file."""
    return {
        g.id: (i, g) for i, g in enumerate(ctx.arrangement.groups or ()) if g.in_force(ctx.as_of)
    }


def _loops(edges: dict[str, set[str]]) -> list[list[str]]:
    """The reporting loops: each strongly connected set of groups that has a loop in it
    (two or more groups, or one reporting to itself), sorted, in order of their first group.

    Tarjan's algorithm, iterative: time and memory linear in groups and reporting lines,
    where keeping every group's reachable set was quadratic (10,000 chained groups: 3 GB)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    on_stack: set[str] = set()
    stack: list[str] = []
    loops: list[list[str]] = []
    for root in sorted(edges):
        if root in index:
            continue
        work: list[tuple[str, Iterator[str]]] = [(root, iter(sorted(edges[root])))]
        index[root] = low[root] = len(index)
        stack.append(root)
        on_stack.add(root)
        while work:
            node, targets = work[-1]
            target = next(targets, None)
            if target is not None:
                if target not in index:
                    index[target] = low[target] = len(index)
                    stack.append(target)
                    on_stack.add(target)
                    work.append((target, iter(sorted(edges[target]))))
                elif target in on_stack:
                    low[node] = min(low[node], index[target])
                continue
            work.pop()
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[node])
            if low[node] == index[node]:
                members: list[str] = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    members.append(member)
                    if member == node:
                        break
                if len(members) > 1 or node in edges[node]:
                    loops.append(sorted(members))
    return sorted(loops)


@rule(
    "STRUCT-001",
    "No group reports to itself through a loop",
    strength=Strength.SHOULD,
    regimes=[Regime.STATUTE],
    citations=[CITATION],
    hint="Make the reporting lines a tree: give the top group `reports_to: none`.",
    confidence="P",
)
def reporting_loop(ctx: RuleContext) -> Iterator[Issue]:
    """Not a catalogue duty: a structural check of the published arrangements. Reporting
    lines (``reports_to``) among the groups in force on the as-of day must not form a loop,
    or no group is accountable to the partners. Each loop is one finding, naming its groups.

    Failing::

        groups:
          - {id: exec, name: Executive, kind: executive, reports_to: [learning]}
          - {id: learning, name: Learning, kind: subgroup, reports_to: [exec]}

    Passing::

        groups:
          - {id: exec, name: Executive, kind: executive, reports_to: none}
          - {id: learning, name: Learning, kind: subgroup, reports_to: [exec]}
    """
    groups = _groups_on(ctx)
    edges = {
        gid: {t for t in g.reports_to or () if not _external(t) and t in groups}
        for gid, (_, g) in groups.items()
    }
    for loop in _loops(edges):
        index = groups[loop[0]][0]
        if len(loop) == 1:
            message = f"group {loop[0]} reports to itself"
        else:
            message = f"groups {', '.join(loop)} report to each other in a loop"
        yield Issue(message, ("groups", index, "reports_to"))


@rule(
    "STRUCT-002",
    "Every group reports to a group, except the top of the structure",
    strength=Strength.SHOULD,
    regimes=[Regime.STATUTE],
    citations=[CITATION],
    hint="Point `reports_to` at a group in force, or write `reports_to: none` for the top group.",
    confidence="P",
)
def reports_to_nobody(ctx: RuleContext) -> Iterator[Issue]:
    """Not a catalogue duty: a structural check of the published arrangements. Every group in
    force on the as-of day reports to a group in force then (of this arrangement or, written
    ``arrangement:id``, of another), except the top group(s), which say ``reports_to: none``.
    A reporting line left unknown is only "not recorded".

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


def _checked_until(group: Group, as_of: dt.date) -> dt.date:
    ends = [as_of]
    if group.valid_to is not None:
        ends.append(group.valid_to)
    if group.cadence is not None and group.cadence.until is not None:
        ends.append(group.cadence.until)
    return min(ends)


def _cadence_gaps(group: Group, i: int, as_of: dt.date) -> Iterator[Issue]:
    cadence = group.cadence
    assert cadence is not None
    max_gap = cadence.max_gap_days
    if max_gap is None or group.meetings is None:
        return
    end = _checked_until(group, as_of)
    start = cadence.starting or group.valid_from
    met = sorted({d for d in group.meetings if d <= end and (start is None or d >= start)})
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
        elif (end - start).days > max_gap:
            yield Issue(
                f"group {group.id} promises to meet {promise} but no meeting is recorded "
                f"from {start} to {end}",
                path,
            )
        return
    previous = cadence.starting  # the record may begin after the group did
    for day in met:
        if previous is not None and (day - previous).days > max_gap:
            yield Issue(
                f"group {group.id} promises to meet {promise} but did not meet between "
                f"{previous} and {day} ({(day - previous).days} days)",
                path,
            )
        previous = day
    if (end - met[-1]).days > max_gap:
        yield Issue(
            f"group {group.id} promises to meet {promise} but has not met since {met[-1]} "
            f"(checked to {end})",
            path,
        )


def _set_dates_missed(group: Group, i: int, as_of: dt.date) -> Iterator[Issue]:
    cadence = group.cadence
    assert cadence is not None
    if cadence.dates is None or group.meetings is None:
        return
    met = set(group.meetings)
    end = _checked_until(group, as_of)
    for k, day in enumerate(cadence.dates):
        if day < as_of and day <= end and group.in_force(day) and day not in met:
            yield Issue(
                f"group {group.id} had a set meeting date of {day} but no meeting is recorded "
                "on that day",
                ("groups", i, "cadence", "dates", k),
            )


@rule(
    "STRUCT-003",
    "Groups meet as often as the arrangements promise",
    strength=Strength.SHOULD,
    regimes=[Regime.STATUTE],
    citations=[CITATION],
    hint="Record each group's `meetings`, or change its `cadence` to what it really does.",
    confidence="P",
)
def cadence_missed(ctx: RuleContext) -> Iterator[Issue]:
    """Not a catalogue duty: a structural check of the published arrangements. A group that
    promises a cadence (``quarterly``, ``every 6 weeks``) has no gap between recorded
    ``meetings`` - or from the cadence's ``starting`` day to the first, or from the last to
    the as-of day - longer than the cadence allows (``Cadence.max_gap_days``: 92
    days for quarterly). A cadence of set ``dates`` has a meeting recorded on each set date
    before the as-of day. Unknown meetings are only "not recorded".

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
        if group.valid_from is not None and group.valid_from > ctx.as_of:
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
        yield from _set_dates_missed(group, i, ctx.as_of)


RULES: tuple[Rule, ...] = (reporting_loop, reports_to_nobody, cadence_missed)
"""The STRUCT family."""
