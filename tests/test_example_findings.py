"""The Havering and BHR examples, checked as of 2019-10-01 and as of 2026-11-25 (the day this
was written; tests never read the clock). The findings are recorded as a snapshot, and the
ones that matter are asserted, each true of the example as written (see its README)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from syrupy.assertion import SnapshotAssertion

from safeguarding_partnership.errors import ExitCode
from safeguarding_partnership.pipeline import CheckRun, check_path

DAYS = {"2019-10-01": dt.date(2019, 10, 1), "2026-11-25": dt.date(2026, 11, 25)}


def _run(examples_dir: Path, day: dt.date) -> CheckRun:
    return check_path(examples_dir, as_of=day)


def _table(run: CheckRun) -> list[tuple[str, str, str, str]]:
    return sorted(
        (r.arrangement.id, f.rule_id, f.severity.value, f.message)
        for r in run.results
        for f in r.findings
    )


@pytest.mark.parametrize("day", sorted(DAYS))
def test_example_findings_are_recorded(
    examples_dir: Path, day: str, snapshot: SnapshotAssertion
) -> None:
    run = _run(examples_dir, DAYS[day])
    assert not run.load_errors
    assert _table(run) == snapshot


def test_as_of_2019_the_partners_are_the_ccgs_and_nothing_is_wrong(examples_dir: Path) -> None:
    run = _run(examples_dir, DAYS["2019-10-01"])
    assert run.exit_code == ExitCode.OK
    table = _table(run)
    # Havering CCG, Barking and Dagenham CCG and Redbridge CCG are the health partners then,
    # and the Met covers all three boroughs: no coverage finding at any severity.
    assert not [row for row in table if row[1] in ("PARTNERS-001", "PARTNERS-002", "PARTNERS-003")]
    # WT2023 rules are not in force yet
    assert not [row for row in table if row[1] in ("LEAD-002", "LEAD-004", "PUB-016", "EDU-002")]
    # everything else is a fact the files leave unknown
    assert {row[2] for row in table} == {"info"}
    assert all(row[3].startswith("not recorded") for row in table if row[1] != "HAV-001")


def test_as_of_2026_the_icb_is_the_partner_and_bhr_lacks_education(examples_dir: Path) -> None:
    run = _run(examples_dir, DAYS["2026-11-25"])
    table = _table(run)
    assert run.exit_code == ExitCode.OK  # warnings and information only
    assert not [row for row in table if row[1] in ("PARTNERS-001", "PARTNERS-002", "PARTNERS-003")]
    warnings = [row for row in table if row[2] == "warning"]
    # True of bhr.yaml: the tri-borough group's members are three directors of children's
    # services, the borough commander and a CCG chief nurse whose membership ended in 2021.
    assert warnings == [
        (
            "bhr",
            "EDU-002",
            "warning",
            "no education or childcare member sits on the strategic group(s) tri-borough",
        )
    ]
    # the Havering plugin's groups and rule are at work on the file that names it
    havering = next(r for r in run.results if r.arrangement.id == "havering")
    kinds = sorted(g.kind.value for g in havering.arrangement.groups or ())
    assert kinds.count("thematic_group") == 4
    assert any(rule.code == "HAV-001" for rule in havering.rules_run)
    bhr = next(r for r in run.results if r.arrangement.id == "bhr")
    assert not any(rule.code == "HAV-001" for rule in bhr.rules_run)
    assert any(rule.code == "BHR-001" for rule in bhr.rules_run)
