"""``check`` output for people (plain and rich) and programs (JSON): same facts in each."""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from safeguarding_partnership.findings import Severity
from safeguarding_partnership.law import Strength
from safeguarding_partnership.model import Waiver
from safeguarding_partnership.output.text import check_as_data, render_check
from safeguarding_partnership.pipeline import CheckRun, check_path
from safeguarding_partnership.rules import Issue, Regime, RuleContext, rule
from safeguarding_partnership.rules.engine import Selection

DAY = dt.date(2025, 1, 1)
FILE = """\
id: tst
name: Test Partnership
areas:
  - {code: E09000016, name: Havering}
rules:
  ignore:
    - {rule: OUT-003, reason: agreed with the scrutineer}
"""
ANSI = re.compile(r"\x1b\[[0-9;]*m")


@rule(
    "OUT-001",
    "An error",
    strength=Strength.MUST,
    regimes=[Regime.STATUTE],
    citations=["CA2004 s.16E(1)"],
    provider="tests",
)
def _error(ctx: RuleContext) -> Iterator[Issue]:
    yield Issue("the name is wrong", ("name",))


@rule(
    "OUT-002",
    "A warning and a note",
    strength=Strength.SHOULD,
    regimes=[Regime.STATUTE],
    citations=["WT2023 ch.2"],
    provider="tests",
)
def _warning(ctx: RuleContext) -> Iterator[Issue]:
    yield Issue("the area could be named better", ("areas", 0, "name"))
    yield Issue("not recorded: the groups", ("groups",), Severity.INFO)


@rule(
    "OUT-003",
    "A waived error",
    strength=Strength.MUST,
    regimes=[Regime.STATUTE],
    citations=["CA2004 s.16G"],
    provider="tests",
)
def _waived(ctx: RuleContext) -> Iterator[Issue]:
    yield Issue("this is hidden by a waiver", ("id",))


RULES = (_error, _warning, _waived)


@pytest.fixture
def run(tmp_path: Path) -> CheckRun:
    path = tmp_path / "arrangements.yaml"
    path.write_text(FILE, encoding="utf-8")
    selection = Selection(ignore=(Waiver(rule="OUT-002", reason="not our guidance"),))
    return check_path(path, as_of=DAY, rules=RULES, selection=selection)


def test_plain_groups_by_severity_with_locations_citations_and_summary(run: CheckRun) -> None:
    text = render_check(run, "human", terminal=False)
    file = run.results[0].file
    assert "\x1b[" not in text
    assert "checked as of 2025-01-01: 1 rules in force" in text
    assert (
        f"  errors (1):\n    {file}:2:7: OUT-001 the name is wrong\n      (CA2004 s.16E(1))" in text
    )
    assert "warnings" not in text  # OUT-002 is waived on the command line
    assert "--ignore waived OUT-002 (OUT-002): not our guidance; suppressed 2 finding(s)" in text
    assert (
        f"{file}:7:7: waived OUT-003 (OUT-003): agreed with the scrutineer; "
        "suppressed 1 finding(s)" in text
    )
    assert text.endswith("1 arrangement(s) checked, 1 error(s), 0 warning(s)\n")


def test_plain_quiet_prints_findings_only(run: CheckRun) -> None:
    """Like ruff's ``-q``: the findings, each with its severity, and no summary."""
    text = render_check(run, "human", quiet=True, terminal=False)
    file = run.results[0].file
    assert text == f"{file}:2:7: OUT-001 [error] the name is wrong\n  (CA2004 s.16E(1))\n"


@pytest.mark.parametrize(
    ("environment", "coloured"),
    [
        ({"TERM": "xterm-256color"}, True),
        ({"TERM": "dumb"}, False),
        ({"TERM": "xterm-256color", "NO_COLOR": "1"}, False),
    ],
)
def test_rich_shows_the_same_facts(
    run: CheckRun,
    monkeypatch: pytest.MonkeyPatch,
    environment: dict[str, str],
    coloured: bool,
) -> None:
    for name in ("TERM", "NO_COLOR", "FORCE_COLOR", "COLORTERM"):
        monkeypatch.delenv(name, raising=False)
    for name, value in environment.items():
        monkeypatch.setenv(name, value)
    text = render_check(run, "human", terminal=True, width=200)
    assert ("\x1b[" in text) is coloured
    plain = ANSI.sub("", text)
    file = run.results[0].file
    assert "errors (1)" in plain
    for fact in (
        "OUT-001",
        f"{file}:2:7",
        "the name is wrong",
        "CA2004 s.16E(1)",
        "not our guidance",
        "agreed with the scrutineer",
        "1 arrangement(s) checked, 1 error(s), 0 warning(s)",
    ):
        assert fact in plain, fact


def test_plain_without_waivers_lists_warnings_and_infos(tmp_path: Path) -> None:
    path = tmp_path / "a.yaml"
    path.write_text(FILE.split("rules:")[0], encoding="utf-8")
    text = render_check(check_path(path, as_of=DAY, rules=RULES), "human", terminal=False)
    assert text.index("errors (2):") < text.index("warnings (1):") < text.index("not recorded:")
    assert "  not recorded: 1 fact the file does not record (1 information finding)" in text
    assert "OUT-003 this is hidden by a waiver" in text
    assert "(WT2023 ch.2)" in text
    assert text.endswith("2 error(s), 1 warning(s)\n")


def test_json_shape_and_waivers(run: CheckRun) -> None:
    data = json.loads(render_check(run, "json"))
    assert data == check_as_data(run)
    assert data["exit_code"] == 1
    (arr,) = data["arrangements"]
    assert set(arr) == {
        "id",
        "name",
        "file",
        "as_of",
        "rules_run",
        "waived",
        "waivers",
        "failures",
        "findings",
    }
    assert arr["waived"] == [
        {"rule": "OUT-002", "reason": "not our guidance"},
        {"rule": "OUT-003", "reason": "agreed with the scrutineer"},
    ]
    file_waiver, cli_waiver = arr["waivers"]
    assert file_waiver["rule"] == "OUT-003" and file_waiver["origin"] == "rules.ignore[0]"
    assert (file_waiver["line"], file_waiver["column"]) == (7, 7)
    assert [f["message"] for f in file_waiver["suppressed"]] == ["this is hidden by a waiver"]
    assert cli_waiver["origin"] == "--ignore" and cli_waiver["used"] is True
    assert [f["severity"] for f in cli_waiver["suppressed"]] == ["warning", "info"]
    (finding,) = arr["findings"]
    assert finding["rule"] == "OUT-001" and finding["citation"] == "CA2004 s.16E(1)"


def test_load_errors_in_every_format(tmp_path: Path) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text("id: x\nname: [oops\n", encoding="utf-8")
    broken = check_path(path, as_of=DAY, rules=RULES)
    assert broken.exit_code == 2
    plain = render_check(broken, "human", terminal=False)
    assert str(path) in plain and "1 file(s) could not be loaded" in plain
    data = json.loads(render_check(broken, "json"))
    assert data["load_errors"][0]["file"] == str(path)
    sarif = json.loads(render_check(broken, "sarif"))
    assert sarif["runs"][0]["results"][0]["ruleId"] == "SP-LOAD"
