"""LEAD rules: lead representatives (WT2018), LSPs, DSPs and the partnership chair (WT2023)."""

from __future__ import annotations

import copy
import datetime as dt
import random

from hypothesis import given
from hypothesis import strategies as st

from safeguarding_partnership.findings import Severity
from safeguarding_partnership.law import Regime, regime_for
from safeguarding_partnership.rules.rule import RuleStatus

from ._check import (
    BARKING,
    CITY,
    HAVERING,
    HAVERING_CCG,
    MET,
    NEL_ICB,
    PARTNERSHIP,
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
    fired,
    footprints,
    ids,
    partner_index,
    serious,
)

MUTATED = [
    Mutated("LEAD-001", WT2018_DAY, "partners[0].lead.organisation"),
    Mutated("LEAD-002", WT2023_DAY, "partners[0].lead.title"),
    Mutated("LEAD-004", WT2023_DAY, "partners[0].delegates"),
    Mutated("LEAD-005", WT2023_DAY, "chair.model"),
]
"""Where the kit's mutation for each LEAD rule makes it fire (run by test_every_family)."""

WT2018_CODES = {"LEAD-001"}
WT2023_CODES = {"LEAD-002", "LEAD-004", "LEAD-005"}


def _broken(data: Data) -> Data:
    """Every LEAD rule broken at once."""
    data = copy.deepcopy(data)
    for p in data["partners"]:
        p["lead"] = {"title": "Deputy Director", "organisation": "elsewhere"}
        p["delegates"] = "none"
    data["organisations"].append({"id": "elsewhere", "name": "Elsewhere", "kind": "other"})
    data["chair"] = {"model": "independent"}
    data["independent_scrutiny"]["chairs_partnership"] = True
    return data


# LEAD-001 -----------------------------------------------------------------------------------


def test_lead_representative_passes() -> None:
    assert ids(compliant(WT2018_DAY, (HAVERING,)), WT2018_DAY, "LEAD-001") == set()


def test_lead_of_another_body() -> None:
    data = compliant(WT2018_DAY, (HAVERING,))
    data["partners"][0]["lead"]["organisation"] = HAVERING_CCG
    assert ids(data, WT2018_DAY, "LEAD-001") == {("LEAD-001", "partners[0].lead.organisation")}
    assert findings(data, WT2018_DAY, ["LEAD-001"])[0].severity is Severity.WARNING


def test_lead_unknown_is_info() -> None:
    data = compliant(WT2018_DAY, (HAVERING,))
    del data["partners"][0]["lead"]
    found = findings(data, WT2018_DAY, ["LEAD-001"])
    assert [(f.path, f.severity) for f in found] == [("partners[0].lead", Severity.INFO)]


def test_lead_of_a_unit_of_the_partner_passes() -> None:
    data = compliant(WT2018_DAY, (HAVERING,))
    data["organisations"].append(
        {"id": "bcu", "name": "BCU", "kind": "police_command_unit", "part_of": MET}
    )
    i = partner_index(data, MET)
    data["partners"][i]["lead"]["organisation"] = "bcu"
    assert ids(data, WT2018_DAY, "LEAD-001") == set()


# LEAD-002 -----------------------------------------------------------------------------------


def test_lsp_titles_pass_for_met_and_city() -> None:
    assert ids(compliant(), WT2023_DAY, "LEAD-002") == set()
    assert ids(compliant(WT2023_DAY, (CITY,)), WT2023_DAY, "LEAD-002") == set()


def test_lsp_not_head_of_agency() -> None:
    data = compliant()
    data["partners"][0]["lead"]["title"] = "Director of Children's Services"
    assert ids(data, WT2023_DAY, "LEAD-002") == {("LEAD-002", "partners[0].lead.title")}
    assert findings(data, WT2023_DAY, ["LEAD-002"])[0].severity is Severity.WARNING


def test_lsp_of_another_body() -> None:
    data = compliant()
    data["partners"][0]["lead"]["organisation"] = NEL_ICB
    assert ids(data, WT2023_DAY, "LEAD-002") == {("LEAD-002", "partners[0].lead.organisation")}


# LEAD-004 -----------------------------------------------------------------------------------


def test_one_dsp_passes() -> None:
    assert ids(compliant(), WT2023_DAY, "LEAD-004") == set()


def test_no_dsp() -> None:
    data = compliant()
    i = partner_index(data, NEL_ICB)
    data["partners"][i]["delegates"] = "none"
    assert ids(data, WT2023_DAY, "LEAD-004") == {("LEAD-004", f"partners[{i}].delegates")}


def test_two_dsps() -> None:
    data = compliant()
    data["partners"][0]["delegates"].append({"title": "Director of Education"})
    (finding,) = findings(data, WT2023_DAY, ["LEAD-004"])
    assert (finding.path, finding.severity) == ("partners[0].delegates", Severity.WARNING)
    assert "2 delegated" in finding.message


