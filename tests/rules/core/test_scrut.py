"""SCRUT rules: independent scrutiny (statute), the scrutineer's contribution and sign-off."""

from __future__ import annotations

import copy
import datetime as dt
import random

from hypothesis import given
from hypothesis import strategies as st

from safeguarding_partnership.findings import Severity

from ._check import (
    NEL_ICB,
    PROPERTY,
    WT2018_DAY,
    WT2023_DAY,
    Case,
    Data,
    Mutated,
    assert_order_free,
    broken,
    compliant,
    family,
    findings,
    footprints,
    ids,
    serious,
)

MUTATED = [
    Mutated("SCRUT-001", WT2023_DAY, "independent_scrutiny.independent_of_partners"),
    Mutated("SCRUT-004", WT2023_DAY, "sign_offs"),
]
"""Where the kit's mutation for each SCRUT rule makes it fire (run by test_every_family)."""

WT2023_CODES = {"SCRUT-004"}


def _broken(data: Data) -> Data:
    data = copy.deepcopy(data)
    data["independent_scrutiny"]["independent_of_partners"] = False
    data["yearly_reports"] = [
        {"id": "r2024", "published": "2024-09-30", "scrutineer_contribution": False}
    ]
    data["sign_offs"] = [s for s in data["sign_offs"] or () if s["document"] != "arrangements"]
    return data


def _unsigned(data: Data) -> Data:
    data["sign_offs"] = [s for s in data["sign_offs"] if s["document"] != "arrangements"]
    return data


# SCRUT-001 ----------------------------------------------------------------------------------


def test_scrutiny_passes() -> None:
    for day in (WT2018_DAY, WT2023_DAY):
        assert ids(compliant(day), day, "SCRUT-001") == set()


def test_not_independent() -> None:
    data = compliant()
    data["independent_scrutiny"]["independent_of_partners"] = False
    found = findings(data, WT2023_DAY, ["SCRUT-001"])
    assert [(f.path, f.severity) for f in found] == [
        ("independent_scrutiny.independent_of_partners", Severity.ERROR)
    ]


def test_partner_scrutinises_itself() -> None:
    data = compliant()
    data["independent_scrutiny"]["organisation"] = data["partners"][0]["organisation"]
    assert ids(data, WT2023_DAY, "SCRUT-001") == {
        ("SCRUT-001", "independent_scrutiny.organisation")
    }
    data = compliant()
    data["independent_scrutiny"]["scrutineer"]["organisation"] = NEL_ICB
    assert ids(data, WT2023_DAY, "SCRUT-001") == {
        ("SCRUT-001", "independent_scrutiny.scrutineer.organisation")
    }


def test_unknown_scrutiny_is_info() -> None:
    data = compliant()
    del data["independent_scrutiny"]
    assert [f.severity for f in findings(data, WT2023_DAY, ["SCRUT-001"])] == [Severity.INFO]
    data = compliant()
    data["independent_scrutiny"] = {"model": "independent expert"}
    found = findings(data, WT2023_DAY, ["SCRUT-001"])
    assert len(found) == 2
    assert {f.severity for f in found} == {Severity.INFO}


# SCRUT-004 ----------------------------------------------------------------------------------


def test_plan_signed_off_passes() -> None:
    assert ids(compliant(), WT2023_DAY, "SCRUT-004") == set()


def test_arrangements_not_signed_off() -> None:
    data = _unsigned(compliant())
    found = findings(data, WT2023_DAY, ["SCRUT-004"])
    assert [(f.path, f.severity) for f in found] == [("sign_offs", Severity.WARNING)]


def test_no_sign_off_during_the_wt2023_transition_is_only_info() -> None:
    data = _unsigned(compliant())
    found = findings(data, dt.date(2024, 6, 1), ["SCRUT-004"])
    assert [(f.path, f.severity) for f in found] == [("sign_offs", Severity.INFO)]
    assert "still revising" in found[0].message
    later = findings(data, dt.date(2024, 12, 13), ["SCRUT-004"])
    assert [(f.path, f.severity) for f in later] == [("sign_offs", Severity.WARNING)]


def test_the_transition_follows_a_configured_revision_deadline() -> None:
    data = _unsigned(compliant())
    data["settings"]["core"]["PUB-017"] = {"deadline": "2025-06-30"}
    found = findings(data, dt.date(2025, 3, 1), ["SCRUT-004"])
    assert [(f.path, f.severity) for f in found] == [("sign_offs", Severity.INFO)]
    later = findings(data, dt.date(2025, 7, 1), ["SCRUT-004"])
    assert [(f.path, f.severity) for f in later] == [("sign_offs", Severity.WARNING)]


def test_plan_and_sign_offs_unknown_are_info() -> None:
    data = compliant()
    del data["sign_offs"]
    del data["independent_scrutiny"]["plan_url"]
    found = findings(data, WT2023_DAY, ["SCRUT-004"])
    assert {(f.path, f.severity) for f in found} == {
        ("sign_offs", Severity.INFO),
        ("independent_scrutiny.plan_url", Severity.INFO),
    }


# Properties ---------------------------------------------------------------------------------


@PROPERTY
@given(footprints(start=dt.date(2024, 12, 13)), st.sampled_from(["SCRUT-001", "SCRUT-004"]))
def test_one_break_one_rule(case: Case, code: str) -> None:
    """The kit's mutation for each SCRUT rule gives that rule, and no other SCRUT rule."""
    day, codes = case
    data = broken(code, day, codes)
    assert {f.rule_id for f in family(serious(data, day), "SCRUT-")} == {code}


@PROPERTY
@given(footprints(), st.randoms(use_true_random=False))
def test_shuffling_keeps_scrut_findings(case: Case, rnd: random.Random) -> None:
    day, codes = case
    data = _broken(compliant(day, codes))
    before = assert_order_free(data, day, rnd)
    assert any(f[0] == "SCRUT-001" for f in before)


@PROPERTY
@given(footprints(end=dt.date(2023, 12, 14)))
def test_wt2023_scrut_rules_never_fire_before_wt2023(case: Case) -> None:
    day, codes = case
    data = _broken(compliant(day, codes))
    assert not {f.rule_id for f in findings(data, day)} & WT2023_CODES
