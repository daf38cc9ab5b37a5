"""Havering Safeguarding Children Partnership: the plugin's hook implementations.

Facts come from the partnership's about page (HAV-ABOUT): the partners are Havering Council,
the NHS North East London ICB and the Metropolitan Police's East Area command; "relevant
agencies include local schools, colleges and other educational providers"; education and the
other relevant agencies take part through thematic groups.
"""

from __future__ import annotations

from collections.abc import Iterable

from pydantic import BaseModel, ConfigDict

from safeguarding_partnership.model import Arrangement, Group, GroupKind, RelevantAgency
from safeguarding_partnership.plugins import AgencyCategory, Loader, ReportFormat, Rule, hookimpl
from sp_havering.loader import parse_paths_csv
from sp_havering.quarterly import render_quarterly
from sp_havering.rules import ABOUT, RULES

__all__ = [
    "ABOUT",
    "HAVERING",
    "THEMATIC_GROUPS",
    "HaveringSettings",
    "register_agency_categories",
    "register_groups",
    "register_loaders",
    "register_relevant_agencies",
    "register_report_formats",
    "register_rules",
    "register_settings_model",
]


HAVERING = "E09000016"
"""GSS code of the London Borough of Havering."""

THEMATIC_GROUPS: tuple[tuple[str, str], ...] = (
    ("adolescent-safeguarding", "Adolescent Safeguarding Strategy Group"),
    ("childrens-quality-and-effectiveness", "Children's Quality and Effectiveness Working Group"),
    ("early-help-partnership-board", "Early Help Partnership Board"),
    ("education-strategic-partnership", "Education Strategic Partnership"),
)
"""The partnership's thematic groups: id and name."""


class HaveringSettings(BaseModel):
    """The ``settings: {havering: ...}`` section of an arrangements file.

    Its validator is built when a file has the section (``defer_build``), not on import: a
    check of a file without it pays nothing for it."""

    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)

    partnership_meeting: str = "scp"
    """Id of the quarterly partnership meeting the thematic groups report to."""


@hookimpl
def register_agency_categories() -> Iterable[AgencyCategory]:
    return (
        AgencyCategory(
            "havering-school",
            "maintained-school-governing-body",
            "A maintained school in Havering",
        ),
        AgencyCategory(
            "havering-academy", "academy-school-proprietor", "An academy or free school in Havering"
        ),
        AgencyCategory(
            "havering-college",
            "further-education-institution-governing-body",
            "A further education college in Havering",
        ),
        AgencyCategory(
            "havering-early-years",
            "registered-childcare-provider",
            "An early years setting in Havering",
        ),
    )


@hookimpl
def register_settings_model() -> type[BaseModel]:
    return HaveringSettings


@hookimpl
def register_relevant_agencies(arrangement: Arrangement) -> Iterable[RelevantAgency]:
    reason = (
        "The partnership's about page: relevant agencies include local schools, colleges "
        "and other educational providers."
    )
    collaboration = "Through the thematic groups, including the Education Strategic Partnership."
    return (
        RelevantAgency(
            id="havering-schools",
            name="Schools in Havering",
            category="havering-school",
            reason=reason,
            collaboration=collaboration,
            areas=(HAVERING,),
        ),
        RelevantAgency(
            id="havering-colleges",
            name="Colleges in Havering",
            category="havering-college",
            reason=reason,
            collaboration=collaboration,
            areas=(HAVERING,),
        ),
    )


@hookimpl
def register_groups(arrangement: Arrangement, settings: HaveringSettings) -> Iterable[Group]:
    return tuple(
        Group(
            id=group_id,
            name=name,
            kind=GroupKind.THEMATIC_GROUP,
            reports_to=(settings.partnership_meeting,),
            footprint=(HAVERING,),
        )
        for group_id, name in THEMATIC_GROUPS
    )


@hookimpl
def register_rules() -> Iterable[Rule]:
    return RULES


@hookimpl
def register_report_formats() -> Iterable[ReportFormat]:
    return (
        ReportFormat(
            name="havering-quarterly",
            title="Havering quarterly progress report",
            render=render_quarterly,
            description="Each thematic group and its progress reports in the quarter.",
            public=True,
        ),
    )


@hookimpl
def register_loaders() -> Iterable[Loader]:
    return (Loader(".paths.csv", "paths CSV", parse_paths_csv),)
