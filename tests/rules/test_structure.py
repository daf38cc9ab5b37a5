"""STRUCT: reporting lines and meeting cadences (structural checks, not catalogue duties)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from safeguarding_partnership.findings import Severity
from safeguarding_partnership.law import Strength
from safeguarding_partnership.rules.core import (
    struct as structure,
)

from ._build_publication import (
    WT2023_DAY,
    Breaker,
    Data,
    build,
    check,
    compliant,
    group,
    of,
)

FAMILY = {r.code for r in structure.RULES}


def _reports_to(group_id: str, *targets: str) -> Callable[[Data], None]:
    def change(data: Data) -> None:
        group(data, group_id)["reports_to"] = list(targets)

    return change


def _to_an_ended_group(data: Data) -> None:
    data["groups"].append(
        {
            "id": "old-board",
            "name": "Old board",
            "kind": "executive",
            "reports_to": [],
            "valid_to": dt.date(2020, 3, 31),
        }
    )
    group(data, "learning")["reports_to"] = ["old-board"]


def _skip_meetings(data: Data) -> None:
    exec_ = group(data, "exec")
    exec_["meetings"] = [
        d for d in exec_["meetings"] if not dt.date(2024, 1, 1) <= d <= dt.date(2024, 8, 1)
    ]


def _miss_a_set_date(data: Data) -> None:
    group(data, "learning")["meetings"] = [dt.date(2020, 2, 3)]


BREAKERS = [
    Breaker("STRUCT-001", _reports_to("exec", "learning"), "groups[0].reports_to"),
    Breaker("STRUCT-001", _reports_to("learning", "learning"), "groups[1].reports_to"),
    Breaker("STRUCT-002", _to_an_ended_group, "groups[1].reports_to"),
    Breaker("STRUCT-002", _reports_to("cdop", "nowhere"), "groups[2].reports_to"),
    Breaker("STRUCT-003", _skip_meetings, "groups[0].meetings"),
    Breaker("STRUCT-003", _miss_a_set_date, "groups[1].cadence.dates[1]"),
]


def test_every_rule_has_a_breaker() -> None:
    assert {b.code for b in BREAKERS} == FAMILY


def test_structural_rules_are_should_and_cite_the_arrangements() -> None:
    for r in structure.RULES:
        assert r.strength is Strength.SHOULD
        assert r.citation == structure.CITATION
        assert "Not a catalogue duty" in r.doc


def test_loop_is_one_finding_naming_its_groups() -> None:
    data = compliant()
    group(data, "exec")["reports_to"] = ["macpt"]
    group(data, "macpt")["reports_to"] = ["learning"]
    group(data, "learning")["reports_to"] = ["exec"]
    found = of(check(data, WT2023_DAY), "STRUCT-001")
    assert [f.message for f in found] == [
        "groups exec, learning, macpt report to each other in a loop"
    ]


def test_reports_to_another_arrangement_is_somebody() -> None:
    data = compliant()
    group(data, "learning")["reports_to"] = ["bhr:tri-borough"]
    assert of(check(data, WT2023_DAY), "STRUCT-002") == []


def test_top_group_and_unknown_reporting_line() -> None:
    data = compliant()
    del group(data, "cdop")["reports_to"]
    found = of(check(data, WT2023_DAY), "STRUCT-002")
    assert [(f.path, f.severity) for f in found] == [("groups[2].reports_to", Severity.INFO)]


def test_cadence_gap_message_and_limit() -> None:
    data = compliant()
    group(data, "exec")["meetings"] = [dt.date(2024, 1, 10), dt.date(2024, 4, 11)]  # 92 days
    group(data, "exec")["valid_to"] = dt.date(2024, 5, 1)
    assert of(check(data, WT2023_DAY), "STRUCT-003") == []
    group(data, "exec")["meetings"] = [dt.date(2024, 1, 10), dt.date(2024, 4, 12)]  # 93 days
    found = of(check(data, WT2023_DAY), "STRUCT-003")
    assert [f.message for f in found] == [
        "group exec promises to meet quarterly but did not meet between 2024-01-10 and "
        "2024-04-12 (93 days)"
    ]


def test_set_dates_after_the_as_of_day_are_not_missed() -> None:
    data = compliant()
    group(data, "learning")["meetings"] = [dt.date(2020, 2, 3)]
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
