"""Funding of the arrangements (CA2004 s.16I; WT2018 ch.3; WT2023 ch.2); catalogue section G.

A contribution's ``year`` is a financial year: ``2024-25``, or ``2024`` for the year starting
1 April 2024 (our reading of a bare year; the catalogue does not define one).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from safeguarding_partnership.findings import Severity
from safeguarding_partnership.law import Regime
from safeguarding_partnership.model import Arrangement
from safeguarding_partnership.model.common import is_complete
from safeguarding_partnership.model.dates import earliest, latest
from safeguarding_partnership.rules.core._facts import cannot_tell, gives, part_of_chain
from safeguarding_partnership.rules.rule import Issue, Rule, RuleContext, RuleStatus, rule, unknown

__all__ = ["RULES"]


def _year(label: str) -> tuple[dt.date, dt.date]:
    """First and last day of a financial year label."""
    start = int(label[:4])
    return dt.date(start, 4, 1), dt.date(start + 1, 3, 31)


def _family(arr: Arrangement, org_id: str) -> frozenset[str]:
    """An organisation with its predecessors and successors (declared on either side) and
    the units that are part of any of them."""
    found = {org_id}
    todo = [org_id]
    while todo:
        current = todo.pop()
        linked: list[str] = []
        for org in arr.organisations:
            if org.id == current:
                linked += [*(org.predecessors or ()), *(org.successors or ())]
            elif org.part_of == current or current in (
                *(org.predecessors or ()),
                *(org.successors or ()),
            ):
                linked.append(org.id)
        for other in linked:
            if other not in found:
                found.add(other)
                todo.append(other)
    return frozenset(found)


def _missing(arr: Arrangement, day: dt.date, first: dt.date | None) -> Iterator[Issue]:
    """Partners that contributed nothing in a year for which contributions are recorded.

    Only partners that were partners for sure in that year are expected; a contribution of
    unknown year may be the missing one; and if the list of contributions is marked
    incomplete, what is missing is information only.
    """
    funding = arr.funding or ()
    years = sorted({c.year for c in funding if c.year is not None})
    for label in years:
        start, end = _year(label)
        if start > day or (first is not None and end < first):
            continue
        last = min(end, day)
        # a contribution counts unless it is recorded as giving nothing: one whose money or
        # giving in kind is not recorded may give (PARTNERS-009 says what is not recorded)
        given = {c.contributor for c in funding if c.year == label and gives(c) is not False}
        expected: dict[str, int] = {}
        for i, p in enumerate(arr.partners or ()):
            opens = p.valid_from is None or latest(p.valid_from) <= last
            closes = p.valid_to is None or earliest(p.valid_to) >= start
            if opens and closes:
                expected.setdefault(p.organisation, i)
        for org, i in sorted(expected.items()):
            family = _family(arr, org)
            if family & given:
                continue
            message = f"{org} contributes nothing to the arrangements in {label}"
            # a contribution whose giver or year is not recorded may be the one missing, and
            # so may one from a body not recorded as part of none (it may be the partner's)
            perhaps = [
                c
                for c in funding
                if gives(c) is not False
                and (c.year is None or c.year == label)
                and (
                    c.contributor is None
                    or c.contributor in family
                    or not part_of_chain(arr, c.contributor)[1]
                )
            ]
            if not is_complete(arr.funding) or perhaps:
                if any(c.contributor is None or c.year is None for c in perhaps):
                    why = "a contribution whose giver or year is not recorded may be its"
                elif perhaps:
                    why = (
                        "a contribution from a body not recorded as part of none may be its "
                        f"({', '.join(sorted({str(c.contributor) for c in perhaps}))})"
                    )
                else:
                    why = "the contributions listed may not be all of them"
                yield Issue(
                    f"perhaps {message}: {why}", ("partners", i, "organisation"), Severity.INFO
                )
            else:
                yield Issue(message, ("partners", i, "organisation"))


@rule(
    "FUND-001",
    "Every partner contributes, and the budget is transparent (WT2018)",
    confidence="S",  # "S (core), U (coverage detail)": this checks the core, not coverage
)
def equitable_funding(ctx: RuleContext) -> Iterator[Issue]:
    """Partners should agree an equitable and proportionate split, transparent to local
    children and families. The guidance gives no formula, so this checks only that no partner
    gives nothing in a year for which contributions are recorded, and that the budget is
    published. A body's predecessors and successors count as the same partner.

    Hint: Record each partner's contribution (money or in kind) for every year, and link the
    published budget under `documents.budget`.

    Failing::

        funding:
          - {year: 2020-21, contributor: havering-council, amount: 150000}
          - {year: 2020-21, contributor: met, amount: 0, in_kind: none}

    Passing::

        funding:
          - {year: 2020-21, contributor: havering-council, amount: 150000}
          - {year: 2020-21, contributor: havering-ccg, amount: 60000}
          - {year: 2020-21, contributor: met, in_kind: analyst}
    """
    arr = ctx.arrangement
    if arr.funding is None:
        yield unknown("the funding contributions", ("funding",))
    else:
        yield from _missing(arr, ctx.as_of, None)
    if arr.documents is None or arr.documents.budget is None:
        yield unknown("the published budget", ("documents", "budget"))


@rule("FUND-002", "The lead safeguarding partners sign off a shared budget each year (WT2023)")
def budget_signed_off(ctx: RuleContext) -> Iterator[Issue]:
    """LSPs agree and sign off a shared annual budget. Checked for each financial year from
    2024-25 (the first to start under WT2023) up to the one containing the as-of day. A
    budget sign-off dated in calendar year X is taken to be for financial year X-(X+1):
    signed in the three months before it starts or during it (our reading of "annual"; the
    catalogue gives no deadline, and a sign-off record carries no year). Business support
    has no field in the model.

    Hint: Record a `sign_offs` entry with `document: budget` for each financial year, dated
    between the January before it starts and its end in December.

    Failing (as of 2025-01-01)::

        sign_offs:
          - {document: arrangements, date: 2024-11-30}

    Passing::

        sign_offs:
          - {document: budget, date: 2024-03-20}
    """
    arr, day = ctx.arrangement, ctx.as_of
    if arr.sign_offs is None:
        yield unknown("sign-off of the budget", ("sign_offs",))
        return
    budgets = [s for s in arr.sign_offs if s.document == "budget"]
    undated = any(s.date is None for s in budgets)
    signed = {s.date.year for s in budgets if s.date is not None and latest(s.date) <= day}
    maybe = {s.date.year for s in budgets if s.date is not None and earliest(s.date) <= day}
    first = Regime.WT2023.start or dt.date.min
    year = first.year + (1 if first >= dt.date(first.year, 4, 1) else 0)
    while dt.date(year, 4, 1) <= day:
        label = f"{year}-{(year + 1) % 100:02d}"
        if year not in signed:
            if undated:
                yield unknown(
                    f"the date of the budget sign-off, so whether the {label} "
                    "budget was signed off cannot be told",
                    ("sign_offs",),
                )
            elif year in maybe:
                yield cannot_tell(
                    f"whether the {label} budget was signed off by {day}", ("sign_offs",)
                )
            else:
                yield Issue(
                    f"no budget sign-off by the lead safeguarding partners for {label}",
                    ("sign_offs",),
                )
        year += 1


@rule(
    "FUND-003",
    "Every partner contributes (WT2023, equitable and proportionate carried forward)",
    status=RuleStatus.PREVIEW,
)
def equitable_funding_wt2023(ctx: RuleContext) -> Iterator[Issue]:
    """WT2023 is believed to keep the "equitable and proportionate" principle (unverified,
    catalogue: U), so this preview rule checks, for years reaching into WT2023, that no
    partner gives nothing in a year for which contributions are recorded.

    Hint: Record each partner's contribution (money or in kind) for every year.

    Failing::

        funding:
          - {year: 2024-25, contributor: havering-council, amount: 150000}

    Passing::

        funding:
          - {year: 2024-25, contributor: havering-council, amount: 150000}
          - {year: 2024-25, contributor: nel-icb, amount: 60000}
          - {year: 2024-25, contributor: met, amount: 20000}
    """
    arr = ctx.arrangement
    if arr.funding is None:
        yield unknown("the funding contributions", ("funding",))
        return
    yield from _missing(arr, ctx.as_of, Regime.WT2023.start)


RULES: tuple[Rule, ...] = (equitable_funding, budget_signed_off, equitable_funding_wt2023)
