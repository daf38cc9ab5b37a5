"""The getting-started tutorial's file checks with no error on the days the tutorial uses
(the day it was written, for "today", and ``--as-of 2024-03-31``), and shows a partial date,
a source and an incomplete list."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

from safeguarding_partnership.model.common import IncompleteList
from safeguarding_partnership.model.dates import PartialDate
from safeguarding_partnership.pipeline import check_path

TUTORIAL = Path(__file__).resolve().parents[1] / "docs/tutorials/getting-started.md"
DAYS = [dt.date(2024, 3, 31), dt.date(2026, 11, 25), dt.date(2026, 12, 3)]


@pytest.fixture
def tutorial_file(tmp_path: Path) -> Path:
    text = TUTORIAL.read_text(encoding="utf-8")
    match = re.search(r"```yaml\n(schema_version: 1\nid: havering.*?)```", text, re.DOTALL)
    assert match is not None
    path = tmp_path / "arrangements.yaml"
    path.write_text(match.group(1), encoding="utf-8")
    return path


@pytest.mark.parametrize("day", DAYS, ids=str)
def test_the_tutorial_file_has_no_error(tutorial_file: Path, day: dt.date) -> None:
    run = check_path(tutorial_file, as_of=day)
    assert not run.load_errors
    (result,) = run.results
    assert [f for f in result.findings if f.severity.value == "error"] == []
    # the single recorded report is not read as the whole history
    report_001 = [f for f in result.findings if f.rule_id == "REPORT-001"]
    assert report_001 and {f.severity.value for f in report_001} == {"info"}


def test_the_tutorial_file_shows_a_partial_date_a_source_and_an_incomplete_list(
    tutorial_file: Path,
) -> None:
    (result,) = check_path(tutorial_file, as_of=DAYS[0]).results
    arrangement = result.arrangement
    assert isinstance(arrangement.first_published, PartialDate)
    assert arrangement.sources and arrangement.sources[0].url
    assert isinstance(arrangement.yearly_reports, IncompleteList)


def test_the_same_file_with_a_complete_list_finds_the_gap(tutorial_file: Path) -> None:
    text = tutorial_file.read_text(encoding="utf-8")
    complete = re.sub(
        r"yearly_reports:\n  complete: false\n  items:\n    - (.*)\n",
        r"yearly_reports:\n  - \1\n",
        text,
    )
    assert complete != text
    tutorial_file.write_text(complete, encoding="utf-8")
    (result,) = check_path(tutorial_file, as_of=DAYS[1]).results
    errors = {(f.rule_id, f.severity.value) for f in result.findings}
    assert ("REPORT-001", "error") in errors
