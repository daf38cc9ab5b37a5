"""The engine brings down to information a breach about something not known to hold on the
day checked (rules/hedge.py): facts last seen earlier, a month-level end, an incomplete list."""

from __future__ import annotations

import datetime as dt

from safeguarding_partnership.findings import Severity
from safeguarding_partnership.law import Regime, Strength
from safeguarding_partnership.model import Arrangement
from safeguarding_partnership.rules import Issue, RuleContext, rule, run_rules
from safeguarding_partnership.rules.hedge import hedge


@rule(
    "LOCAL-900",
    "Warns about the first partner",
    strength=Strength.SHOULD,
    regimes=[Regime.STATUTE],
    citations=["a test"],
    provider="test",
)
def _first_partner(ctx: RuleContext):  # type: ignore[no-untyped-def]
    """Warns at the first partner and at the partners list."""
    yield Issue("about the first partner", ("partners", 0, "role"))
    yield Issue("about the list", ("partners",))


def _arrangement(**partner: object) -> Arrangement:
    return Arrangement.model_validate(
        {
            "id": "x",
            "name": "X",
            "areas": [{"code": "E09000016"}],
            "partners": [{"role": "local_authority", "organisation": "la", **partner}],
        }
    )


def _severities(arrangement: Arrangement, day: dt.date) -> dict[str, Severity]:
    result = run_rules(arrangement, [_first_partner], day)
    return {f.path: f.severity for f in result.findings}


def test_a_current_fact_is_judged() -> None:
    found = _severities(_arrangement(), dt.date(2025, 1, 1))
    assert found == {"partners[0].role": Severity.WARNING, "partners": Severity.WARNING}


def test_a_fact_last_seen_earlier_is_information_saying_so() -> None:
    arrangement = _arrangement(as_at="2019-06-01")
    result = run_rules(arrangement, [_first_partner], dt.date(2025, 1, 1))
    (first,) = [f for f in result.findings if f.path == "partners[0].role"]
    assert first.severity is Severity.INFO
    assert "last known on 2019-06-01" in first.message
    # the list itself is not stale: only the partner was seen earlier
    assert {f.path: f.severity for f in result.findings}["partners"] is Severity.WARNING
    still = _arrangement(as_at="2019-06-01", current=True)
    assert _severities(still, dt.date(2025, 1, 1))["partners[0].role"] is Severity.WARNING


def test_the_files_as_at_governs_every_record() -> None:
    arrangement = _arrangement().model_copy(update={"as_at": dt.date(2020, 1, 1)})
    assert set(_severities(arrangement, dt.date(2025, 1, 1)).values()) == {Severity.INFO}
    assert set(_severities(arrangement, dt.date(2020, 1, 1)).values()) == {Severity.WARNING}


def test_a_month_level_end_leaves_the_days_of_that_month_open() -> None:
    arrangement = _arrangement(valid_to="2022-06")
    assert _severities(arrangement, dt.date(2022, 6, 15))["partners[0].role"] is Severity.INFO
    assert _severities(arrangement, dt.date(2022, 5, 15))["partners[0].role"] is Severity.WARNING


def test_what_an_incomplete_list_lacks_is_information() -> None:
    arrangement = Arrangement.model_validate(
        {
            "id": "x",
            "name": "X",
            "areas": [{"code": "E09000016"}],
            "partners": {
                "complete": False,
                "items": [{"role": "local_authority", "organisation": "la"}],
            },
        }
    )
    assert _severities(arrangement, dt.date(2025, 1, 1))["partners"] is Severity.INFO


def test_information_is_left_alone() -> None:
    issue = Issue("x", ("partners", 0), Severity.INFO)
    stale = _arrangement(as_at="2019-01-01")
    assert hedge(issue, Severity.WARNING, stale, dt.date(2025, 1, 1)) is issue
