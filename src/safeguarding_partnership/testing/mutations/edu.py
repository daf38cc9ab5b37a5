"""EDU: break the duties on education settings."""

from __future__ import annotations

import datetime as dt

from safeguarding_partnership.model import (
    Arrangement,
    FundingContribution,
    Group,
    GroupKind,
    Organisation,
    OrganisationKind,
    PartnerRole,
    Post,
    SafeguardingPartner,
)
from safeguarding_partnership.testing._evolve import evolve
from safeguarding_partnership.testing.mutations._edits import financial_year, without_item
from safeguarding_partnership.testing.mutations._registry import mutation

__all__: list[str] = []

_STRATEGIC = frozenset({GroupKind.PARTNERSHIP_MEETING, GroupKind.EXECUTIVE})


mutation("EDU-001", without_item("education"), regimes=("WT2018",), also=("PUB-007",))


@mutation("EDU-002", regimes=("WT2023",))
def _no_education_on_strategic_groups(arr: Arrangement, as_of: dt.date) -> Arrangement | None:
    """No education or childcare member sits on a strategic group (partnership meeting or
    executive); other groups, such as a multi-agency child protection team, keep theirs."""
    groups: list[Group] = []
    for g in arr.groups or ():
        if g.kind not in _STRATEGIC or g.members is None:
            groups.append(g)
            continue
        members = tuple(m for m in g.members if (m.sector or "") != "education")
        groups.append(evolve(g, members=members))
    return evolve(arr, groups=tuple(groups))


@mutation("EDU-003", regimes=("WT2023",))
def _school_as_partner(arr: Arrangement, as_of: dt.date) -> Arrangement | None:
    """A schools' body is named as a fourth safeguarding partner (with a lead and a delegate,
    so that only its being a partner is wrong)."""
    school = Organisation(id="mutation-schools", name="Schools forum", kind=OrganisationKind.SCHOOL)
    lead = Post(title="Chief Executive", organisation=school.id)
    delegate = Post(title="Director of Education", organisation=school.id)
    return evolve(
        arr,
        organisations=(*arr.organisations, school),
        partners=(
            *(arr.partners or ()),
            SafeguardingPartner(
                role=PartnerRole.LOCAL_AUTHORITY,
                organisation=school.id,
                areas=(),
                valid_from=as_of,
                lead=lead,
                delegates=(delegate,),
            ),
        ),
        funding=(
            *(arr.funding or ()),
            FundingContribution(year=financial_year(as_of), contributor=school.id, amount=1),
        ),
    )
