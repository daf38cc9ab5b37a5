"""The ``calendar`` format: the groups' recorded meetings as an iCalendar file (``meetings.ics``).

The calendar invents nothing. A group gets events only for days the file records:

- a regular cadence (weekly, monthly, quarterly, yearly, every N weeks) with a recorded first
  meeting (``starting``) becomes one event on that day with an ``RRULE``, until the cadence's
  ``until`` day, else the group's ``valid_to``, else with no end (none is recorded);
- explicit dates (``cadence.dates``) and the days a group met (``meetings``) become one event
  on the first of them with ``RDATE`` for the rest.

A group with no recorded day (a cadence such as ``quarterly`` with no first meeting, or no
cadence at all) gets no event; it is named, with its cadence, in the calendar's description
(``X-WR-CALDESC`` and RFC 7986 ``DESCRIPTION``), so an empty calendar says why. Events are
all-day: the file records meeting days, not times. UIDs and ``DTSTAMP`` derive from the file
and the day rendered as of, so the same input gives the same bytes.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Literal

import attrs
from dateutil.rrule import MONTHLY, WEEKLY, YEARLY, rrule
from icalendar import Calendar, Event, vText

from safeguarding_partnership.model import Arrangement, Cadence, Group
from safeguarding_partnership.model.common import without_controls
from safeguarding_partnership.model.dates import is_partial, latest
from safeguarding_partnership.reports.format import RenderContext, ReportFormat

__all__ = [
    "FORMAT",
    "MeetingSeries",
    "calendar_description",
    "meeting_dates",
    "meeting_series",
    "render",
    "unscheduled_groups",
]

_FREQUENCY: dict[str, tuple[Literal[0, 1, 2, 3, 4, 5, 6], int]] = {
    "weekly": (WEEKLY, 1),
    "monthly": (MONTHLY, 1),
    "quarterly": (MONTHLY, 3),
    "yearly": (YEARLY, 1),
}


@attrs.frozen
class MeetingSeries:
    """One group's recorded meetings: a rule from a recorded first meeting (``freq`` set), or
    recorded dates (``freq`` is ``None``, ``dates`` holds them, ``start`` the first)."""

    group: Group
    start: dt.date
    until: dt.date | None
    freq: Literal[0, 1, 2, 3, 4, 5, 6] | None
    interval: int
    dates: tuple[dt.date, ...]


def _rule(cadence: Cadence) -> tuple[Literal[0, 1, 2, 3, 4, 5, 6], int] | None:
    if cadence.frequency is not None:
        return _FREQUENCY[cadence.frequency]
    if cadence.every_weeks is not None:
        return (WEEKLY, cadence.every_weeks)
    if cadence.every_months is not None:
        return (MONTHLY, cadence.every_months)
    return None


def _recorded_dates(group: Group) -> tuple[dt.date, ...]:
    """The days recorded for meetings; a day known only to its month is left out."""
    cadence_dates = group.cadence.dates if group.cadence is not None else None
    days = {*(cadence_dates or ()), *(group.meetings or ())}
    return tuple(sorted(d for d in days if not is_partial(d)))


def meeting_series(arrangement: Arrangement) -> tuple[MeetingSeries, ...]:
    """Every group's recorded meetings: at most a rule and a set of dates per group."""
    series = []
    for group in arrangement.groups or ():
        cadence = group.cadence
        rule = _rule(cadence) if cadence is not None else None
        start = cadence.starting if cadence is not None else None
        # a calendar needs days: a first day known only to its month or year counts from none
        if cadence is not None and rule is not None and start is not None and not is_partial(start):
            ends = cadence.until or group.valid_to
            until = latest(ends) if ends is not None else None
            if until is not None and until < start:
                until = start  # the first meeting is recorded; nothing after it
            series.append(MeetingSeries(group, start, until, rule[0], rule[1], ()))
        dates = _recorded_dates(group)
        if dates:
            series.append(MeetingSeries(group, dates[0], None, None, 1, dates))
    return tuple(series)


def unscheduled_groups(arrangement: Arrangement) -> tuple[Group, ...]:
    """Groups with no recorded meeting day, which the calendar names instead."""
    scheduled = {s.group.id for s in meeting_series(arrangement)}
    return tuple(g for g in arrangement.groups or () if g.id not in scheduled)


