"""The BHR tri-borough footprint: the plugin's hook implementations.

Source (HAV-NEWS): Havering Council's news of 1 July 2019 on the new tri-borough group of
Barking and Dagenham, Havering and Redbridge. Each borough keeps its own local group; a
tri-borough group works across the footprint. The six-weekly cadence is the example file's.
"""

from __future__ import annotations

from collections.abc import Iterable

import click

from safeguarding_partnership.model import (
    Arrangement,
    Cadence,
    Group,
    GroupKind,
    Membership,
    Organisation,
    OrganisationKind,
    Post,
)
from safeguarding_partnership.plugins import ReportFormat, Rule, hookimpl
from sp_bhr.footprint import BOROUGHS, TRI_BOROUGH
from sp_bhr.rules import RULES
from sp_bhr.summary import render_summary

__all__ = [
    "register_commands",
    "register_groups",
    "register_organisations",
    "register_report_formats",
    "register_rules",
]


def _whole_footprint(arrangement: Arrangement) -> bool:
    """Whether the arrangement covers all three boroughs (the tri-borough arrangement)."""
    return {b.code for b in BOROUGHS} <= set(arrangement.area_codes)


@hookimpl
def register_organisations(arrangement: Arrangement) -> Iterable[Organisation]:
    if not _whole_footprint(arrangement):
        return ()
    declared = {o.id for o in arrangement.organisations}
    return tuple(
        Organisation(
            id=b.council,
            name=b.council_name,
            kind=OrganisationKind.LOCAL_AUTHORITY,
            ons_code=b.code,
        )
        for b in BOROUGHS
        if b.council not in declared
    )


@hookimpl
def register_groups(arrangement: Arrangement) -> Iterable[Group]:
    if not _whole_footprint(arrangement) or any(
        g.id == TRI_BOROUGH for g in arrangement.groups or ()
    ):
        return ()
    return (
        Group(
            id=TRI_BOROUGH,
            name="BHR tri-borough safeguarding group",
            kind=GroupKind.EXECUTIVE,
            cadence=Cadence(every_weeks=6),
            reports_to=(),
            footprint=tuple(b.code for b in BOROUGHS),
            members=tuple(
                Membership(
                    post=Post(title="Director of Children's Services", organisation=b.council)
                )
                for b in BOROUGHS
            ),
        ),
    )


@hookimpl
def register_rules() -> Iterable[Rule]:
    return RULES


@hookimpl
def register_report_formats() -> Iterable[ReportFormat]:
    return (
        ReportFormat(
            name="bhr-summary",
            title="BHR tri-borough summary",
            render=render_summary,
            description="The tri-borough group and each borough's local group.",
            public=True,
        ),
    )


@hookimpl
def register_commands(cli: click.Group) -> None:
    @cli.command("bhr-footprint")
    def bhr_footprint() -> None:
        """Print the BHR tri-borough footprint: each borough and its GSS code."""
        for borough in BOROUGHS:
            click.echo(f"{borough.code} {borough.name}")
