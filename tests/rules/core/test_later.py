"""LATER: the Children's Wellbeing and Schools Act 2026 ss.2-3 (law, not yet in force)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest
from hypothesis import given
from hypothesis import strategies as st

from safeguarding_partnership.findings import Severity
from safeguarding_partnership.rules.core import later
from safeguarding_partnership.rules.engine import Selection, run_rules
from safeguarding_partnership.rules.rule import RuleStatus

from ._check import (
    PROPERTY,
    WT2023_DAY,
    Data,
    Mutated,
    any_day,
    broken,
    build,
    check,
    compliant,
    item,
)

FAMILY = {r.code for r in later.RULES}

MUTATED = [
    Mutated("LATER-001", WT2023_DAY, "relevant_agencies"),
    Mutated("LATER-002", WT2023_DAY, "macpts"),
]
"""Where the kit's mutation for each LATER rule makes it fire (run by test_every_family)."""


def _no_police_member() -> Data:
    data = compliant()
    team = item(data, "groups", "macpt")
    team["members"] = [m for m in team["members"] if m.get("sector") != "police"]
    return data


BROKEN: list[tuple[str, Callable[[], Data]]] = [
    ("LATER-001", lambda: broken("LATER-001")),
    ("LATER-002", lambda: broken("LATER-002")),
    ("LATER-002", _no_police_member),
]
"""The kit's mutations, and a team without its police member."""


def test_every_rule_has_a_mutation_and_is_not_commenced() -> None:
    assert {m.code for m in MUTATED} == FAMILY
    assert {r.status for r in later.RULES} == {RuleStatus.NOT_COMMENCED}


@pytest.mark.parametrize(("code", "make"), BROKEN, ids=["designated", "no-team", "no-police"])
def test_findings_say_not_yet_in_force(code: str, make: Callable[[], Data]) -> None:
    found = check(make(), WT2023_DAY)
    assert {f.rule_id for f in found} == {code}
    assert all("not yet in force" in f.message and f.not_commenced for f in found)


def test_missing_head_is_named() -> None:
    found = check(_no_police_member(), WT2023_DAY)
    assert [(f.path, f.severity) for f in found] == [("groups[2].members", Severity.ERROR)]
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
@given(code=st.sampled_from(sorted(FAMILY)), day=any_day, preview=st.booleans())
def test_not_commenced_rules_never_fire_by_default(code: str, day: dt.date, preview: bool) -> None:
    found = check(broken(code), day, Selection(include_preview=preview))
    assert not {f.rule_id for f in found} & FAMILY


@PROPERTY
@given(code=st.sampled_from(sorted(FAMILY)), day=any_day, commenced=any_day)
def test_not_commenced_rules_fire_only_from_a_configured_commencement(
    code: str, day: dt.date, commenced: dt.date
) -> None:
    selection = Selection(commencement={c: commenced for c in FAMILY})
    fired = {f.rule_id for f in check(broken(code), day, selection)} & FAMILY
    if day < commenced:
        assert fired == set()
    else:
        assert fired == {code}


def test_commencement_in_the_file() -> None:
    data = broken("LATER-002", dt.date(2027, 6, 1))
    data["rules"] = {"commencement": {"LATER-002": "2027-06-01"}}
    arrangement = build(data)
    selection = Selection.from_settings(arrangement.rules)
    assert check(arrangement, dt.date(2027, 5, 31), selection) == []
    assert [f.rule_id for f in check(arrangement, dt.date(2027, 6, 1), selection)] == ["LATER-002"]
