"""Packaged reference data: the relevant-agency Schedule, areas, ICBs, CCGs and police.

Every loader reads its file once and caches the result, so checks can call them freely.
Sources, dates and known gaps are described in ``SOURCES.md`` beside the shared copy.
"""

from __future__ import annotations

from safeguarding_partnership.reference.areas import (
    LocalAuthority,
    dfe_la_codes,
    local_authorities,
    ons_code_for_dfe,
    upper_tier_areas_on,
)
from safeguarding_partnership.reference.bodies import (
    HealthBody,
    HealthBodyKind,
    PoliceForce,
    ccgs,
    health_body,
    icbs,
    police_forces,
)
from safeguarding_partnership.reference.coverage import (
    CCG_ERA_END,
    COVERAGE_START,
    ICB_ERA_START,
    coverage_known,
    health_partners_for,
    police_forces_for,
)
from safeguarding_partnership.reference.schedule import (
    EDUCATION_AND_CHILDCARE,
    ScheduleCategory,
    schedule,
)
from safeguarding_partnership.reference.successors import (
    council_successors,
    health_body_last_day,
)

__all__ = [
    "CCG_ERA_END",
    "COVERAGE_START",
    "EDUCATION_AND_CHILDCARE",
    "ICB_ERA_START",
    "HealthBody",
    "HealthBodyKind",
    "LocalAuthority",
    "PoliceForce",
    "ScheduleCategory",
    "ccgs",
    "council_successors",
    "coverage_known",
    "dfe_la_codes",
    "health_body",
    "health_body_last_day",
    "health_partners_for",
    "icbs",
    "local_authorities",
    "ons_code_for_dfe",
    "police_forces",
    "police_forces_for",
    "schedule",
    "upper_tier_areas_on",
]
