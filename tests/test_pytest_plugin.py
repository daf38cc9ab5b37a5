"""The pytest plugin's sp_load and sp_check fixtures and assert_findings, through pytester."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from safeguarding_partnership.findings import Finding, Severity
from safeguarding_partnership.testing import assert_findings

pytest_plugins = ["pytester"]

PLUGIN = Path(__file__).resolve().parents[1] / "src/safeguarding_partnership/testing"

ARRANGEMENT = """\
schema_version: 1
id: hartlepool
name: Hartlepool Safeguarding Children Partnership
valid_from: 2019-09-01
areas:
  - {code: E06000001, name: Hartlepool}
organisations:
  - {id: council, name: Hartlepool Borough Council, kind: local_authority, ons_code: E06000001}
partners: none
"""


def _finding(code: str, severity: Severity = Severity.ERROR) -> Finding:
    return Finding(rule_id=code, severity=severity, message=f"{code} message", path="partners")


def test_assert_findings_passes_on_the_same_codes() -> None:
    assert_findings([_finding("PARTNERS-004"), _finding("PARTNERS-004")], ["PARTNERS-004"])


def test_assert_findings_leaves_out_information_unless_asked() -> None:
    info = _finding("PUB-001", Severity.INFO)
    assert_findings([info], [])
    with pytest.raises(AssertionError, match="expected, not found: PUB-003"):
        assert_findings([info], ["PUB-003"], severity="info")


def test_assert_findings_shows_a_readable_difference() -> None:
    with pytest.raises(AssertionError) as caught:
        assert_findings([_finding("PARTNERS-004")], ["PUB-003"])
    text = str(caught.value)
    assert "expected, not found: PUB-003" in text
    assert "found, not expected:" in text
    assert "PARTNERS-004 error partners: PARTNERS-004 message" in text


def test_fixtures_load_and_check_yaml_text(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(
        f"""
        import datetime as dt
        from safeguarding_partnership.model import Arrangement
        from safeguarding_partnership.testing import assert_findings

        TEXT = {ARRANGEMENT!r}

        def test_load(sp_load):
            arrangement = sp_load(TEXT)
            assert isinstance(arrangement, Arrangement)
            assert arrangement.partners == ()

        def test_check(sp_check):
            result = sp_check(TEXT, dt.date(2024, 6, 1), select=["PARTNERS-004"])
            assert_findings(result, ["PARTNERS-004"])
            assert result.findings[0].location.line == 9

        def test_check_a_loaded_arrangement(sp_load, sp_check):
            result = sp_check(sp_load(TEXT), dt.date(2024, 6, 1), select=["PARTNERS-004"])
            assert_findings(result.findings, ["PARTNERS-004"])

        def test_wrong_expectation_fails(sp_check):
            result = sp_check(TEXT, dt.date(2024, 6, 1), select=["PARTNERS-004"])
            assert_findings(result, ["PUB-003"])
        """
    )
    result = pytester.runpytest("-p", "no:randomly")
    result.assert_outcomes(passed=3, failed=1)
    result.stdout.fnmatch_lines(["*expected, not found: PUB-003*", "*PARTNERS-004 error*"])


def test_sp_load_reports_located_errors(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(
        """
        import pytest
        from safeguarding_partnership.errors import ArrangementsFileError

        def test_bad(sp_load):
            with pytest.raises(ArrangementsFileError, match=r":3:1"):
                sp_load("schema_version: 1\\nid: x\\nbogus: 1\\n")
        """
    )
    pytester.runpytest("-p", "no:randomly").assert_outcomes(passed=1)


def test_sp_check_runs_a_plugin_object(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(
        f"""
        import datetime as dt
        from safeguarding_partnership import hookimpl
        from safeguarding_partnership.law import Strength
        from safeguarding_partnership.rules import Issue, Regime, rule
        from safeguarding_partnership.testing import assert_findings

        @rule("LOCAL-001", "Every arrangement names its priorities", strength=Strength.SHOULD,
              regimes=[Regime.WT2023], citations=["local policy"], provider="local_rules")
        def priorities(ctx):
            if not ctx.arrangement.priorities:
                yield Issue("no priorities are recorded", ("priorities",))

        class local_rules:
            @staticmethod
            @hookimpl
            def register_rules():
                return [priorities]

        def test_local_rule(sp_check):
            result = sp_check({ARRANGEMENT!r}, dt.date(2024, 6, 1), plugins=[local_rules],
                              select=["LOCAL-"])
            assert_findings(result, ["LOCAL-001"])
            assert result.findings[0].provider == "local_rules"
        """
    )
    pytester.runpytest("-p", "no:randomly").assert_outcomes(passed=1)


def test_fixtures_are_listed_with_the_sp_prefix(pytester: pytest.Pytester) -> None:
    result = pytester.runpytest("--fixtures")
    text = result.stdout.str()
    for name in ("sp_load", "sp_check", "sp_plugins"):
        assert name in text


def test_the_plugin_has_no_autouse_fixtures_and_only_sp_names() -> None:
    import inspect

    from safeguarding_partnership.testing import pytest_plugin

    source = inspect.getsource(pytest_plugin)
    assert "autouse=True" not in source
    public = list(pytest_plugin.__all__)
    assert public and all(n.startswith("sp_") for n in public)


def test_importing_the_plugin_imports_nothing_heavy_of_the_library() -> None:
    code = (
        "import sys; import safeguarding_partnership.testing.pytest_plugin; "
        "print(sorted(m for m in sys.modules if m.startswith('safeguarding_partnership')))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    loaded = eval(out)  # a printed list of module names
    heavy = [m for m in loaded if m.split(".")[1:2] in (["model"], ["rules"], ["io"], ["pipeline"])]
    assert heavy == []
