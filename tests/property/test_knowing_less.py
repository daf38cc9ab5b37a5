"""Knowing less never makes the checker say more.

Blurring facts of an arrangement (a known value left unknown, an exact date known only to its
month or year, a complete list marked incomplete, a current fact recorded as seen on an
earlier day; see ``_blur.py``) may add information findings, never an error or warning the
sharper file did not have. Checked for every core rule (preview and not-commenced rules
included), on compliant arrangements and on arrangements with one duty broken.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Sequence
from typing import Any

import attrs
import pytest
from hypothesis import Phase, assume, given, settings
from hypothesis import strategies as st

from safeguarding_partnership.law import Regime, Strength
from safeguarding_partnership.model import Arrangement
from safeguarding_partnership.rules import Issue, Rule, RuleContext, rule
from safeguarding_partnership.rules.core import core_rules
from safeguarding_partnership.rules.engine import CheckResult, Selection, run_rules
from safeguarding_partnership.testing.mutations import mutations
from safeguarding_partnership.testing.strategies import arrangements, as_of_dates

from ._blur import apply, blurs

EVERYTHING = Selection(include_preview=True, include_not_commenced=True)

Loud = set[tuple[str, str, str]]


def loud(result: CheckResult) -> Loud:
    """The error and warning findings, by rule, severity and path (information ignored)."""
    return {
        (f.rule_id, f.severity.value, f.path)
        for f in result.findings
        if f.severity.value in ("error", "warning")
    }


def _check(arrangement: Arrangement, as_of: dt.date, rules: Sequence[Rule]) -> CheckResult:
    result = run_rules(
        arrangement, rules, as_of, selection=EVERYTHING, settings=arrangement.settings
    )
    assert result.failures == (), result.failures
    return result


@attrs.frozen(repr=False)
class Case:
    """A sharp arrangement, a blurred copy, and the day to check both (a short repr)."""

    sharp: Arrangement
    blurred: Arrangement
    day: dt.date
    made: tuple[str, ...]

    def __repr__(self) -> str:
        return f"Case({self.sharp.id!r}, as of {self.day}, blurs: {'; '.join(self.made)})"

    def _repr_pretty_(self, printer: Any, cycle: bool) -> None:
        printer.text(repr(self))


@st.composite
def sharp_and_blurred(draw: st.DrawFn) -> Case:
    """An arrangement (compliant, or with one duty broken), the day, and a blurred copy."""
    if draw(st.booleans(), label="broken"):
        broken = draw(mutations())
        sharp, day = broken.arrangement, broken.as_of
    else:
        day = draw(as_of_dates(), label="as_of")
        sharp = draw(arrangements(as_of=day), label="arrangement")
    blurred = sharp
    made: list[str] = []
    for _ in range(draw(st.integers(1, 3), label="how many blurs")):
        options = blurs(blurred)
        if not options:
            break
        choice = draw(st.sampled_from(options), label="blur")
        back = draw(st.integers(1, 2000), label="days before as_of")
        result = apply(blurred, choice, day, back)
        assume(result is not None)
        assert result is not None
        blurred = result
        made.append(f"{choice[0]} {'.'.join(map(str, choice[1]))}")
    return Case(sharp, blurred, day, tuple(made))


def knowing_less_says_no_more(
    sharp: Arrangement, blurred: Arrangement, day: dt.date, rules: Sequence[Rule]
) -> Loud:
    """The errors and warnings the blurred file has and the sharp one has not."""
    return loud(_check(blurred, day, rules)) - loud(_check(sharp, day, rules))


@given(sharp_and_blurred())
def test_blurring_a_fact_never_adds_an_error_or_warning(case: Case) -> None:
    added = knowing_less_says_no_more(case.sharp, case.blurred, case.day, core_rules())
    assert added == set(), sorted(added)


_SOME_CONTENTS = ("needs_identification_and_response", "serious_case_review", "partners")


@rule(
    "PLANT-001",
    "A planted rule that warns on an unknown",
    strength=Strength.SHOULD,
    regimes=[Regime.STATUTE],
    citations=["a test"],
    provider="test",
)
def _warns_on_unknown(ctx: RuleContext) -> Iterator[Issue]:
    """Breaks the principle on purpose: warns when a partner's lead or a content is unknown."""
    arr = ctx.arrangement
    for i, partner in enumerate(arr.partners or ()):
        if partner.lead is None:
            yield Issue("the lead is unknown", ("partners", i))
    contents = arr.contents
    if contents is None or any(getattr(contents, f) is None for f in _SOME_CONTENTS):
        yield Issue("a content is unknown", ("name",))


def test_a_planted_violation_is_caught() -> None:
    @settings(max_examples=300, database=None, phases=[Phase.generate])  # no need to shrink
    @given(sharp_and_blurred())
    def run(case: Case) -> None:
        rules = (_warns_on_unknown,)
        assert not knowing_less_says_no_more(case.sharp, case.blurred, case.day, rules)

    with pytest.raises(AssertionError):
        run()
