"""PARTNERS rules: coverage by role and area, health partner era, core duty, s.16J, s.16I."""

from __future__ import annotations

import datetime as dt
import random

from hypothesis import given
from hypothesis import strategies as st

from safeguarding_partnership.findings import Finding, Severity
from safeguarding_partnership.rules.core import core_rules
from safeguarding_partnership.rules.core.partners import partner_roles
from safeguarding_partnership.rules.coverage import NOT_IMPLEMENTED
from safeguarding_partnership.rules.rule import RuleContext

from ._check import (
    BARKING,
    BUCKS,
    CITY,
    CITY_POLICE,
    HAVERING,
    HAVERING_CCG,
    MET,
    NEL_ICB,
    PARTNERSHIP,
    PROPERTY,
    REDBRIDGE,
    WT2018_DAY,
    WT2023_DAY,
    Case,
    Data,
    Mutated,
    assert_order_free,
    build,
    compliant,
    drop_partner,
    family,
    findings,
    footprints,
    ids,
    la,
    partner_index,
    serious,
)

MUTATED = [
    Mutated("PARTNERS-001", WT2023_DAY, "areas[0]", Severity.ERROR),
    Mutated("PARTNERS-002", WT2023_DAY, "partners[3].organisation", Severity.ERROR),
    Mutated("PARTNERS-003", WT2023_DAY, "partners[3].role", Severity.ERROR),
    Mutated("PARTNERS-004", WT2023_DAY, "partners"),
    Mutated("PARTNERS-005", WT2023_DAY, "contents.needs_identification_and_response"),
    Mutated("PARTNERS-006", WT2023_DAY, "combined_area", Severity.ERROR),
    Mutated("PARTNERS-007", WT2023_DAY, "partners[0].represented_by", Severity.ERROR),
]
"""Where the kit's mutation for each PARTNERS rule makes it fire (run by test_every_family);
PARTNERS-009, a power, gives only information."""

CODES = frozenset(r.code for r in PARTNERSHIP)

_drop = drop_partner


# PARTNERS-001 -------------------------------------------------------------------------------


def test_havering_compliant_before_and_after_icbs() -> None:
    for day in (WT2018_DAY, WT2023_DAY):
        assert ids(compliant(day, (HAVERING,)), day, "PARTNERS-001") == set()


def test_missing_council_is_partners_001_at_the_area() -> None:
    data = _drop(compliant(), la(HAVERING))
    assert ids(data, WT2023_DAY, "PARTNERS-001") == {("PARTNERS-001", "areas[0]")}
    (finding,) = findings(data, WT2023_DAY, ["PARTNERS-001"])
    assert finding.severity is Severity.ERROR
    assert HAVERING in finding.message


def test_missing_icb_role_is_partners_001() -> None:
    data = _drop(compliant(), NEL_ICB)
    assert ids(data, WT2023_DAY, "PARTNERS-001") == {("PARTNERS-001", "areas[0]")}
    assert (
        "NHS North East London Integrated Care Board"
        in findings(data, WT2023_DAY, ["PARTNERS-001"])[0].message
    )


def test_missing_police_role_is_partners_001() -> None:
    data = _drop(compliant(WT2023_DAY, (CITY,)), CITY_POLICE)
    (finding,) = findings(data, WT2023_DAY, ["PARTNERS-001"])
    assert finding.path == "areas[0]"
    assert "City of London" in finding.message


def test_ccg_era_health_partner_required() -> None:
    data = _drop(compliant(WT2018_DAY, (HAVERING,)), HAVERING_CCG)
    assert ids(data, WT2018_DAY, "PARTNERS-001") == {("PARTNERS-001", "areas[0]")}


def test_wrong_council_is_named() -> None:
    data = compliant()
    data["partners"][0]["areas"] = [HAVERING]  # named for the area, not for the whole footprint
    data["organisations"][0]["ons_code"] = BARKING
    assert ids(data, WT2023_DAY, "PARTNERS-001") == {
        ("PARTNERS-001", "areas[0]"),
        ("PARTNERS-001", "partners[0].organisation"),
    }


def test_unknown_council_code_is_only_info() -> None:
    data = compliant()
    del data["organisations"][0]["ons_code"]
    found = findings(data, WT2023_DAY, ["PARTNERS-001"])
    assert [f.severity for f in found] == [Severity.INFO]
    assert found[0].message.startswith("not recorded")


