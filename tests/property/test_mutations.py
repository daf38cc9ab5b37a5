"""Every mutation triggers its rule, and only the rules it says it may."""

from __future__ import annotations

import pytest
from hypothesis import given

from safeguarding_partnership.rules.core import (
    core_rules,
)
from safeguarding_partnership.testing.mutations import (
    UNBROKEN,
    Broken,
    invalid_arrangements,
    registered,
)

from ._check import EVERYTHING, check, loud


@pytest.mark.parametrize("code", sorted(registered()))
def test_mutation_triggers_its_rule_and_no_other(code: str) -> None:
    @given(invalid_arrangements(code))
    def run(broken: Broken) -> None:
        # not-commenced law runs as if commenced, so its mutations (LATER-*) are seen too
        found = loud(check(broken.arrangement, broken.as_of, selection=EVERYTHING))
        assert code in found
        assert found <= {code} | broken.also, sorted(found - {code} - broken.also)

    run()


def test_every_core_rule_has_a_mutation_or_a_reason() -> None:
    codes = {r.code for r in core_rules()}
    missing = sorted(codes - set(registered()) - set(UNBROKEN))
    assert missing == [], f"rules with neither a mutation nor a reason in UNBROKEN: {missing}"


def test_no_reason_is_given_for_a_rule_that_has_a_mutation() -> None:
    assert set(UNBROKEN) & set(registered()) == set()
