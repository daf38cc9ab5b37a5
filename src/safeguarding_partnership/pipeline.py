"""The check pipeline: load every file, resolve references, run the rules in force."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from pathlib import Path

import attrs

from safeguarding_partnership.errors import ArrangementsFileError, ExitCode, PluginError
from safeguarding_partnership.findings import Finding, format_path
from safeguarding_partnership.io.load import Loaded
from safeguarding_partnership.io.parse import Limits
from safeguarding_partnership.model import Arrangement
from safeguarding_partnership.model.dates import latest
from safeguarding_partnership.rules.engine import (
    CheckResult,
    Selection,
    override_notices,
    run_rules,
)
from safeguarding_partnership.rules.rule import Rule

__all__ = ["CheckRun", "check_loaded", "check_path", "check_registry", "day_to_check"]


@attrs.frozen
class CheckRun:
    """Everything one ``check`` found: per-arrangement results and per-file load errors."""

    results: tuple[CheckResult, ...]
    load_errors: tuple[ArrangementsFileError, ...] = ()
    plugin_failures: tuple[PluginError, ...] = ()
    """Plugin faults (a hook raised or returned the wrong type, a conflict): incomplete."""
    registry: tuple[Finding, ...] = ()
    """Cross-arrangement findings (REGISTRY-), over every arrangement checked together."""

    @property
    def exit_code(self) -> int:
        """0 clean, 1 error findings, 2 input error, 3 incomplete (a plugin or rule failed)."""
        if self.load_errors:
            return ExitCode.INPUT
        if self.plugin_failures or any(r.failures for r in self.results):
            return ExitCode.INCOMPLETE
        if any(r.count("error") for r in self.results) or any(
            f.severity.value == "error" for f in self.registry
        ):
            return ExitCode.FINDINGS
        return ExitCode.OK


def check_loaded(
    loaded: Loaded,
    rules: Sequence[Rule],
    as_of: dt.date,
    selection: Selection | None = None,
    settings: Mapping[str, object] | None = None,
) -> CheckResult:
    """Run the rules over one loaded arrangement.

    ``settings`` are the plugins' validated settings by plugin name (default: the file's
    raw ``settings`` mapping).
    """
    arrangement = loaded.arrangement
    chosen = Selection.from_settings(arrangement.rules, given=selection)
    return run_rules(
        arrangement,
        rules,
        as_of,
        selection=chosen,
        locate=loaded.locate,
        settings=dict(settings) if settings is not None else arrangement.settings,
        file=loaded.file,
    )


def day_to_check(arrangement: Arrangement, as_of: dt.date | None, default: dt.date) -> dt.date:
    """The day to check an arrangement as of: ``as_of`` if given, else the day the file says
    its facts were seen (the last day of its ``as_at``), else ``default`` (today)."""
    if as_of is not None:
        return as_of
    return latest(arrangement.as_at) if arrangement.as_at is not None else default


def check_path(
    path: Path,
    *,
    as_of: dt.date | None,
    default_as_of: dt.date | None = None,
    rules: Sequence[Rule] | None = None,
    selection: Selection | None = None,
    plugins: Sequence[str] = (),
    plugin_objects: Mapping[str, object] | None = None,
    england: bool = False,
    progress: bool = False,
    limits: Limits | None = None,
) -> CheckRun:
    """Load a file or folder and check every arrangement in it as of a day.

    Each arrangement is checked with the core and the plugins its ``plugins:`` list names,
    plus ``plugins`` (``--plugin`` values: paths, installed names or module names) and
    ``plugin_objects`` (plugin objects by name). ``rules`` replaces the core's rules.
    A bad ``--plugin`` raises :class:`~.errors.PluginLoadError`.
    With ``as_of`` ``None`` each arrangement is checked as of its file's ``as_at`` (its last
    day), or else ``default_as_of`` (today when not given).
    The registry rules then run over all the arrangements together (REGISTRY-001, that
    every area of England is covered, only with ``england``); ``progress`` shows a bar on
    a terminal. ``limits`` are the input limits (default: :meth:`.io.parse.Limits.from_env`).
    """
    from safeguarding_partnership.plugins.apply import extend, load_with, plugins_for
    from safeguarding_partnership.plugins.manager import get_plugins

    fallback = default_as_of or as_of or dt.date.today()
    given = get_plugins(local=plugins, objects=plugin_objects, strict=True)
    loaders = given.loaders()
    results: list[CheckResult] = []
    errors: list[ArrangementsFileError] = []
    failures: list[PluginError] = list(given.failures)
    checked: list[Loaded] = []
    from safeguarding_partnership.progress import track

    for item in track(
        load_with(path, loaders, limits=limits), "checking arrangements", enabled=progress
    ):
        if isinstance(item, ArrangementsFileError):
            errors.append(item)
            continue
        facade = None
        try:
            facade = plugins_for(item, local=plugins, objects=plugin_objects)
            extended = extend(item, facade, rules=rules)
        except ArrangementsFileError as exc:
            errors.append(exc)
            continue
        except PluginError as exc:
            failures.append(exc)
            continue
        finally:
            if facade is not None:
                failures.extend(facade.failures)
        day = day_to_check(extended.loaded.arrangement, as_of, fallback)
        try:
            result = check_loaded(
                extended.loaded, extended.rules, day, selection, settings=extended.settings
            )
        except ArrangementsFileError as exc:  # an unknown rule code written in the file
            errors.append(exc)
            continue
        if extended.overridden:  # the file's records won over plugins' of the same id
            chosen = Selection.from_settings(extended.loaded.arrangement.rules, given=selection)
            notices = override_notices(
                extended.loaded.arrangement, extended.overridden, extended.loaded.locate, chosen
            )
            result = attrs.evolve(
                result, findings=tuple(sorted({*result.findings, *notices}, key=Finding.sort_key))
            )
        results.append(result)
        checked.append(extended.loaded)
    unique = tuple({str(f): f for f in failures}.values())
    return CheckRun(
        tuple(results),
        tuple(errors),
        plugin_failures=unique,
        registry=check_registry(checked, as_of or fallback, england=england),
    )


def check_registry(
    loaded: Sequence[Loaded], as_of: dt.date, *, england: bool = False
) -> tuple[Finding, ...]:
    """Run the registry rules over arrangements checked together, with located findings.

    ``england`` also checks that every upper-tier area of England on ``as_of`` (from the
    packaged reference data) is covered (REGISTRY-001).
    """
    from safeguarding_partnership.rules.core.registry import REGISTRY_RULES, RegistryContext

    areas = None
    if england:
        from safeguarding_partnership.reference import upper_tier_areas_on

        areas = {la.code: la.name for la in upper_tier_areas_on(as_of)}
    ctx = RegistryContext(tuple(item.arrangement for item in loaded), as_of, areas)
    findings: set[Finding] = set()
    for rule in REGISTRY_RULES:
        if (rule.england_only and not england) or not rule.in_force(as_of):
            continue
        for found in rule(ctx):
            issue = found.issue
            location = None
            if found.arrangement is not None:
                item = loaded[found.arrangement]
                location = item.locate(issue.path)
            findings.add(
                Finding(
                    rule_id=rule.code,
                    severity=issue.severity or rule.severity,
                    message=issue.message,
                    path=format_path(issue.path),
                    location=location,
                    citation=rule.citation,
                )
            )
    return tuple(sorted(findings, key=Finding.sort_key))
