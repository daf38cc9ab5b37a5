"""Rules out of force on the as-of day never run and never give findings."""

from __future__ import annotations

import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

from safeguarding_partnership.rules.core import (
    core_rules,
)
from safeguarding_partnership.rules.engine import Selection
from safeguarding_partnership.rules.rule import RuleStatus
from safeguarding_partnership.testing.strategies import arrangements, as_of_dates

from ._check import check

ANY_DAY = st.dates(dt.date(2012, 1, 1), dt.date(2032, 12, 31))


@given(st.data())
def test_rules_out_of_force_never_fire(data: st.DataObject) -> None:
    made = data.draw(as_of_dates(), label="made_for")
    arrangement = data.draw(arrangements(as_of=made, compliant=False), label="arrangement")
    day = data.draw(ANY_DAY, label="checked_as_of")
    in_force = {r.code for r in core_rules() if r.in_force(day)}
    result = check(arrangement, day)
    assert {r.code for r in result.rules_run} <= in_force
    assert {f.rule_id for f in result.findings} <= in_force


@given(st.data())
def test_not_commenced_law_fires_only_from_its_commencement(data: st.DataObject) -> None:
    made = data.draw(as_of_dates(), label="made_for")
    arrangement = data.draw(arrangements(as_of=made, compliant=False), label="arrangement")
    day = data.draw(ANY_DAY, label="checked_as_of")
    commenced = data.draw(ANY_DAY, label="commencement")
    later = [r for r in core_rules() if r.status is RuleStatus.NOT_COMMENCED]
    selection = Selection(include_preview=True, commencement={r.code: commenced for r in later})
    result = check(arrangement, day, selection=selection)
    fired = {f.rule_id for f in result.findings}
    for r in later:
        if not r.in_force(day, commenced):
            assert r.code not in fired
    assert all(r.in_force(day, commenced) for r in result.rules_run if r in later)
