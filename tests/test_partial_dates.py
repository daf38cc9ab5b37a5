"""Dates known to the month or year: read from every syntax, kept as written, read
conservatively; lists marked incomplete; records seen as at a day."""

from __future__ import annotations

import copy
import datetime as dt
import json
import pickle
from pathlib import Path

import pytest

from safeguarding_partnership.io.dump import dump_text
from safeguarding_partnership.io.load import load_arrangement
from safeguarding_partnership.model import Arrangement, Cadence, SafeguardingPartner
from safeguarding_partnership.model.common import IncompleteList, is_complete
from safeguarding_partnership.model.dates import (
    PartialDate,
    after,
    earliest,
    is_partial,
    latest,
    on_or_before,
    read_day,
)
from safeguarding_partnership.pipeline import check_path

BASE = "schema_version: 1\nid: x\nname: X\nareas: [{code: E09000016}]\n"


def test_a_month_and_a_year_have_a_first_and_a_last_day() -> None:
    month, year = PartialDate.of(2024, 2), PartialDate.of(2019)
    assert (earliest(month), latest(month)) == (dt.date(2024, 2, 1), dt.date(2024, 2, 29))
    assert (earliest(year), latest(year)) == (dt.date(2019, 1, 1), dt.date(2019, 12, 31))
    assert str(month) == "2024-02" and str(year) == "2019" and f"{year}" == "2019"
    assert earliest(dt.date(2020, 5, 5)) == latest(dt.date(2020, 5, 5)) == dt.date(2020, 5, 5)
    assert is_partial(month) and not is_partial(dt.date(2024, 2, 1))


def test_a_partial_date_is_a_date_but_never_equal_to_one_day() -> None:
    month = PartialDate.of(2019, 9)
    assert isinstance(month, dt.date)
    assert month != dt.date(2019, 9, 1) and dt.date(2019, 9, 1) != month
    assert month == PartialDate.of(2019, 9) and month != PartialDate.of(2019)
    assert len({month, PartialDate.of(2019, 9)}) == 1
    assert sorted([dt.date(2019, 9, 15), month]) == [month, dt.date(2019, 9, 15)]
    assert pickle.loads(pickle.dumps(month)) == month
    assert copy.deepcopy(month) == month


def test_arithmetic_that_would_invent_a_day_is_refused() -> None:
    month = PartialDate.of(2019, 9)
    with pytest.raises(TypeError):
        month + dt.timedelta(days=1)
    with pytest.raises(TypeError):
        dt.date(2020, 1, 1) - month
    with pytest.raises(TypeError):
        month.replace(day=3)
    assert month.replace(year=2020) == PartialDate.of(2020, 9)


@pytest.mark.parametrize(
    ("day", "deadline", "expected"),
    [
        (PartialDate.of(2019, 5), dt.date(2019, 6, 29), True),
        (PartialDate.of(2019, 6), dt.date(2019, 6, 29), None),
        (PartialDate.of(2019, 7), dt.date(2019, 6, 29), False),
        (dt.date(2019, 6, 29), dt.date(2019, 6, 29), True),
        (PartialDate.of(2019), dt.date(2019, 6, 29), None),
    ],
)
def test_a_deadline_is_met_only_if_the_last_possible_day_is_on_or_before_it(
    day: dt.date, deadline: dt.date, expected: bool | None
) -> None:
    assert on_or_before(day, deadline) is expected
    assert after(day, deadline) is (None if expected is None else not expected)


@pytest.mark.parametrize(
    ("value", "written"), [("2019-09", "2019-09"), ("2019", "2019"), (2019, "2019")]
)
def test_read_from_text_or_a_yaml_number(value: object, written: str) -> None:
    day = read_day(value)
    assert isinstance(day, PartialDate) and str(day) == written


def test_a_bad_month_is_refused() -> None:
    with pytest.raises(ValueError, match="month 01-12"):
        read_day("2019-13")


@pytest.mark.parametrize("suffix", [".yaml", ".json", ".toml"])
def test_every_syntax_reads_and_writes_partial_dates_as_written(
    tmp_path: Path, suffix: str
) -> None:
    data = {
        "schema_version": 1,
        "id": "x",
        "name": "X",
        "valid_from": "2019-09",
        "first_published": "2019",
        "areas": [{"code": "E09000016"}],
        "yearly_reports": {"complete": False, "items": [{"published": "2020-09"}]},
    }
    path = tmp_path / f"x{suffix}"
    arrangement = Arrangement.model_validate(data)
    path.write_text(dump_text(arrangement, suffix[1:]), encoding="utf-8")
    loaded = load_arrangement(path)
    assert loaded == arrangement
    assert str(loaded.valid_from) == "2019-09" and str(loaded.first_published) == "2019"
    assert isinstance(loaded.yearly_reports, IncompleteList)
    written = json.loads(dump_text(loaded, "json"))
    assert written["valid_from"] == "2019-09"
    assert written["yearly_reports"] == {"complete": False, "items": [{"published": "2020-09"}]}


