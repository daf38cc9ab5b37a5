"""Days as they are known: an exact day, or only its month or year.

Published pages often give a date to the month ("in place from September 2019") or the year
("the ICB from 2022"). Such a date is a :class:`PartialDate`. It *is* a
:class:`datetime.date` (its first possible day), so code written for exact days keeps
working; but it is written back as it was given (``2019-09``, ``2019``), and rules read it
through :func:`earliest` and :func:`latest`, the first and last day it could be:

>>> day = PartialDate.of(2019, 9)
>>> str(day), earliest(day), latest(day)
('2019-09', datetime.date(2019, 9, 1), datetime.date(2019, 9, 30))

A rule that tests a deadline treats the deadline as met only if the latest possible day is on
or before it, and as missed only if the earliest possible day is after it; in between it
cannot tell (:func:`on_or_before`).
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from typing import Annotated, Any, Literal, Self, SupportsIndex

from pydantic import GetJsonSchemaHandler
from pydantic.json_schema import JsonSchemaValue
from pydantic_core import CoreSchema, PydanticCustomError

from safeguarding_partnership.model.steps import After, Before, PlainSerialiser

__all__ = [
    "EARLIEST",
    "LATEST",
    "Day",
    "PartialDate",
    "Precision",
    "after",
    "earliest",
    "in_window",
    "is_partial",
    "latest",
    "on_or_before",
    "read_day",
    "written",
]

Precision = Literal["year", "month", "day"]

_PARTIAL = re.compile(r"^(\d{4})(?:-(\d{2}))?$")


class PartialDate(dt.date):
    """A date known only to its month or year; as a ``date`` it is its first possible day.

    Build one with :meth:`of` (or :func:`read_day` from text). Two partial dates are equal
    only if they are written the same; ordering is by the first possible day.
    """

    __slots__ = ("_precision",)
    _precision: Literal["year", "month"]

    def __new__(cls, year: int, month: int | None = None, day: int | None = None) -> PartialDate:
        # ``day`` is accepted (and dropped) so that ``date.replace`` and pickling still work.
        self = super().__new__(cls, year, month or 1, 1)
        object.__setattr__(self, "_precision", "year" if month is None else "month")
        return self

    @classmethod
    def of(cls, year: int, month: int | None = None) -> PartialDate:
        """The year ``year``, or its month ``month`` (1-12)."""
        return cls(year, month)

    @property
    def precision(self) -> Literal["year", "month"]:
        """``year`` or ``month``: how much of the date is known."""
        return self._precision

    def first_day(self) -> dt.date:
        """The first day the date could be."""
        return dt.date(self.year, self.month, 1)

    def last_day(self) -> dt.date:
        """The last day the date could be."""
        if self._precision == "year":
            return dt.date(self.year, 12, 31)
        return dt.date(self.year, self.month, calendar.monthrange(self.year, self.month)[1])

    def isoformat(self) -> str:
        return (
            f"{self.year:04d}" if self._precision == "year" else f"{self.year:04d}-{self.month:02d}"
        )

    def __str__(self) -> str:
        return self.isoformat()

    def __repr__(self) -> str:
        return f"PartialDate({self.isoformat()!r})"

    def __format__(self, spec: str) -> str:
        return self.isoformat() if not spec else super().__format__(spec)

    def __reduce__(self) -> tuple[Any, ...]:
        month = None if self._precision == "year" else self.month
        return (PartialDate.of, (self.year, month))

    def replace(
        self,
        year: SupportsIndex | None = None,
        month: SupportsIndex | None = None,
        day: SupportsIndex | None = None,
    ) -> Self:
        """The same precision with another year or month; a day cannot be given."""
        if day is not None:
            raise TypeError(f"a {self._precision}-level date ({self}) has no day to replace")
        new_year = self.year if year is None else int(year)
        if self._precision == "year":
            return type(self)(new_year)
        return type(self)(new_year, self.month if month is None else int(month))

    def __copy__(self) -> PartialDate:
        return self

    def __deepcopy__(self, _memo: object) -> PartialDate:
        return self

    def __eq__(self, other: object) -> bool:
        if isinstance(other, PartialDate):
            return self._precision == other._precision and self.first_day() == other.first_day()
        if isinstance(other, dt.date):
            return False
        return NotImplemented

    def __ne__(self, other: object) -> bool:
        result = self.__eq__(other)
        return result if result is NotImplemented else not result

    def __hash__(self) -> int:
        return hash((self.first_day(), self._precision))

    # A day of a partial date is meaningless: refuse the arithmetic that would invent one.
    def __add__(self, other: Any) -> Any:
        raise TypeError(f"cannot add to a {self._precision}-level date ({self}); use earliest()")

    __radd__ = __add__

    def __sub__(self, other: Any) -> Any:
        raise TypeError(
            f"cannot subtract from a {self._precision}-level date ({self}); use earliest()"
        )

    def __rsub__(self, other: Any) -> Any:
        raise TypeError(f"cannot subtract a {self._precision}-level date ({self}); use latest()")


def is_partial(day: dt.date | None) -> bool:
    """Whether ``day`` is known only to its month or year."""
    return isinstance(day, PartialDate)


def earliest(day: dt.date) -> dt.date:
    """The first day ``day`` could be: the day itself when exact."""
    return day.first_day() if isinstance(day, PartialDate) else day


def latest(day: dt.date) -> dt.date:
    """The last day ``day`` could be: the day itself when exact."""
    return day.last_day() if isinstance(day, PartialDate) else day


def on_or_before(day: dt.date, deadline: dt.date) -> bool | None:
    """Whether ``day`` is on or before ``deadline``: ``None`` when the date cannot tell.

    >>> on_or_before(PartialDate.of(2019, 6), dt.date(2019, 6, 29)) is None
    True
    >>> on_or_before(PartialDate.of(2019, 5), dt.date(2019, 6, 29))
    True
    """
    if latest(day) <= latest(deadline):
        return True if latest(day) <= earliest(deadline) else None
    if earliest(day) > latest(deadline):
        return False
    return None


def after(day: dt.date, other: dt.date) -> bool | None:
    """Whether ``day`` is after ``other``: ``None`` when the dates cannot tell."""
    before = on_or_before(day, other)
    return None if before is None else not before


def written(day: dt.date) -> str:
    """The day as written: ``2019-09-29``, ``2019-09`` or ``2019``."""
    return day.isoformat()


def read_day(value: Any) -> Any:
    """Read a year (``2019``, also a YAML integer) or a month (``2019-09``) as a
    :class:`PartialDate`; anything else is left for the date validator."""
    if isinstance(value, bool):
        return value
    if isinstance(value, int) and 1000 <= value <= 9999:
        return PartialDate.of(value)
    if isinstance(value, str):
        match = _PARTIAL.match(value.strip())
        if match:
            year, month = int(match.group(1)), match.group(2)
            if month is None:
                return PartialDate.of(year) if year >= 1 else value
            if 1 <= int(month) <= 12 and year >= 1:
                return PartialDate.of(year, int(month))
            raise ValueError(f"invalid month {value!r}: expected YYYY-MM with a month 01-12")
    return value


class _DaySchema:
    """The JSON Schema of a day: a full date, a month (``YYYY-MM``) or a year."""

    def __get_pydantic_json_schema__(
        self, core_schema: CoreSchema, handler: GetJsonSchemaHandler
    ) -> JsonSchemaValue:
        partial = {
            "type": "string",
            "pattern": r"^\d{4}(-(0[1-9]|1[0-2]))?$",
            "description": "A date known only to the month (YYYY-MM) or year (YYYY).",
        }
        if handler.mode == "serialization":  # written out: always text
            return {"anyOf": [{"type": "string", "format": "date"}, partial]}
        year = {"type": "integer", "minimum": 1000, "maximum": 9999, "description": "A year."}
        return {"anyOf": [handler(core_schema), partial, year]}


def _serialise(day: dt.date) -> str:
    return day.isoformat()


_EXACT = re.compile(r"^\d{4}-\d{2}-\d{2}$", re.ASCII)


def _read(value: Any) -> Any:
    """A year or a month (:func:`read_day`), or only a day: a date, or text ``YYYY-MM-DD``.
    Not another number (which pydantic would read as seconds since 1970) nor a date and time,
    which the schema's ``format: date`` refuses."""
    value = read_day(value)
    if isinstance(value, PartialDate):
        return value
    is_day = isinstance(value, dt.date) and not isinstance(value, dt.datetime)
    if not (is_day or (isinstance(value, str) and _EXACT.match(value))):
        raise PydanticCustomError("date_parsing", "Input should be a date, YYYY-MM-DD")
    return value


EARLIEST = dt.date(1900, 1, 1)
"""The first day this tool reads, in a file or as ``--as-of``."""
LATEST = dt.date(2199, 12, 31)
"""The last day this tool reads. Inside the window, every date sum the rules and reports
make (a year on, a deadline in working days) stays inside what Python's dates can hold."""


def in_window(day: dt.date) -> dt.date:
    """``day``, if all of it (a month or a year: its first and last days) is inside the window
    of dates this tool reads; else a ``ValueError``."""
    if not (earliest(day) >= EARLIEST and latest(day) <= LATEST):
        raise ValueError(
            f"{written(day)} is outside the dates this tool reads "
            f"({EARLIEST.isoformat()} to {LATEST.isoformat()})"
        )
    return day


Day = Annotated[
    dt.date,
    Before(_read),
    After(in_window),
    PlainSerialiser(_serialise),
    _DaySchema(),
]
"""A day as known: ``2019-09-29``, ``2019-09`` (the month) or ``2019`` (the year)."""
