"""Rendering never fails on a valid arrangement, whatever its findings."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from safeguarding_partnership.reports.formats import core_formats
from safeguarding_partnership.reports.render import render_formats
from safeguarding_partnership.testing.strategies import arrangements, as_of_dates

from ._check import check


@given(st.data())
def test_every_core_format_renders_a_valid_arrangement(data: st.DataObject) -> None:
    day = data.draw(as_of_dates(), label="as_of")
    arrangement = data.draw(
        arrangements(as_of=day, compliant=data.draw(st.booleans(), label="compliant")),
        label="arrangement",
    )
    findings = check(arrangement, day).findings
    files = render_formats(arrangement, core_formats(), as_of=day, findings=findings)
    assert files
    assert all(isinstance(content, bytes) and content for content in files.values())