def test_dsp_unknown_is_info() -> None:
    data = compliant()
    del data["partners"][0]["delegates"]
    assert [f.severity for f in findings(data, WT2023_DAY, ["LEAD-004"])] == [Severity.INFO]


def test_one_body_for_several_areas_counts_once() -> None:
    data = compliant(WT2023_DAY, (BARKING, HAVERING))
    i = partner_index(data, NEL_ICB)
    split = copy.deepcopy(data["partners"][i])
    data["partners"][i]["areas"] = [BARKING]
    split["areas"] = [HAVERING]
    data["partners"].append(split)
    assert ids(data, WT2023_DAY, "LEAD-004") == set()


# LEAD-005 -----------------------------------------------------------------------------------


def test_lead_005_is_preview() -> None:
    (rule,) = [r for r in PARTNERSHIP if r.code == "LEAD-005"]
    assert rule.status is RuleStatus.PREVIEW


def test_chair_from_dsps_passes() -> None:
    assert ids(compliant(), WT2023_DAY, "LEAD-005") == set()


def test_independent_chair_warns() -> None:
    data = compliant()
    data["chair"] = {"model": "independent"}
    found = findings(data, WT2023_DAY, ["LEAD-005"])
    assert [(f.path, f.severity) for f in found] == [("chair.model", Severity.WARNING)]


def test_scrutineer_chairs() -> None:
    data = compliant()
    data["independent_scrutiny"]["chairs_partnership"] = True
    assert ids(data, WT2023_DAY, "LEAD-005") == {
        ("LEAD-005", "independent_scrutiny.chairs_partnership")
    }


def test_chair_not_a_dsp() -> None:
    data = compliant()
    data["chair"]["posts"][0] = {"title": "Head of Safeguarding"}
    assert ids(data, WT2023_DAY, "LEAD-005") == {("LEAD-005", "chair.posts[0]")}


def test_an_independent_chair_whose_post_is_no_dsp_warns_for_both() -> None:
    """The chair's model and its post are two facts, each warned of on its own: so a file
    that does not know the model still gets the post's warning, and no more (the knowing-less
    property found the post's warning appearing only when the model was blurred)."""
    data = compliant()
    data["chair"] = {"model": "independent", "posts": [{"title": "Independent Chair"}]}
    sharp = ids(data, WT2023_DAY, "LEAD-005")
    assert sharp == {("LEAD-005", "chair.model"), ("LEAD-005", "chair.posts[0]")}
    del data["chair"]["model"]
    assert ids(data, WT2023_DAY, "LEAD-005") <= sharp


def test_chair_unknown_is_info() -> None:
    data = compliant()
    del data["chair"]
    assert [f.severity for f in findings(data, WT2023_DAY, ["LEAD-005"])] == [Severity.INFO]
    data = compliant()
    for p in data["partners"]:
        del p["delegates"]
    assert {f.severity for f in findings(data, WT2023_DAY, ["LEAD-005"])} == {Severity.INFO}


# Properties ---------------------------------------------------------------------------------


@PROPERTY
@given(footprints(start=dt.date(2023, 12, 15)), st.data())
def test_wrong_lsp_title_is_lead_002(case: Case, data: st.DataObject) -> None:
    day, codes = case
    arrangement = compliant(day, codes)
    current = [i for i, p in enumerate(build(arrangement).partners or ()) if p.in_force(day)]
    i = data.draw(st.sampled_from(current))
    arrangement["partners"][i]["lead"]["title"] = "Head of Safeguarding"
    found = family(serious(arrangement, day), "LEAD-")
    assert {(f.rule_id, f.path) for f in found} == {("LEAD-002", f"partners[{i}].lead.title")}


@PROPERTY
@given(footprints(), st.randoms(use_true_random=False))
def test_shuffling_keeps_lead_findings(case: Case, rnd: random.Random) -> None:
    day, codes = case
    data = _broken(compliant(day, codes))
    before = assert_order_free(data, day, rnd)
    assert any(f[0].startswith("LEAD-") for f in before) or regime_for(day) is None


@PROPERTY
@given(footprints(end=dt.date(2023, 12, 14)))
def test_wt2023_lead_rules_never_fire_before_wt2023(case: Case) -> None:
    day, codes = case
    codes_fired = fired(_broken(compliant(day, codes)), day)
    assert not codes_fired & WT2023_CODES
    assert bool(codes_fired & WT2018_CODES) is Regime.WT2018.applies(day)


@PROPERTY
@given(footprints(start=dt.date(2023, 12, 15)))
def test_wt2018_lead_rules_never_fire_under_wt2023(case: Case) -> None:
    day, codes = case
    codes_fired = fired(_broken(compliant(day, codes)), day)
    assert not codes_fired & WT2018_CODES
    assert codes_fired >= WT2023_CODES
