"""CSPR: notifications, rapid reviews and local child safeguarding practice reviews (section I)."""

from __future__ import annotations

import datetime as dt

import pytest

from safeguarding_partnership.findings import Severity
from safeguarding_partnership.rules.core import cspr
from safeguarding_partnership.rules.coverage import NOT_IMPLEMENTED
from safeguarding_partnership.workdays import add_working_days

from ._check import (
    WT2023_DAY,
    Data,
    Mutated,
    assert_alone,
    broken,
    build,
    check,
    compliant,
    of,
)

FAMILY = {r.code for r in cspr.RULES}

MUTATED = [
    Mutated("CSPR-003", WT2023_DAY, "notifications[0].notified"),
    Mutated("CSPR-004", WT2023_DAY, "rapid_reviews[0].completed"),
    Mutated("CSPR-005", WT2023_DAY, "rapid_reviews[0].sent_to_panel"),
    Mutated("CSPR-008", WT2023_DAY, "practice_reviews[0].reviewer_removed"),
    Mutated("CSPR-011", WT2023_DAY, "practice_reviews[0].sent_to_panel"),
    Mutated("CSPR-012", WT2023_DAY, "practice_reviews[0].publication_rationale"),
    Mutated("CSPR-013", WT2023_DAY, "practice_reviews[0].withdrawn"),
    Mutated("CSPR-014", WT2023_DAY, "practice_reviews[0].published"),
]
"""Where the kit's mutation for each CSPR rule makes it fire (run by test_every_family): each
adds a notification, rapid review and practice review 300 days before the as-of day and
breaks one step."""


def test_every_checkable_entry_is_a_rule_or_listed() -> None:
    assert {m.code for m in MUTATED} == FAMILY
    listed = {c for c in NOT_IMPLEMENTED if c.startswith("CSPR-")}
    assert listed == {"CSPR-001", "CSPR-002", "CSPR-006", "CSPR-007", "CSPR-009", "CSPR-010"}
    assert not listed & FAMILY


def _with_review_chain(data: Data) -> Data:
    """``data`` with incident N1 (aware on Monday 21 December 2020), its rapid review RR1 and
    the practice review P1 published on 1 July 2021, each step in time."""
    data["notifications"] = [
        {"reference": "N1", "became_aware": "2020-12-21", "notified": "2020-12-23"},
    ]
    data["rapid_reviews"] = [
        {
            "reference": "RR1",
            "notification": "N1",
            "started": "2021-01-04",
            "completed": "2021-01-14",
            "sent_to_panel": "2021-01-14",
            "decision": "local_review",
        },
    ]
    data["practice_reviews"] = [
        {
            "reference": "P1",
            "rapid_review": "RR1",
            "initiated": "2021-02-01",
            "reviewer_appointed": "2021-02-15",
            "sent_to_secretary_of_state": "2021-06-20",
            "sent_to_panel": "2021-06-20",
            "published": "2021-07-01",
            "publication": "full",
            "url": "https://example.org/p1",
        },
    ]
    return data


def test_the_review_chain_is_compliant() -> None:
    assert check(_with_review_chain(compliant()), WT2023_DAY) == []


# What the mutations do not break: unknown facts and other ways to miss a duty ----------------


def test_cspr_004_no_rapid_review_of_a_notification() -> None:
    data = _with_review_chain(compliant())
    data["rapid_reviews"] = []
    data["practice_reviews"][0]["rapid_review"] = None
    assert_alone(check(data, WT2023_DAY), "CSPR-004", "notifications[0]", Severity.WARNING)


def test_cspr_005_unknown_decision_is_information() -> None:
    data = _with_review_chain(compliant())
    data["rapid_reviews"][0]["decision"] = None
    assert_alone(check(data, WT2023_DAY), "CSPR-005", "rapid_reviews[0].decision", Severity.INFO)


def test_cspr_008_reviewer_appointed_after_publication() -> None:
    data = _with_review_chain(compliant())
    data["practice_reviews"][0]["reviewer_appointed"] = "2021-07-02"
    path = "practice_reviews[0].reviewer_appointed"
    assert_alone(check(data, WT2023_DAY), "CSPR-008", path, Severity.ERROR)


def test_cspr_011_unknown_copy_to_the_secretary_of_state_is_information() -> None:
    data = _with_review_chain(compliant())
    data["practice_reviews"][0]["sent_to_secretary_of_state"] = None
    path = "practice_reviews[0].sent_to_secretary_of_state"
    assert_alone(check(data, WT2023_DAY), "CSPR-011", path, Severity.INFO)


# Working days, deadlines and settings -------------------------------------------------------


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
    day = dt.date(2025, 6, 1)
    notified = dt.date(2024, 12, 18)
    assert add_working_days(notified, 15) == dt.date(2025, 1, 13)
    assert of(check(_rapid(notified, dt.date(2025, 1, 13)), day), "CSPR-004") == []
    late = of(check(_rapid(notified, dt.date(2025, 1, 14)), day), "CSPR-004")
    assert [(f.path, f.severity) for f in late] == [
        ("rapid_reviews[0].completed", Severity.WARNING)
    ]
    assert "RR9" in late[0].message and "15 working days" not in late[0].message


def test_rapid_review_wt2023_counts_from_the_notification_not_awareness() -> None:
    # aware long before notification: under WT2023 the clock starts at notification
    data = _rapid(dt.date(2024, 12, 18), dt.date(2025, 1, 13), aware=dt.date(2024, 11, 1))
    assert of(check(data, dt.date(2025, 6, 1)), "CSPR-004") == []


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
    found = of(check(data, dt.date(2025, 6, 1)), "CSPR-004")
    assert {f.severity for f in found} == {Severity.INFO}


def test_copies_seven_calendar_days_before() -> None:
    data = _with_review_chain(compliant())
    pr = data["practice_reviews"][0]
    pr.update(sent_to_panel="2021-06-24", sent_to_secretary_of_state="2021-06-24")
    assert of(check(data, WT2023_DAY), "CSPR-011") == []  # exactly 7 days before 1 July


def test_kept_published_exactly_a_year() -> None:
    data = _with_review_chain(compliant())
    data["practice_reviews"][0]["withdrawn"] = "2022-07-01"
    assert of(check(data, WT2023_DAY), "CSPR-013") == []
    data["practice_reviews"][0]["withdrawn"] = "2022-06-30"
    assert of(check(data, WT2023_DAY), "CSPR-013") != []
    # a withdrawal dated after the as-of day has not happened yet
    assert of(check(data, dt.date(2022, 1, 1)), "CSPR-013") == []


def test_six_months_is_configurable() -> None:
    data = broken("CSPR-014")  # commissioned 250 days before publication
    assert of(check(data, WT2023_DAY), "CSPR-014") != []
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
    data = _with_review_chain(compliant(day))
    del data[key][0][field]
    found = of(check(data, day), code)
    assert [(f.path, f.severity, f.message) for f in found] == [(path, Severity.INFO, unrecorded)]
    data[key][0][field] = "2022-06-01"
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
    for day in (dt.date(2021, 6, 1), dt.date(2025, 6, 1)):
        found = [f for f in check(bare, day) if f.rule_id in FAMILY]
        assert found
        assert {f.severity for f in found} == {Severity.INFO}, found
