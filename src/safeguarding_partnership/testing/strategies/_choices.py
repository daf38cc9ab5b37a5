"""The choices the builders make, either drawn by hypothesis or fixed at the simplest.

Every builder of the kit takes a :class:`Choices` and asks it for each thing that may vary.
:func:`drawn` turns a builder into a hypothesis strategy whose every choice is drawn (and so
shrinks); :data:`SIMPLEST` makes each choice the one hypothesis shrinks towards, so a builder
called with it gives, without hypothesis running, the value its strategy shrinks to.
"""

from __future__ import annotations

import abc
import datetime as dt
from collections.abc import Callable, Hashable, Sequence
from typing import TypeAlias, TypeVar

import attrs
from hypothesis import strategies as st

__all__ = ["SIMPLEST", "Choices", "drawn"]

T = TypeVar("T")
Make: TypeAlias = Callable[["Choices"], T]
"""A builder: what it makes from the choices it is given."""
Key: TypeAlias = Callable[[T], Hashable]
"""What makes two things the same, for ``unique_by``."""


class Choices(abc.ABC):
    """What a builder may ask for; each answer shrinks towards the first one named."""

    @abc.abstractmethod
    def boolean(self) -> bool:
        """``False`` or ``True``."""

    @abc.abstractmethod
    def integer(self, low: int, high: int) -> int:
        """A whole number from ``low`` to ``high``."""

    @abc.abstractmethod
    def day(self, low: dt.date, high: dt.date) -> dt.date:
        """A day from ``low`` to ``high``."""

    @abc.abstractmethod
    def one_of(self, items: Sequence[T]) -> T:
        """One of ``items``."""

    def several(
        self,
        make: Make[T],
        *,
        max_size: int,
        min_size: int = 0,
        unique_by: Key[T] | None = None,
    ) -> list[T]:
        """From ``min_size`` to ``max_size`` things made by ``make``."""
        return self._several(make, min_size, max_size, unique_by)

    @abc.abstractmethod
    def _several(self, make: Make[T], low: int, high: int, key: Key[T] | None) -> list[T]:
        """:meth:`several`, each choice's way."""


@attrs.frozen
class _Drawn(Choices):
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

    def _several(self, make: Make[T], low: int, high: int, key: Key[T] | None) -> list[T]:
        return self.draw(st.lists(drawn(make), min_size=low, max_size=high, unique_by=key))


@attrs.frozen
class _Simplest(Choices):
    """The choices hypothesis shrinks towards: ``False``, the low end, the first, the fewest."""

    def boolean(self) -> bool:
        return False

    def integer(self, low: int, high: int) -> int:
        return low

    def day(self, low: dt.date, high: dt.date) -> dt.date:
        return low

    def one_of(self, items: Sequence[T]) -> T:
        return items[0]

    def _several(self, make: Make[T], low: int, high: int, key: Key[T] | None) -> list[T]:
        made = [make(self) for _ in range(low)]
        if key is not None and len({key(m) for m in made}) < len(made):
            raise ValueError(f"the simplest choices make {low} equal items; name them")
        return made


SIMPLEST: Choices = _Simplest()
"""Each choice at what hypothesis shrinks towards."""


def drawn(make: Make[T]) -> st.SearchStrategy[T]:
    """The strategy of what ``make`` builds, with every choice drawn."""

    @st.composite
    def strategy(draw: st.DrawFn) -> T:
        return make(_Drawn(draw))

    return strategy()