def meeting_dates(series: MeetingSeries, until: dt.date | None = None) -> list[dt.date]:
    """The meeting days of a series, a rule expanded with ``dateutil.rrule`` up to its own end
    or ``until``, whichever is earlier.

    :raises ValueError: for a rule with no end of its own and no ``until``.
    """
    if series.freq is None:
        return [d for d in series.dates if until is None or d <= until]
    ends = [d for d in (series.until, until) if d is not None]
    if not ends:
        raise ValueError(f"the meetings of {series.group.id} have no end: pass until")
    days = rrule(
        series.freq,
        interval=series.interval,
        dtstart=dt.datetime.combine(series.start, dt.time()),
        until=dt.datetime.combine(min(ends), dt.time()),
    )
    return [d.date() for d in days]


_FREQ_NAMES = {WEEKLY: "WEEKLY", MONTHLY: "MONTHLY", YEARLY: "YEARLY"}


def _one_line(text: str) -> str:
    """One line (a summary has no breaks), and no control character (RFC 5545 allows none)."""
    return without_controls(" ".join(text.split()))


def _event(arr: Arrangement, series: MeetingSeries, stamp: dt.datetime) -> Event:
    group = series.group
    event = Event()
    suffix = ".cadence" if series.freq is not None else ""
    event.add("uid", f"{arr.id}.{group.id}{suffix}@safeguarding-partnership")
    event.add("dtstamp", stamp)
    event.add("summary", _one_line(group.name))
    event.add("dtstart", series.start)
    event.add("dtend", series.start + dt.timedelta(days=1))
    if series.freq is not None:
        recur: dict[str, object] = {"freq": _FREQ_NAMES[series.freq]}
        if series.interval != 1:
            recur["interval"] = series.interval
        if series.until is not None:
            recur["until"] = series.until
        event.add("rrule", recur)
        cadence = group.cadence.describe() if group.cadence else ""
        text = f"{arr.name}: {group.kind.value.replace('_', ' ')}, meets {cadence}."
    else:
        if len(series.dates) > 1:
            event.add("rdate", list(series.dates[1:]))
        text = f"{arr.name}: {group.kind.value.replace('_', ' ')}, meeting days on record."
    if group.purpose:
        text += f" {group.purpose}"
    event.add("description", without_controls(text))
    event.add("categories", [group.kind.value])
    event.add("transp", "TRANSPARENT")
    return event


def calendar_description(arrangement: Arrangement) -> str:
    """What the calendar holds, naming each group left out for want of a recorded day."""
    text = (
        f"Meetings of the groups of {_one_line(arrangement.name)} on the days the "
        "arrangements file records; all-day, as the file records days, not times."
    )
    missing = unscheduled_groups(arrangement)
    if missing:
        names = "; ".join(
            _one_line(g.name) + (f" (meets {g.cadence.describe()})" if g.cadence else "")
            for g in missing
        )
        text += (
            " Not in this calendar, because the file does not record when they meet (a "
            f"first meeting or meeting dates): {names}."
        )
    return text


def render(ctx: RenderContext) -> Mapping[str, str | bytes]:
    """``meetings.ics``: one event per recorded cadence or set of dates, per group."""
    arr = ctx.arrangement
    cal = Calendar()
    cal.add("prodid", "-//safeguarding-partnership//meetings//EN")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    # an extension property has no known type: escape it as text, or a line break breaks the file
    cal.add("x-wr-calname", vText(_one_line(f"{arr.name}: meetings")))
    description = without_controls(calendar_description(arr))
    cal.add("x-wr-caldesc", vText(description))
    cal.add("description", description)
    stamp = dt.datetime.combine(ctx.as_of, dt.time(), tzinfo=dt.UTC)
    for series in meeting_series(arr):
        cal.add_component(_event(arr, series, stamp))
    data: bytes = cal.to_ical()
    return {"meetings.ics": data}


FORMAT = ReportFormat(
    name="calendar",
    title="Meetings calendar",
    render=render,
    description="Each group's recorded meetings as an iCalendar file: a cadence from a "
    "recorded first meeting, and recorded dates; groups with neither are named, not guessed.",
)
