"""Rule selection like ruff's: select, ignore with reasons, unused waivers (SP-001), errors."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from safeguarding_partnership.cli import main
from safeguarding_partnership.errors import UnknownRuleError
from safeguarding_partnership.findings import Severity
from safeguarding_partnership.law import Strength
from safeguarding_partnership.model import Waiver
from safeguarding_partnership.pipeline import check_path
from safeguarding_partnership.rules import Issue, Regime, Rule, RuleContext, RuleStatus, rule
from safeguarding_partnership.rules.engine import CheckResult, Selection, select_rules

DAY = dt.date(2025, 1, 1)
BASE = "id: tst\nname: Test Partnership\nareas:\n  - {code: E09000016, name: Havering}\n"


def _finds(ctx: RuleContext) -> Iterator[Issue]:
    yield Issue(f"{ctx.arrangement.name} is a test", ("name",))


def _quiet(ctx: RuleContext) -> Iterator[Issue]:
    yield from ()


def _make(code: str, function: object, status: RuleStatus = RuleStatus.STABLE) -> Rule:
    return rule(
        code,
        f"test rule {code}",
        strength=Strength.MUST,
        regimes=[Regime.STATUTE],
        citations=["test citation"],
        status=status,
        provider="tests",
    )(function)  # type: ignore[arg-type]


FINDS = _make("TST-001", _finds)
QUIET = _make("TST-002", _quiet)
PREVIEW = _make("TST-003", _finds, RuleStatus.PREVIEW)
LATER = _make("TST-004", _finds, RuleStatus.NOT_COMMENCED)
RULES = (FINDS, QUIET, PREVIEW, LATER)


def _write(tmp_path: Path, rules_yaml: str = "") -> Path:
    path = tmp_path / "arrangements.yaml"
    path.write_text(BASE + rules_yaml, encoding="utf-8")
    return path


def _check(path: Path, selection: Selection | None = None) -> CheckResult:
    run = check_path(path, as_of=DAY, rules=RULES, selection=selection)
    assert not run.load_errors
    (result,) = run.results
    return result


def _codes(result: CheckResult) -> list[str]:
    return [f.rule_id for f in result.findings]


def test_default_runs_stable_rules_in_force_only(tmp_path: Path) -> None:
    result = _check(_write(tmp_path))
    assert [r.code for r in result.rules_run] == ["TST-001", "TST-002"]
    assert _codes(result) == ["TST-001"]


def test_file_waiver_suppresses_finding_and_keeps_reason(tmp_path: Path) -> None:
    path = _write(tmp_path, "rules:\n  ignore:\n    - {rule: TST-001, reason: agreed locally}\n")
    result = _check(path)
    assert _codes(result) == []
    (use,) = result.waivers
    assert use.waiver.reason == "agreed locally"
    assert use.rules == ("TST-001",)
    assert [f.rule_id for f in use.suppressed] == ["TST-001"]
    assert use.used
    assert use.path == "rules.ignore[0]"
    assert use.location is not None and use.location.line == 7


def test_waiver_whose_rules_find_nothing_is_reported_as_sp001(tmp_path: Path) -> None:
    path = _write(tmp_path, "rules:\n  ignore:\n    - {rule: TST-002, reason: never fires}\n")
    result = _check(path)
    assert _codes(result) == ["TST-001", "SP-001"]  # errors before infos
    sp = next(f for f in result.findings if f.rule_id == "SP-001")
    assert sp.severity is Severity.INFO
    assert sp.provider == "core"
    assert "'TST-002'" in sp.message and "never fires" in sp.message
    assert "TST-002 found nothing on 2025-01-01" in sp.message
    assert sp.path == "rules.ignore[0]"
    assert sp.location is not None and (sp.location.line, sp.location.column) == (7, 7)


def test_waiver_matching_no_rule_in_force_is_reported(tmp_path: Path) -> None:
    path = _write(tmp_path, "rules:\n  ignore:\n    - {rule: TST-004, reason: not yet law}\n")
    result = _check(path)
    sp = [f for f in result.findings if f.rule_id == "SP-001"]
    assert len(sp) == 1
    assert "no rule in force on 2025-01-01 matches 'TST-004'" in sp[0].message


def test_duplicate_waiver_is_reported_as_unused(tmp_path: Path) -> None:
    path = _write(
        tmp_path,
        "rules:\n  ignore:\n"
        "    - {rule: TST-, reason: family}\n"
        "    - {rule: TST-001, reason: twice}\n",
    )
    result = _check(path)
    (sp,) = [f for f in result.findings if f.rule_id == "SP-001"]
    assert sp.path == "rules.ignore[1]"
    assert "waived by an earlier waiver" in sp.message


def test_command_line_waiver_is_reported_unlocated(tmp_path: Path) -> None:
    selection = Selection(ignore=(Waiver(rule="TST-002", reason="cli reason"),))
    result = _check(_write(tmp_path), selection)
    (sp,) = [f for f in result.findings if f.rule_id == "SP-001"]
    assert sp.location is None and sp.path == ""
    assert "given with --ignore" in sp.message and "cli reason" in sp.message


def test_ignoring_sp001_silences_unused_waivers_and_records_them(tmp_path: Path) -> None:
    path = _write(
        tmp_path,
        "rules:\n  ignore:\n    - {rule: TST-002, reason: a}\n    - {rule: SP-001, reason: b}\n",
    )
    result = _check(path)
    assert _codes(result) == ["TST-001"]
    assert [u.waiver.rule for u in result.waivers] == ["TST-002", "SP-001"]
    assert [f.rule_id for f in result.waivers[1].suppressed] == ["SP-001"]


def test_select_narrows_and_switches_off_sp001_unless_selected(tmp_path: Path) -> None:
    path = _write(
        tmp_path, "rules:\n  select: [TST-002]\n  ignore:\n    - {rule: TST-001, reason: x}\n"
    )
    result = _check(path)
    assert [r.code for r in result.rules_run] == ["TST-002"]
    assert _codes(result) == []
    with_sp = _check(path, Selection(select=("SP-001",)))
    assert _codes(with_sp) == ["SP-001"]


def test_prefix_without_dash_selects_family(tmp_path: Path) -> None:
    result = _check(_write(tmp_path), Selection(select=("TST",), include_preview=True))
    assert [r.code for r in result.rules_run] == ["TST-001", "TST-002", "TST-003"]


def test_preview_rule_runs_when_selected_or_included(tmp_path: Path) -> None:
    path = _write(tmp_path)
    assert "TST-003" not in _codes(_check(path))
    assert "TST-003" in _codes(_check(path, Selection(select=("TST-003",))))
    assert "TST-003" in _codes(_check(path, Selection(include_preview=True)))


def test_commencement_date_in_file_brings_a_not_commenced_rule_into_force(tmp_path: Path) -> None:
    later = _write(tmp_path, "rules:\n  commencement: {TST-004: 2024-09-01}\n")
    result = _check(later)
    assert "TST-004" in _codes(result)
    (f,) = [f for f in result.findings if f.rule_id == "TST-004"]
    assert f.not_commenced
    not_yet = _write(tmp_path, "rules:\n  commencement: {TST-004: 2027-09-01}\n")
    assert "TST-004" not in _codes(_check(not_yet))


def test_include_not_commenced_in_file_or_selection(tmp_path: Path) -> None:
    assert "TST-004" in _codes(_check(_write(tmp_path, "rules:\n  include_not_commenced: true\n")))
    assert "TST-004" in _codes(_check(_write(tmp_path), Selection(include_not_commenced=True)))


def test_unknown_code_in_file_is_a_located_error(tmp_path: Path) -> None:
    path = _write(tmp_path, "rules:\n  select: [TST-001, NOPE-]\n")
    run = check_path(path, as_of=DAY, rules=RULES)
    assert run.results == () and run.exit_code == 2
    (error,) = run.load_errors
    message = str(error)
    assert message.startswith(f"{path}:6:")
    assert "rules.select[1]: unknown rule code or prefix 'NOPE-'" in message


def test_an_unknown_code_in_one_file_does_not_stop_the_others(tmp_path: Path) -> None:
    bad = _write(tmp_path, "rules:\n  ignore: [{rule: NOPE-1, reason: r}]\n")
    good = tmp_path / "good.yaml"
    good.write_text(BASE, encoding="utf-8")
    run = check_path(tmp_path, as_of=DAY, rules=RULES)
    assert [str(e).split(":")[0] for e in run.load_errors] == [str(bad)]
    assert [r.file for r in run.results] == [str(good)]
    assert "TST-001" in _codes(run.results[0])


def test_commencement_given_by_the_caller_reaches_the_rules(tmp_path: Path) -> None:
    chosen = Selection(commencement={"TST-004": dt.date(2024, 9, 1)})
    assert "TST-004" in _codes(_check(_write(tmp_path), chosen))
    later = Selection(commencement={"TST-004": dt.date(2027, 9, 1)})
    assert "TST-004" not in _codes(_check(_write(tmp_path), later))


def test_unknown_code_in_selection_names_the_option() -> None:
    with pytest.raises(UnknownRuleError, match="'XYZ-9' in ignore"):
        select_rules(RULES, DAY, Selection(ignore=(Waiver(rule="XYZ-9", reason="r"),)))


def test_catalogue_code_without_a_rule_is_known_but_unused(tmp_path: Path) -> None:
    selection = Selection(ignore=(Waiver(rule="CSPR-015", reason="the Panel's duty"),))
    result = _check(_write(tmp_path), selection)
    (sp,) = [f for f in result.findings if f.rule_id == "SP-001"]
    assert "no rule implements 'CSPR-015'" in sp.message


def _cli(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    with pytest.raises(SystemExit) as exit_info:
        main(list(args))
    out, err = capsys.readouterr()
    return int(exit_info.value.code or 0), out, err


def test_cli_unknown_select_is_exit_2_with_message(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _write(tmp_path)
    code, out, err = _cli(capsys, "check", str(path), "--as-of", "2025-01-01", "--select", "NOPE-1")
    assert code == 2
    assert "unknown rule code or prefix 'NOPE-1' in select" in err
    assert "Traceback" not in err + out


def test_cli_unknown_code_in_file_is_exit_2_located(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _write(tmp_path, "rules:\n  ignore:\n    - {rule: NOPE-001, reason: typo}\n")
    code, out, _err = _cli(capsys, "check", str(path), "--as-of", "2025-01-01")
    assert code == 2
    # reported like every file that could not be loaded, with the run's summary
    assert f"{path}:7:14: rules.ignore[0].rule: unknown rule code or prefix 'NOPE-001'" in out
    assert "1 file(s) could not be loaded" in out


def test_cli_ignore_needs_a_reason(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _out, err = _cli(capsys, "check", str(_write(tmp_path)), "--ignore", "PUB-001")
    assert code == 2
    assert "CODE=REASON" in err


def test_cli_unused_waiver_reported_with_reason_in_json(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _write(tmp_path)
    _code, out, _err = _cli(
        capsys,
        "check",
        str(path),
        "--as-of",
        "2025-01-01",
        "--format",
        "json",
        "--ignore",
        "LATER-002=waiting for commencement",
    )
    data = json.loads(out)
    (arr,) = data["arrangements"]
    (waiver,) = arr["waivers"]
    assert waiver == {
        "rule": "LATER-002",
        "reason": "waiting for commencement",
        "origin": "--ignore",
        "file": None,
        "line": None,
        "column": None,
        "rules": [],
        "suppressed": [],
        "used": False,
    }
    sp = [f for f in arr["findings"] if f["rule"] == "SP-001"]
    assert len(sp) == 1 and "waiting for commencement" in sp[0]["message"]


@given(
    select=st.lists(st.sampled_from(["TST-001", "TST-002", "TST-003", "TST-", "TST"]), max_size=3),
    ignore=st.lists(st.sampled_from(["TST-001", "TST-002", "TST-003", "TST-"]), max_size=3),
    preview=st.booleans(),
    later=st.booleans(),
)
def test_every_rule_in_force_is_run_or_waived_never_both(
    select: list[str], ignore: list[str], preview: bool, later: bool
) -> None:
    selection = Selection(
        select=tuple(select),
        ignore=tuple(Waiver(rule=c, reason="r") for c in ignore),
        include_preview=preview,
        include_not_commenced=later,
    )
    chosen, waived = select_rules(RULES, DAY, selection)
    run = {r.code for r in chosen}
    hidden = {r.code for r, _ in waived}
    assert not run & hidden
    for r, w in waived:
        assert r.code == w.rule or r.code.startswith(w.rule.rstrip("-") + "-")
    if not select:
        expected = {"TST-001", "TST-002"} | ({"TST-003"} if preview else set())
        expected |= {"TST-004"} if later else set()
        assert run | hidden == expected


@pytest.mark.parametrize(
    ("regime", "before", "first", "last", "after"),
    [
        (Regime.WT2018, "2018-07-03", "2018-07-04", "2023-12-14", "2023-12-15"),
        (Regime.WT2023, "2023-12-14", "2023-12-15", "2030-01-01", None),
    ],
)
def test_regime_dates_choose_the_rules_in_force(
    regime: Regime, before: str, first: str, last: str, after: str | None
) -> None:
    """REGIME-001 and REGIME-002: a guidance rule runs only on days its edition applies."""
    guidance = rule(
        "TST-010",
        "guidance rule",
        strength=Strength.SHOULD,
        regimes=[regime],
        citations=["c"],
    )(_finds)

    def run_on(day: str) -> bool:
        chosen, _ = select_rules([guidance], dt.date.fromisoformat(day))
        return bool(chosen)

    assert not run_on(before)
    assert run_on(first) and run_on(last)
    if after is not None:
        assert not run_on(after)
