"""PUB: what the published arrangements contain (catalogue section C)."""

from __future__ import annotations

import datetime as dt

from safeguarding_partnership.findings import Severity
from safeguarding_partnership.rules.core import pub
from safeguarding_partnership.rules.engine import run_rules
from safeguarding_partnership.rules.rule import RuleStatus

from ._check import (
    EVERYTHING,
    MET,
    RECORDS,
    WT2018_DAY,
    WT2023_DAY,
    Mutated,
    assert_alone,
    build,
    check,
    compliant,
    of,
    partner_index,
)

FAMILY = {r.code for r in pub.RULES}
TRANSITION_DAY = dt.date(2019, 9, 29)

MUTATED = [
    Mutated("PUB-001", WT2018_DAY, "published"),
    Mutated("PUB-002", dt.date(2019, 7, 1), "first_published"),
    Mutated("PUB-003", WT2023_DAY, "contents.serious_case_review"),
    *[Mutated(code, WT2018_DAY, f"contents.{field}") for code, field, _, _ in pub.CONTENTS_ITEMS],
    Mutated("PUB-015", WT2023_DAY, "sign_offs[0].by"),
    Mutated("PUB-016", WT2023_DAY, "partners[0].delegates"),
    Mutated("PUB-017", WT2023_DAY, "guidance_edition"),
    Mutated("PUB-018", WT2023_DAY, "contents.education"),
]
"""Where the kit's mutation for each PUB rule makes it fire (run by test_every_family)."""


def test_every_rule_has_a_mutation() -> None:
    assert {m.code for m in MUTATED} == FAMILY


def test_table_rows_are_rules_with_their_confidence() -> None:
    rules = {r.code: r for r in pub.RULES}
    for code, field, _, confidence in pub.CONTENTS_ITEMS:
        assert rules[code].confidence == confidence
        assert f"contents.{field}" in rules[code].hint.replace("`", "")
        expected = RuleStatus.PREVIEW if "U" in confidence else RuleStatus.STABLE
        assert rules[code].status is expected
    assert rules["PUB-017"].status is RuleStatus.PREVIEW


# What the mutations do not break: unknown facts and other ways to miss a duty ----------------


def test_pub_001_unknown_address_is_information() -> None:
    data = compliant()
    data["published_url"] = None
    assert_alone(check(data, WT2023_DAY), "PUB-001", "published_url", Severity.INFO)


def test_pub_002_taking_effect_after_the_transition() -> None:
    data = compliant(TRANSITION_DAY)
    assert of(check(data, TRANSITION_DAY), "PUB-002") == []
    data["valid_from"] = "2019-10-01"
    assert_alone(check(data, TRANSITION_DAY), "PUB-002", "valid_from", Severity.ERROR)


def test_pub_015_budget_not_signed_off() -> None:
    data = compliant()
    data["sign_offs"] = [s for s in data["sign_offs"] if s["document"] != "budget"]
    assert_alone(check(data, WT2023_DAY), "PUB-015", "sign_offs", Severity.WARNING)


def test_pub_016_police_names_no_delegate() -> None:
    data = compliant()
    i = partner_index(data, MET)
    data["partners"][i]["delegates"] = []
    assert_alone(check(data, WT2023_DAY), "PUB-016", f"partners[{i}].delegates", Severity.WARNING)


def test_pub_017_not_republished_under_wt2023() -> None:
    data = compliant()
    data["published"] = "2019-06-28"
    assert_alone(check(data, WT2023_DAY), "PUB-017", "published", Severity.WARNING)


# Days and settings --------------------------------------------------------------------------


def test_pub_002_is_in_force_only_in_the_transition() -> None:
    rule = next(r for r in pub.RULES if r.code == "PUB-002")
    assert rule.in_force(dt.date(2018, 6, 29))
    assert rule.in_force(TRANSITION_DAY)
    assert not rule.in_force(dt.date(2019, 9, 30))
    assert not rule.in_force(dt.date(2018, 6, 28))


def test_pub_002_deadline_not_passed_is_no_finding() -> None:
    data = compliant(dt.date(2019, 6, 1))
    data.update(first_published="2019-07-15", published="2019-07-15")
    assert of(check(data, dt.date(2019, 6, 29)), "PUB-002") == []
    assert of(check(data, dt.date(2019, 6, 30)), "PUB-002") != []


def test_pub_017_deadline_is_configurable() -> None:
    data = compliant()
    data["guidance_edition"] = "WT2018"
    data["settings"]["core"]["PUB-017"] = {"deadline": "2025-12-31"}
    assert of(check(data, WT2023_DAY), "PUB-017") == []
    assert of(check(data, dt.date(2026, 1, 1)), "PUB-017") != []


def test_pub_017_bad_setting_fails_the_rule_not_the_run() -> None:
    data = compliant()
    data["settings"]["core"]["PUB-017"] = {"deadline": "soon"}
    arrangement = build(data)
    result = run_rules(
        arrangement, RECORDS, WT2023_DAY, selection=EVERYTHING, settings=arrangement.settings
    )
    assert [f.rule for f in result.failures] == ["PUB-017"]
    assert "settings.core.PUB-017.deadline" in result.failures[0].error


def test_unknown_gives_only_information() -> None:
    bare = build({"id": "bare", "name": "Bare", "areas": [{"code": "E09000016"}]})
    for day in (dt.date(2019, 7, 1), TRANSITION_DAY, WT2018_DAY, WT2023_DAY):
        found = [f for f in check(bare, day) if f.rule_id in FAMILY]
        assert found, day
        assert {f.severity for f in found} == {Severity.INFO}, day
        assert all(f.message.startswith("not recorded: ") for f in found)


def test_pub_018_unknown_checklist_items_fail_the_rule_not_the_run() -> None:
    data = compliant()
    data["settings"]["core"]["PUB-018"] = {"contents": ["education", "nonsense"]}
    arrangement = build(data)
    result = run_rules(
        arrangement, RECORDS, WT2023_DAY, selection=EVERYTHING, settings=arrangement.settings
    )
    assert [f.rule for f in result.failures] == ["PUB-018"]
    assert "settings.core.PUB-018.contents: unknown items ['nonsense']" in result.failures[0].error
