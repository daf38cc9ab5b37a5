"""RA rules: relevant agencies work in the area, are recorded, explained, and who is bound."""

from __future__ import annotations

import datetime as dt
import random

from hypothesis import given
from hypothesis import strategies as st

from safeguarding_partnership.findings import Severity

from ._check import (
    BARKING,
    HAVERING,
    MET,
    PROPERTY,
    WT2018_DAY,
    WT2023_DAY,
    Case,
    Data,
    Mutated,
    assert_order_free,
    build,
    compliant,
    family,
    findings,
    footprints,
    ids,
    serious,
)

MUTATED = [
    Mutated("RA-001", WT2023_DAY, "relevant_agencies[0].areas", Severity.ERROR),
    Mutated("RA-004", WT2018_DAY, "relevant_agencies[0].reason"),
]
"""Where the kit's mutation for each RA rule makes it fire (run by test_every_family); RA-003
and RA-005, a power and a definition, give only information."""


def _charity(data: Data) -> Data:
    data["organisations"].append({"id": "charity", "name": "A charity", "kind": "voluntary"})
    return data


# RA-001 -------------------------------------------------------------------------------------


def test_agency_in_footprint_passes() -> None:
    data = compliant()
    data["relevant_agencies"][0]["areas"] = [HAVERING]
    assert ids(data, WT2023_DAY, "RA-001") == set()


def test_agency_only_in_a_former_area() -> None:
    data = compliant(WT2023_DAY, (BARKING, HAVERING))
    data["areas"][0]["valid_to"] = "2020-03-31"
    data["relevant_agencies"][0]["areas"] = [BARKING]
    assert ids(data, WT2023_DAY, "RA-001") == {("RA-001", "relevant_agencies[0].areas")}
    assert ids(data, WT2018_DAY, "RA-001") == set()  # Barking was in the footprint then


def test_agency_in_no_area() -> None:
    data = compliant()
    data["relevant_agencies"][0]["areas"] = "none"
    (finding,) = findings(data, WT2023_DAY, ["RA-001"])
    assert finding.severity is Severity.ERROR
    agencies = build(data).relevant_agencies
    assert agencies and agencies[0].key in finding.message


# RA-003 -------------------------------------------------------------------------------------


def test_agencies_recorded() -> None:
    data = compliant()
    assert ids(data, WT2023_DAY, "RA-003") == set()
    data["relevant_agencies"] = "none"  # no agency is mandatory
    assert ids(data, WT2023_DAY, "RA-003") == set()
    del data["relevant_agencies"]
    found = findings(data, WT2023_DAY, ["RA-003"])
    assert [(f.path, f.severity) for f in found] == [("relevant_agencies", Severity.INFO)]


# RA-004 -------------------------------------------------------------------------------------


def test_agencies_explained_passes() -> None:
    assert ids(compliant(WT2018_DAY, (HAVERING,)), WT2018_DAY, "RA-004") == set()


def test_agencies_not_set_out() -> None:
    data = compliant(WT2018_DAY, (HAVERING,))
    data["contents"]["relevant_agencies"] = False
    assert ids(data, WT2018_DAY, "RA-004") == {("RA-004", "contents.relevant_agencies")}
    assert findings(data, WT2018_DAY, ["RA-004"])[0].severity is Severity.WARNING


def test_agency_reason_empty_or_unknown() -> None:
    data = compliant(WT2018_DAY, (HAVERING,))
    data["relevant_agencies"][0]["reason"] = ""
    del data["relevant_agencies"][0]["collaboration"]
    found = {(f.path, f.severity) for f in findings(data, WT2018_DAY, ["RA-004"])}
    assert found == {
        ("relevant_agencies[0].reason", Severity.WARNING),
        ("relevant_agencies[0].collaboration", Severity.INFO),
    }


def test_ra_004_is_wt2018_only() -> None:
    data = compliant()
    data["contents"]["relevant_agencies"] = False
    assert ids(data, WT2023_DAY, "RA-004") == set()


# RA-005 -------------------------------------------------------------------------------------


def test_other_member_not_bound() -> None:
    data = _charity(compliant())
    data["other_members"] = [{"organisation": "charity", "title": "fourth partner"}]
    found = findings(data, WT2023_DAY, ["RA-005"])
    assert [(f.rule_id, f.path, f.severity) for f in found] == [
        ("RA-005", "other_members[0]", Severity.INFO)
    ]
    assert "charity" in found[0].message


def test_group_member_not_bound_and_units_are_bound() -> None:
    data = _charity(compliant())
    data["organisations"].append(
        {"id": "bcu", "name": "East BCU", "kind": "police_command_unit", "part_of": MET}
    )
    n = len(data["groups"][0]["members"])
    data["groups"][0]["members"] += [{"organisation": "charity"}, {"organisation": "bcu"}]
    assert ids(data, WT2023_DAY, "RA-005") == {("RA-005", f"groups[0].members[{n}]")}


def test_schedule_body_as_agency_is_bound() -> None:
    data = _charity(compliant())
    data["other_members"] = [{"organisation": "charity", "title": "voice of the child"}]
    data["relevant_agencies"].append({"organisation": "charity", "category": "charity"})
    assert ids(data, WT2023_DAY, "RA-005") == set()


# Properties ---------------------------------------------------------------------------------


@PROPERTY
@given(footprints())
def test_agency_in_no_area_is_ra_001(case: Case) -> None:
    day, codes = case
    data = compliant(day, codes)
    data["relevant_agencies"][0]["areas"] = "none"
    assert {f.rule_id for f in family(serious(data, day), "RA-")} == {"RA-001"}


@PROPERTY
@given(footprints(), st.randoms(use_true_random=False))
def test_shuffling_keeps_ra_findings(case: Case, rnd: random.Random) -> None:
    day, codes = case
    data = _charity(compliant(day, codes))
    data["other_members"] = [{"organisation": "charity", "title": "fourth partner"}]
    data["groups"][0]["members"].append({"organisation": "charity"})
    data["relevant_agencies"][0]["reason"] = ""
    before = assert_order_free(data, day, rnd)
    assert any(f[0] == "RA-005" for f in before)


@PROPERTY
@given(footprints(start=dt.date(2023, 12, 15)))
def test_ra_004_never_fires_under_wt2023(case: Case) -> None:
    day, codes = case
    data = compliant(day, codes)
    data["contents"]["relevant_agencies"] = False
    data["relevant_agencies"][0]["reason"] = ""
    assert family(findings(data, day), "RA-004") == []
