"""STRUCT: reporting lines and meeting cadences (structural checks, not catalogue duties)."""

from __future__ import annotations

import datetime as dt

from safeguarding_partnership.findings import Severity
from safeguarding_partnership.law import Strength
from safeguarding_partnership.rules.core import struct

from ._check import (
    WT2023_DAY,
    Mutated,
    assert_alone,
    build,
    check,
    compliant,
    item,
    of,
)

FAMILY = {r.code for r in struct.RULES}

MUTATED = [
    Mutated("STRUCT-001", WT2023_DAY, "groups[1].reports_to"),
    Mutated("STRUCT-002", WT2023_DAY, "groups[1].reports_to"),
    Mutated("STRUCT-003", WT2023_DAY, "groups[0].meetings"),
]
"""Where the kit's mutation for each STRUCT rule makes it fire (run by test_every_family).

The kit's groups: ``partnership`` (the partnership meeting, at the top), then ``cdop`` and
``macpt`` reporting to it; the first two meet quarterly."""


def test_every_rule_has_a_mutation() -> None:
    assert {m.code for m in MUTATED} == FAMILY


def test_structural_rules_are_should_and_cite_the_arrangements() -> None:
    for r in struct.RULES:
        assert r.strength is Strength.SHOULD
        assert r.citation == struct.CITATION
        assert "Not a catalogue duty" in r.doc


# What the mutations do not break: other ways to break a structure ----------------------------


def test_struct_001_the_top_group_reports_into_a_loop() -> None:
    data = compliant()
    item(data, "groups", "partnership")["reports_to"] = ["cdop"]
    # one finding for the loop, on the reporting line of its first group by id (cdop)
    assert_alone(check(data, WT2023_DAY), "STRUCT-001", "groups[1].reports_to", Severity.WARNING)


def test_struct_002_reports_to_a_group_not_in_the_file() -> None:
    data = compliant()
    item(data, "groups", "macpt")["reports_to"] = ["nowhere"]
    assert_alone(check(data, WT2023_DAY), "STRUCT-002", "groups[2].reports_to", Severity.WARNING)


def test_struct_003_a_set_date_missed() -> None:
    data = compliant()
    panel = item(data, "groups", "cdop")
    panel["cadence"] = {"dates": panel["meetings"]}
    panel["meetings"] = [d for i, d in enumerate(panel["meetings"]) if i != 1]
    path = "groups[1].cadence.dates[1]"
    assert_alone(check(data, WT2023_DAY), "STRUCT-003", path, Severity.WARNING)


def test_loop_is_one_finding_naming_its_groups() -> None:
    data = compliant()
    item(data, "groups", "partnership")["reports_to"] = ["macpt"]
    item(data, "groups", "macpt")["reports_to"] = ["cdop"]
    item(data, "groups", "cdop")["reports_to"] = ["partnership"]
    found = of(check(data, WT2023_DAY), "STRUCT-001")
    assert [f.message for f in found] == [
        "groups cdop, macpt, partnership report to each other in a loop"
    ]


def test_reports_to_another_arrangement_is_somebody() -> None:
    data = compliant()
    item(data, "groups", "cdop")["reports_to"] = ["bhr:tri-borough"]
    assert of(check(data, WT2023_DAY), "STRUCT-002") == []


def test_top_group_and_unknown_reporting_line() -> None:
    data = compliant()
    del item(data, "groups", "cdop")["reports_to"]
    found = of(check(data, WT2023_DAY), "STRUCT-002")
    assert [(f.path, f.severity) for f in found] == [("groups[1].reports_to", Severity.INFO)]


def test_cadence_gap_message_and_limit() -> None:
    data = compliant()
    top = item(data, "groups", "partnership")
    top["meetings"] = ["2024-01-10", "2024-04-11"]  # 92 days
    top["valid_to"] = "2024-05-01"
    assert of(check(data, WT2023_DAY), "STRUCT-003") == []
    top["meetings"] = ["2024-01-10", "2024-04-12"]  # 93 days
    found = of(check(data, WT2023_DAY), "STRUCT-003")
    assert [f.message for f in found] == [
        "group partnership promises to meet quarterly but did not meet between 2024-01-10 and "
        "2024-04-12 (93 days)"
    ]


def test_set_dates_after_the_as_of_day_are_not_missed() -> None:
    data = compliant()
    panel = item(data, "groups", "cdop")
    panel["cadence"] = {"dates": ["2020-02-03", "2022-05-09"]}
    panel["meetings"] = ["2020-02-03"]
    assert of(check(data, dt.date(2022, 5, 9)), "STRUCT-003") == []
    assert of(check(data, dt.date(2022, 5, 10)), "STRUCT-003") != []


def test_unknown_gives_only_information() -> None:
    bare = build(
        {
            "id": "b",
            "name": "B",
            "areas": [{"code": "E09000016"}],
            "groups": [
                {"id": "exec", "name": "Exec", "kind": "executive", "cadence": "monthly"},
                {
                    "id": "sub",
                    "name": "Sub",
                    "kind": "subgroup",
                    "cadence": "every 6 weeks",
                    "reports_to": ["exec"],
                    "meetings": [],
                },
            ],
        }
    )
    found = [f for f in check(bare, WT2023_DAY) if f.rule_id in FAMILY]
    assert {f.severity for f in found} == {Severity.INFO}
    assert len(found) == 3
