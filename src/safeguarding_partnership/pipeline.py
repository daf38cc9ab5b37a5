"""The check pipeline: load every file, resolve references, run the rules in force."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any

import attrs

from safeguarding_partnership.errors import ArrangementsFileError, ExitCode, PluginError
from safeguarding_partnership.findings import Finding, format_path
from safeguarding_partnership.io.load import Loaded
from safeguarding_partnership.io.parse import Limits
from safeguarding_partnership.rules.engine import CheckResult, Selection, run_rules
from safeguarding_partnership.rules.rule import Rule

__all__ = ["CheckRun", "check_loaded", "check_path", "check_registry"]


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


def _with_default_settings(
    loaded: Loaded, defaults: Mapping[str, Mapping[str, Any]] | None
) -> Loaded:
    """The arrangement with ``defaults`` (a configuration file's settings, by section) below
    its own ``settings``: the file's own entry wins, key by key within a section."""
    if not defaults:
        return loaded
    own = loaded.arrangement.settings or {}
    merged = {
        name: {**defaults.get(name, {}), **(own.get(name) or {})}
        for name in sorted({*defaults, *own})
    }
    return attrs.evolve(
        loaded, arrangement=loaded.arrangement.model_copy(update={"settings": merged})
    )


def check_path(
    path: Path | Sequence[Path],
    *,
    as_of: dt.date,
    rules: Sequence[Rule] | None = None,
    selection: Selection | Callable[[str], Selection] | None = None,
    plugins: Sequence[str] = (),
    plugin_objects: Mapping[str, object] | None = None,
    england: bool = False,
    progress: bool = False,
    limits: Limits | None = None,
    settings: Mapping[str, Mapping[str, Any]] | None = None,
) -> CheckRun:
    """Load a file or folder (or several) and check every arrangement in it as of a day.

    Each arrangement is checked with the core and the plugins its ``plugins:`` list names,
    plus ``plugins`` (``--plugin`` values: paths, installed names or module names) and
    ``plugin_objects`` (plugin objects by name). ``rules`` replaces the core's rules.
    A bad ``--plugin`` raises :class:`~.errors.PluginLoadError`.
    The registry rules then run over all the arrangements together (REGISTRY-001, that
    every area of England is covered, only with ``england``); ``progress`` shows a bar on
    a terminal. ``limits`` are the input limits (default: :meth:`.io.parse.Limits.from_env`).
    ``selection`` may be a function of a file's name (a configuration's per-file waivers);
    ``settings`` are defaults for each arrangement's ``settings`` sections (a configuration's).
    """
    from safeguarding_partnership.plugins.apply import extend, load_with, plugins_for
    from safeguarding_partnership.plugins.manager import get_plugins

    given = get_plugins(local=plugins, objects=plugin_objects, strict=True)
    loaders = given.loaders()
    results: list[CheckResult] = []
    errors: list[ArrangementsFileError] = []
    failures: list[PluginError] = list(given.failures)
    checked: list[Loaded] = []
    from safeguarding_partnership.progress import track

    paths = [path] if isinstance(path, Path) else list(path)
    loading = (item for p in paths for item in load_with(p, loaders, limits=limits))
    for item in track(loading, "checking arrangements", enabled=progress):
        if isinstance(item, ArrangementsFileError):
            errors.append(item)
            continue
        item = _with_default_settings(item, settings)
        chosen = selection(item.file) if callable(selection) else selection
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
        try:
            result = check_loaded(
                extended.loaded, extended.rules, as_of, chosen, settings=extended.settings
            )
        except ArrangementsFileError as exc:  # an unknown rule code written in the file
            errors.append(exc)
            continue
        results.append(result)
        checked.append(extended.loaded)
    unique = tuple({str(f): f for f in failures}.values())
    return CheckRun(
        tuple(results),
        tuple(errors),
        plugin_failures=unique,
        registry=check_registry(checked, as_of, england=england),
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
