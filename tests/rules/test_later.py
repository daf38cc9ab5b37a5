"""LATER: the Children's Wellbeing and Schools Act 2026 ss.2-3 (law, not yet in force)."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from safeguarding_partnership.findings import Severity
from safeguarding_partnership.rules.core import (
    later,
)
from safeguarding_partnership.rules.engine import Selection
from safeguarding_partnership.rules.rule import RuleStatus

from ._build_publication import (
    PROPERTY,
    WT2023_DAY,
    Breaker,
    Data,
    any_day,
    build,
    check,
    compliant,
    group,
)

FAMILY = {r.code for r in later.RULES}


def _other_category(data: Data) -> None:
    data["relevant_agencies"][0]["category"] = "maintained-school-governing-body"


def _no_teams(data: Data) -> None:
    data["macpts"] = []


def _no_police_member(data: Data) -> None:
    team = group(data, "macpt")
    team["members"] = [m for m in team["members"] if m.get("organisation") != "met"]


BREAKERS = [
    Breaker("LATER-001", _other_category, "relevant_agencies"),
    Breaker("LATER-002", _no_teams, "macpts"),
    Breaker("LATER-002", _no_police_member, "groups[3].members"),
]
IDS = [f"{b.code}-{b.path}" for b in BREAKERS]


def test_every_rule_has_a_breaker_and_is_not_commenced() -> None:
    assert {b.code for b in BREAKERS} == FAMILY
    assert {r.status for r in later.RULES} == {RuleStatus.NOT_COMMENCED}


@pytest.mark.parametrize("b", BREAKERS, ids=IDS)
def test_findings_say_not_yet_in_force(b: Breaker) -> None:
    found = check(b.broken(), b.day)
    assert found
    assert all("not yet in force" in f.message and f.not_commenced for f in found)


def test_missing_head_is_named() -> None:
    found = check(BREAKERS[2].broken(), WT2023_DAY)
    assert [f.message for f in found] == [
        "multi-agency child protection team macpt has no a constable or police employee "
        "(nominated by the chief officer of police) (CA2004 s.16EA inserted by CWSA 2026 s.3, "
        "not yet in force)"
    ]


def test_unknown_gives_only_information() -> None:
    bare = build({"id": "b", "name": "B", "areas": [{"code": "E09000016"}]})
    found = [f for f in check(bare, WT2023_DAY) if f.rule_id in FAMILY]
    assert {f.rule_id for f in found} == FAMILY
    assert {f.severity for f in found} == {Severity.INFO}


def test_designated_categories_must_be_schedule_ids() -> None:
    from safeguarding_partnership.rules.engine import run_rules

    data = compliant()
    data["settings"]["core"]["LATER-001"] = {"designated_categories": ["nurseries"]}
    arrangement = build(data)
    result = run_rules(
        arrangement,
        later.RULES,
        WT2023_DAY,
        selection=Selection(include_not_commenced=True),
        settings=arrangement.settings,
    )
    assert [f.rule for f in result.failures] == ["LATER-001"]


@PROPERTY
@given(b=st.sampled_from(BREAKERS), day=any_day, preview=st.booleans())
def test_not_commenced_rules_never_fire_by_default(b: Breaker, day: dt.date, preview: bool) -> None:
    found = check(b.broken(), day, Selection(include_preview=preview))
    assert not {f.rule_id for f in found} & FAMILY


@PROPERTY
@given(b=st.sampled_from(BREAKERS), day=any_day, commenced=any_day)
def test_not_commenced_rules_fire_only_from_a_configured_commencement(
    b: Breaker, day: dt.date, commenced: dt.date
) -> None:
    selection = Selection(commencement={code: commenced for code in FAMILY})
    fired = {f.rule_id for f in check(b.broken(), day, selection)} & FAMILY
    if day < commenced:
        assert fired == set()
    else:
        assert fired == {b.code}


def test_commencement_in_the_file() -> None:
    data = BREAKERS[1].broken()
    data["rules"] = {"commencement": {"LATER-002": dt.date(2027, 6, 1)}}
    arrangement = build(data)
    selection = Selection.from_settings(arrangement.rules)
    assert check(arrangement, dt.date(2027, 5, 31), selection) == []
    assert [f.rule_id for f in check(arrangement, dt.date(2027, 6, 1), selection)] == ["LATER-002"]
