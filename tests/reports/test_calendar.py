"""The meetings calendar invents nothing: events only on recorded meeting dates, a recorded
cadence from a recorded first meeting as an RRULE, and every other group named in the
calendar's description."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from dateutil.rrule import rrulestr
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from icalendar import Calendar

from safeguarding_partnership.io.load import load_path
from safeguarding_partnership.model import Arrangement, Cadence, Group, GroupKind
from safeguarding_partnership.reports.format import RenderContext
from safeguarding_partnership.reports.formats.calendar import render
from safeguarding_partnership.testing.strategies import arrangements

from ._support import AS_OF, HAVERING, load

ROOT = Path(__file__).resolve().parents[2]
TUTORIAL = ROOT / "docs" / "tutorials" / "getting-started.md"
GETTING_STARTED = ROOT / "tests" / "fixtures" / "getting-started.yaml"


def _calendar(arr: Arrangement, as_of: dt.date = AS_OF) -> Calendar:
    return Calendar.from_ical(render(RenderContext(arr, as_of))["meetings.ics"])


def _recorded(arr: Arrangement) -> dict[str, set[dt.date]]:
    """Every meeting day the file records, by group id: dates, meetings, a first meeting."""
    found: dict[str, set[dt.date]] = {}
    for group in arr.groups or ():
        days = set(group.meetings or ())
        if group.cadence is not None:
            days |= set(group.cadence.dates or ())
            if group.cadence.starting is not None:
                days.add(group.cadence.starting)
        found[group.id] = days
    return found


def _text(value: object) -> str:
    """An extension property's value as text: icalendar leaves its TEXT escapes in."""
    raw = str(value)
    return re.sub(r"\\([\\;,nN])", lambda m: "\n" if m.group(1) in "nN" else m.group(1), raw)


def _rdates(event: object) -> list[dt.date]:
    value = event.get("RDATE")  # type: ignore[attr-defined]
    if value is None:
        return []
    lists = value if isinstance(value, list) else [value]
    return [d.dt for rdate in lists for d in rdate.dts]


def _group_of(event: object, arr: Arrangement) -> Group:
    uid = str(event["UID"])  # type: ignore[index]
    match = re.fullmatch(rf"{re.escape(arr.id)}\.(.+?)(\.cadence)?@safeguarding-partnership", uid)
    assert match, uid
    (group,) = [g for g in arr.groups or () if g.id == match.group(1)]
    return group


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(arr=st.booleans().flatmap(lambda ok: arrangements(compliant=ok)))
def test_no_event_on_a_day_the_file_does_not_record(arr: Arrangement) -> None:
    cal = _calendar(arr)
    recorded = _recorded(arr)
    with_events = set()
    for event in cal.walk("VEVENT"):
        group = _group_of(event, arr)
        with_events.add(group.id)
        start = event.decoded("DTSTART")
        assert start in recorded[group.id], (group.id, start)
        for day in _rdates(event):
            assert day in recorded[group.id], (group.id, day)
        if "RRULE" in event:
            # a series only from a recorded first meeting, at the recorded cadence
            cadence = group.cadence
            assert cadence is not None and cadence.starting == start
            rule = event["RRULE"]
            step = {
                "weekly": ("WEEKLY", 1),
                "monthly": ("MONTHLY", 1),
                "quarterly": ("MONTHLY", 3),
                "yearly": ("YEARLY", 1),
            }
            freq, interval = (
                ("WEEKLY", cadence.every_weeks)
                if cadence.every_weeks is not None
                else step[cadence.frequency or ""]
            )
            assert rule["FREQ"] == [freq]
            assert rule.get("INTERVAL", [1]) == [interval]
            until = cadence.until or group.valid_to
            assert rule.get("UNTIL", [None])[0] == until
    # groups with no recorded day have no event, and are named in the calendar's description
    description = str(cal["DESCRIPTION"])
    assert _text(cal["X-WR-CALDESC"]) == description
    for group in arr.groups or ():
        if not recorded[group.id]:
            assert group.id not in with_events
            assert " ".join(group.name.split()) in description, group.name


def test_a_cadence_without_a_first_meeting_is_a_word_not_dates() -> None:
    quarterly = Group(
        id="q",
        name="Quarterly board",
        kind=GroupKind.EXECUTIVE,
        cadence=Cadence(frequency="quarterly"),
    )
    arr = load(HAVERING).model_copy(update={"groups": (quarterly,)})
    cal = _calendar(arr)
    assert cal.walk("VEVENT") == []
    description = _text(cal["X-WR-CALDESC"])
    assert "Quarterly board (meets quarterly)" in description
    assert "does not record when" in description


def test_a_recorded_first_meeting_becomes_an_rrule_from_that_day() -> None:
    first = dt.date(2026, 1, 14)
    group = Group(
        id="exec",
        name="Executive",
        kind=GroupKind.EXECUTIVE,
        cadence=Cadence(every_weeks=6, starting=first),
        meetings=(dt.date(2025, 11, 5),),
    )
    arr = load(HAVERING).model_copy(update={"groups": (group,)})
    cal = _calendar(arr)
    events = {str(e["UID"]): e for e in cal.walk("VEVENT")}
    assert set(events) == {
        "havering.exec.cadence@safeguarding-partnership",
        "havering.exec@safeguarding-partnership",
    }
    series = events["havering.exec.cadence@safeguarding-partnership"]
    assert series.decoded("DTSTART") == first
    rule = series["RRULE"].to_ical().decode()
    assert rule == "FREQ=WEEKLY;INTERVAL=6"  # no end is recorded, so none is made up
    days = rrulestr(rule, dtstart=dt.datetime.combine(first, dt.time()))
    assert [d.date() for d in days[:3]] == [first, dt.date(2026, 2, 25), dt.date(2026, 4, 8)]
    met = events["havering.exec@safeguarding-partnership"]
    assert met.decoded("DTSTART") == dt.date(2025, 11, 5) and "RDATE" not in met
    assert "Executive" not in _text(cal["X-WR-CALDESC"])


def _tutorial_file() -> str:
    text = TUTORIAL.read_text(encoding="utf-8")
    match = re.search(r"create `arrangements.yaml` in it:\n\n```yaml\n(.*?)```", text, re.DOTALL)
    assert match is not None
    return match.group(1)


def test_the_getting_started_fixture_is_the_tutorials_file() -> None:
    assert GETTING_STARTED.read_text(encoding="utf-8") == _tutorial_file()


def test_getting_started_calendar_snapshot(snapshot: object) -> None:
    (loaded,) = load_path(GETTING_STARTED)
    data = render(RenderContext(loaded.arrangement, AS_OF))["meetings.ics"]
    assert data.decode() == snapshot
    cal = Calendar.from_ical(data)
    assert cal.walk("VEVENT") == []  # "quarterly" with no date: no invented meetings
    assert "Havering Safeguarding Children Partnership meeting" in _text(cal["X-WR-CALDESC"])
