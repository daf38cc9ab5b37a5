"""The choices the builders make, either drawn by hypothesis or fixed at the simplest.

Every builder of the kit takes a :class:`Choices` and asks it for each thing that may vary.
:func:`drawn` turns a builder into a hypothesis strategy whose every choice is drawn (and so
shrinks); :data:`SIMPLEST` makes each choice the one hypothesis shrinks towards, so a builder
called with it gives, without hypothesis running, the value its strategy shrinks to.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Hashable, Sequence
from typing import Protocol, TypeVar

import attrs
from hypothesis import strategies as st

__all__ = ["SIMPLEST", "Choices", "drawn"]

T = TypeVar("T")


class Choices(Protocol):
    """What a builder may ask for; each answer shrinks towards the first one named."""

    def boolean(self) -> bool:
        """``False`` or ``True``."""

    def integer(self, low: int, high: int) -> int:
        """A whole number from ``low`` to ``high``."""

    def day(self, low: dt.date, high: dt.date) -> dt.date:
        """A day from ``low`` to ``high``."""

    def one_of(self, items: Sequence[T]) -> T:
        """One of ``items``."""

    def several(
        self,
        make: Callable[[Choices], T],
        *,
        max_size: int,
        min_size: int = 0,
        unique_by: Callable[[T], Hashable] | None = None,
    ) -> list[T]:
        """From ``min_size`` to ``max_size`` things made by ``make``."""


@attrs.frozen
class _Drawn:
    """Choices drawn by hypothesis."""

    draw: st.DrawFn

    def boolean(self) -> bool:
        return self.draw(st.booleans())

    def integer(self, low: int, high: int) -> int:
        return self.draw(st.integers(low, high))

    def day(self, low: dt.date, high: dt.date) -> dt.date:
        return self.draw(st.dates(low, high))

    def one_of(self, items: Sequence[T]) -> T:
        return self.draw(st.sampled_from(items))

    def several(
        self,
        make: Callable[[Choices], T],
        *,
        max_size: int,
        min_size: int = 0,
        unique_by: Callable[[T], Hashable] | None = None,
    ) -> list[T]:
        return self.draw(
            st.lists(drawn(make), min_size=min_size, max_size=max_size, unique_by=unique_by)
        )


@attrs.frozen
class _Simplest:
    """The choices hypothesis shrinks towards: ``False``, the low end, the first, the fewest."""

    def boolean(self) -> bool:
        return False

    def integer(self, low: int, high: int) -> int:
        return low

    def day(self, low: dt.date, high: dt.date) -> dt.date:
        return low

    def one_of(self, items: Sequence[T]) -> T:
        return items[0]

    def several(
        self,
        make: Callable[[Choices], T],
        *,
        max_size: int,
        min_size: int = 0,
        unique_by: Callable[[T], Hashable] | None = None,
    ) -> list[T]:
        made = [make(self) for _ in range(min_size)]
        if unique_by is not None and len({unique_by(m) for m in made}) < len(made):
            raise ValueError(f"the simplest choices make {min_size} equal items; name them")
        return made


SIMPLEST: Choices = _Simplest()
"""Each choice at what hypothesis shrinks towards."""


def drawn(make: Callable[[Choices], T]) -> st.SearchStrategy[T]:
    """The strategy of what ``make`` builds, with every choice drawn."""

    @st.composite
    def strategy(draw: st.DrawFn) -> T:
        return make(_Drawn(draw))

    return strategy()
