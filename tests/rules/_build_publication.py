"""Build small arrangements for the PUB, REPORT, CSPR, CDR, STRUCT and LATER tests.

``compliant(day)`` gives a plain dict for a Havering arrangement that meets every rule of these
families on ``day`` (preview and not-commenced rules included) and leaves nothing they read
unknown, so it gives no finding at all from them. Records dated after ``day`` are in it too:
rules must ignore them. A :class:`Breaker` changes one element so that exactly one rule fires.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from typing import Any

import attrs
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st

from safeguarding_partnership.findings import Finding, Severity
from safeguarding_partnership.model import Arrangement, ReportSection
from safeguarding_partnership.reference import health_partners_for
from safeguarding_partnership.rules.core import (
    cdr as child_death,
)
from safeguarding_partnership.rules.core import (
    cspr as practice_reviews,
)
from safeguarding_partnership.rules.core import (
    later,
)
from safeguarding_partnership.rules.core import (
    pub as publication,
)
from safeguarding_partnership.rules.core import (
    report as reports,
)
from safeguarding_partnership.rules.core import (
    struct as structure,
)
from safeguarding_partnership.rules.engine import Selection, run_rules
from safeguarding_partnership.rules.rule import Rule

HAVERING = "E09000016"
FIRST_DAY = dt.date(2019, 10, 1)
LAST_DAY = dt.date(2027, 6, 30)
WT2018_DAY = dt.date(2021, 6, 1)
WT2023_DAY = dt.date(2025, 6, 1)
TRANSITION_DAY = dt.date(2019, 9, 29)
REPUBLISHED = dt.date(2024, 10, 1)
DESIGNATED = "further-education-institution-governing-body"

FAMILIES = (publication, reports, practice_reviews, child_death, structure, later)
RULES: tuple[Rule, ...] = tuple(r for m in FAMILIES for r in m.RULES)
CODES = frozenset(r.code for r in RULES)
EVERYTHING = Selection(include_preview=True, include_not_commenced=True)

PROPERTY = settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])

Data = dict[str, Any]

days = st.dates(min_value=FIRST_DAY, max_value=LAST_DAY)
"""Days on which ``compliant(day)`` is compliant; shrinks towards 2019-10-01."""


def _quarterly(start: dt.date, until: dt.date) -> list[dt.date]:
    out = []
    day = start
    while day <= until:
        out.append(day)
        day += dt.timedelta(days=90)
    return out


def compliant(day: dt.date = WT2023_DAY) -> Data:
    """A dict for an arrangement meeting every rule of these families on ``day``."""
    health = health_partners_for(HAVERING, day)
    orgs: list[Data] = [
        {
            "id": "council",
            "name": "London Borough of Havering",
            "kind": "local_authority",
            "ons_code": HAVERING,
        },
        {
            "id": "met",
            "name": "Commissioner of Police of the Metropolis",
            "kind": "chief_officer_of_police",
            "ons_code": "E23000001",
        },
        {"id": "college", "name": "Havering College", "kind": "college"},
    ]
    partners: list[Data] = [
        {
            "role": "local_authority",
            "organisation": "council",
            "delegates": [{"title": "Director of Children's Services", "organisation": "council"}],
        },
        {
            "role": "chief_officer_of_police",
            "organisation": "met",
            "delegates": [{"title": "Borough Commander", "organisation": "met"}],
        },
    ]
    for body in health:
        org_id = f"health-{body.ods_code}"
        kind = body.kind
        orgs.append(
            {
                "id": org_id,
                "name": body.name,
                "kind": kind,
                "ons_code": body.ons_code,
                "ods_code": body.ods_code,
            }
        )
        partners.append(
            {
                "role": kind,
                "organisation": org_id,
                "delegates": [{"title": "Chief Nurse", "organisation": org_id}],
            }
        )
    signers = [p["organisation"] for p in partners]
    wt2023 = day >= REPUBLISHED
    yearly = [
        {
            "id": f"{y}-{(y + 1) % 100:02d}",
            "period_start": dt.date(y, 4, 1),
            "period_end": dt.date(y + 1, 3, 31),
            "published": dt.date(y + 1, 6, 30),
            "sections": [s.value for s in ReportSection],
            "sent": [
                {"to": "panel", "date": dt.date(y + 1, 7, 1)},
                {"to": "what_works_centre", "date": dt.date(y + 1, 7, 1)},
            ],
            "signed_off_by": signers,
            "scrutineer_contribution": True,
        }
        for y in range(2019, 2027)
    ]
    return {
        "id": "test",
        "name": "Test Safeguarding Children Partnership",
        "valid_from": dt.date(2019, 9, 29),
        "guidance_edition": "WT2023" if wt2023 else "WT2018",
        "first_published": dt.date(2019, 6, 28),
        "published": REPUBLISHED if wt2023 else dt.date(2019, 6, 28),
        "published_url": "https://example.org/arrangements",
        "areas": [{"code": HAVERING, "name": "Havering"}],
        "organisations": orgs,
        "partners": partners,
        "relevant_agencies": [{"organisation": "college", "category": DESIGNATED}],
        "settings": {"core": {"LATER-001": {"designated_categories": [DESIGNATED]}}},
        "contents": {
            field: True
            for field in (
                "needs_identification_and_response",
                "serious_case_review",
                "independent_scrutiny",
                "partners",
                "geography",
                "relevant_agencies",
                "education",
                "youth_custody_and_residential",
                "data_and_intelligence",
                "training_and_audit",
                "funding",
                "practice_review_process",
                "child_voice",
                "threshold",
            )
        },
        "sign_offs": [
            {"document": document, "date": REPUBLISHED, "by": signers}
            for document in ("arrangements", "budget", "threshold")
        ],
        "groups": [
            {
                "id": "exec",
                "name": "Executive",
                "kind": "executive",
                "reports_to": (),
                "cadence": "quarterly",
                "meetings": _quarterly(dt.date(2019, 10, 10), LAST_DAY),
            },
            {
                "id": "learning",
                "name": "Learning and review",
                "kind": "subgroup",
                "reports_to": ["exec"],
                "cadence": {"dates": [dt.date(2020, 2, 3), dt.date(2022, 5, 9)]},
                "meetings": [dt.date(2020, 2, 3), dt.date(2022, 5, 9)],
            },
            {
                "id": "cdop",
                "name": "Child death overview panel",
                "kind": "child_death_overview_panel",
                "reports_to": ["exec"],
            },
            {
                "id": "macpt",
                "name": "Multi-agency child protection team",
                "kind": "other",
                "reports_to": ["exec"],
                "members": [
                    {"post": {"title": "Education lead"}, "sector": "education"},
                    {"post": {"title": "Social worker"}, "sector": "social_work"},
                    {"post": {"title": "Named nurse"}, "sector": "health"},
                    {"post": {"title": "Detective sergeant"}, "organisation": "met"},
                ],
            },
        ],
        "macpts": ["macpt"],
        "yearly_reports": yearly,
        "notifications": [
            {
                "reference": "N1",
                "became_aware": dt.date(2020, 12, 21),
                "notified": dt.date(2020, 12, 23),
            },
        ],
        "rapid_reviews": [
            {
                "reference": "RR1",
                "notification": "N1",
                "started": dt.date(2021, 1, 4),
                "completed": dt.date(2021, 1, 14),
                "sent_to_panel": dt.date(2021, 1, 14),
                "decision": "local_review",
            },
        ],
        "practice_reviews": [
            {
                "reference": "P1",
                "rapid_review": "RR1",
                "initiated": dt.date(2021, 2, 1),
                "reviewer_appointed": dt.date(2021, 2, 15),
                "sent_to_secretary_of_state": dt.date(2021, 6, 20),
                "sent_to_panel": dt.date(2021, 6, 20),
                "published": dt.date(2021, 7, 1),
                "publication": "full",
                "url": "https://example.org/p1",
            },
        ],
        "child_death_review": {
            "footprint": [HAVERING],
            "partners": ["council", *[f"health-{b.ods_code}" for b in health]],
            "panel": "cdop",
            "published_url": "https://example.org/cdr",
            "reports": [dt.date(y, 9, 1) for y in range(2020, 2028)],
            "deaths_per_year": 75,
        },
    }


def build(data: Data) -> Arrangement:
    return Arrangement.model_validate(data)


def check(
    data: Data | Arrangement,
    day: dt.date,
    selection: Selection = EVERYTHING,
    rules: Iterable[Rule] = RULES,
) -> list[Finding]:
    """Findings of these families on ``day`` (preview and not-commenced included)."""
    arrangement = data if isinstance(data, Arrangement) else build(data)
    settings_ = arrangement.settings
    return list(
        run_rules(arrangement, tuple(rules), day, selection=selection, settings=settings_).findings
    )


def of(found: Iterable[Finding], code: str) -> list[Finding]:
    return [f for f in found if f.rule_id == code]


def serious(found: Iterable[Finding]) -> list[Finding]:
    """Findings that are not information."""
    return [f for f in found if f.severity is not Severity.INFO]


def fingerprint(found: Iterable[Finding]) -> set[tuple[str, str, str]]:
    return {(f.rule_id, f.severity.value, f.message) for f in found}


@attrs.frozen
class Breaker:
    """The smallest change to ``compliant(day)`` that makes ``code`` fire at ``path``."""

    code: str
    change: Callable[[Data], None]
    path: str
    day: dt.date = WT2023_DAY
    severity: Severity | None = None
    """Expected severity; ``None`` means the rule's own."""

    def broken(self, day: dt.date | None = None) -> Data:
        data = compliant(day or self.day)
        self.change(data)
        return data

    @property
    def id(self) -> str:
        return self.code


def index_of(items: list[Data], key: str, value: object) -> int:
    return next(i for i, item in enumerate(items) if item.get(key) == value)


def report(data: Data, report_id: str) -> Data:
    found: Data = data["yearly_reports"][index_of(data["yearly_reports"], "id", report_id)]
    return found


def group(data: Data, group_id: str) -> Data:
    found: Data = data["groups"][index_of(data["groups"], "id", group_id)]
    return found


def in_force_on(day: dt.date) -> set[str]:
    """Codes of these families' rules in force on ``day`` (not-commenced assumed commenced)."""
    return {
        r.code for r in RULES if r.in_force(day, day if r.status.value == "not_commenced" else None)
    }


any_day = st.dates(min_value=dt.date(2017, 1, 1), max_value=dt.date(2028, 12, 31))
"""Any day, before the 2017 Act's duties and after today; shrinks towards 2017-01-01."""
