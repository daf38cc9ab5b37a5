"""REPORT: the yearly report (catalogue section F)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from safeguarding_partnership.findings import Severity
from safeguarding_partnership.rules.core import (
    report as reports,
)
from safeguarding_partnership.rules.rule import RuleStatus

from ._build_publication import (
    WT2018_DAY,
    WT2023_DAY,
    Breaker,
    Data,
    build,
    check,
    compliant,
    of,
    report,
)

FAMILY = {r.code for r in reports.RULES}


def _drop(*report_ids: str) -> Callable[[Data], None]:
    def change(data: Data) -> None:
        data["yearly_reports"] = [r for r in data["yearly_reports"] if r["id"] not in report_ids]

    return change


def _edit(report_id: str, **values: object) -> Callable[[Data], None]:
    def change(data: Data) -> None:
        report(data, report_id).update(values)

    return change


def _without(report_id: str, section: str) -> Callable[[Data], None]:
    def change(data: Data) -> None:
        r = report(data, report_id)
        r["sections"] = [s for s in r["sections"] if s != section]

    return change


def _not_sent_to(report_id: str, to: str) -> Callable[[Data], None]:
    def change(data: Data) -> None:
        r = report(data, report_id)
        r["sent"] = [s for s in r["sent"] if s["to"] != to]

    return change


BREAKERS = [
    # the first report more than 12 months after the arrangements took effect (2019-09-29)
    Breaker(
        "REPORT-001",
        _edit("2019-20", published=dt.date(2020, 10, 15)),
        "yearly_reports[0].published",
        WT2018_DAY,
    ),
    # a missing year: 2020-06-30 to 2022-06-30
    Breaker("REPORT-001", _drop("2020-21"), "yearly_reports[1].published", dt.date(2022, 9, 1)),
    # nothing since the last report
    Breaker(
        "REPORT-001",
        _drop("2021-22", "2022-23", "2023-24", "2024-25", "2025-26", "2026-27"),
        "yearly_reports",
        dt.date(2022, 8, 1),
    ),
    Breaker(
        "REPORT-002",
        _without("2019-20", "practice_reviews"),
        "yearly_reports[0].sections",
        WT2018_DAY,
    ),
    Breaker(
        "REPORT-003",
        _without("2019-20", "feedback_from_children"),
        "yearly_reports[0].sections",
        WT2018_DAY,
    ),
    Breaker(
        "REPORT-004",
        _not_sent_to("2019-20", "what_works_centre"),
        "yearly_reports[0].sent",
        WT2018_DAY,
    ),
    Breaker("REPORT-005", _without("2023-24", "effectiveness"), "yearly_reports[4].sections"),
    Breaker(
        "REPORT-006",
        _edit("2023-24", signed_off_by=["council"]),
        "yearly_reports[4].signed_off_by",
    ),
    Breaker(
        "REPORT-006", _without("2023-24", "learning_implemented"), "yearly_reports[4].sections"
    ),
    Breaker(
        "REPORT-007",
        _edit("2023-24", scrutineer_contribution=False),
        "yearly_reports[4].scrutineer_contribution",
    ),
    Breaker(
        "REPORT-008",
        _edit("2024-25", period_end=dt.date(2025, 2, 28)),
        "yearly_reports[5].published",
        dt.date(2025, 7, 15),
    ),
]


def test_every_rule_has_a_breaker() -> None:
    assert {b.code for b in BREAKERS} == FAMILY


def test_unverified_rules_are_preview() -> None:
    status = {r.code: r.status for r in reports.RULES}
    assert status["REPORT-004"] is RuleStatus.PREVIEW
    assert status["REPORT-008"] is RuleStatus.PREVIEW
    assert status["REPORT-001"] is RuleStatus.STABLE


def test_report_001_messages_name_the_report() -> None:
    found = of(check(BREAKERS[1].broken(), dt.date(2022, 9, 1)), "REPORT-001")
    assert [f.message for f in found] == [
        "yearly report 2021-22 was published on 2022-06-30, more than 12 months after "
        "yearly report 2019-20 was published on 2020-06-30"
    ]


def test_report_001_exactly_twelve_months_is_in_time() -> None:
    data = compliant(WT2018_DAY)
    report(data, "2019-20")["published"] = dt.date(2020, 9, 29)
    assert of(check(data, dt.date(2020, 10, 1)), "REPORT-001") == []
    report(data, "2019-20")["published"] = dt.date(2020, 9, 30)
    assert of(check(data, dt.date(2020, 10, 1)), "REPORT-001") != []


def test_report_001_deadline_not_passed_is_no_finding() -> None:
    data = compliant(WT2018_DAY)
    data["yearly_reports"] = []
    assert of(check(data, dt.date(2020, 9, 29)), "REPORT-001") == []
    found = of(check(data, dt.date(2020, 9, 30)), "REPORT-001")
    assert [(f.path, f.severity) for f in found] == [("yearly_reports", Severity.ERROR)]


def test_report_001_a_long_report_does_not_cover_two_years() -> None:
    data = compliant(WT2018_DAY)
    data["yearly_reports"] = [
        {
            "id": "2019-21",
            "period_start": dt.date(2019, 4, 1),
            "period_end": dt.date(2021, 3, 31),
            "published": dt.date(2020, 6, 30),
        }
    ]
    found = of(check(data, dt.date(2021, 8, 1)), "REPORT-001")
    assert [f.path for f in found] == ["yearly_reports"]


def test_report_001_unknown_publication_day_is_information_only() -> None:
    data = compliant(WT2018_DAY)
    report(data, "2020-21")["published"] = None
    found = of(check(data, dt.date(2022, 9, 1)), "REPORT-001")
    assert {f.severity for f in found} == {Severity.INFO}
    assert "not recorded: the day yearly report 2020-21 was published" in {f.message for f in found}


def test_report_001_only_records_up_to_the_as_of_day_count() -> None:
    data = compliant(WT2018_DAY)
    report(data, "2020-21")["published"] = dt.date(2023, 1, 1)  # dated after the as-of day
    found = of(check(data, dt.date(2021, 8, 1)), "REPORT-001")
    assert [f.path for f in found] == ["yearly_reports"]
    assert "after yearly report 2019-20 was published on 2020-06-30" in found[0].message


def test_report_004_parameters() -> None:
    data = compliant(WT2018_DAY)
    data["settings"]["core"]["REPORT-004"] = {"recipients": ["panel"], "days": 7}
    _not_sent_to("2019-20", "what_works_centre")(data)
    assert of(check(data, WT2018_DAY), "REPORT-004") == []


def test_report_008_recipients_are_configurable() -> None:
    data = compliant(WT2023_DAY)
    assert of(check(data, WT2023_DAY), "REPORT-008") == []
    data["settings"]["core"]["REPORT-008"] = {"recipients": ["foundations"]}
    found = of(check(data, WT2023_DAY), "REPORT-008")
    assert {f.path for f in found} == {"yearly_reports[4].sent"}


def test_unknown_gives_only_information() -> None:
    bare = build(
        {
            "id": "bare",
            "name": "Bare",
            "areas": [{"code": "E09000016"}],
            "yearly_reports": [{"id": "r1"}, {"id": "r2", "published": "2024-06-30"}],
        }
    )
    for day in (WT2018_DAY, WT2023_DAY, dt.date(2026, 1, 1)):
        found = [f for f in check(bare, day) if f.rule_id in FAMILY]
        assert found
        assert {f.severity for f in found} == {Severity.INFO}, found
