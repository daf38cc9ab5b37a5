"""What every family of rules keeps.

A breaker (``_build_publication.Breaker``) breaks one element of the compliant arrangement
and names the rule, and the path, that should then fire. Each family's module lists its
breakers and tests what is its own; these tests run every breaker of every family. The
families built with ``_build_partnership`` are drawn over generated footprints instead.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Collection, Sequence

import pytest
from hypothesis import given
from hypothesis import strategies as st

from . import (
    _build_partnership,
    test_child_death,
    test_later,
    test_practice_reviews,
    test_publication,
    test_reports,
    test_structure,
)
from ._build_publication import (
    PROPERTY,
    RULES,
    Breaker,
    any_day,
    check,
    compliant,
    days,
    fingerprint,
    in_force_on,
    of,
)
from ._shuffle import shuffled

FAMILIES: dict[str, tuple[Collection[str], Sequence[Breaker]]] = {
    module.__name__.rsplit(".test_", 1)[1]: (module.FAMILY, module.BREAKERS)
    for module in (
        test_publication,
        test_reports,
        test_practice_reviews,
        test_child_death,
        test_structure,
        test_later,
    )
}
family_names = pytest.mark.parametrize("name", list(FAMILIES))
every_breaker = pytest.mark.parametrize(
    "b",
    [
        pytest.param(b, id=f"{name}-{b.code}-{b.path}")
        for name, (_, breakers) in FAMILIES.items()
        for b in breakers
    ],
)


@every_breaker
def test_passes(b: Breaker) -> None:
    """The compliant arrangement gives no finding of the breaker's rule on its day."""
    assert of(check(compliant(b.day), b.day), b.code) == []


@every_breaker
def test_fails(b: Breaker) -> None:
    """The broken arrangement gives the breaker's rule, at its path, and no other rule."""
    found = check(b.broken(), b.day)
    rule = next(r for r in RULES if r.code == b.code)
    mine = of(found, b.code)
    assert (b.path, b.severity or rule.severity) in {(f.path, f.severity) for f in mine}, mine
    assert {f.rule_id for f in found} == {b.code}, found


@family_names
@PROPERTY
@given(day=days)
def test_compliant_gives_nothing_on_any_day(name: str, day: dt.date) -> None:
    family, _ = FAMILIES[name]
    assert [f for f in check(compliant(day), day) if f.rule_id in family] == []


@family_names
@PROPERTY
@given(data=st.data(), rnd=st.randoms(use_true_random=False))
def test_breaking_one_element_gives_that_rule_whatever_the_order(
    name: str, data: st.DataObject, rnd: random.Random
) -> None:
    b = data.draw(st.sampled_from(FAMILIES[name][1]), label="breaker")
    broken = b.broken()
    found = check(broken, b.day)
    assert {f.rule_id for f in found} == {b.code}
    assert fingerprint(check(shuffled(broken, rnd), b.day)) == fingerprint(found)


@family_names
@PROPERTY
@given(data=st.data(), day=any_day)
def test_a_rule_not_in_force_never_fires(name: str, data: st.DataObject, day: dt.date) -> None:
    b = data.draw(st.sampled_from(FAMILIES[name][1]), label="breaker")
    assert {f.rule_id for f in check(b.broken(), day)} <= in_force_on(day)


@pytest.mark.parametrize("prefix", ["PARTNERS-", "RA-", "LEAD-", "SCRUT-", "FUND-", "EDU-"])
@_build_partnership.PROPERTY
@given(case=_build_partnership.footprints())
def test_a_compliant_footprint_has_no_error_or_warning(
    prefix: str, case: _build_partnership.Case
) -> None:
    day, codes = case
    found = _build_partnership.serious(_build_partnership.compliant(codes, day), day)
    assert _build_partnership.family(found, prefix) == []