def test_several_bodies_in_one_role_per_area() -> None:
    data = compliant(WT2023_DAY, (BARKING, HAVERING, REDBRIDGE))
    assert serious(data, WT2023_DAY) == []
    data = _drop(data, la(HAVERING))
    assert ids(data, WT2023_DAY, "PARTNERS-001") == {("PARTNERS-001", "areas[1]")}


def test_no_coverage_finding_before_reference_data() -> None:
    data = _drop(_drop(compliant(), NEL_ICB), MET)
    issues = list(partner_roles(RuleContext(build(data), dt.date(2018, 1, 1))))
    assert issues == []


def test_area_not_in_force_is_not_checked() -> None:
    data = compliant(WT2023_DAY, (BARKING, HAVERING))
    data["areas"][0]["valid_to"] = "2020-03-31"
    data = _drop(data, la(BARKING))
    assert ids(data, WT2023_DAY, "PARTNERS-001") == set()


# PARTNERS-002 -------------------------------------------------------------------------------


def test_two_icbs_both_required() -> None:
    data = compliant(WT2023_DAY, (BUCKS,))
    health = [p["organisation"] for p in data["partners"] if p["role"] == "integrated_care_board"]
    assert len(health) == 2
    assert ids(data, WT2023_DAY, "PARTNERS-002") == set()
    broken = _drop(data, health[1])
    assert ids(broken, WT2023_DAY, "PARTNERS-002") == {("PARTNERS-002", "areas[0]")}
    assert ids(broken, WT2023_DAY, "PARTNERS-001") == set()
    (finding,) = findings(broken, WT2023_DAY, ["PARTNERS-002"])
    assert health[1].removeprefix("icb-").upper() in finding.message  # its ONS code


def test_partner_not_covering_named_area() -> None:
    data = compliant()
    data["organisations"].append(
        {
            "id": "other-icb",
            "name": "NHS Buckinghamshire, Oxfordshire and Berkshire West ICB",
            "kind": "integrated_care_board",
            "ods_code": "QU9",
        }
    )
    data["partners"].append(
        {"role": "integrated_care_board", "organisation": "other-icb", "areas": [HAVERING]}
    )
    index = len(data["partners"]) - 1
    assert ids(data, WT2023_DAY, "PARTNERS-002") == {
        ("PARTNERS-002", f"partners[{index}].organisation")
    }


def test_unknown_health_codes_only_info() -> None:
    data = compliant()
    org = next(o for o in data["organisations"] if o["id"] == NEL_ICB)
    del org["ods_code"]
    del org["ons_code"]
    found = findings(data, WT2023_DAY, ["PARTNERS-002"])
    assert found and all(f.severity is Severity.INFO for f in found)


# PARTNERS-003 -------------------------------------------------------------------------------


def test_ccg_after_july_2022() -> None:
    data = compliant(WT2018_DAY, (HAVERING,))
    assert ids(data, WT2018_DAY, "PARTNERS-003") == set()
    i = partner_index(data, HAVERING_CCG)
    assert ids(data, WT2023_DAY, "PARTNERS-003") == {("PARTNERS-003", f"partners[{i}].role")}


def test_icb_before_july_2022() -> None:
    data = compliant()
    i = partner_index(data, NEL_ICB)
    del data["partners"][i]["valid_from"]  # the ICB recorded as a partner from the start
    assert ids(data, WT2018_DAY, "PARTNERS-003") == {("PARTNERS-003", f"partners[{i}].role")}


def test_ccg_organisation_in_icb_role() -> None:
    data = compliant()
    org = next(o for o in data["organisations"] if o["id"] == NEL_ICB)
    org["kind"] = "clinical_commissioning_group"
    i = partner_index(data, NEL_ICB)
    assert ids(data, WT2023_DAY, "PARTNERS-003") == {("PARTNERS-003", f"partners[{i}].role")}


def test_dated_handover_passes() -> None:
    data = compliant()
    data["organisations"].append(
        {"id": "nel-ccg", "name": "NHS NEL CCG", "kind": "clinical_commissioning_group"}
    )
    data["partners"].append(
        {
            "role": "clinical_commissioning_group",
            "organisation": "nel-ccg",
            "valid_to": "2022-06-30",
        }
    )
    assert ids(data, WT2023_DAY, "PARTNERS-003") == set()


