"""CSPR: notifications, rapid reviews and local child safeguarding practice reviews (section I)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest

from safeguarding_partnership.findings import Severity
from safeguarding_partnership.rules.core import (
    cspr as practice_reviews,
)
from safeguarding_partnership.rules.coverage import NOT_IMPLEMENTED
from safeguarding_partnership.workdays import add_working_days

from ._build_publication import (
    WT2023_DAY,
    Breaker,
    Data,
    build,
    check,
    compliant,
    of,
)

FAMILY = {r.code for r in practice_reviews.RULES}


def _edit(key: str, **values: object) -> Callable[[Data], None]:
    def change(data: Data) -> None:
        data[key][0].update(values)

    return change


def _no_rapid_reviews(data: Data) -> None:
    data["rapid_reviews"] = []
    data["practice_reviews"][0]["rapid_review"] = None


BREAKERS = [
    # aware Monday 21 Dec 2020; 25 Dec and the substitute 28 Dec are bank holidays
    Breaker(
        "CSPR-003",
        _edit("notifications", notified=dt.date(2020, 12, 31)),
        "notifications[0].notified",
    ),
    Breaker(
        "CSPR-004",
        _edit("rapid_reviews", completed=dt.date(2021, 1, 20), sent_to_panel=dt.date(2021, 1, 20)),
        "rapid_reviews[0].completed",
    ),
    Breaker("CSPR-004", _no_rapid_reviews, "notifications[0]"),
    Breaker(
        "CSPR-005",
        _edit("rapid_reviews", sent_to_panel=dt.date(2021, 1, 10)),
        "rapid_reviews[0].sent_to_panel",
    ),
    Breaker(
        "CSPR-005",
        _edit("rapid_reviews", decision=None),
        "rapid_reviews[0].decision",
        severity=Severity.INFO,
    ),
    Breaker(
        "CSPR-008",
        _edit("practice_reviews", reviewer_removed=dt.date(2021, 8, 1)),
        "practice_reviews[0].reviewer_removed",
    ),
    Breaker(
        "CSPR-008",
        _edit("practice_reviews", reviewer_appointed=dt.date(2021, 7, 2)),
        "practice_reviews[0].reviewer_appointed",
    ),
    Breaker(
        "CSPR-011",
        _edit("practice_reviews", sent_to_panel=dt.date(2021, 6, 25)),
        "practice_reviews[0].sent_to_panel",
    ),
    Breaker(
        "CSPR-011",
        _edit("practice_reviews", sent_to_secretary_of_state=None),
        "practice_reviews[0].sent_to_secretary_of_state",
        severity=Severity.INFO,
    ),
    Breaker(
        "CSPR-012",
        _edit("practice_reviews", publication="improvements_only", publication_rationale=""),
        "practice_reviews[0].publication_rationale",
    ),
    Breaker(
        "CSPR-013",
        _edit("practice_reviews", withdrawn=dt.date(2022, 3, 1)),
        "practice_reviews[0].withdrawn",
    ),
    Breaker(
        "CSPR-014",
        _edit("practice_reviews", initiated=dt.date(2020, 12, 1)),
        "practice_reviews[0].published",
    ),
]


def test_every_checkable_entry_is_a_rule_or_listed() -> None:
    assert {b.code for b in BREAKERS} == FAMILY
    listed = {c for c in NOT_IMPLEMENTED if c.startswith("CSPR-")}
    assert listed == {"CSPR-001", "CSPR-002", "CSPR-006", "CSPR-007", "CSPR-009", "CSPR-010"}
    assert not listed & FAMILY


def _notification(aware: dt.date, notified: dt.date | None) -> Data:
    return {
        "id": "t",
        "name": "T",
        "areas": [{"code": "E09000016"}],
        "notifications": [{"reference": "N9", "became_aware": aware, "notified": notified}],
        "rapid_reviews": [],
    }


@pytest.mark.parametrize(
    ("aware", "last_in_time"),
    [
        # Friday 20 Dec 2024: 23, 24, 27, 30, 31 Dec (25, 26 Dec are bank holidays)
        (dt.date(2024, 12, 20), dt.date(2024, 12, 31)),
        # Monday 23 Dec 2024: 24, 27, 30, 31 Dec, 2 Jan (1 Jan is a bank holiday)
        (dt.date(2024, 12, 23), dt.date(2025, 1, 2)),
        # Thursday 24 Dec 2020: 25 Dec, 28 Dec (substitute) and 1 Jan are bank holidays
        (dt.date(2020, 12, 24), dt.date(2021, 1, 5)),
        # Friday 24 Dec 2021: 27 and 28 Dec are substitute bank holidays, 3 Jan 2022 too
        (dt.date(2021, 12, 24), dt.date(2022, 1, 5)),
    ],
)
def test_notification_working_days_over_christmas(aware: dt.date, last_in_time: dt.date) -> None:
    assert add_working_days(aware, 5) == last_in_time
    day = dt.date(2025, 6, 1)
    on_time = check(_notification(aware, last_in_time), day)
    assert of(on_time, "CSPR-003") == []
    next_working_day = add_working_days(last_in_time, 1)
    late = of(check(_notification(aware, next_working_day), day), "CSPR-003")
    assert [(f.path, f.severity) for f in late] == [("notifications[0].notified", Severity.WARNING)]
    assert "N9" in late[0].message


def test_notifying_on_a_bank_holiday_uses_no_working_day() -> None:
    # 5th working day after Friday 20 Dec 2024 is Tuesday 31 Dec; 1 Jan 2025 is a holiday
    data = _notification(dt.date(2024, 12, 20), dt.date(2025, 1, 1))
    assert of(check(data, dt.date(2025, 6, 1)), "CSPR-003") == []


def test_notification_deadline_not_passed_is_no_finding() -> None:
    data = _notification(dt.date(2024, 12, 20), dt.date(2025, 3, 1))  # notified after as-of
    assert of(check(data, dt.date(2024, 12, 31)), "CSPR-003") == []
    late = of(check(data, dt.date(2025, 1, 2)), "CSPR-003")
    assert [f.severity for f in late] == [Severity.WARNING]
    assert "was not notified to the Panel by 2024-12-31" in late[0].message


def test_notification_unknown_is_information() -> None:
    data = _notification(dt.date(2024, 12, 20), None)
    found = of(check(data, dt.date(2025, 2, 1)), "CSPR-003")
    assert [f.severity for f in found] == [Severity.INFO]


def _rapid(notified: dt.date, completed: dt.date, aware: dt.date | None = None) -> Data:
    data = _notification(aware or notified, notified)
    data["rapid_reviews"] = [
        {
            "reference": "RR9",
            "notification": "N9",
            "completed": completed,
            "sent_to_panel": completed,
            "decision": "no_local_review",
        }
    ]
    return data


def test_rapid_review_working_days_over_christmas_wt2023() -> None:
    notified = dt.date(2024, 12, 18)
    assert add_working_days(notified, 15) == dt.date(2025, 1, 13)
    assert of(check(_rapid(notified, dt.date(2025, 1, 13)), WT2023_DAY), "CSPR-004") == []
    late = of(check(_rapid(notified, dt.date(2025, 1, 14)), WT2023_DAY), "CSPR-004")
    assert [(f.path, f.severity) for f in late] == [
        ("rapid_reviews[0].completed", Severity.WARNING)
    ]
    assert "RR9" in late[0].message and "15 working days" not in late[0].message


def test_rapid_review_wt2023_counts_from_the_notification_not_awareness() -> None:
    # aware long before notification: under WT2023 the clock starts at notification
    data = _rapid(dt.date(2024, 12, 18), dt.date(2025, 1, 13), aware=dt.date(2024, 11, 1))
    assert of(check(data, WT2023_DAY), "CSPR-004") == []


def test_rapid_review_wt2018_falls_back_to_awareness() -> None:
    data = _rapid(dt.date(2020, 12, 21), dt.date(2021, 2, 1))
    data["notifications"][0]["notified"] = None
    data["notifications"][0]["became_aware"] = dt.date(2020, 12, 21)
    found = of(check(data, dt.date(2021, 6, 1)), "CSPR-004")
    assert [f.severity for f in found] == [Severity.WARNING]
    assert "after the awareness on 2020-12-21" in found[0].message
    # WT2023: without a notification day nothing can be counted, so only "not recorded"
    data["notifications"][0]["became_aware"] = dt.date(2024, 12, 16)
    data["rapid_reviews"][0]["completed"] = dt.date(2025, 2, 1)
    found = of(check(data, WT2023_DAY), "CSPR-004")
    assert {f.severity for f in found} == {Severity.INFO}


def test_copies_seven_calendar_days_before() -> None:
    data = compliant(WT2023_DAY)
    pr = data["practice_reviews"][0]
    pr.update(sent_to_panel=dt.date(2021, 6, 24), sent_to_secretary_of_state=dt.date(2021, 6, 24))
    assert of(check(data, WT2023_DAY), "CSPR-011") == []  # exactly 7 days before 1 July


def test_kept_published_exactly_a_year() -> None:
    data = compliant(WT2023_DAY)
    data["practice_reviews"][0]["withdrawn"] = dt.date(2022, 7, 1)
    assert of(check(data, WT2023_DAY), "CSPR-013") == []
    data["practice_reviews"][0]["withdrawn"] = dt.date(2022, 6, 30)
    assert of(check(data, WT2023_DAY), "CSPR-013") != []
    # a withdrawal dated after the as-of day has not happened yet
    assert of(check(data, dt.date(2022, 1, 1)), "CSPR-013") == []


def test_six_months_is_configurable() -> None:
    data = BREAKERS[-1].broken()
    data["settings"]["core"]["CSPR-014"] = {"months": 9}
    assert of(check(data, WT2023_DAY), "CSPR-014") == []


_RR_DUE = add_working_days(dt.date(2020, 12, 23), 15)
_OVERDUE = [
    (
        "CSPR-003",
        "notifications",
        "notified",
        "notifications[0].notified",
        "not recorded: when incident N1 was notified to the Panel (due by 2020-12-30)",
        "incident N1 was not notified to the Panel by 2020-12-30, 5 working days after the "
        "local authority became aware on 2020-12-21",
    ),
    (
        "CSPR-004",
        "rapid_reviews",
        "completed",
        "rapid_reviews[0].completed",
        f"not recorded: when rapid review RR1 was completed (due by {_RR_DUE})",
        f"rapid review RR1 was not completed by {_RR_DUE}, 15 working days after the "
        "notification on 2020-12-23",
    ),
    (
        "CSPR-014",
        "practice_reviews",
        "published",
        "practice_reviews[0].published",
        "not recorded: whether practice review P1, commissioned on 2021-02-01, was published "
        "(due by 2021-08-01)",
        "practice review P1 was not published by 2021-08-01, 6 months after it was "
        "commissioned on 2021-02-01",
    ),
]


@pytest.mark.parametrize(
    ("code", "key", "field", "path", "unrecorded", "missed"), _OVERDUE, ids=[o[0] for o in _OVERDUE]
)
def test_overdue_step_is_unrecorded_or_missed(
    code: str, key: str, field: str, path: str, unrecorded: str, missed: str
) -> None:
    """Past its deadline, a step with no day is information; one dated after as-of is missed."""
    day = dt.date(2022, 1, 1)
    data = compliant(day)
    del data[key][0][field]
    found = of(check(data, day), code)
    assert [(f.path, f.severity, f.message) for f in found] == [(path, Severity.INFO, unrecorded)]
    data[key][0][field] = dt.date(2022, 6, 1)
    found = of(check(data, day), code)
    assert [(f.path, f.severity, f.message) for f in found] == [(path, Severity.WARNING, missed)]
    assert of(check(data, dt.date(2020, 12, 22)), code) == []


def test_unknown_gives_only_information() -> None:
    bare = build(
        {
            "id": "bare",
            "name": "Bare",
            "areas": [{"code": "E09000016"}],
            "notifications": [
                {"reference": "N1"},
                {"reference": "N2", "became_aware": "2024-01-08"},
            ],
            "rapid_reviews": [
                {"reference": "R1"},
                {"reference": "R2", "notification": "N2", "completed": "2024-02-01"},
            ],
            "practice_reviews": [
                {"reference": "P1"},
                {"reference": "P2", "published": "2024-06-01", "publication": "improvements_only"},
            ],
        }
    )
    for day in (dt.date(2021, 6, 1), WT2023_DAY):
        found = [f for f in check(bare, day) if f.rule_id in FAMILY]
        assert found
        assert {f.severity for f in found} == {Severity.INFO}, found
