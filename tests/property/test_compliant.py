"""arrangements(compliant=True) keeps its promise against every core rule in force."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from safeguarding_partnership.testing.strategies import arrangements, as_of_dates

from ._check import check, loud


@given(st.data())
def test_compliant_arrangements_give_no_error_or_warning(data: st.DataObject) -> None:
    day = data.draw(as_of_dates(), label="as_of")
    arrangement = data.draw(arrangements(as_of=day), label="arrangement")
    result = check(arrangement, day)
    assert result.failures == ()
    assert loud(result) == set(), [
        (f.rule_id, f.path, f.message) for f in result.findings if f.severity.value != "info"
    ]


@given(arrangements(regime="WT2018", areas=(2, 3)))
def test_several_areas_under_wt2018_are_compliant_on_the_default_day(arrangement) -> None:  # type: ignore[no-untyped-def]
    from safeguarding_partnership.law import Regime
    from safeguarding_partnership.testing.strategies import DEFAULT_AS_OF

    assert 2 <= len(arrangement.areas) <= 3
    assert loud(check(arrangement, DEFAULT_AS_OF[Regime.WT2018])) == set()


@given(st.data())
def test_with_not_commenced_law_they_give_no_finding_at_all(data: st.DataObject) -> None:
    """With not_commenced=True no core rule gives any finding, even with the law commenced."""
    from safeguarding_partnership.rules.engine import Selection

    day = data.draw(as_of_dates(), label="as_of")
    arrangement = data.draw(arrangements(as_of=day, not_commenced=True), label="arrangement")
    everything = Selection(include_preview=True, include_not_commenced=True)
    result = check(arrangement, day, selection=everything)
    assert result.failures == ()
    assert [(f.rule_id, f.path, f.message) for f in result.findings] == []
