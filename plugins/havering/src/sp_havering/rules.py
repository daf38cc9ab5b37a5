"""HAV-001: each thematic group reports progress to a quarterly meeting every 12 months."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from safeguarding_partnership.model import GroupKind
from safeguarding_partnership.plugins import (
    IMPLEMENTATION_DEADLINE,
    Citation,
    Issue,
    Regime,
    Rule,
    RuleContext,
    Severity,
    Strength,
    rule,
)

__all__ = ["ABOUT", "RULES", "thematic_groups_report_progress"]

ABOUT = "https://safeguardinghavering.org.uk/childrenpartnership/about-us/"
"""The Havering SCP about page, the source of this plugin's facts (HAV-ABOUT)."""


@rule(
    "HAV-001",
    "Each thematic group reports progress to a quarterly meeting at least once in 12 months",
    strength=Strength.SHOULD,
    regimes=[Regime.WT2018, Regime.WT2023],
    citations=[
        Citation(
            "Havering SCP local arrangements: thematic groups report to the partnership meeting",
            ABOUT,
        )
    ],
    valid_from=IMPLEMENTATION_DEADLINE,
    confidence="L",
    provider="havering",
)
def thematic_groups_report_progress(ctx: RuleContext) -> Iterator[Issue]:
    """Each thematic group in force brings a progress report to a quarterly meeting (a group
    whose cadence is quarterly) at least once in the 12 months to the day checked.

    A group whose progress reports are not recorded gives an info finding, "not recorded";
    a group formed less than 12 months before the day checked is not yet due.

    Hint: Record each progress report under the group's progress_reports, with to and date.

    Failing: ``progress_reports: [{to: scp, date: 2022-01-10}]`` checked as of 2024-06-01.
    Passing: ``progress_reports: [{to: scp, date: 2024-04-10}]``.
    """
    arr = ctx.arrangement
    groups = arr.groups or ()
    quarterly = {
        g.id
        for g in groups
        if g.cadence is not None and g.cadence.frequency == "quarterly" and g.in_force(ctx.as_of)
    }
    window_start = ctx.as_of - dt.timedelta(days=365)
    for i, group in enumerate(groups):
        if group.kind is not GroupKind.THEMATIC_GROUP or not group.in_force(ctx.as_of):
            continue
        if group.valid_from is not None and group.valid_from > window_start:
            continue
        if group.progress_reports is None:
            yield Issue(
                f"progress reports of thematic group {group.id!r} are not recorded",
                ("groups", i, "progress_reports"),
                Severity.INFO,
            )
            continue
        recent = [
            r
            for r in group.progress_reports
            if r.to in quarterly and window_start < r.date <= ctx.as_of
        ]
        if not recent:
            yield Issue(
                f"thematic group {group.id!r} brought no progress report to a quarterly meeting "
                f"in the 12 months to {ctx.as_of.isoformat()}",
                ("groups", i, "progress_reports"),
            )


RULES: tuple[Rule, ...] = (thematic_groups_report_progress,)
"""The plugin's rules."""
