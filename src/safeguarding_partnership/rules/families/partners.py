"""Safeguarding partners (Children Act 2004 s.16E(3)); catalogue section A."""

from __future__ import annotations

from collections.abc import Iterator

from ...findings import Severity, Strength
from ..regimes import CCG_TO_ICB, Regime
from ..rule import Issue, Rule, RuleContext, rule

__all__ = ["RULES"]


@rule(
    "PARTNERS-003",
    "No clinical commissioning group as a partner from 1 July 2022",
    strength=Strength.MUST,
    regimes=[Regime.STATUTE],
    citations=["Children Act 2004 s.16E(3)(b) as amended; SI 2022/634"],
    hint="Name the integrated care board that replaced the CCG, and end the CCG's role on "
    "30 June 2022.",
    confidence="P",
)
def no_ccg_after_icbs(ctx: RuleContext) -> Iterator[Issue]:
    """From 1 July 2022 the health partner is the integrated care board; CCGs were abolished.

    Failing::

        partners:
          - {role: clinical_commissioning_group, organisation: nel-ccg}

    Passing::

        partners:
          - {role: clinical_commissioning_group, organisation: nel-ccg, valid_to: 2022-06-30}
          - {role: integrated_care_board, organisation: nel-icb, valid_from: 2022-07-01}
    """
    if ctx.as_of < CCG_TO_ICB:
        return
    for i, partner in enumerate(ctx.arrangement.partners or ()):
        if partner.role.value == "clinical_commissioning_group" and partner.in_force(ctx.as_of):
            yield Issue(
                f"{partner.organisation} is named as a clinical commissioning group partner on "
                f"{ctx.as_of}, after CCGs were replaced by integrated care boards",
                ("partners", i, "role"),
            )


@rule(
    "PARTNERS-004",
    "The partners are recorded",
    strength=Strength.MUST,
    regimes=[Regime.STATUTE],
    citations=["Children Act 2004 s.16E(1)"],
    hint="List the safeguarding partners under `partners`.",
    confidence="P",
)
def partners_recorded(ctx: RuleContext) -> Iterator[Issue]:
    """The arrangements are made by the safeguarding partners, so they must be named."""
    partners = ctx.arrangement.partners
    if partners is None:
        yield Issue("not recorded: the safeguarding partners", ("partners",), Severity.INFO)
    elif not partners:
        yield Issue("the arrangements name no safeguarding partners", ("partners",))


RULES: tuple[Rule, ...] = (no_ccg_after_icbs, partners_recorded)
