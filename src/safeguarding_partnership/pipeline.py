"""The check pipeline: load every file, resolve references, run the rules in force."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path

import attrs

from .errors import ArrangementsFileError, ExitCode
from .io.load import Loaded, load
from .rules.engine import CheckResult, RuleFailure, Selection, run_rules
from .rules.rule import Rule

__all__ = ["CheckRun", "check_loaded", "check_path"]


@attrs.frozen
class CheckRun:
    """Everything one ``check`` found: per-arrangement results and per-file load errors."""

    results: tuple[CheckResult, ...]
    load_errors: tuple[ArrangementsFileError, ...] = ()
    failures: tuple[RuleFailure, ...] = ()

    @property
    def exit_code(self) -> int:
        """0 clean, 1 error findings, 2 input error, 3 incomplete (a plugin or rule failed)."""
        if self.load_errors:
            return ExitCode.INPUT
        if self.failures or any(r.failures for r in self.results):
            return ExitCode.INCOMPLETE
        if any(r.count("error") for r in self.results):
            return ExitCode.FINDINGS
        return ExitCode.OK


def check_loaded(
    loaded: Loaded,
    rules: Sequence[Rule],
    as_of: dt.date,
    selection: Selection | None = None,
) -> CheckResult:
    """Run the rules over one loaded arrangement."""
    arrangement = loaded.arrangement
    chosen = Selection.from_settings(
        arrangement.rules,
        select=selection.select if selection else (),
        ignore=selection.ignore if selection else (),
        include_not_commenced=selection.include_not_commenced if selection else False,
        include_preview=selection.include_preview if selection else False,
    )
    return run_rules(
        arrangement,
        rules,
        as_of,
        selection=chosen,
        locate=loaded.locate,
        settings=arrangement.settings,
        file=loaded.file,
    )


def check_path(
    path: Path,
    *,
    as_of: dt.date,
    rules: Sequence[Rule] | None = None,
    selection: Selection | None = None,
) -> CheckRun:
    """Load a file or folder and check every arrangement in it as of a day."""
    if rules is None:
        from .rules.catalogue import core_rules

        rules = core_rules()
    results: list[CheckResult] = []
    errors: list[ArrangementsFileError] = []
    for item in load(path):
        if isinstance(item, ArrangementsFileError):
            errors.append(item)
        else:
            results.append(check_loaded(item, rules, as_of, selection))
    return CheckRun(tuple(results), tuple(errors))
