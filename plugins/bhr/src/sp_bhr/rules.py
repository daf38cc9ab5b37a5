"""BHR-001: each borough of the tri-borough footprint keeps its own local (place) group."""

from __future__ import annotations

from collections.abc import Iterator

from safeguarding_partnership.plugins import (
    IMPLEMENTATION_DEADLINE,
    Citation,
    Issue,
    Regime,
    Rule,
    RuleContext,
    Strength,
    rule,
)
from sp_bhr.footprint import BOROUGHS, local_groups

__all__ = ["RULES", "each_borough_keeps_a_local_group"]

_NEWS = "https://www.havering.gov.uk/news/article/610/new_tri-borough_group_to_safeguard_children_at_risk"


@rule(
    "BHR-001",
    "Each borough of the tri-borough footprint keeps its own local group",
    strength=Strength.SHOULD,
    regimes=[Regime.WT2018, Regime.WT2023],
    citations=[
        Citation("BHR tri-borough arrangements (Havering Council news, 1 July 2019)", _NEWS)
    ],
    valid_from=IMPLEMENTATION_DEADLINE,
    confidence="L",
    provider="bhr",
)
def each_borough_keeps_a_local_group(ctx: RuleContext) -> Iterator[Issue]:
    """Every BHR borough among the arrangement's areas has a group in force, of kind
    ``place_group`` or ``partnership_meeting``, whose footprint is that borough alone.

    Hint: Add a place_group whose footprint is the borough alone.

    Failing: areas Barking and Dagenham, Havering, Redbridge with place groups for two.
    Passing: a place group with ``footprint: [E09000026]`` for Redbridge too.
    """
    arr = ctx.arrangement
    codes = {a.code for a in arr.areas_on(ctx.as_of)}
    for borough in BOROUGHS:
        if borough.code in codes and not local_groups(arr, borough.code, ctx.as_of):
            index = next(i for i, a in enumerate(arr.areas) if a.code == borough.code)
            yield Issue(
                f"{borough.name} has no local group of its own (a place_group with footprint "
                f"[{borough.code}])",
                ("areas", index),
            )


RULES: tuple[Rule, ...] = (each_borough_keeps_a_local_group,)
"""The plugin's rules."""