# PARTNERS-004 -------------------------------------------------------------------------------


def test_partners_recorded_as_none() -> None:
    data = compliant()
    data["partners"] = "none"
    assert ids(data, WT2023_DAY, "PARTNERS-004") == {("PARTNERS-004", "partners")}
    assert findings(data, WT2023_DAY, ["PARTNERS-004"])[0].severity is Severity.ERROR


def test_partners_unknown_is_info() -> None:
    data = compliant()
    del data["partners"]
    assert [f.severity for f in findings(data, WT2023_DAY, ["PARTNERS-004"])] == [Severity.INFO]


def test_no_area_in_footprint() -> None:
    data = compliant()
    assert ids(data, WT2023_DAY, "PARTNERS-004") == set()
    data["areas"][0]["valid_to"] = "2020-03-31"
    assert ("PARTNERS-004", "areas") in ids(data, WT2023_DAY, "PARTNERS-004")


# PARTNERS-005 -------------------------------------------------------------------------------


def test_needs_section() -> None:
    data = compliant()
    assert ids(data, WT2023_DAY, "PARTNERS-005") == set()
    data["contents"]["needs_identification_and_response"] = False
    path = "contents.needs_identification_and_response"
    assert ids(data, WT2023_DAY, "PARTNERS-005") == {("PARTNERS-005", path)}
    del data["contents"]
    assert [f.severity for f in findings(data, WT2023_DAY, ["PARTNERS-005"])] == [Severity.INFO]


# PARTNERS-006 -------------------------------------------------------------------------------


def test_combined_area_needs_two_areas() -> None:
    data = compliant()
    data["combined_area"] = True
    assert ids(data, WT2023_DAY, "PARTNERS-006") == {("PARTNERS-006", "combined_area")}
    assert findings(data, WT2023_DAY, ["PARTNERS-006"])[0].severity is Severity.ERROR


def test_combined_area_unrecorded_for_several_areas() -> None:
    data = compliant(WT2023_DAY, (BARKING, HAVERING))
    data["combined_area"] = True
    assert ids(data, WT2023_DAY, "PARTNERS-006") == set()
    data["combined_area"] = False
    assert ids(data, WT2023_DAY, "PARTNERS-006") == set()
    del data["combined_area"]
    assert [f.severity for f in findings(data, WT2023_DAY, ["PARTNERS-006"])] == [Severity.INFO]


# PARTNERS-007 -------------------------------------------------------------------------------


def test_delegation_to_another_kind() -> None:
    data = compliant()
    data["partners"][0]["represented_by"] = MET
    assert ids(data, WT2023_DAY, "PARTNERS-007") == {("PARTNERS-007", "partners[0].represented_by")}
    assert findings(data, WT2023_DAY, ["PARTNERS-007"])[0].severity is Severity.ERROR


def test_delegation_same_kind() -> None:
    data = compliant(WT2023_DAY, (BARKING, HAVERING))
    data["combined_area"] = True
    data["partners"][0]["represented_by"] = la(HAVERING)
    assert ids(data, WT2023_DAY, "PARTNERS-007") == set()  # combined
    data["combined_area"] = False
    found = findings(data, WT2023_DAY, ["PARTNERS-007"])
    assert [(f.path, f.severity) for f in found] == [("partners[0].represented_by", Severity.INFO)]


# PARTNERS-009 -------------------------------------------------------------------------------


def test_contribution_from_outsider_and_unknown_amount() -> None:
    data = compliant()
    assert ids(data, WT2023_DAY, "PARTNERS-009") == set()
    data["organisations"].append({"id": "charity", "name": "A charity", "kind": "voluntary"})
    data["funding"].append({"year": "2024-25", "contributor": "charity"})
    n = len(data["funding"]) - 1
    assert ids(data, WT2023_DAY, "PARTNERS-009") == {
        ("PARTNERS-009", f"funding[{n}].contributor"),
        ("PARTNERS-009", f"funding[{n}]"),
    }
    assert {f.severity for f in findings(data, WT2023_DAY, ["PARTNERS-009"])} == {Severity.INFO}


