"""REPORT: the yearly report (catalogue section F)."""

from __future__ import annotations

import datetime as dt

from safeguarding_partnership.findings import Severity
from safeguarding_partnership.rules.core import report as reports
from safeguarding_partnership.rules.rule import RuleStatus

from ._check import (
    WT2018_DAY,
    WT2023_DAY,
    Data,
    Mutated,
    assert_alone,
    build,
    check,
    compliant,
    item,
    of,
)

FAMILY = {r.code for r in reports.RULES}

MUTATED = [
    Mutated("REPORT-001", WT2023_DAY, "yearly_reports"),
    Mutated("REPORT-002", WT2018_DAY, "yearly_reports[0].sections"),
    Mutated("REPORT-003", WT2018_DAY, "yearly_reports[0].sections"),
    Mutated("REPORT-004", dt.date(2021, 6, 1), "yearly_reports[3].sent"),
    Mutated("REPORT-005", WT2023_DAY, "yearly_reports[10].sections"),
    Mutated("REPORT-006", WT2023_DAY, "yearly_reports[10].signed_off_by"),
    Mutated("REPORT-007", WT2023_DAY, "yearly_reports[10].scrutineer_contribution"),
    Mutated("REPORT-008", dt.date(2025, 6, 1), "yearly_reports[12].published"),
]
"""Where the kit's mutation for each REPORT rule makes it fire (run by test_every_family).

The kit publishes a report every 180 days from 1 January 2019: ``report-1`` on 2019-06-30,
``report-2`` on 2019-12-27 and so on; ``report-11`` (2024-06-03) is the first of WT2023."""


def _drop(data: Data, *report_ids: str) -> Data:
    data["yearly_reports"] = [r for r in data["yearly_reports"] if r["id"] not in report_ids]
    return data


def test_every_rule_has_a_mutation() -> None:
    assert {m.code for m in MUTATED} == FAMILY


def test_unverified_rules_are_preview() -> None:
    status = {r.code: r.status for r in reports.RULES}
    assert status["REPORT-004"] is RuleStatus.PREVIEW
    assert status["REPORT-008"] is RuleStatus.PREVIEW
    assert status["REPORT-001"] is RuleStatus.STABLE


# What the mutations do not break: other ways to miss a duty ---------------------------------


def test_report_001_the_first_report_late() -> None:
    day = dt.date(2021, 6, 1)
    data = _drop(compliant(day), "report-2")
    item(data, "yearly_reports", "report-1")["published"] = "2020-02-01"  # 13 months in
    assert_alone(check(data, day), "REPORT-001", "yearly_reports[0].published", Severity.ERROR)


def test_report_001_a_missing_year_names_the_reports() -> None:
    day = dt.date(2022, 3, 1)
    data = _drop(compliant(day), "report-4", "report-5")
    found = check(data, day)
    assert_alone(found, "REPORT-001", "yearly_reports[3].published", Severity.ERROR)
    assert [f.message for f in of(found, "REPORT-001")] == [
        "yearly report report-6 was published on 2021-12-16, more than 12 months after "
        "yearly report report-3 was published on 2020-06-24"
    ]


def test_report_001_nothing_since_the_last_report() -> None:
    day = dt.date(2021, 8, 1)
    data = _drop(compliant(day), "report-4", "report-5")
    assert_alone(check(data, day), "REPORT-001", "yearly_reports", Severity.ERROR)


def test_report_001_exactly_twelve_months_is_in_time() -> None:
    data = _drop(compliant(dt.date(2020, 1, 5)), "report-2")
    item(data, "yearly_reports", "report-1")["published"] = "2020-01-01"
    assert of(check(data, dt.date(2020, 1, 5)), "REPORT-001") == []
    item(data, "yearly_reports", "report-1")["published"] = "2020-01-02"
    assert of(check(data, dt.date(2020, 1, 5)), "REPORT-001") != []


