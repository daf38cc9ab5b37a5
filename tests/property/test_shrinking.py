"""A bug planted in a throwaway rule shrinks to a small counterexample."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from hypothesis import HealthCheck, find, settings

from safeguarding_partnership.law import Regime, Strength
from safeguarding_partnership.model import Arrangement
from safeguarding_partnership.rules.engine import run_rules
from safeguarding_partnership.rules.rule import Issue, RuleContext, rule
from safeguarding_partnership.testing.strategies import arrangements

DAY = dt.date(2020, 3, 1)
"""Early, so that each example is small and shrinking is quick."""
FIND = settings(
    max_examples=2_000,
    database=None,
    deadline=None,
    derandomize=True,
    suppress_health_check=list(HealthCheck),
)


@rule(
    "LOCAL-001",
    "A planted bug: fires when the footprint has two or more areas",
    strength=Strength.MUST,
    regimes=[Regime.STATUTE],
    citations=["none: a test"],
    provider="test",
)
def two_areas(ctx: RuleContext) -> Iterator[Issue]:
    if len(ctx.arrangement.areas) >= 2:
        yield Issue("two or more areas", ("areas",))


@rule(
    "LOCAL-002",
    "A planted bug: fires on any group whose name starts with N",
    strength=Strength.MUST,
    regimes=[Regime.STATUTE],
    citations=["none: a test"],
    provider="test",
)
def group_named_n(ctx: RuleContext) -> Iterator[Issue]:
    for i, group in enumerate(ctx.arrangement.groups or ()):
        if group.name.startswith("N"):
            yield Issue(f"group {group.id} starts with N", ("groups", i, "name"))


def _fires(code: str, arrangement: Arrangement) -> bool:
    rules = [r for r in (two_areas, group_named_n) if r.code == code]
    return bool(run_rules(arrangement, rules, DAY).findings)


def test_two_area_bug_shrinks_to_two_areas_and_nothing_else() -> None:
    smallest = find(arrangements(as_of=DAY), lambda a: _fires("LOCAL-001", a), settings=FIND)
    assert len(smallest.areas) == 2
    # Only the partnership meeting and the child death overview panel: no thematic groups.
    assert len(smallest.groups or ()) == 2
    assert not smallest.notifications
    assert len(smallest.relevant_agencies or ()) == 1


def test_letter_bug_shrinks_to_one_area_and_the_one_group_it_needs() -> None:
    smallest = find(arrangements(as_of=DAY), lambda a: _fires("LOCAL-002", a), settings=FIND)
    names = [g.name for g in smallest.groups or ()]
    assert len(smallest.areas) == 1
    # The partnership meeting, the N group and the panel: nothing else.
    assert len(names) == 3
    assert sum(name.startswith("N") for name in names) == 1
    assert not smallest.notifications
