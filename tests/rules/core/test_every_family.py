"""What every family of core rules keeps.

Each family's test module lists, in ``MUTATED``, where the testing kit's mutation for each of
its rules makes the rule fire on the kit's compliant arrangement (see ``_check``); its own
tests cover what is particular to it. These tests run every entry of every family, and draw
arrangements and broken ones from the kit's strategies for the properties every family keeps.
"""

from __future__ import annotations

import datetime as dt
import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from safeguarding_partnership.io.dump import to_data
from safeguarding_partnership.testing.mutations import Broken, invalid_arrangements, registered
from safeguarding_partnership.testing.strategies import arrangements, as_of_dates

from . import (
    test_cdr,
    test_cspr,
    test_edu,
    test_fund,
    test_later,
    test_lead,
    test_partners,
    test_pub,
    test_ra,
    test_report,
    test_scrut,
    test_struct,
)
from ._check import (
    ALL,
    PROPERTY,
    Case,
    Mutated,
    any_day,
    broken,
    check,
    compliant,
    fingerprint,
    footprints,
    in_force_on,
    of,
    shuffled,
)

MODULES = (
    test_partners,
    test_ra,
    test_lead,
    test_scrut,
    test_fund,
    test_edu,
    test_pub,
    test_report,
    test_cspr,
    test_cdr,
    test_struct,
    test_later,
)
FAMILIES: dict[str, list[Mutated]] = {
    module.__name__.rsplit(".test_", 1)[1]: module.MUTATED for module in MODULES
}
"""Each family by its module name in ``rules/core``, with its mutated rules."""
PREFIXES = {name: mutated[0].code.split("-")[0] + "-" for name, mutated in FAMILIES.items()}

family_names = pytest.mark.parametrize("name", list(FAMILIES))
DRAWN = settings(PROPERTY, max_examples=20)
"""For the properties drawn from the kit's strategies: twelve families at 20 examples each
run more examples in all than the six families at 30 these tests had before."""
every_mutated = pytest.mark.parametrize(
    "m",
    [pytest.param(m, id=f"{name}-{m.id}") for name, mutated in FAMILIES.items() for m in mutated],
)


def test_every_mutation_of_the_kit_is_listed_once() -> None:
    listed = [m.code for mutated in FAMILIES.values() for m in mutated]
    core = {r.code for r in ALL}
    assert sorted(listed) == sorted(set(listed))
    assert set(listed) == {code for code in registered() if code in core}


@every_mutated
def test_passes(m: Mutated) -> None:
    """The compliant arrangement gives no finding of the rule on its day."""
    assert of(check(compliant(m.day), m.day, rules=ALL), m.code) == []


@every_mutated
def test_fails(m: Mutated) -> None:
    """The kit's mutation gives the rule, at its path and with its severity, and no rule but
    those the mutation says may fire with it."""
    found = check(broken(m.code, m.day), m.day, rules=ALL)
    rule = next(r for r in ALL if r.code == m.code)
    mine = of(found, m.code)
    assert (m.path, m.severity or rule.severity) in {(f.path, f.severity) for f in mine}, mine
    assert {f.rule_id for f in found} <= {m.code} | registered()[m.code].also, found


@family_names
@DRAWN
@given(data=st.data())
def test_compliant_gives_nothing_on_any_day(name: str, data: st.DataObject) -> None:
    day = data.draw(as_of_dates(), label="as_of")
    arrangement = data.draw(arrangements(as_of=day, not_commenced=True), label="arrangement")
    found = check(arrangement, day, rules=ALL)
    assert [f for f in found if f.rule_id.startswith(PREFIXES[name])] == []


def _broken(name: str, data: st.DataObject) -> Broken:
    code = data.draw(st.sampled_from([m.code for m in FAMILIES[name]]), label="rule")
    return data.draw(invalid_arrangements(code, not_commenced=True), label="broken")


@family_names
@DRAWN
@given(data=st.data(), rnd=st.randoms(use_true_random=False))
def test_breaking_one_duty_gives_that_rule_whatever_the_order(
    name: str, data: st.DataObject, rnd: random.Random
) -> None:
    b = _broken(name, data)
    found = check(b.arrangement, b.as_of, rules=ALL)
    fired = {f.rule_id for f in found}
    assert b.rule in fired
    assert fired <= {b.rule} | b.also, found
    again = check(shuffled(to_data(b.arrangement), rnd), b.as_of, rules=ALL)
    assert fingerprint(again) == fingerprint(found)


@family_names
@DRAWN
@given(data=st.data(), day=any_day)
def test_a_rule_not_in_force_never_fires(name: str, data: st.DataObject, day: dt.date) -> None:
    b = _broken(name, data)
    assert {f.rule_id for f in check(b.arrangement, day, rules=ALL)} <= in_force_on(day, ALL)


@family_names
@PROPERTY
@given(case=footprints())
def test_a_compliant_footprint_gives_nothing(name: str, case: Case) -> None:
    day, codes = case
    found = check(compliant(day, codes), day, rules=ALL)
    assert [f for f in found if f.rule_id.startswith(PREFIXES[name])] == []