def test_a_contribution_from_a_unit_of_a_unit_of_a_partner_is_the_partners() -> None:
    data = compliant()
    data["organisations"] += [
        {
            "id": "borough-unit",
            "name": "A borough command unit",
            "kind": "other",
            "part_of": MET,
        },
        {
            "id": "team",
            "name": "A team within the unit",
            "kind": "other",
            "part_of": "borough-unit",
        },
    ]
    data["funding"].append({"year": "2024-25", "contributor": "team", "amount": 10})
    assert ids(data, WT2023_DAY, "PARTNERS-009") == set()
    # the same team with its unit cut loose from the partner is an outsider again
    data["organisations"][-2]["part_of"] = None
    n = len(data["funding"]) - 1
    assert ids(data, WT2023_DAY, "PARTNERS-009") == {("PARTNERS-009", f"funding[{n}].contributor")}


# Properties ---------------------------------------------------------------------------------


def _family(found: list[Finding]) -> list[Finding]:
    return family(found, "PARTNERS-")


def _in_force(data: Data, day: dt.date) -> list[str]:
    """Organisations of the partners in force on ``day``."""
    return sorted({p.organisation for p in build(data).partners or () if p.in_force(day)})


@PROPERTY
@given(footprints(), st.data())
def test_dropping_a_partner_is_found(case: Case, data: st.DataObject) -> None:
    day, codes = case
    arrangement = compliant(day, codes)
    victim = data.draw(st.sampled_from(_in_force(arrangement, day)))
    found = _family(serious(_drop(arrangement, victim), day))
    assert {f.rule_id for f in found} & {"PARTNERS-001", "PARTNERS-002"}
    assert {f.rule_id for f in found} <= {"PARTNERS-001", "PARTNERS-002"}


@PROPERTY
@given(footprints(), st.randoms(use_true_random=False))
def test_shuffling_lists_keeps_findings(case: Case, rnd: random.Random) -> None:
    day, codes = case
    data = _drop(compliant(day, codes), la(codes[0]))
    data["partners"][0]["represented_by"] = data["partners"][-1]["organisation"]
    before = assert_order_free(data, day, rnd)
    assert any(f[0] == "PARTNERS-001" for f in before)


@PROPERTY
@given(st.dates(dt.date(2000, 1, 1), dt.date(2018, 6, 28)))
def test_statute_rules_never_fire_before_commencement(day: dt.date) -> None:
    data = _drop(compliant(), la(HAVERING))
    data["combined_area"] = True
    assert _family(findings(data, day)) == []


# Cross-family: unknowns and metadata --------------------------------------------------------


def _bare(day: dt.date) -> Data:
    """An arrangement that records almost nothing: every fact unknown."""
    data = compliant(day, (BARKING, HAVERING))
    for key in (
        "combined_area",
        "relevant_agencies",
        "chair",
        "independent_scrutiny",
        "contents",
        "documents",
        "funding",
        "sign_offs",
        "yearly_reports",
    ):
        data.pop(key, None)
    for org in data["organisations"]:
        org.pop("ons_code", None)
        org.pop("ods_code", None)
    for p in data["partners"]:
        del p["lead"]
        del p["delegates"]
        p.pop("areas", None)
    for g in data["groups"]:
        g.pop("members", None)
        g.pop("chair", None)
    return data


@PROPERTY
@given(st.dates(dt.date(2018, 6, 29), dt.date(2026, 11, 25)))
def test_unknown_facts_give_only_info(day: dt.date) -> None:
    assert serious(_bare(day), day) == []
    found = findings(_bare(day), day)
    assert any(f.message.startswith("not recorded") for f in found)
    data = _bare(day)
    del data["partners"]
    assert serious(data, day) == []


def test_rule_metadata() -> None:
    registered = {r.code for r in core_rules()}
    assert registered >= CODES
    assert not CODES & set(NOT_IMPLEMENTED)
    for r in PARTNERSHIP:
        assert r.citations and r.title and r.hint, r.code
        assert r.confidence in {"P", "S", "U", "P/S", "S/P", "S/U"}, r.code
        assert ("Failing" in r.doc or "Flagged" in r.doc) and (
            "Passing" in r.doc or "Quiet" in r.doc
        ), r.code
        assert (r.status.value == "preview") is ("U" in r.confidence), r.code
