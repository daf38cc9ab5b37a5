"""EDU rules: education settings included (WT2018), in strategy (WT2023), never a partner."""

from __future__ import annotations

import copy
import datetime as dt
import random

from hypothesis import given
from hypothesis import strategies as st

from safeguarding_partnership.findings import Severity

from ._check import (
    PARTNERSHIP,
    PROPERTY,
    WT2018_DAY,
    WT2023_DAY,
    Case,
    Data,
    Mutated,
    assert_order_free,
    compliant,
    family,
    findings,
    fired,
    footprints,
    ids,
    serious,
)

MUTATED = [
    Mutated("EDU-001", WT2018_DAY, "contents.education"),
    Mutated("EDU-002", WT2023_DAY, "groups[0].members"),
    Mutated("EDU-003", WT2023_DAY, "partners[5].organisation", Severity.ERROR),
]
"""Where the kit's mutation for each EDU rule makes it fire (run by test_every_family)."""

FE = "further-education-institution-governing-body"


def _college(data: Data) -> Data:
    """``data`` with a further education college among its organisations."""
    data["organisations"].append({"id": "college", "name": "Local College", "kind": "college"})
    return data


def _broken(data: Data) -> Data:
    data = _college(copy.deepcopy(data))
    data["contents"]["education"] = False
    data["groups"][0]["members"] = [{"organisation": data["partners"][0]["organisation"]}]
    data["partners"].append({"role": "local_authority", "organisation": "college"})
    return data


# EDU-001 ------------------------------------------------------------------------------------


def test_education_section_passes() -> None:
    assert ids(compliant(WT2018_DAY), WT2018_DAY, "EDU-001") == set()


def test_education_section_missing() -> None:
    data = compliant(WT2018_DAY)
    data["contents"]["education"] = False
    found = findings(data, WT2018_DAY, ["EDU-001"])
    assert [(f.path, f.severity) for f in found] == [("contents.education", Severity.WARNING)]


def test_no_education_agency_is_info() -> None:
    data = compliant(WT2018_DAY)
    data["relevant_agencies"][0]["category"] = "charity"
    found = findings(data, WT2018_DAY, ["EDU-001"])
    assert [(f.path, f.severity) for f in found] == [("relevant_agencies", Severity.INFO)]


# EDU-002 ------------------------------------------------------------------------------------


def test_education_member_passes() -> None:
    assert ids(compliant(), WT2023_DAY, "EDU-002") == set()


def test_education_member_by_kind_or_category() -> None:
    data = _college(compliant())
    data["relevant_agencies"].append({"organisation": "college", "category": FE})
    members = data["groups"][0]["members"]
    i = next(i for i, m in enumerate(members) if m.get("sector") == "education")
    members[i] = {"organisation": "college"}  # no sector: a college and an FE agency
    assert ids(data, WT2023_DAY, "EDU-002") == set()


def test_no_education_member() -> None:
    data = compliant()
    data["groups"][0]["members"] = data["groups"][0]["members"][:1]
    found = findings(data, WT2023_DAY, ["EDU-002"])
    assert [(f.path, f.severity) for f in found] == [("groups[0].members", Severity.WARNING)]


def test_members_unknown_is_info() -> None:
    data = compliant()
    del data["groups"][0]["members"]
    found = findings(data, WT2023_DAY, ["EDU-002"])
    assert [(f.path, f.severity) for f in found] == [("groups[0].members", Severity.INFO)]


def test_thematic_group_is_not_strategic() -> None:
    data = compliant()
    data["groups"][0]["kind"] = "thematic_group"
    assert [f.severity for f in findings(data, WT2023_DAY, ["EDU-002"])] == [Severity.INFO]


# EDU-003 ------------------------------------------------------------------------------------


def test_no_fourth_partner_is_ever_required() -> None:
    data = compliant()
    assert ids(data, WT2023_DAY, "EDU-003") == set()
    assert not any("fourth" in f.message for f in findings(data, WT2023_DAY))


def test_school_as_partner() -> None:
    data = _college(compliant())
    data["partners"].append({"role": "local_authority", "organisation": "college"})
    n = len(data["partners"]) - 1
    found = findings(data, WT2023_DAY, ["EDU-003"])
    assert [(f.path, f.severity) for f in found] == [
        (f"partners[{n}].organisation", Severity.ERROR)
    ]


def test_fourth_partner_as_other_member_passes() -> None:
    data = _college(compliant())
    data["other_members"] = [{"organisation": "college", "title": "fourth partner"}]
    assert ids(data, WT2023_DAY, "EDU-003") == set()


# Properties ---------------------------------------------------------------------------------


@PROPERTY
@given(footprints(start=dt.date(2023, 12, 15)))
def test_dropping_education_member_is_edu_002(case: Case) -> None:
    day, codes = case
    data = compliant(day, codes)
    data["groups"][0]["members"] = data["groups"][0]["members"][:1]
    assert {f.rule_id for f in family(serious(data, day), "EDU-")} == {"EDU-002"}


@PROPERTY
@given(footprints(), st.randoms(use_true_random=False))
def test_shuffling_keeps_edu_findings(case: Case, rnd: random.Random) -> None:
    day, codes = case
    assert_order_free(_broken(compliant(day, codes)), day, rnd)


@PROPERTY
@given(footprints())
def test_edu_rules_only_in_their_regime(case: Case) -> None:
    day, codes = case
    codes_fired = fired(_broken(compliant(day, codes)), day, "EDU-")
    for rule in PARTNERSHIP:
        if rule.code in codes_fired:
            assert rule.in_force(day)
    assert ("EDU-001" in codes_fired) is (dt.date(2018, 7, 4) <= day <= dt.date(2023, 12, 14))
    assert ("EDU-002" in codes_fired) is (day >= dt.date(2023, 12, 15))
