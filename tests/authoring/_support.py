"""Helpers for the authoring tests: run the command line, check a file as of a day."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path

import pytest

from safeguarding_partnership.cli import main
from safeguarding_partnership.findings import Finding
from safeguarding_partnership.pipeline import CheckRun, check_path


def run_cli(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    """Exit status, standard output and standard error of one command."""
    with pytest.raises(SystemExit) as exit_:
        main(list(args))
    code = exit_.value.code
    out, err = capsys.readouterr()
    return (int(code) if isinstance(code, int) else 0), out, err


def check(path: Path, as_of: dt.date) -> CheckRun:
    run = check_path(path, as_of=as_of)
    assert not run.load_errors, [str(e) for e in run.load_errors]
    return run


def partner_errors(run: CheckRun) -> list[Finding]:
    """The error-level PARTNERS- findings of a run."""
    return [
        f
        for result in run.results
        for f in result.findings
        if f.rule_id.startswith("PARTNERS-") and f.severity.value == "error"
    ]


def changed_lines(before: str, after: str) -> tuple[list[str], list[str]]:
    """The lines removed and added between two texts (a line diff, no context)."""
    import difflib

    removed: list[str] = []
    added: list[str] = []
    for line in difflib.ndiff(before.splitlines(), after.splitlines()):
        if line.startswith("- "):
            removed.append(line[2:])
        elif line.startswith("+ "):
            added.append(line[2:])
    return removed, added


def codes(findings: Sequence[Finding]) -> list[str]:
    return sorted(f.rule_id for f in findings)
