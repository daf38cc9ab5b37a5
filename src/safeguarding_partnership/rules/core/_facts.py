"""Facts about an arrangement that rules of more than one code prefix read.

The modules of :mod:`safeguarding_partnership.rules.core` import each other never, and this
module always, for what two of them share.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator, Sequence

import attrs
from dateutil.relativedelta import relativedelta

from safeguarding_partnership.findings import PathPart, Severity
from safeguarding_partnership.model import (
    Arrangement,
    Contents,
    FundingContribution,
    SafeguardingPartner,
)
from safeguarding_partnership.model.common import Dated, is_none
from safeguarding_partnership.model.dates import earliest, is_partial, latest
from safeguarding_partnership.rules.rule import Issue

__all__ = [
    "Gap",
    "bound_organisations",
    "cannot_tell",
    "exceeds",
    "gaps",
    "gives",
    "judged",
    "later_than",
    "loops",
    "missing_signatory_roles",
    "overdue",
    "part_of_chain",
    "set_out",
    "sure_or_maybe",
    "surely",
    "within",
]


def set_out(
    contents: Contents | None, field: str, *, unrecorded: str, missing: str
) -> Iterator[Issue]:
    """One ``contents`` item: ``unrecorded`` (information) if unknown, ``missing`` if absent.

    An item is recorded as ``false``, ``true`` or where it is set out (a non-empty text)."""
    value = None if contents is None else getattr(contents, field)
    if value is None:
        yield Issue(unrecorded, ("contents", field), Severity.INFO)
    elif value is False:
        yield Issue(missing, ("contents", field))


def cannot_tell(what: str, path: tuple[PathPart, ...] = ()) -> Issue:
    """The information finding for a conclusion a month- or year-level date leaves open:
    ``cannot tell from a month- or year-level date {what}``."""
    return Issue(f"cannot tell from a month- or year-level date {what}", path, Severity.INFO)


def judged(
    holds: bool | None, message: str, path: tuple[PathPart, ...], *, unlisted: str = ""
) -> Iterator[Issue]:
    """``message`` if ``holds``; if ``None``, the information that a month- or year-level date
    cannot tell whether it holds; nothing if it does not hold.

    ``unlisted`` names records the file does not say it lists in full: a finding about them is
    information, ``(the {unlisted} listed may not be all of them)``."""
    if holds is None:
        yield cannot_tell(f"whether {message}", path)
    elif holds and unlisted:
        yield Issue(
            f"{message} (the {unlisted} listed may not be all of them)", path, Severity.INFO
        )
    elif holds:
        yield Issue(message, path)


def sure_or_maybe(sure: bool, maybe: bool) -> bool | None:
    """A conclusion as :func:`judged` takes it: true if ``sure``, ``None`` (cannot tell) if it
    only ``maybe`` holds, false if neither."""
    if sure:
        return True
    return None if maybe else False


def surely(item: Dated, day: dt.date) -> bool:
    """Whether ``item`` holds on ``day`` for sure (a month-level end may leave it open)."""
    return item.in_force_on(day) is True


def within(day: dt.date, start: dt.date | None, end: dt.date | None) -> bool | None:
    """Whether ``day`` (perhaps a month or a year) falls from ``start`` to ``end`` (either
    open when ``None``): ``None`` when the date cannot tell."""
    if (start is not None and latest(day) < start) or (end is not None and earliest(day) > end):
        return False
    if (start is not None and earliest(day) < start) or (end is not None and latest(day) > end):
        return None
    return True


@attrs.frozen
class Gap:
    """A stretch longer than the period allowed between two dated things (or up to the end).

    ``certain`` is false when only a month- or year-level date makes it possible.
    """

    since: tuple[str, dt.date]
    """What came before the gap, and its day as written."""
    index: int | None
    """The index of the thing after the gap; ``None`` for a gap up to the end."""
    day: dt.date | None
    """The day, as written, of the thing after the gap."""
    certain: bool

    @property
    def holds(self) -> bool | None:
        """The gap as :func:`judged` takes it: true if certain, ``None`` if only possible."""
        return True if self.certain else None


def gaps(
    start: tuple[str, dt.date] | None,
    dated: Sequence[tuple[int, str, dt.date]],
    end: dt.date,
    end_latest: dt.date,
    step: relativedelta,
) -> list[Gap]:
    """The gaps longer than ``step`` from ``start``, between the ``dated`` things (index,
    label, day) and up to ``end``, when each day may be a month or a year.

    A gap is certain when no way of reading the dates closes it: nothing can fall in a
    stretch longer than ``step``. It is possible when some reading opens it. For exact dates
    the two agree. ``end_latest`` is the latest the end could be (a month-level end date).
    """
    # a step of whole days is added as a timedelta: the same sums, twenty times faster (the
    # meetings of a national registry make 60,000 of them)
    by: relativedelta | dt.timedelta = step
    if step == relativedelta(days=step.days):
        by = dt.timedelta(days=step.days)
    found: list[Gap] = []
    last: tuple[str, dt.date] | None = start
    reach = latest(start[1]) if start is not None else None  # the latest day so far
    for index, label, day in sorted(dated, key=lambda x: (earliest(x[2]), latest(x[2]), x[0])):
        if last is not None and reach is not None:
            certain = earliest(day) > reach + by
            possible = latest(day) > earliest(last[1]) + by
            if certain or possible:
                found.append(Gap(last, index, day, certain))
        if reach is None or latest(day) >= reach:
            reach = latest(day)
            last = (label, day)
    if last is not None and reach is not None:
        certain = end > reach + by
        possible = end_latest > earliest(last[1]) + by
        if certain or possible:
            found.append(Gap(last, None, None, certain))
    return found


def exceeds(
    limit: int,
    first: dt.date,
    then: dt.date,
    count: Callable[[dt.date, dt.date], int],
    at_most: Callable[[dt.date, dt.date], int] | None = None,
) -> bool | None:
    """Whether more than ``limit`` (as ``count`` counts) passed from ``first`` to ``then``:
    ``None`` when a month- or year-level day cannot tell.

    ``at_most`` is a quicker count never below ``count`` when ``then`` is not before
    ``first`` (weekdays for working days): where it is within the limit, ``count`` is not
    asked (so the bank holiday calendar is read only for what may be late)."""

    def over(a: dt.date, b: dt.date) -> bool:
        if at_most is not None and b >= a and at_most(a, b) <= limit:
            return False
        return count(a, b) > limit

    if over(latest(first), earliest(then)):
        return True
    if not over(earliest(first), latest(then)):
        return False
    return None


def later_than(
    day: dt.date, other: dt.date, message: str, path: tuple[PathPart, ...]
) -> Iterator[Issue]:
    """``message`` if ``day`` is after ``other``; information if a month cannot tell."""
    if earliest(day) > latest(other):
        yield Issue(message, path)
    elif latest(day) > earliest(other):
        yield cannot_tell(f"whether {message}", path)


def _pending(day: dt.date | None, as_of: dt.date) -> bool:
    """Whether a recorded month- or year-level day may or may not have come by ``as_of``."""
    return day is not None and earliest(day) <= as_of < latest(day)


def overdue(
    recorded: dt.date | None,
    deadline: dt.date,
    as_of: dt.date,
    path: tuple[PathPart, ...],
    *,
    unrecorded: str,
    missed: str,
    deadline_latest: dt.date | None = None,
) -> Iterator[Issue]:
    """A step with no day that counts on the as-of day, due by ``deadline``.

    Nothing until the deadline has passed; then ``unrecorded`` (information) when no day is
    recorded, or ``missed`` when the recorded day is after the as-of day. When the deadline
    or the recorded day is only known to the month or year, what cannot be told is
    information.
    """
    if deadline >= as_of:
        return
    if recorded is None:
        yield Issue(unrecorded, path, Severity.INFO)
    elif (deadline_latest or deadline) >= as_of or _pending(recorded, as_of):
        yield cannot_tell(f"whether {missed}", path)
    else:
        yield Issue(missed, path)


def partial(*days: dt.date | None) -> bool:
    """Whether any of the days is known only to its month or year."""
    return any(is_partial(d) for d in days)


def _role_group(partner: SafeguardingPartner) -> str:
    if partner.role.is_health:
        return "health"
    if partner.role.value == "local_authority":
        return "local authority"
    return "police"


def missing_signatory_roles(
    arrangement: Arrangement, day: dt.date, by: tuple[str, ...]
) -> list[str] | None:
    """The partner roles (local authority, health, police) none of whose bodies is in ``by``.

    ``day`` may be a month or a year: a role is needed if a partner holds it for sure on
    every day ``day`` could be, and any body that may hold it then counts as its signatory.
    ``None`` when the partners are not recorded, so nothing can be said.
    """
    if arrangement.partners is None:
        return None
    first, last = earliest(day), latest(day)
    needed: set[str] = set()
    may_sign: dict[str, set[str]] = {}
    for partner in arrangement.partners:
        role = _role_group(partner)
        if surely(partner, first) and surely(partner, last):
            needed.add(role)
        starts, ends = partner.valid_from, partner.valid_to
        if (starts is None or earliest(starts) <= last) and (ends is None or latest(ends) >= first):
            may_sign.setdefault(role, set()).add(partner.organisation)
    signed = set(by)
    return sorted(role for role in needed if not may_sign.get(role, set()) & signed)


def bound_organisations(arr: Arrangement) -> set[str]:
    """Organisations bound by the arrangements: partners, relevant agencies and their units."""
    bound = {p.organisation for p in arr.partners or ()}
    bound |= {p.represented_by for p in arr.partners or () if p.represented_by}
    bound |= {a.organisation for a in arr.relevant_agencies or () if a.organisation}
    changed = True
    while changed:
        changed = False
        for org in arr.organisations:
            if org.id not in bound and org.part_of in bound:
                bound.add(org.id)
                changed = True
    return bound


def part_of_chain(arr: Arrangement, org_id: str) -> tuple[tuple[str, ...], bool]:
    """The body and the bodies it is part of, in turn (``part_of``), and whether that is all.

    The chain is known to end at a body recorded as part of none (``part_of: none``), or at
    a safeguarding partner's own body left without ``part_of``: a council, a clinical
    commissioning group or integrated care board, or a chief officer of police is a body in
    its own right (our reading of s.16E(3)). Anywhere else, a body without ``part_of`` may be
    part of another: not recorded is not "part of none".
    """
    partners = {p.organisation for p in arr.partners or ()}
    chain = [org_id]
    while True:
        org = arr.organisation(chain[-1])
        above = org.part_of if org is not None else None
        if is_none(above) or above in chain:
            return tuple(chain), True
        if above is None:
            return tuple(chain), chain[-1] in partners
        chain.append(above)


def gives(contribution: FundingContribution) -> bool | None:
    """Whether a contribution gives something; ``None`` when that is not recorded.

    It gives nothing only if no money is recorded (``amount`` or ``share`` of 0) and nothing
    in kind (``in_kind: none``); ``amount: 0`` with ``in_kind`` left out may be a
    contribution in kind.
    """
    if contribution.in_kind is not None and not is_none(contribution.in_kind):
        return True
    money = [v for v in (contribution.amount, contribution.share) if v is not None]
    if any(money):
        return True
    if money and is_none(contribution.in_kind):
        return False
    return None


def loops(edges: dict[str, set[str]]) -> list[list[str]]:
    """The loops of a graph: each strongly connected set of its nodes that has a loop in it
    (two or more nodes, or one with an edge to itself), sorted, in order of their first node
    (STRUCT-001's reporting loops; the architecture test's import cycles).

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
