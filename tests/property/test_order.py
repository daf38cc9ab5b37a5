"""The order of lists in a file never changes the findings."""

from __future__ import annotations

import datetime as dt
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from safeguarding_partnership.model import Arrangement
from safeguarding_partnership.rules.engine import CheckResult
from safeguarding_partnership.testing.strategies import arrangements, as_of_dates

from ._check import check

TOP_LEVEL = (
    "areas",
    "organisations",
    "partners",
    "relevant_agencies",
    "groups",
    "yearly_reports",
    "notifications",
    "rapid_reviews",
    "practice_reviews",
    "funding",
    "sign_offs",
)
IN_GROUPS = ("members", "meetings", "reports_to")


def _evolve(record: Any, **changes: Any) -> Any:
    given = {name: getattr(record, name) for name in record.model_fields_set}
    return type(record)(**{**given, **changes})


def _shuffled(data: st.DataObject, record: Any, fields: tuple[str, ...]) -> Any:
    changes = {}
    for field in fields:
        items = getattr(record, field)
        if items:
            changes[field] = tuple(data.draw(st.permutations(items), label=field))
    return _evolve(record, **changes)


def _key(result: CheckResult) -> set[tuple[str, str, str]]:
    return {(f.rule_id, f.severity.value, f.message) for f in result.findings}


@given(st.data())
def test_list_order_never_changes_findings(data: st.DataObject) -> None:
    day: dt.date = data.draw(as_of_dates(), label="as_of")
    arrangement: Arrangement = data.draw(arrangements(as_of=day, compliant=False))
    shuffled = _shuffled(data, arrangement, TOP_LEVEL)
    if shuffled.groups:
        groups = tuple(_shuffled(data, g, IN_GROUPS) for g in shuffled.groups)
        shuffled = _evolve(shuffled, groups=groups)
    if shuffled.partners:
        partners = tuple(_shuffled(data, p, ("areas", "delegates")) for p in shuffled.partners)
        shuffled = _evolve(shuffled, partners=partners)
    assert _key(check(shuffled, day)) == _key(check(arrangement, day))
