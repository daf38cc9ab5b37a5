"""A check shown under other file names: standard input under its ``--stdin-filename``."""

from __future__ import annotations

from collections.abc import Mapping

import attrs

from safeguarding_partnership.errors import ArrangementsFileError, Location, Problem
from safeguarding_partnership.findings import Finding
from safeguarding_partnership.pipeline import CheckRun
from safeguarding_partnership.rules.engine import CheckResult, WaiverUse

__all__ = ["renamed"]


def _location(location: Location | None, names: Mapping[str, str]) -> Location | None:
    if location is None or location.file not in names:
        return location
    return attrs.evolve(location, file=names[location.file])


def _finding(finding: Finding, names: Mapping[str, str]) -> Finding:
    return attrs.evolve(finding, location=_location(finding.location, names))


def _error(error: ArrangementsFileError, names: Mapping[str, str]) -> ArrangementsFileError:
    problems = [
        Problem(_location(p.location, names) or p.location, p.path, p.message)
        for p in error.problems
    ]
    return type(error)(problems)


def _waiver(use: WaiverUse, names: Mapping[str, str]) -> WaiverUse:
    return attrs.evolve(
        use,
        location=_location(use.location, names),
        suppressed=tuple(_finding(f, names) for f in use.suppressed),
    )


def _result(result: CheckResult, names: Mapping[str, str]) -> CheckResult:
    return attrs.evolve(
        result,
        file=names.get(result.file, result.file) if result.file is not None else None,
        findings=tuple(_finding(f, names) for f in result.findings),
        waivers=tuple(_waiver(u, names) for u in result.waivers),
    )


def renamed(run: CheckRun, names: Mapping[str, str]) -> CheckRun:
    """``run`` with every file name in ``names`` (a path as read) shown as its value."""
    if not names:
        return run
    return attrs.evolve(
        run,
        results=tuple(_result(r, names) for r in run.results),
        load_errors=tuple(_error(e, names) for e in run.load_errors),
        registry=tuple(_finding(f, names) for f in run.registry),
        registry_waivers=tuple(_waiver(u, names) for u in run.registry_waivers),
    )
