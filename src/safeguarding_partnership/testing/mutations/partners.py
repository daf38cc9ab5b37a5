"""PARTNERS: break the duties on who the safeguarding partners are (CA2004 s.16E)."""

from __future__ import annotations

import datetime as dt

from safeguarding_partnership import reference
from safeguarding_partnership.law import CCG_TO_ICB
from safeguarding_partnership.model import Arrangement, OrganisationKind, PartnerRole
from safeguarding_partnership.testing._evolve import evolve
from safeguarding_partnership.testing.mutations._edits import (
    partners_in_force,
    replace_at,
    without_item,
)
from safeguarding_partnership.testing.mutations._registry import mutation

__all__: list[str] = []


@mutation("PARTNERS-001", also=("CDR-001",))
def _council_of_another_area(arr: Arrangement, as_of: dt.date) -> Arrangement | None:
    """The council partner is recorded with another area's ONS code."""
    orgs = list(arr.organisations)
    for i, org in enumerate(orgs):
        if org.kind is OrganisationKind.LOCAL_AUTHORITY and org.ons_code in arr.area_codes:
            other = "E09000033" if org.ons_code != "E09000033" else "E09000032"
            if other in arr.area_codes:
                return None
            orgs[i] = evolve(org, ons_code=other)
            return evolve(arr, organisations=tuple(orgs))
    return None


@mutation("PARTNERS-002", also=("CDR-001",))
def _health_body_for_an_area_it_does_not_cover(
    arr: Arrangement, as_of: dt.date
) -> Arrangement | None:
    """A health partner is named for an area it does not cover."""
    for i, p in partners_in_force(arr, as_of):
        if not p.role.is_health:
            continue
        org = arr.organisation(p.organisation)
        if org is None:
            return None
        covering = {
            b.ons_code
            for code in arr.area_codes
            for b in reference.health_partners_for(code, as_of)
        }
        bodies = reference.icbs() if as_of >= CCG_TO_ICB else reference.ccgs()
        other = next(
            (b for b in bodies.values() if b.in_force(as_of) and b.ons_code not in covering), None
        )
        if other is None:
            return None
        orgs = tuple(
            evolve(o, ons_code=other.ons_code, ods_code=other.ods_code) if o.id == org.id else o
            for o in arr.organisations
        )
        explicit = evolve(p, areas=p.areas or arr.area_codes)
        return evolve(arr, organisations=orgs, partners=replace_at(arr.partners or (), i, explicit))
    return None


@mutation("PARTNERS-003", also=("PARTNERS-002",), from_day=CCG_TO_ICB)
def _ccg_after_icbs(arr: Arrangement, as_of: dt.date) -> Arrangement | None:
    """The ICB partner is recorded in the CCG role after 1 July 2022."""
    if as_of < CCG_TO_ICB:
        return None
    for i, p in partners_in_force(arr, as_of):
        if p.role is PartnerRole.INTEGRATED_CARE_BOARD:
            changed = evolve(p, role=PartnerRole.CLINICAL_COMMISSIONING_GROUP)
            return evolve(arr, partners=replace_at(arr.partners or (), i, changed))
    return None


@mutation("PARTNERS-004", also=("PARTNERS-001", "LEAD-005", "PARTNERS-009", "RA-005"))
def _no_partners(arr: Arrangement, as_of: dt.date) -> Arrangement | None:
    """The arrangements record no safeguarding partners."""
    return evolve(arr, partners=())


@mutation("PARTNERS-005", also=("PUB-003",))
def _needs_not_covered(arr: Arrangement, as_of: dt.date) -> Arrangement | None:
    """The arrangements do not say how children's needs are identified and responded to."""
    return without_item("needs_identification_and_response")(arr, as_of)


@mutation("PARTNERS-006")
def _combined_single_area(arr: Arrangement, as_of: dt.date) -> Arrangement | None:
    """One area is recorded as a combined area."""
    if len(arr.areas) != 1:
        return None
    return evolve(arr, combined_area=True)


@mutation("PARTNERS-007")
def _represented_by_another_kind(arr: Arrangement, as_of: dt.date) -> Arrangement | None:
    """The council partner is represented by the police partner."""
    current = partners_in_force(arr, as_of)
    police = next((p for _, p in current if p.role is PartnerRole.CHIEF_OFFICER_OF_POLICE), None)
    for i, p in current:
        if p.role is PartnerRole.LOCAL_AUTHORITY and police is not None:
            changed = evolve(p, represented_by=police.organisation)
            return evolve(arr, partners=replace_at(arr.partners or (), i, changed))
    return None
