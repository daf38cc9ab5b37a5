"""The mutation registry: how to break the duty of one rule, recorded by rule code."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from typing import NamedTuple, overload

import attrs

from safeguarding_partnership.law import Regime
from safeguarding_partnership.model import Arrangement

__all__ = ["Broken", "Mutation", "MutationFunction", "mutation", "registered"]

MutationFunction = Callable[[Arrangement, dt.date], Arrangement | None]
"""Breaks one duty of a compliant arrangement as of a day, or returns ``None``."""


@attrs.frozen
class Mutation:
    """How to break the duty checked by rule ``code``.

    ``regimes`` limits the editions of Working Together in which the mutation is drawn (by
    default any in which the rule is in force); ``also`` names rules that may fire with it.
    """

    code: str
    function: MutationFunction = attrs.field(eq=False, repr=False)
    regimes: tuple[Regime, ...] = ()
    also: frozenset[str] = frozenset()
    provider: str = "core"
    from_day: dt.date | None = None
    """The first day on which the mutation can break anything, if it needs time to pass."""


class Broken(NamedTuple):
    """An arrangement with one duty broken: check it as of ``as_of`` and expect ``rule``."""

    arrangement: Arrangement
    rule: str
    as_of: dt.date
    also: frozenset[str] = frozenset()


_REGISTRY: dict[str, Mutation] = {}


@overload
def mutation(
    code: str,
    function: MutationFunction,
    *,
    regimes: Iterable[Regime | str] = (),
    also: Iterable[str] = (),
    provider: str = "core",
    replace: bool = False,
    from_day: dt.date | None = None,
) -> MutationFunction: ...


@overload
def mutation(
    code: str,
    function: None = None,
    *,
    regimes: Iterable[Regime | str] = (),
    also: Iterable[str] = (),
    provider: str = "core",
    replace: bool = False,
    from_day: dt.date | None = None,
) -> Callable[[MutationFunction], MutationFunction]: ...


def mutation(
    code: str,
    function: MutationFunction | None = None,
    *,
    regimes: Iterable[Regime | str] = (),
    also: Iterable[str] = (),
    provider: str = "core",
    replace: bool = False,
    from_day: dt.date | None = None,
) -> MutationFunction | Callable[[MutationFunction], MutationFunction]:
    """Register a mutation for rule ``code``; use as ``mutation(code, fn)`` or a decorator.

    ``from_day`` is the first as-of day on which the mutation can break anything. A second
    mutation for the same code is an error unless ``replace=True``.
    """

    def register(fn: MutationFunction) -> MutationFunction:
        if code in _REGISTRY and not replace:
            raise ValueError(f"a mutation for {code} is already registered")
        _REGISTRY[code] = Mutation(
            code,
            fn,
            tuple(Regime[r] if isinstance(r, str) else r for r in regimes),
            frozenset(also),
            provider,
            from_day,
        )
        return fn

    if function is not None:
        return register(function)
    return register


def registered() -> dict[str, Mutation]:
    """Every registered mutation by rule code, sorted."""
    return dict(sorted(_REGISTRY.items()))
