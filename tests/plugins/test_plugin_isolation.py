"""Installing a plugin never changes the check of a file that does not name it."""

from __future__ import annotations

import datetime as dt

from safeguarding_partnership.pipeline import check_path
from safeguarding_partnership.plugins import manager as plugins

DAY = dt.date(2024, 6, 1)


def test_file_not_naming_havering_is_unaffected(small_file, monkeypatch):
    path = small_file()
    with_installed = check_path(path, as_of=DAY)
    assert {"havering", "bhr"} <= set(plugins._entry_points())  # both are installed here
    monkeypatch.setattr(plugins, "_entry_points", dict)  # as if no plugin were installed
    core_only = check_path(path, as_of=DAY)
    (a,), (b,) = with_installed.results, core_only.results
    assert a.findings == b.findings
    assert [r.code for r in a.rules_run] == [r.code for r in b.rules_run]
    assert not any(r.provider != "core" for r in a.rules_run)
    assert a.arrangement == b.arrangement  # no thematic groups, no schools
    assert {g.id for g in a.arrangement.groups or ()} == {"board"}


def test_bhr_example_does_not_get_havering(examples_dir):
    (result,) = check_path(examples_dir / "bhr.yaml", as_of=DAY).results
    assert not any(r.code.startswith("HAV-") for r in result.rules_run)
    assert any(r.code == "BHR-001" for r in result.rules_run)
    assert result.arrangement.relevant_agencies is None


def test_naming_a_plugin_is_what_turns_it_on(small_file):
    path = small_file("havering", extra="settings: {havering: {partnership_meeting: board}}\n")
    path.write_text(path.read_text().replace("E08000035", "E09000016"))
    (result,) = check_path(path, as_of=DAY).results
    assert any(r.code == "HAV-001" for r in result.rules_run)
    assert (
        len([g for g in result.arrangement.groups or () if g.kind.value == "thematic_group"]) == 4
    )
