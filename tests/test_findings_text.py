"""``check`` text for people: errors and warnings first, unknowns grouped, filters like ruff's.

A "not recorded" information finding says a fact is unknown. The text output gathers them into
one block per arrangement, counted by default and listed with ``--show-unknown`` or ``-v``, and
one missing fact said by several rules, or once per partner, is one line. ``--min-severity``
hides lower severities; ``-q`` prints findings only (no headings, no summary); ``-qq`` and
``--silent`` print nothing, and the exit status still tells.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from click.testing import CliRunner
from syrupy.assertion import SnapshotAssertion

from safeguarding_partnership.cli import cli
from safeguarding_partnership.findings import Finding, Severity
from safeguarding_partnership.output.text import render_check
from safeguarding_partnership.output.unknowns import group_unknowns, is_unknown
from safeguarding_partnership.pipeline import CheckRun, check_path

ROOT = Path(__file__).resolve().parents[1]
THIN = Path("tests/fixtures/thin-findings.yaml")
HAVERING = Path("examples/havering/havering.yaml")
BHR = Path("examples/havering/bhr.yaml")
DAY = dt.date(2025, 6, 1)
ANSI = re.compile(r"\x1b\[[0-9;]*m")
PARTNERS = ("havering-council", "nel-icb", "met")


@pytest.fixture(autouse=True)
def _at_root(monkeypatch: pytest.MonkeyPatch) -> None:
    """Paths are given relative to the repository, as a user types them."""
    monkeypatch.chdir(ROOT)


def _run(path: Path) -> CheckRun:
    return check_path(path, as_of=DAY)


def _cli(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, ["check", *args, "--as-of", DAY.isoformat()])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    return result.exit_code, result.output


def test_thin_file_is_lawful_with_only_unknowns() -> None:
    run = _run(THIN)
    assert not run.load_errors and run.exit_code == 0
    (result,) = run.results
    assert result.findings and all(is_unknown(f) for f in result.findings)
    # three rules each say one missing fact for every partner: nine findings
    per_partner = [f for f in result.findings if f.rule_id in ("LEAD-002", "LEAD-004", "PUB-016")]
    assert len(per_partner) == 9


def test_one_missing_fact_is_one_line_whatever_the_rules_and_partners() -> None:
    (result,) = _run(THIN).results
    facts = group_unknowns(result.findings, result.arrangement)
    lead = [f for f in facts if f.text.startswith("the lead safeguarding partner")]
    delegated = [f for f in facts if f.text.startswith("the delegated safeguarding")]
    assert [(f.rules, f.subjects) for f in lead] == [(("LEAD-002",), PARTNERS)]
    # LEAD-004 says "of", PUB-016 says "for": the same fact, one line naming both rules
    assert [(f.rules, f.subjects) for f in delegated] == [(("LEAD-004", "PUB-016"), PARTNERS)]
    assert delegated[0].text == (
        "the delegated safeguarding partner of havering-council, nel-icb and met"
    )
    assert len(delegated[0].findings) == 6
    # every finding is in exactly one fact, and facts are distinct
    assert sum(len(f.findings) for f in facts) == len(result.findings)
    assert len({f.text for f in facts}) == len(facts) == len(result.findings) - 9 + 2


def test_only_organisations_of_the_file_are_subjects() -> None:
    (result,) = _run(THIN).results

    def info(rule: str, message: str) -> Finding:
        return Finding(rule, Severity.INFO, message)

    facts = group_unknowns(
        [
            info("X-001", "not recorded: the minutes of the meeting of the board"),
            info("X-002", "not recorded: the minutes of the meeting of the panel"),
            info("X-003", "not recorded: the chair of met"),
            info("X-003", "not recorded: the chair of nel-icb"),
        ],
        result.arrangement,
    )
    assert [(f.text, f.subjects) for f in facts] == [
        ("the minutes of the meeting of the board", ()),
        ("the minutes of the meeting of the panel", ()),
        ("the chair of met and nel-icb", ("met", "nel-icb")),
    ]


def test_unknowns_are_counted_by_default_and_never_repeated() -> None:
    text = render_check(_run(THIN), "human", terminal=False)
    assert "havering-council" not in text.split("not recorded")[-1]
    (count,) = [line for line in text.splitlines() if line.startswith("  not recorded")]
    assert count == (
        "  not recorded: 15 facts the file does not record (22 information findings); "
        "list them with --show-unknown"
    )
    assert "LEAD-002" not in text and "infos (" not in text
    assert text.endswith("1 arrangement(s) checked, 0 error(s), 0 warning(s)\n")


@pytest.mark.parametrize("flag", ["--show-unknown", "-v", "--verbose"])
def test_unknowns_are_listed_with_show_unknown_or_verbose(flag: str) -> None:
    code, text = _cli(str(THIN), flag)
    assert code == 0
    assert "  not recorded (15 facts, 22 information findings):\n" in text
    lines = [line for line in text.splitlines() if "delegated safeguarding partner" in line]
    assert lines == [
        "    tests/fixtures/thin-findings.yaml:21:5: LEAD-004, PUB-016 the delegated "
        "safeguarding partner of havering-council, nel-icb and met"
    ]
    assert text.count("the lead safeguarding partner of") == 1
    # the arrangement's description is shown only when verbose
    assert ("  areas: Havering (E09000016)" in text) is (flag != "--show-unknown")


def test_errors_and_warnings_lead_the_arrangement(tmp_path: Path) -> None:
    text = render_check(_run(BHR), "human", terminal=False)
    heading, checked, first = text.splitlines()[:3]
    assert heading == "Barking and Dagenham, Havering and Redbridge Safeguarding Partnership (bhr)"
    assert checked.startswith("  checked as of 2025-06-01: ")
    assert first == "  warnings (1):"
    assert text.index("warnings (1):") < text.index("  not recorded")


@pytest.mark.parametrize(
    ("minimum", "shown", "hidden"),
    [
        ("error", [], ["EDU-002", "not recorded", "HAV-001"]),
        ("warning", ["EDU-002"], ["not recorded", "HAV-001"]),
        ("info", ["EDU-002", "not recorded", "HAV-001"], []),
    ],
)
def test_min_severity_hides_lower_severities(
    minimum: str, shown: list[str], hidden: list[str]
) -> None:
    code, text = _cli("examples/havering", "--min-severity", minimum)
    assert code == 0  # the exit status is the run's, whatever is shown
    for fact in shown:
        assert fact in text, fact
    for fact in hidden:
        assert fact not in text, fact
    assert text.endswith("2 arrangement(s) checked, 0 error(s), 1 warning(s)\n")


def test_min_severity_filters_json_and_csv() -> None:
    _code, data = _cli(str(BHR), "--format", "json", "--min-severity", "warning")
    assert '"severity": "info"' not in data and '"EDU-002"' in data
    _code, rows = _cli(str(BHR), "--format", "csv", "--min-severity", "warning")
    assert ",info," not in rows and "EDU-002" in rows
    _code, everything = _cli(str(BHR), "--format", "json")
    assert '"severity": "info"' in everything


def test_quiet_prints_findings_only_like_ruff() -> None:
    code, text = _cli("examples/havering", "-q")
    assert code == 0
    assert text == (
        "examples/havering/bhr.yaml:58:7: EDU-002 [warning] no education or childcare member "
        "sits on the strategic group(s) tri-borough\n"
        "  (WT2023 ch.2 <https://www.gov.uk/government/publications/"
        "working-together-to-safeguard-children--2>)\n"
        + "".join(
            f"examples/havering/havering.yaml:110:3: HAV-001 [info] progress reports of thematic "
            f"group {group!r} are not recorded\n"
            "  (Havering SCP local arrangements: thematic groups report to the partnership "
            "meeting <https://safeguardinghavering.org.uk/childrenpartnership/about-us/>)\n"
            for group in (
                "adolescent-safeguarding",
                "childrens-quality-and-effectiveness",
                "early-help-partnership-board",
                "education-strategic-partnership",
            )
        )
    )


def test_quiet_with_show_unknown_lists_the_unknowns() -> None:
    _code, text = _cli(str(THIN), "-q", "--show-unknown")
    assert "Havering Safeguarding Children Partnership" not in text
    assert "arrangement(s) checked" not in text
    assert (
        "tests/fixtures/thin-findings.yaml:21:5: LEAD-004, PUB-016 [not recorded] the delegated "
        "safeguarding partner of havering-council, nel-icb and met\n" in text
    )


def test_a_clean_quiet_run_prints_nothing() -> None:
    assert _cli(str(THIN), "-q") == (0, "")


@pytest.mark.parametrize("flags", [["-qq"], ["--silent"], ["-s"], ["-s", "--format", "json"]])
def test_silent_prints_nothing_and_keeps_the_exit_status(flags: list[str], tmp_path: Path) -> None:
    broken = tmp_path / "a.yaml"
    broken.write_text(
        "id: x\nname: X\nareas: [{code: E09000016, name: Havering}]\npartners: []\n",
        encoding="utf-8",
    )
    code, text = _cli(str(broken), *flags)
    assert (code, text) == (1, "")


def test_rich_layout_groups_unknowns_too() -> None:
    text = ANSI.sub("", render_check(_run(THIN), "human", terminal=True, width=200))
    assert "not recorded: 15 facts the file does not record" in text
    assert "LEAD-002" not in text
    listed = ANSI.sub(
        "", render_check(_run(THIN), "human", terminal=True, width=200, show_unknown=True)
    )
    assert listed.count("the delegated safeguarding partner of havering-council") == 1
    assert "LEAD-004, PUB-016" in listed


@pytest.mark.parametrize("path", [HAVERING, BHR, THIN], ids=["havering", "bhr", "thin"])
@pytest.mark.parametrize("show_unknown", [False, True], ids=["default", "show-unknown"])
def test_text_output_snapshot(path: Path, show_unknown: bool, snapshot: SnapshotAssertion) -> None:
    text = render_check(_run(path), "human", terminal=False, show_unknown=show_unknown)
    assert text == snapshot


def test_rich_layout_gives_the_citation_with_its_address() -> None:
    text = ANSI.sub("", render_check(_run(BHR), "human", terminal=True, width=300))
    assert "WT2023 ch.2 <https://www.gov.uk/government/publications/" in text
