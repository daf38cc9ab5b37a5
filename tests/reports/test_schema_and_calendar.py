"""arrangements.json validates against its shipped schema; calendar series match their cadence."""

from __future__ import annotations

import datetime as dt
import json
from importlib.resources import files

import jsonschema
import pytest
from dateutil.rrule import rrulestr
from icalendar import Calendar

from safeguarding_partnership.model import Arrangement, Cadence, Group, GroupKind
from safeguarding_partnership.reports.document import document_schema
from safeguarding_partnership.reports.format import RenderContext
from safeguarding_partnership.reports.formats.calendar import meeting_dates, meeting_series
from safeguarding_partnership.reports.formats.calendar import render as render_calendar

from ._support import AS_OF, BHR, HAVERING, load, render_example

SCHEMA = json.loads(
    files("safeguarding_partnership.reports")
    .joinpath("schemas/arrangements-document.schema.json")
    .read_text(encoding="utf-8")
)


def test_shipped_schema_is_the_generated_one() -> None:
    assert json.loads(json.dumps(document_schema())) == SCHEMA


@pytest.mark.parametrize("path", [HAVERING, BHR], ids=["havering", "bhr"])
def test_arrangements_json_validates(path: object) -> None:
    data = json.loads(render_example(path, ("arrangements",))["arrangements.json"])
    jsonschema.Draft202012Validator.check_schema(SCHEMA)
    jsonschema.Draft202012Validator(SCHEMA).validate(data)
    broken = dict(data, contents=[dict(data["contents"][0], status="none")])
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.Draft202012Validator(SCHEMA).validate(broken)


def _arrangement(*groups: Group) -> Arrangement:
    base = load(HAVERING)
    return base.model_copy(update={"groups": groups, "valid_from": dt.date(2024, 1, 10)})


# from a recorded first meeting on 10 January 2024 to 1 December 2026
FIRST, LAST = dt.date(2024, 1, 10), dt.date(2026, 12, 1)
CADENCES = [
    (Cadence(frequency="quarterly", starting=FIRST, until=LAST), 12),
    (Cadence(frequency="monthly", starting=FIRST, until=LAST), 35),
    (Cadence(every_weeks=6, starting=FIRST, until=LAST), 26),
    (Cadence(frequency="yearly", starting=FIRST, until=LAST), 3),
    (Cadence(frequency="weekly", starting=dt.date(2026, 11, 2), until=dt.date(2026, 11, 30)), 5),
]


@pytest.mark.parametrize(("cadence", "count"), CADENCES)
def test_rrule_in_the_file_expands_to_the_cadence(cadence: Cadence, count: int) -> None:
    group = Group(id="g", name="Group", kind=GroupKind.EXECUTIVE, cadence=cadence)
    arr = _arrangement(group)
    (series,) = meeting_series(arr)
    expected = meeting_dates(series)
    assert len(expected) == count
    cal = Calendar.from_ical(
        render_calendar(RenderContext(arr, dt.date(2025, 12, 1)))["meetings.ics"]
    )
    (event,) = cal.walk("VEVENT")
    start = event.decoded("DTSTART")
    assert start == cadence.starting
    rule = event["RRULE"].to_ical().decode()
    days = rrulestr(rule, dtstart=dt.datetime.combine(start, dt.time()))
    assert [d.date() for d in days] == expected


def test_explicit_dates_become_rdates_and_output_is_stable() -> None:
    dates = (dt.date(2026, 4, 10), dt.date(2026, 1, 10), dt.date(2026, 7, 10))
    group = Group(id="cdop", name="Panel", kind=GroupKind.OTHER, cadence=Cadence(dates=dates))
    arr = _arrangement(group)
    data = render_calendar(RenderContext(arr, AS_OF))["meetings.ics"]
    assert data == render_calendar(RenderContext(arr, AS_OF))["meetings.ics"]
    (event,) = Calendar.from_ical(data).walk("VEVENT")
    assert event.decoded("DTSTART") == dt.date(2026, 1, 10)
    rdates = sorted(d.dt for d in event["RDATE"].dts)
    assert rdates == [dt.date(2026, 4, 10), dt.date(2026, 7, 10)]
    assert str(event["UID"]) == "havering.cdop@safeguarding-partnership"
    assert event.decoded("DTSTAMP") == dt.datetime(2026, 11, 25, tzinfo=dt.UTC)
    assert "RRULE" not in event


def test_groups_without_a_recorded_day_are_left_out() -> None:
    no_cadence = Group(id="a", name="A", kind=GroupKind.FORUM)
    monthly = Group(id="b", name="B", kind=GroupKind.FORUM, cadence=Cadence(frequency="monthly"))
    arr = _arrangement(no_cadence, monthly)  # valid_from is known, but is not a meeting
    assert meeting_series(arr) == ()
