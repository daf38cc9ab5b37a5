"""Three values whose absence was once read as a statement are unknown when left out.

- ``part_of``: a body without it may be part of another (only ``part_of: none`` says it is
  part of none; a safeguarding partner's own body is part of no other partner's);
- ``in_kind``: ``amount: 0`` says no money, not that nothing was given in kind;
- a member's ``sector``: a council's member of no recorded sector may speak for education.

Each pair below is the same arrangement stated and left unknown: the stated one gets the
rule's error or warning, the unknown one only information (issue 14: knowing less never
adds an error or warning). The base is the WT2023 rule-example arrangement, which meets
every core rule.
"""

from __future__ import annotations

import copy
import datetime as dt
from functools import cache
from pathlib import Path
from typing import Any

import pytest
from ruamel.yaml import YAML

from safeguarding_partnership.model import Arrangement, FundingContribution, Organisation
from safeguarding_partnership.model.common import NONE, is_none
from safeguarding_partnership.rules.core import core_rules
from safeguarding_partnership.rules.engine import Selection, run_rules

BASE = Path(__file__).parent / "fixtures" / "rule-examples" / "wt2023.yaml"
DAY = dt.date(2025, 3, 31)
EVERYTHING = Selection(include_preview=True, include_not_commenced=True)


@cache
def _base() -> dict[str, Any]:
    data = YAML(typ="safe", pure=True).load(BASE.read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


def _findings(data: dict[str, Any], code: str) -> list[tuple[str, str]]:
    arrangement = Arrangement.model_validate(data)
    result = run_rules(arrangement, core_rules(), DAY, selection=EVERYTHING)
    assert not result.failures
    return [(f.severity.value, f.message) for f in result.findings if f.rule_id == code]


def _loud(found: list[tuple[str, str]]) -> list[str]:
    return [message for severity, message in found if severity in ("error", "warning")]


def _org(data: dict[str, Any], org_id: str) -> dict[str, Any]:
    return next(o for o in data["organisations"] if o["id"] == org_id)


# part_of -----------------------------------------------------------------------------------


def _police_unit(part_of: str | None) -> dict[str, Any]:
    """The Met's lead post and its contributions given as those of a command unit."""
    data = copy.deepcopy(_base())
    unit: dict[str, Any] = {"id": "met-bcu", "name": "East Area BCU", "kind": "police_command_unit"}
    if part_of is not None:
        unit["part_of"] = part_of
    data["organisations"].append(unit)
    for p in data["partners"]:
        if p["organisation"] == "met":
            p["lead"] = {
                "title": "Commissioner of Police of the Metropolis",
                "organisation": "met-bcu",
            }
    for c in data["funding"]:
        if c["contributor"] == "met":
            c["contributor"] = "met-bcu"
    return data


def test_a_unit_recorded_as_part_of_the_partner_belongs_to_it() -> None:
    data = _police_unit("met")
    assert _loud(_findings(data, "LEAD-002")) == []
    assert _findings(data, "FUND-003") == []


def test_a_unit_recorded_as_part_of_none_is_not_the_partner() -> None:
    data = _police_unit(NONE)
    assert _loud(_findings(data, "LEAD-002")) == [
        "the lead safeguarding partner of met is a post of met-bcu, not of the partner"
    ]
    assert _loud(_findings(data, "FUND-003")) == [
        f"met contributes nothing to the arrangements in {year}" for year in ("2023-24", "2024-25")
    ]


def test_a_unit_whose_part_of_is_unknown_may_be_the_partner() -> None:
    data = _police_unit(None)
    assert _findings(data, "LEAD-002") == [
        (
            "info",
            "not recorded: whether the lead safeguarding partner of met (Commissioner of "
            "Police of the Metropolis), a post of met-bcu, is a post of the partner: met-bcu "
            "is recorded neither as part of it nor as part of none",
        )
    ]
    assert _findings(data, "FUND-003") == [
        (
            "info",
            f"perhaps met contributes nothing to the arrangements in {year}: a contribution "
            "from a body not recorded as part of none may be its (met-bcu)",
        )
        for year in ("2023-24", "2024-25")
    ]


def test_a_partner_body_is_part_of_no_other_partner_without_saying_so() -> None:
    """The lead of the council given as a post of the ICB, a partner body left without
    ``part_of``: still an error, as a council and an ICB are bodies in their own right."""
    data = copy.deepcopy(_base())
    for o in data["organisations"]:
        o.pop("part_of", None)
    data["partners"][0]["lead"] = {"title": "Chief Executive", "organisation": "nel-icb"}
    assert _loud(_findings(data, "LEAD-002")) == [
        "the lead safeguarding partner of havering-council is a post of nel-icb, not of the partner"
    ]


def test_part_of_takes_the_word_none_and_an_organisation_cannot_be_called_none() -> None:
    assert is_none(Organisation(id="x", kind="other", part_of="None").part_of)
    assert Organisation(id="x", kind="other").part_of is None
    with pytest.raises(ValueError, match="word of the file format"):
        Organisation(id="none", kind="other")


# in_kind -----------------------------------------------------------------------------------


def _met_gives(**given: Any) -> dict[str, Any]:
    data = copy.deepcopy(_base())
    for c in data["funding"]:
        if c["contributor"] == "met" and c["year"] == "2024-25":
            c.pop("amount")
            c.update(given)
    return data


def test_no_money_and_nothing_in_kind_is_nothing() -> None:
    found = _findings(_met_gives(amount=0, in_kind="none"), "FUND-003")
    assert _loud(found) == ["met contributes nothing to the arrangements in 2024-25"]


def test_no_money_with_in_kind_not_recorded_may_be_a_contribution_in_kind() -> None:
    data = _met_gives(amount=0)
    assert _findings(data, "FUND-003") == []
    assert _findings(data, "PARTNERS-009") == [
        ("info", "not recorded: whether met gives anything in kind in 2024-25 (no money)")
    ]


def test_no_money_and_something_in_kind_is_a_contribution() -> None:
    data = _met_gives(amount=0, in_kind="an analyst")
    assert _findings(data, "FUND-003") == []
    assert _findings(data, "PARTNERS-009") == []


def test_nothing_in_kind_and_money_not_recorded_is_unknown() -> None:
    data = _met_gives(in_kind="none")
    assert _findings(data, "FUND-003") == []
    assert _findings(data, "PARTNERS-009") == [
        ("info", "not recorded: how much money met contributes in 2024-25 (nothing in kind)")
    ]


def test_in_kind_takes_the_word_none() -> None:
    assert is_none(FundingContribution(in_kind=" NONE ").in_kind)
    assert FundingContribution(in_kind="a room").in_kind == "a room"


# sector ------------------------------------------------------------------------------------


def _executive(*members: dict[str, Any]) -> dict[str, Any]:
    data = copy.deepcopy(_base())
    exec_group = next(g for g in data["groups"] if g["id"] == "exec")
    exec_group["members"] = [
        {"organisation": "nel-icb"},
        {"organisation": "met"},
        *members,
    ]
    return data


def test_a_council_member_recorded_as_from_education_speaks_for_education() -> None:
    data = _executive({"organisation": "havering-council", "sector": "education"})
    assert _findings(data, "EDU-002") == []


def test_a_council_member_of_another_sector_does_not() -> None:
    data = _executive({"organisation": "havering-council", "sector": "social_care"})
    assert _loud(_findings(data, "EDU-002")) == [
        "no education or childcare member sits on the strategic group(s) exec"
    ]


def test_a_council_member_of_no_recorded_sector_may() -> None:
    data = _executive({"organisation": "havering-council"})
    assert _findings(data, "EDU-002") == [
        (
            "info",
            "perhaps no education or childcare member sits on the strategic group(s) exec: "
            "not every member's sector, or not every member, is known",
        )
    ]


def test_police_and_health_members_of_no_recorded_sector_do_not() -> None:
    data = _executive()
    assert _loud(_findings(data, "EDU-002")) == [
        "no education or childcare member sits on the strategic group(s) exec"
    ]


def test_a_team_member_of_no_recorded_sector_may_fill_a_head() -> None:
    """LATER-002: the education lead given as a council post with no sector."""
    data = copy.deepcopy(_base())
    team = next(g for g in data["groups"] if g["id"] == "macpt")
    team["members"][0] = {"post": {"title": "Education lead", "organisation": "havering-council"}}
    found = _findings(data, "LATER-002")
    assert _loud(found) == []
    assert [severity for severity, _ in found] == ["info"]
    team["members"][0]["sector"] = "social_work"
    assert len(_loud(_findings(data, "LATER-002"))) == 1
