"""Working days in England over the holidays package."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from safeguarding_partnership import workdays
from safeguarding_partnership.model.dates import PartialDate
from safeguarding_partnership.rules.core._facts import exceeds
from safeguarding_partnership.workdays import (
    add_working_days,
    bank_holidays,
    is_working_day,
    weekdays_between,
    working_days_between,
)

days = st.dates(min_value=dt.date(2015, 1, 1), max_value=dt.date(2035, 12, 31))
steps = st.integers(min_value=-400, max_value=400)


def test_public_surface() -> None:
    assert workdays.__all__ == sorted(workdays.__all__)
    assert set(workdays.__all__) <= set(dir(workdays))


@pytest.mark.parametrize(
    "day",
    [
        dt.date(2024, 12, 25),  # Christmas Day, Wednesday
        dt.date(2024, 12, 26),  # Boxing Day, Thursday
        dt.date(2025, 1, 1),  # New Year's Day, Wednesday
        dt.date(2024, 3, 29),  # Good Friday
        dt.date(2024, 4, 1),  # Easter Monday
        dt.date(2021, 12, 27),  # substitute for Christmas Day on a Saturday
        dt.date(2021, 12, 28),  # substitute for Boxing Day on a Sunday
        dt.date(2022, 6, 3),  # Platinum Jubilee bank holiday
        dt.date(2022, 9, 19),  # State Funeral of Queen Elizabeth II
        dt.date(2023, 5, 8),  # Coronation of King Charles III
    ],
)
def test_bank_holidays_are_not_working_days(day: dt.date) -> None:
    assert day.weekday() < 5
    assert day in bank_holidays(day.year)
    assert not is_working_day(day)


def test_english_not_scottish_holidays() -> None:
    assert is_working_day(dt.date(2025, 1, 2))  # a bank holiday in Scotland only
    assert is_working_day(dt.date(2024, 8, 5))  # Scotland's summer bank holiday
    assert not is_working_day(dt.date(2024, 8, 26))  # England's summer bank holiday


def test_weekends_are_not_working_days() -> None:
    assert not is_working_day(dt.date(2024, 12, 21))  # Saturday
    assert not is_working_day(dt.date(2024, 12, 22))  # Sunday
    assert is_working_day(dt.date(2024, 12, 20))  # Friday


def test_five_working_days_from_friday_20_december_2024() -> None:
    # Mon 23, Tue 24, (25 and 26 bank holidays), Fri 27, Mon 30, Tue 31.
    assert add_working_days(dt.date(2024, 12, 20), 5) == dt.date(2024, 12, 31)
    # 1 January is a bank holiday, so the sixth is Thursday 2 January 2025.
    assert add_working_days(dt.date(2024, 12, 20), 6) == dt.date(2025, 1, 2)
    assert working_days_between(dt.date(2024, 12, 20), dt.date(2025, 1, 2)) == 6


def test_counting_backwards() -> None:
    assert add_working_days(dt.date(2025, 1, 2), -1) == dt.date(2024, 12, 31)
    assert add_working_days(dt.date(2024, 12, 27), -1) == dt.date(2024, 12, 24)
    assert working_days_between(dt.date(2025, 1, 2), dt.date(2024, 12, 20)) == -6
    assert add_working_days(dt.date(2024, 12, 25), 0) == dt.date(2024, 12, 25)
    assert working_days_between(dt.date(2024, 12, 25), dt.date(2024, 12, 25)) == 0


@given(days, steps)
def test_add_then_count_round_trips(start: dt.date, n: int) -> None:
    end = add_working_days(start, n)
    assert working_days_between(start, end) == n
    if n:
        assert is_working_day(end)


@given(days, st.integers(min_value=0, max_value=300), st.integers(min_value=0, max_value=300))
def test_add_is_monotonic(start: dt.date, a: int, b: int) -> None:
    low, high = sorted((a, b))
    assert add_working_days(start, low) <= add_working_days(start, high)
    if low < high:
        assert add_working_days(start, low) < add_working_days(start, high)


@given(days, days, days)
def test_count_is_additive(a: dt.date, b: dt.date, c: dt.date) -> None:
    a, b, c = sorted((a, b, c))
    assert working_days_between(a, c) == working_days_between(a, b) + working_days_between(b, c)


@given(days, days)
def test_count_is_at_most_the_weekdays(start: dt.date, end: dt.date) -> None:
    count = working_days_between(start, end)
    assert (count >= 0) == (end >= start) or count == 0
    assert abs(count) <= abs((end - start).days)


@given(days, days)
def test_counting_agrees_with_going_day_by_day(start: dt.date, end: dt.date) -> None:
    """The count is arithmetic over whole weeks; it must match walking the days."""
    first, last = min(start, end), max(start, end)
    between = [first + dt.timedelta(days=i) for i in range((last - first).days + 1)]
    assert working_days_between(first, last) == sum(map(is_working_day, between[1:]))
    assert working_days_between(last, first) == -sum(map(is_working_day, between[:-1]))


@given(days, days)
def test_weekdays_bound_working_days_from_above(start: dt.date, end: dt.date) -> None:
    """Bank holidays fall on weekdays only: counting them as working days never counts
    fewer, and differs by exactly the bank holidays in between."""
    first, last = min(start, end), max(start, end)
    between = [first + dt.timedelta(days=i) for i in range(1, (last - first).days + 1)]
    holidays = sum(1 for day in between if day.weekday() < 5 and not is_working_day(day))
    assert weekdays_between(first, last) == working_days_between(first, last) + holidays


_partial_or_exact = st.one_of(
    days,
    st.builds(
        lambda d: PartialDate.of(d.year, d.month),
        st.dates(min_value=dt.date(2015, 1, 1), max_value=dt.date(2035, 12, 31)),
    ),
)


@given(st.integers(min_value=-5, max_value=40), _partial_or_exact, _partial_or_exact)
def test_the_weekday_shortcut_never_changes_a_verdict(
    limit: int, first: dt.date, then: dt.date
) -> None:
    """A rule asking "more than N working days?" reads the calendar only where weekdays
    alone say more than N: the verdict is the same as counting working days every time."""
    quick = exceeds(limit, first, then, working_days_between, weekdays_between)
    assert quick == exceeds(limit, first, then, working_days_between)
