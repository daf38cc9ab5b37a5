"""The ``calendar`` format: each group's meetings as an iCalendar file (``meetings.ics``).

A regular cadence (weekly, monthly, quarterly, yearly, every N weeks) becomes one event with
an ``RRULE``, from the cadence's ``starting`` day (else the group's, else the arrangement's
``valid_from``) until its ``until`` day (else the group's ``valid_to``, else one year after
the day rendered as of). Explicit dates become one event with ``RDATE``. Events are all-day,
since the file records no times. UIDs and ``DTSTAMP`` derive from the file and the day, so
the same input gives the same bytes.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Literal

import attrs
from dateutil.relativedelta import relativedelta
from dateutil.rrule import MONTHLY, WEEKLY, YEARLY, rrule
from icalendar import Calendar, Event, vText

from safeguarding_partnership.model import Arrangement, Cadence, Group
from safeguarding_partnership.model.common import without_controls
from safeguarding_partnership.reports.format import RenderContext, ReportFormat

__all__ = ["FORMAT", "MeetingSeries", "meeting_dates", "meeting_series", "render"]

_FREQUENCY: dict[str, tuple[Literal[0, 1, 2, 3, 4, 5, 6], int]] = {
    "weekly": (WEEKLY, 1),
    "monthly": (MONTHLY, 1),
    "quarterly": (MONTHLY, 3),
    "yearly": (YEARLY, 1),
}


@attrs.frozen
class MeetingSeries:
    """One group's meetings: a regular rule from ``start`` to ``until``, or explicit dates."""

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
    return None


def meeting_series(arrangement: Arrangement, as_of: dt.date) -> tuple[MeetingSeries, ...]:
    """Every group's meeting series; groups with no cadence or no known start are left out."""
    series = []
    for group in arrangement.groups or ():
        cadence = group.cadence
        if cadence is None:
            continue
        if cadence.dates is not None:
            dates = tuple(sorted(set(cadence.dates)))
            if dates:
                series.append(MeetingSeries(group, dates[0], None, None, 1, dates))
            continue
        rule = _rule(cadence)
        start = cadence.starting or group.valid_from or arrangement.valid_from
        if rule is None or start is None:
            continue
        until = cadence.until or group.valid_to or (as_of + relativedelta(years=1))
        if until < start:
            continue
        series.append(MeetingSeries(group, start, until, rule[0], rule[1], ()))
    return tuple(series)


def meeting_dates(series: MeetingSeries) -> list[dt.date]:
    """The meeting days of a series, expanded with ``dateutil.rrule``."""
    if series.freq is None:
        return list(series.dates)
    until = series.until or series.start
    days = rrule(
        series.freq,
        interval=series.interval,
        dtstart=dt.datetime.combine(series.start, dt.time()),
        until=dt.datetime.combine(until, dt.time()),
    )
    return [d.date() for d in days]


_FREQ_NAMES = {WEEKLY: "WEEKLY", MONTHLY: "MONTHLY", YEARLY: "YEARLY"}


def _event(arr: Arrangement, series: MeetingSeries, stamp: dt.datetime) -> Event:
    group = series.group
    event = Event()
    event.add("uid", f"{arr.id}.{group.id}@safeguarding-partnership")
    event.add("dtstamp", stamp)
    # one line (a summary has no breaks), and no control character (RFC 5545 allows none)
    event.add("summary", without_controls(" ".join(group.name.split())))
    event.add("dtstart", series.start)
    event.add("dtend", series.start + dt.timedelta(days=1))
    if series.freq is not None:
        recur: dict[str, object] = {"freq": _FREQ_NAMES[series.freq]}
        if series.interval != 1:
            recur["interval"] = series.interval
        recur["until"] = series.until
        event.add("rrule", recur)
    elif len(series.dates) > 1:
        event.add("rdate", list(series.dates[1:]))
    cadence = group.cadence.describe() if group.cadence else ""
    text = f"{arr.name}: {group.kind.value.replace('_', ' ')}, meets {cadence}."
    if group.purpose:
        text += f" {group.purpose}"
    event.add("description", without_controls(text))
    event.add("categories", [group.kind.value])
    event.add("transp", "TRANSPARENT")
    return event


def render(ctx: RenderContext) -> Mapping[str, str | bytes]:
    """``meetings.ics``: one event series per group with a cadence."""
    arr = ctx.arrangement
    cal = Calendar()
    cal.add("prodid", "-//safeguarding-partnership//meetings//EN")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    # an extension property has no known type: escape it as text, or a line break breaks the file
    cal.add("x-wr-calname", vText(without_controls(" ".join(f"{arr.name}: meetings".split()))))
    stamp = dt.datetime.combine(ctx.as_of, dt.time(), tzinfo=dt.UTC)
    for series in meeting_series(arr, ctx.as_of):
        cal.add_component(_event(arr, series, stamp))
    data: bytes = cal.to_ical()
    return {"meetings.ics": data}


FORMAT = ReportFormat(
    name="calendar",
    title="Meetings calendar",
    render=render,
    description="Each group's meetings from its cadence, as an iCalendar file.",
)
