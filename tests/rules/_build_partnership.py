"""Build small arrangements in Python for the PARTNERS, RA, LEAD, SCRUT, FUND and EDU tests.

``compliant(codes, day)`` gives a plain dict for an arrangement that meets every rule of these
families on ``day``, with its partners drawn from the packaged reference data (the area's
council, every health body and police force covering it). Tests change one element and
validate it with :func:`build`.
"""

from __future__ import annotations

import copy
import datetime as dt
from collections.abc import Iterable, Sequence
from typing import Any

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st

from safeguarding_partnership.findings import Finding
from safeguarding_partnership.law import CCG_TO_ICB
from safeguarding_partnership.model import Arrangement
from safeguarding_partnership.reference import (
    health_partners_for,
    local_authorities,
    police_forces_for,
    upper_tier_areas_on,
)
from safeguarding_partnership.rules.core import (
    edu as education,
)
from safeguarding_partnership.rules.core import (
    fund as funding,
)
from safeguarding_partnership.rules.core import (
    lead as leadership,
)
from safeguarding_partnership.rules.core import (
    partners,
)
from safeguarding_partnership.rules.core import (
    ra as agencies,
)
from safeguarding_partnership.rules.core import (
    scrut as scrutiny,
)
from safeguarding_partnership.rules.engine import Selection, run_rules
from safeguarding_partnership.rules.rule import Rule

from ._shuffle import shuffled

HAVERING = "E09000016"
CITY = "E09000001"
BARKING = "E09000002"
REDBRIDGE = "E09000026"

FAMILIES = (partners, agencies, leadership, scrutiny, funding, education)
RULES: tuple[Rule, ...] = tuple(r for m in FAMILIES for r in m.RULES)
CODES = frozenset(r.code for r in RULES)

BEFORE_ICBS = dt.date(2020, 1, 1)
WT2023_DAY = dt.date(2025, 1, 1)

Data = dict[str, Any]


def _fy(day: dt.date) -> int:
    return day.year if day >= dt.date(day.year, 4, 1) else day.year - 1


def compliant(codes: Sequence[str] = (HAVERING,), day: dt.date = WT2023_DAY) -> Data:
    """A dict for an arrangement meeting every rule of these families on ``day``."""
    las = local_authorities()
    orgs: dict[str, Data] = {}
    partner_list: list[Data] = []
    health: dict[str, Data] = {}
    police: dict[str, Data] = {}
    for code in codes:
        la_id = f"la-{code}"
        orgs[la_id] = {
            "id": la_id,
            "name": las[code].name if code in las else code,
            "kind": "local_authority",
            "ons_code": code,
        }
        partner_list.append(
            {
                "role": "local_authority",
                "organisation": la_id,
                "areas": [code],
                "lead": {"title": "Chief Executive", "organisation": la_id},
                "delegates": [
                    {
                        "id": f"dcs-{code}",
                        "title": "Director of Children's Services",
                        "organisation": la_id,
                    }
                ],
            }
        )
        for body in health_partners_for(code, day):
            org_id = f"health-{body.ods_code}"
            orgs[org_id] = {
                "id": org_id,
                "name": body.name,
                "kind": body.kind,
                "ons_code": body.ons_code,
                "ods_code": body.ods_code,
            }
            entry = health.setdefault(
                org_id,
                {
                    "role": body.kind,
                    "organisation": org_id,
                    "areas": [],
                    "lead": {
                        "title": "Chief Executive" if day >= CCG_TO_ICB else "Accountable Officer",
                        "organisation": org_id,
                    },
                    "delegates": [{"title": "Chief Nurse", "organisation": org_id}],
                },
            )
            entry["areas"].append(code)
        for force in police_forces_for(code, day):
            org_id = f"police-{force.ons_code}"
            orgs[org_id] = {
                "id": org_id,
                "name": force.chief_officer_title,
                "kind": "chief_officer_of_police",
                "ons_code": force.ons_code,
            }
            entry = police.setdefault(
                org_id,
                {
                    "role": "chief_officer_of_police",
                    "organisation": org_id,
                    "areas": [],
                    "lead": {"title": force.chief_officer_title, "organisation": org_id},
                    "delegates": [{"title": "Detective Superintendent", "organisation": org_id}],
                },
            )
            entry["areas"].append(code)
    partner_list += list(health.values()) + list(police.values())
    orgs["college"] = {"id": "college", "name": "Local College", "kind": "college"}
    partner_orgs = [p["organisation"] for p in partner_list]
    year = _fy(day)
    first_budget_year = 2024
    sign_offs: list[Data] = [
        {"document": "arrangements", "date": str(dt.date(2023, 12, 20)), "by": partner_orgs}
    ]
    for y in range(first_budget_year, year + 1):
        sign_offs.append({"document": "budget", "date": str(dt.date(y, 3, 15)), "by": partner_orgs})
    label = f"{year}-{(year + 1) % 100:02d}"
    return {
        "id": "test",
        "name": "Test Safeguarding Children Partnership",
        "valid_from": "2019-06-29",
        "areas": [{"code": code} for code in codes],
        "combined_area": len(codes) > 1,
        "organisations": list(orgs.values()),
        "partners": partner_list,
        "relevant_agencies": [
            {
                "organisation": "college",
                "category": "further-education-institution-governing-body",
                "reason": "the main post-16 provider",
                "collaboration": "member of the executive",
            }
        ],
        "groups": [
            {
                "id": "executive",
                "name": "Executive",
                "kind": "executive",
                "members": [
                    {"organisation": partner_orgs[0]},
                    {"organisation": "college", "sector": "education"},
                ],
            }
        ],
        "chair": {
            "model": "partner",
            "posts": [{"id": f"dcs-{codes[0]}", "title": "Director of Children's Services"}],
        },
        "independent_scrutiny": {
            "scrutineer": {"title": "Independent Scrutineer"},
            "independent_of_partners": True,
            "plan_url": "https://example.org/scrutiny-plan",
        },
        "contents": {
            "needs_identification_and_response": True,
            "relevant_agencies": True,
            "education": True,
        },
        "documents": {"budget": "https://example.org/budget"},
        "funding": [{"year": label, "contributor": org, "amount": 1000} for org in partner_orgs],
        "sign_offs": sign_offs,
        "yearly_reports": [
            {"id": "report", "published": str(day), "scrutineer_contribution": True}
        ],
    }