def test_a_yaml_year_may_be_a_number(tmp_path: Path) -> None:
    path = tmp_path / "x.yaml"
    path.write_text(BASE + "valid_from: 2019\n", encoding="utf-8")
    assert load_arrangement(path).valid_from == PartialDate.of(2019)


def test_a_list_with_completeness() -> None:
    arr = Arrangement.model_validate(
        {
            "id": "x",
            "name": "X",
            "areas": [{"code": "E09000016"}],
            "groups": {"complete": True, "items": []},
            "partners": {"complete": False},
        }
    )
    assert arr.groups == () and is_complete(arr.groups)
    assert arr.partners == () and not is_complete(arr.partners)
    assert not is_complete(None)


def test_a_partial_end_makes_in_force_three_valued() -> None:
    partner = SafeguardingPartner.model_validate(
        {"role": "clinical_commissioning_group", "organisation": "ccg", "valid_to": "2022-06"}
    )
    assert partner.in_force_on(dt.date(2022, 5, 31)) is True
    assert partner.in_force_on(dt.date(2022, 6, 15)) is None
    assert partner.in_force_on(dt.date(2022, 7, 1)) is False
    assert partner.in_force(dt.date(2022, 6, 15))  # "may be in force"


def test_an_end_not_recorded_is_unknown_after_the_facts_were_seen() -> None:
    partner = SafeguardingPartner.model_validate(
        {"role": "clinical_commissioning_group", "organisation": "ccg", "as_at": "2019-06-01"}
    )
    assert partner.in_force_on(dt.date(2019, 6, 1)) is True
    assert partner.in_force_on(dt.date(2025, 1, 1)) is None
    current = partner.model_copy(update={"current": True})
    assert current.in_force_on(dt.date(2025, 1, 1)) is True
    plain = partner.model_copy(update={"as_at": None})
    assert plain.in_force_on(dt.date(2025, 1, 1), as_at=dt.date(2019, 6, 1)) is None


@pytest.mark.parametrize(
    ("words", "expected"),
    [
        ("three times a year", {"times": 3, "per": "year"}),
        ("twice a year", {"times": 2, "per": "year"}),
        ("every six weeks (initially)", {"every_weeks": 6, "note": "initially"}),
        ("every 2 months", {"every_months": 2}),
        ("as required", {"ad_hoc": True}),
        ("fortnightly", {"every_weeks": 2}),
        ("Quarterly", {"frequency": "quarterly"}),
    ],
)
def test_cadences_as_partnerships_write_them(words: str, expected: dict[str, object]) -> None:
    cadence = Cadence.model_validate(words)
    assert cadence.model_dump(exclude_none=True) == expected


def test_a_cadence_not_understood_is_refused_with_the_forms_it_may_take() -> None:
    with pytest.raises(ValueError, match="'N times a year'"):
        Cadence.model_validate("when the moon is full")


def test_a_vocabulary_refusal_lists_the_values_and_suggests_one(tmp_path: Path) -> None:
    path = tmp_path / "x.yaml"
    path.write_text(
        BASE + "groups: [{id: g, name: G, kind: subgrup, reports_to: none}]\n", encoding="utf-8"
    )
    run = check_path(path, as_of=dt.date(2025, 1, 1))
    (error,) = run.load_errors
    message = str(error)
    assert "did you mean 'subgroup'?" in message
    assert "'partnership_meeting'" in message and "'child_death_overview_panel'" in message


def test_a_file_with_as_at_is_checked_as_of_that_day_and_says_so(tmp_path: Path) -> None:
    path = tmp_path / "x.yaml"
    path.write_text(BASE + "as_at: 2021-05\n", encoding="utf-8")
    run = check_path(path, as_of=None, default_as_of=dt.date(2026, 1, 1))
    assert run.results[0].as_of == dt.date(2021, 5, 31)
    from safeguarding_partnership.output.text import render_check

    text = render_check(run, "human", quiet=False)
    assert "checked as of 2021-05-31, the day the file's facts were seen (as_at 2021-05" in text
    given = check_path(path, as_of=dt.date(2026, 1, 1))
    assert given.results[0].as_of == dt.date(2026, 1, 1)
    assert "after the file's facts were seen" in render_check(given, "human", quiet=False)