def test_report_001_deadline_not_passed_is_no_finding() -> None:
    data = compliant(WT2018_DAY)
    data["yearly_reports"] = []
    assert of(check(data, dt.date(2020, 1, 1)), "REPORT-001") == []
    found = of(check(data, dt.date(2020, 1, 2)), "REPORT-001")
    assert [(f.path, f.severity) for f in found] == [("yearly_reports", Severity.ERROR)]


def test_report_001_a_long_report_does_not_cover_two_years() -> None:
    data = compliant(WT2018_DAY)
    data["yearly_reports"] = [
        {
            "id": "2019-21",
            "period_start": "2019-04-01",
            "period_end": "2021-03-31",
            "published": "2019-12-30",
        }
    ]
    found = of(check(data, dt.date(2021, 2, 1)), "REPORT-001")
    assert [f.path for f in found] == ["yearly_reports"]


def test_report_001_unknown_publication_day_is_information_only() -> None:
    day = dt.date(2021, 8, 1)
    data = compliant(day)
    item(data, "yearly_reports", "report-4")["published"] = None
    found = of(check(data, day), "REPORT-001")
    assert {f.severity for f in found} == {Severity.INFO}
    assert "not recorded: the day yearly report report-4 was published" in {
        f.message for f in found
    }


def test_report_001_only_records_up_to_the_as_of_day_count() -> None:
    day = dt.date(2021, 8, 1)
    data = compliant(day)
    for later in ("report-4", "report-5"):  # dated after the as-of day
        item(data, "yearly_reports", later)["published"] = "2023-01-01"
    found = of(check(data, day), "REPORT-001")
    assert [f.path for f in found] == ["yearly_reports"]
    assert "after yearly report report-3 was published on 2020-06-24" in found[0].message


def _not_sent_to(data: Data, report_id: str, to: str) -> Data:
    r = item(data, "yearly_reports", report_id)
    r["sent"] = [s for s in r["sent"] if s["to"] != to]
    return data


def test_report_004_not_sent_to_a_recipient() -> None:
    data = _not_sent_to(compliant(WT2018_DAY), "report-1", "what_works_centre")
    assert_alone(check(data, WT2018_DAY), "REPORT-004", "yearly_reports[0].sent", Severity.WARNING)


def test_report_004_parameters() -> None:
    data = _not_sent_to(compliant(WT2018_DAY), "report-1", "what_works_centre")
    data["settings"]["core"]["REPORT-004"] = {"recipients": ["panel"], "days": 7}
    assert of(check(data, WT2018_DAY), "REPORT-004") == []


def test_report_006_without_the_learning_implemented() -> None:
    data = compliant()
    r = item(data, "yearly_reports", "report-11")
    r["sections"] = [s for s in r["sections"] if s != "learning_implemented"]
    assert_alone(
        check(data, WT2023_DAY), "REPORT-006", "yearly_reports[10].sections", Severity.WARNING
    )


def test_report_008_recipients_are_configurable() -> None:
    data = compliant()
    assert of(check(data, WT2023_DAY), "REPORT-008") == []
    data = _not_sent_to(data, "report-11", "foundations")
    assert of(check(data, WT2023_DAY), "REPORT-008") == []  # no recipients by default
    data["settings"]["core"]["REPORT-008"] = {"recipients": ["foundations"]}
    found = of(check(data, WT2023_DAY), "REPORT-008")
    assert {f.path for f in found} == {"yearly_reports[10].sent"}


def test_unknown_gives_only_information() -> None:
    bare = build(
        {
            "id": "bare",
            "name": "Bare",
            "areas": [{"code": "E09000016"}],
            "yearly_reports": [{"id": "r1"}, {"id": "r2", "published": "2024-06-30"}],
        }
    )
    for day in (dt.date(2021, 6, 1), dt.date(2025, 6, 1), dt.date(2026, 1, 1)):
        found = [f for f in check(bare, day) if f.rule_id in FAMILY]
        assert found
        assert {f.severity for f in found} == {Severity.INFO}, found