def build(data: Data) -> Arrangement:
    return Arrangement.model_validate(data)


def findings(
    data: Data | Arrangement,
    day: dt.date,
    codes: Iterable[str] | None = None,
) -> list[Finding]:
    """Findings of these families (preview rules included), optionally only of ``codes``."""
    arr = data if isinstance(data, Arrangement) else build(data)
    selection = Selection(include_preview=True)
    result = run_rules(arr, RULES, day, selection=selection, settings=arr.settings)
    assert not result.failures, result.failures
    wanted = set(codes) if codes is not None else None
    return [f for f in result.findings if wanted is None or f.rule_id in wanted]


def ids(data: Data | Arrangement, day: dt.date, code: str) -> set[tuple[str, str]]:
    """``(rule_id, path)`` of one rule's findings."""
    return {(f.rule_id, f.path) for f in findings(data, day, [code])}


def serious(data: Data | Arrangement, day: dt.date) -> list[Finding]:
    """Error and warning findings of these families."""
    return [f for f in findings(data, day) if f.severity.value != "info"]


def partner_index(data: Data, organisation: str) -> int:
    return next(i for i, p in enumerate(data["partners"]) if p["organisation"] == organisation)


def drop_partner(data: Data, organisation: str) -> Data:
    """A copy without the partner (and its contributions)."""
    data = copy.deepcopy(data)
    data["partners"] = [p for p in data["partners"] if p["organisation"] != organisation]
    data["funding"] = [f for f in data["funding"] if f["contributor"] != organisation]
    return data


PROPERTY = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
"""Hypothesis settings for the family property tests (reference lookups are cached)."""


@st.composite
def footprints(
    draw: st.DrawFn,
    start: dt.date = dt.date(2018, 7, 1),
    end: dt.date = dt.date(2026, 11, 25),
) -> tuple[dt.date, tuple[str, ...]]:
    """A day and one to three upper-tier areas of England in existence that day.

    Shrinks towards the earliest day and the first areas by ONS code.
    """
    day = draw(st.dates(start, end))
    codes = sorted(la.code for la in upper_tier_areas_on(day))
    chosen = draw(st.lists(st.sampled_from(codes), min_size=1, max_size=3, unique=True))
    return day, tuple(chosen)


def family(found: Iterable[Finding], prefix: str) -> list[Finding]:
    return [f for f in found if f.rule_id.startswith(prefix)]


def fingerprint(data: Data, day: dt.date) -> set[tuple[str, str, str]]:
    """What must not depend on list order: (rule, severity, message)."""
    return {(f.rule_id, f.severity.value, f.message) for f in findings(data, day)}


# Property-test steps every family's module repeats over its own rule prefix.

Case = tuple[dt.date, tuple[str, ...]]
"""What :func:`footprints` draws: a day and the areas of the footprint."""


def assert_order_free(data: Data, day: dt.date, rnd: Any) -> set[tuple[str, str, str]]:
    """Shuffling ``data``'s lists keeps its findings; returns their fingerprint."""
    before = fingerprint(data, day)
    assert fingerprint(shuffled(data, rnd), day) == before
    return before


def fired(data: Data, day: dt.date, prefix: str = "") -> set[str]:
    """Codes of the rules (starting with ``prefix``) that give any finding on ``day``."""
    return {f.rule_id for f in family(findings(data, day), prefix)}
