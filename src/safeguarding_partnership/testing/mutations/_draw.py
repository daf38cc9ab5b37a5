"""Strategies of broken arrangements: a compliant arrangement from the one builder, on a day
the rule is in force, with a registered mutation applied."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from hypothesis import reject
from hypothesis import strategies as st

from safeguarding_partnership.law import Regime
from safeguarding_partnership.rules.rule import Rule
from safeguarding_partnership.testing.mutations._registry import Broken, Mutation, registered
from safeguarding_partnership.testing.strategies.compliant import compliant_arrangements
from safeguarding_partnership.testing.strategies.days import first_and_last_as_of

__all__ = ["invalid_arrangements", "mutations"]

_FIRST_AS_OF, _LAST_AS_OF = first_and_last_as_of()


def _find_rule(code: str, rules: Sequence[Rule] | None) -> Rule | None:
    if rules is None:
        from safeguarding_partnership.rules.core import core_rules

        rules = core_rules()
    return next((r for r in rules if r.code == code), None)


def _windows(
    m: Mutation, rule: Rule | None, regime: Regime | str | None
) -> list[tuple[dt.date, dt.date]]:
    """The spans of days on which the mutation's rule is in force and the mutation can act."""
    editions = [Regime[regime] if isinstance(regime, str) else regime] if regime else []
    editions = editions or list(m.regimes) or [Regime.WT2018, Regime.WT2023]
    if m.regimes:
        editions = [e for e in editions if e in m.regimes]
    windows: list[tuple[dt.date, dt.date]] = []
    for edition in editions:
        first = max(d for d in (_FIRST_AS_OF, edition.start, m.from_day) if d is not None)
        last = min(d for d in (_LAST_AS_OF, edition.end) if d is not None)
        if rule is not None:
            first = max(first, rule.valid_from or first)
            last = min(last, rule.valid_to or last)
        if first <= last:
            windows.append((first, last))
    return windows


def _can_act(m: Mutation, rule: Rule | None, regime: Regime | str | None, day: dt.date) -> bool:
    """Whether the mutation breaks its rule on ``day``."""
    in_window = any(first <= day <= last for first, last in _windows(m, rule, regime))
    return in_window and (rule is None or rule.in_force(day, day))


def _days(
    m: Mutation, rule: Rule | None, regime: Regime | str | None
) -> st.SearchStrategy[dt.date]:
    """Days on which the mutation's rule is in force and the mutation can act."""
    windows = _windows(m, rule, regime)
    if not windows:
        raise ValueError(f"no day on which {m.code} is in force and its mutation can act")
    days = st.sampled_from(windows).flatmap(lambda w: st.dates(*w))
    if rule is not None:
        days = days.filter(lambda d: rule.in_force(d, d))
    return days


@st.composite
def _broken(
    draw: st.DrawFn,
    m: Mutation,
    rule: Rule | None,
    regime: Regime | str | None,
    as_of: dt.date | None,
    areas: int | tuple[int, int],
    not_commenced: bool,
) -> Broken:
    day = as_of if as_of is not None else draw(_days(m, rule, regime))
    base = draw(compliant_arrangements(as_of=day, areas=areas, not_commenced=not_commenced))
    broken = m.function(base, day)
    if broken is None:
        reject()
    return Broken(broken, m.code, day, m.also)


def invalid_arrangements(
    rule: str,
    *,
    regime: Regime | str | None = None,
    as_of: dt.date | None = None,
    areas: int | tuple[int, int] = (1, 3),
    rules: Sequence[Rule] | None = None,
    not_commenced: bool = False,
) -> st.SearchStrategy[Broken]:
    """Compliant arrangements with the duty of ``rule`` broken: :class:`Broken` tuples of
    ``(arrangement, rule, as_of, also)``.

    ``as_of`` is drawn from the days on which the rule is in force (looked up in ``rules``,
    by default the core rules). ``not_commenced`` is as for :func:`arrangements`: with it the
    arrangement broken meets the duties of law not yet commenced too. Shrinks as
    :func:`arrangements` does.
    """
    try:
        m = registered()[rule]
    except KeyError:
        raise ValueError(f"no mutation is registered for {rule}") from None
    found = _find_rule(rule, rules)
    if as_of is not None and not _can_act(m, found, regime, as_of):
        raise ValueError(
            f"the mutation for {rule} cannot break it as of {as_of}: the rule is not in force "
            "then, or the mutation needs a later day"
        )
    return _broken(m, found, regime, as_of, areas, not_commenced)


def mutations(
    *,
    rules: Sequence[str] | None = None,
    regime: Regime | str | None = None,
    as_of: dt.date | None = None,
    areas: int | tuple[int, int] = (1, 3),
    not_commenced: bool = False,
) -> st.SearchStrategy[Broken]:
    """Any registered mutation (or those for ``rules``) applied to a compliant arrangement.

    With ``as_of``, only the mutations that can break their rule on that day are drawn.

    Shrinks towards the mutation with the lowest rule code.
    """
    known = registered()
    codes = sorted(rules) if rules is not None else sorted(known)
    if as_of is not None:
        codes = [
            c
            for c in codes
            if c not in known or _can_act(known[c], _find_rule(c, None), regime, as_of)
        ]
    if not codes:
        raise ValueError("no mutations are registered" + (f" that act on {as_of}" if as_of else ""))
    return st.sampled_from(codes).flatmap(
        lambda code: invalid_arrangements(
            code, regime=regime, as_of=as_of, areas=areas, not_commenced=not_commenced
        )
    )
