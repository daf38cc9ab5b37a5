"""CDR: child death review arrangements (catalogue section J)."""

from __future__ import annotations

import datetime as dt

from safeguarding_partnership.findings import Severity
from safeguarding_partnership.rules.core import cdr
from safeguarding_partnership.rules.coverage import NOT_IMPLEMENTED
from safeguarding_partnership.testing.mutations import UNBROKEN

from ._check import (
    MET,
    WT2023_DAY,
    Data,
    Mutated,
    assert_alone,
    build,
    check,
    compliant,
    of,
)

FAMILY = {r.code for r in cdr.RULES}
CCG_ERA = dt.date(2021, 6, 1)
"""NHS North East London CCG is Havering's health partner from 1 April 2021 to 30 June 2022."""

MUTATED = [
    Mutated("CDR-004", WT2023_DAY, "child_death_review.reports"),
    Mutated("CDR-007", WT2023_DAY, "child_death_review.deaths_per_year"),
]
"""Where the kit's mutation for each CDR rule makes it fire (run by test_every_family)."""

INFORMATION = {"CDR-001", "CDR-005", "CDR-008"}
"""A definition, a power and a "not recorded" check: information only, so no mutation."""


def test_every_checkable_entry_is_a_rule_or_listed() -> None:
    assert {m.code for m in MUTATED} | INFORMATION == FAMILY
    assert set(UNBROKEN) >= INFORMATION
    listed = {c for c in NOT_IMPLEMENTED if c.startswith("CDR-")}
    assert listed == {"CDR-002", "CDR-003", "CDR-006"}


def _without_health(data: Data) -> Data:
    review = data["child_death_review"]
    review["partners"] = [p for p in review["partners"] if not p.startswith(("icb-", "ccg-"))]
    return data


# Definitions and powers give information ----------------------------------------------------


def test_cdr_001_police_as_a_child_death_review_partner() -> None:
    data = compliant()
    data["child_death_review"]["partners"].append(MET)
    path = "child_death_review.partners[2]"
    assert_alone(check(data, WT2023_DAY), "CDR-001", path, Severity.INFO)


def test_cdr_001_names_the_missing_health_body_of_the_era() -> None:
    found = check(_without_health(compliant(CCG_ERA)), CCG_ERA)
    assert_alone(found, "CDR-001", "child_death_review.partners", Severity.INFO)
    assert [f.message for f in of(found, "CDR-001")] == [
        "NHS North East London CCG (A3A8R) covers part of E09000016 on 2021-06-01 but is not a "
        "recorded child death review partner"
    ]
    icb_era = of(check(_without_health(compliant()), WT2023_DAY), "CDR-001")
    assert "NHS North East London Integrated Care Board (QMF)" in icb_era[0].message


def test_cdr_005_a_footprint_beyond_the_area_is_information() -> None:
    data = compliant()
    data["child_death_review"]["footprint"] = ["E09000002"]
    path = "child_death_review.footprint"
    assert_alone(check(data, WT2023_DAY), "CDR-005", path, Severity.INFO)


def test_cdr_008_unknown_address_is_information() -> None:
    data = compliant()
    data["child_death_review"]["published_url"] = None
    path = "child_death_review.published_url"
    assert_alone(check(data, WT2023_DAY), "CDR-008", path, Severity.INFO)


# Settings -----------------------------------------------------------------------------------


def test_cdr_004_has_no_fixed_interval() -> None:
    day = dt.date(2025, 6, 1)
    data = compliant(day)
    data["child_death_review"]["reports"] = ["2020-09-01"]
    assert of(check(data, day), "CDR-004") == []
    data["settings"]["core"]["CDR-004"] = {"interval_months": 36}
    found = of(check(data, day), "CDR-004")
    assert [f.message for f in found] == [
        "no child death review report was published in the 36 months after the report on "
        "2020-09-01 (checked to 2025-06-01)"
    ]


def test_unknown_gives_only_information() -> None:
    bare = build({"id": "b", "name": "B", "areas": [{"code": "E09000016"}]})
    empty = build(
        {"id": "b", "name": "B", "areas": [{"code": "E09000016"}], "child_death_review": {}}
    )
    for arrangement in (bare, empty):
        found = [f for f in check(arrangement, WT2023_DAY) if f.rule_id in FAMILY]
        assert found
        assert {f.severity for f in found} == {Severity.INFO}
    assert [f.message for f in check(bare, WT2023_DAY) if f.rule_id in FAMILY] == [
        "not recorded: the child death review arrangements"
    ]
