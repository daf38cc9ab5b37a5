"""The pipeline: load every file, apply its plugins, run the rules in force, render.

:func:`check_path` checks a file or folder (each arrangement, then all of them together);
:func:`render_path` checks one and writes the chosen formats. The command line calls these,
and the functions that list the installed plugins' rules and commands, and builds no plugin
manager itself.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import attrs

from safeguarding_partnership.errors import (
    ArrangementsFileError,
    ExitCode,
    Location,
    PluginError,
    SafeguardingPartnershipError,
)
from safeguarding_partnership.findings import Finding, format_path
from safeguarding_partnership.io.load import Loaded
from safeguarding_partnership.io.parse import Limits
from safeguarding_partnership.model import Arrangement, Waiver
from safeguarding_partnership.model.dates import latest
from safeguarding_partnership.rules.engine import (
    CheckResult,
    RegistryResult,
    RuleFailure,
    Selection,
    WaiverUse,
    meta_waiver,
    override_notices,
    registry_waiver,
    run_registry,
    run_rules,
)
from safeguarding_partnership.rules.rule import Rule

if TYPE_CHECKING:
    import click

    from safeguarding_partnership.plugins.apply import Extended
    from safeguarding_partnership.reports.format import RenderOptions

__all__ = [
    "CheckRun",
    "InstalledRules",
    "RenderRun",
    "UnknownFormatError",
    "add_installed_commands",
    "arrangement_schema_text",
    "check_loaded",
    "check_path",
    "check_registry",
    "day_to_check",
    "duplicate_ids",
    "import_gias_fragment",
    "installed_rules",
    "render_path",
]


@attrs.frozen
class CheckRun:
    """Everything one ``check`` found: per-arrangement results and per-file load errors."""

    results: tuple[CheckResult, ...]
    load_errors: tuple[ArrangementsFileError, ...] = ()
    plugin_failures: tuple[PluginError, ...] = ()
    """Plugin faults (a hook raised or returned the wrong type, a conflict): incomplete."""
    registry: tuple[Finding, ...] = ()
    """Cross-arrangement findings (REGISTRY-), over every arrangement checked together."""
    registry_waivers: tuple[WaiverUse, ...] = ()
    """What each waiver of registry rules did over the arrangements checked together."""
    registry_failures: tuple[RuleFailure, ...] = ()
    """Registry rules that raised: incomplete."""
    applied: tuple[Extended, ...] = attrs.field(default=(), repr=False, eq=False)
    """Each checked arrangement with its plugins applied, in the order of ``results``, for
    the work that follows a check (rendering)."""

    @property
    def exit_code(self) -> int:
        """0 clean, 1 error findings, 2 input error, 3 incomplete (a plugin or rule failed)."""
        if self.load_errors:
            return ExitCode.INPUT
        if self.plugin_failures or self.registry_failures or any(r.failures for r in self.results):
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
    """Run the rules over one loaded arrangement (a waiver of registry rules alone is left to
    :func:`check_registry`).

    ``settings`` are the plugins' validated settings by plugin name (default: the file's
    raw ``settings`` mapping).
    """
    from safeguarding_partnership.rules.core import registry_rules

    arrangement = loaded.arrangement
    chosen = Selection.from_settings(arrangement.rules, given=selection)
    return run_rules(
        arrangement,
        (*rules, *registry_rules()),  # so that a selection may name them
        as_of,
        selection=chosen,
        locate=loaded.locate,
        settings=dict(settings) if settings is not None else arrangement.settings,
        file=loaded.file,
        locate_many=loaded.locate_many,
    )


def day_to_check(arrangement: Arrangement, as_of: dt.date | None, default: dt.date) -> dt.date:
    """The day to check an arrangement as of: ``as_of`` if given, else the day the file says
    its facts were seen (the last day of its ``as_at``), else ``default`` (today)."""
    if as_of is not None:
        return as_of
    return latest(arrangement.as_at) if arrangement.as_at is not None else default


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
    as_of: dt.date | None,
    default_as_of: dt.date | None = None,
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
    With ``as_of`` ``None`` each arrangement is checked as of its file's ``as_at`` (its last
    day), or else ``default_as_of`` (today when not given).
    The registry rules then run over all the arrangements together (REGISTRY-001, that
    every area of England is covered, only with ``england``); ``progress`` shows a bar on
    a terminal. ``limits`` are the input limits (default: :meth:`.io.parse.Limits.from_env`).
    ``selection`` may be a function of a file's name (a configuration's per-file waivers);
    ``settings`` are defaults for each arrangement's ``settings`` sections (a configuration's).
    """
    from safeguarding_partnership.plugins.apply import (
        extend,
        given_plugins,
        load_with,
        plugins_for,
    )

    fallback = default_as_of or as_of or dt.date.today()
    given = given_plugins(local=plugins, objects=plugin_objects)
    loaders = given.loaders()
    results: list[CheckResult] = []
    errors: list[ArrangementsFileError] = []
    failures: list[PluginError] = list(given.failures)
    checked: list[Extended] = []
    registry_waivers: list[tuple[Waiver, str, Location | None]] = []
    run_wide: Selection | None = None
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
        day = day_to_check(extended.loaded.arrangement, as_of, fallback)
        try:
            result = check_loaded(
                extended.loaded, extended.rules, day, chosen, settings=extended.settings
            )
        except ArrangementsFileError as exc:  # an unknown rule code written in the file
            errors.append(exc)
            continue
        own = Selection.from_settings(extended.loaded.arrangement.rules, given=chosen)
        own_waivers = extended.loaded.arrangement.rules
        registry_waivers.extend(
            _registry_waivers(
                own,
                registry_waivers,
                (own_waivers.ignore if own_waivers else None) or (),
                extended.loaded.locate,
            )
        )
        if run_wide is None:
            run_wide = chosen or Selection()
        if extended.overridden:  # the file's records won over plugins' of the same id
            notices = override_notices(
                extended.loaded.arrangement, extended.overridden, extended.loaded.locate, own
            )
            result = attrs.evolve(
                result, findings=tuple(sorted({*result.findings, *notices}, key=Finding.sort_key))
            )
        results.append(result)
        checked.append(extended)
    if run_wide is None:  # no arrangement loaded: the run's own selection still applies
        run_wide = (selection("") if callable(selection) else selection) or Selection()
        registry_waivers = list(_registry_waivers(run_wide, ()))
    errors.extend(duplicate_ids([e.loaded for e in checked]))
    unique = tuple({str(f): f for f in failures}.values())
    registry = check_registry(
        [e.loaded for e in checked],
        as_of or fallback,
        england=england,
        selection=attrs.evolve(run_wide, ignore=tuple(w for w, _, _ in registry_waivers)),
        waivers_at={id(w): (path, at) for w, path, at in registry_waivers},
    )
    return CheckRun(
        tuple(results),
        tuple(errors),
        plugin_failures=unique,
        registry=registry.findings,
        registry_waivers=registry.waivers,
        registry_failures=registry.failures,
        applied=tuple(checked),
    )


def duplicate_ids(loaded: Sequence[Loaded]) -> list[ArrangementsFileError]:
    """One located error for each arrangement id used by more than one arrangement (in two
    files, or twice in one registry), naming every place it is used.

    An id names an arrangement's output folder and its place in every registry finding, so
    the second would silently replace the first. The same file given twice is not a clash.
    """
    from safeguarding_partnership.errors import Problem
    from safeguarding_partnership.findings import format_path

    places: dict[str, dict[Location, Loaded]] = {}
    for item in loaded:
        places.setdefault(item.arrangement.id, {})[item.locate(("id",))] = item
    errors = []
    for arr_id, found in places.items():
        if len(found) < 2:
            continue
        problems = [
            Problem(
                here,
                format_path((*item.prefix, "id")),
                f"arrangement id {arr_id!r} is also used at "
                f"{', '.join(str(there) for there in found if there != here)}; each "
                "arrangement needs its own id (its output folder is named by it)",
            )
            for here, item in found.items()
        ]
        errors.append(ArrangementsFileError(problems))
    return errors


def _registry_waivers(
    selection: Selection,
    seen: Sequence[tuple[Waiver, str, Location | None]],
    own: Sequence[Waiver] = (),
    locate: Callable[[tuple[str | int, ...]], Location | None] | None = None,
) -> Iterator[tuple[Waiver, str, Location | None]]:
    """The waivers of ``selection`` that waive registry rules alone (or ``SP-001``, which
    silences an unused one) and are not ``seen``, each with where it is written when it is
    one of a file's ``own`` (``rules.ignore``), located by ``locate``."""
    from safeguarding_partnership.rules.core import registry_rules

    known = {id(w) for w, _, _ in seen}
    for waiver in selection.ignore:
        if id(waiver) in known:
            continue
        if not (meta_waiver(waiver) or registry_waiver(waiver, registry_rules())):
            continue
        i = next((i for i, w in enumerate(own) if w is waiver), None)
        if i is None:
            yield waiver, "", None
        else:
            path: tuple[str | int, ...] = ("rules", "ignore", i)
            yield waiver, format_path(path), locate(path) if locate is not None else None


def check_registry(
    loaded: Sequence[Loaded],
    as_of: dt.date,
    *,
    england: bool = False,
    selection: Selection | None = None,
    waivers_at: Mapping[int, tuple[str, Location | None]] | None = None,
) -> RegistryResult:
    """Run the registry rules over arrangements checked together, with located findings.

    ``england`` also checks that every upper-tier area of England on ``as_of`` (from the
    packaged reference data) is covered (REGISTRY-001). ``selection`` is the run's: its
    ``select`` (not a file's), and every waiver of registry rules, wherever written;
    ``waivers_at`` says where the files write theirs (by the waiver's ``id``).
    """
    from safeguarding_partnership.rules.core import registry_rules

    return run_registry(
        [item.arrangement for item in loaded],
        registry_rules(),
        as_of,
        england=england,
        locate=[item.locate for item in loaded],
        selection=selection or Selection(),
        waivers_at=waivers_at,
    )


# -------------------------------------------------------------------------------------------
# Rendering
# -------------------------------------------------------------------------------------------


class UnknownFormatError(SafeguardingPartnershipError, ValueError):
    """A format asked for that no provider of an arrangement's plugins registers."""

    exit_code = ExitCode.INPUT


@attrs.frozen
class RenderRun:
    """What one ``render`` did: the check it rendered from, and the files it wrote."""

    check: CheckRun
    written: tuple[Path, ...] = ()
    stopped: bool = False
    """Nothing was rendered: a file could not be loaded or a plugin failed (see ``check``)."""

    @property
    def exit_code(self) -> int:
        """The check's exit code when the render stopped, else 0 (findings do not stop it)."""
        return self.check.exit_code if self.stopped else ExitCode.OK


def render_path(
    path: Path,
    formats: Sequence[str],
    out_dir: Path,
    *,
    as_of: dt.date,
    force: bool = False,
    redact: bool = False,
    plugins: Sequence[str] = (),
    limits: Limits | None = None,
    options: RenderOptions | None = None,
) -> RenderRun:
    """Check a file or folder as of a day, and write the chosen formats into ``out_dir``.

    ``formats`` are format names, or ``all``; each arrangement is rendered with the formats of
    the core and its own plugins (and ``plugins``, ``--plugin`` values), each format given
    its provider's validated settings. With more than one arrangement, each one's files go in
    a folder named by its id (two arrangements with one id are a load error). Nothing is
    written when a file cannot be loaded or a plugin fails (the result is ``stopped``, its
    ``check`` says why), and nothing unless every file can be: every format is rendered and
    every output path checked, under the folder's lock, before the first write. ``options``
    say how pages are written (as fragments to embed, from the user's own templates).

    :raises UnknownFormatError: for a format no provider of an arrangement registers.
    :raises OutputError: when the files cannot all be written safely, having written none
        (see :func:`.io.write.write_outputs`).
    """
    from safeguarding_partnership.errors import OutputError
    from safeguarding_partnership.io.load import arrangement_files
    from safeguarding_partnership.io.write import write_outputs
    from safeguarding_partnership.reports.format import ReportFormat
    from safeguarding_partnership.reports.render import render_together

    run = check_path(path, as_of=as_of, plugins=plugins, limits=limits)
    extended = run.applied
    if run.load_errors or run.plugin_failures or any(r.failures for r in run.results):
        return RenderRun(run, stopped=True)  # an incomplete check is not published
    chosen: list[tuple[Arrangement, list[ReportFormat], Sequence[Finding]]] = []
    for result, applied in zip(run.results, extended, strict=True):
        arr = result.arrangement
        available = {f.name: f for f in applied.plugins.report_formats()}
        if applied.plugins.failures:  # a plugin's formats are missing: write nothing, not part
            failed = attrs.evolve(run, plugin_failures=tuple(applied.plugins.failures))
            return RenderRun(failed, stopped=True)
        unknown = sorted(set(formats) - set(available) - {"all"})
        if unknown:
            raise UnknownFormatError(
                f"unknown format {', '.join(unknown)} for {arr.id}; "
                f"available: {', '.join(sorted(available))}, all"
            )
        wanted = list(available.values()) if "all" in formats else [available[n] for n in formats]
        chosen.append((arr, wanted, result.findings))
    rendered = render_together(
        chosen,
        as_of=as_of,
        redact_all=redact,
        settings=[applied.settings for applied in extended],
        options=options,
    )
    files: dict[str, bytes] = {}
    for (arr, _, _), pages in zip(chosen, rendered, strict=True):
        prefix = f"{arr.id}/" if len(chosen) > 1 else ""
        for name, data in pages.items():
            if files.setdefault(prefix + name, data) is not data:  # ids are unique: a guard
                raise OutputError(f"{prefix + name!r}: written twice; nothing was written")
    inputs = arrangement_files(path) if path.is_dir() else [path]
    # all or nothing: every name and every path under out_dir is checked, under the folder's
    # lock, before the first byte is written (see io.write)
    written = write_outputs(out_dir, files, force=force, protect=inputs)
    return RenderRun(run, written=tuple(written))


# -------------------------------------------------------------------------------------------
# The file format, and what the installed plugins add
# -------------------------------------------------------------------------------------------


def arrangement_schema_text(draft: str = "draft-07") -> str:
    """The JSON Schema of the arrangements file, declared as ``draft``, with the core's
    ``settings: {core: ...}`` section described by the settings model the core registers
    (through the same hook as a plugin's), as stable, indented JSON text."""
    from safeguarding_partnership.io.schema import schema_text
    from safeguarding_partnership.plugins.manager import get_plugins

    facade = get_plugins()
    try:
        return schema_text(facade.settings_models(), draft)
    finally:
        facade.unregister_all()


@attrs.frozen
class InstalledRules:
    """The core's rules and the installed plugins', with the faults of plugins that failed."""

    rules: tuple[Rule, ...]
    warnings: tuple[PluginError, ...] = ()


def installed_rules() -> InstalledRules:
    """Every rule of the core and of every installed plugin that loads, sorted by code.

    A plugin that cannot be loaded, or whose ``register_rules`` fails, is a warning; two
    providers of one rule code raise :class:`~.errors.PluginConflictError`.
    """
    from safeguarding_partnership.plugins.manager import get_plugins, installed_plugins

    facade = get_plugins([i.name for i in installed_plugins() if i.error is None])
    try:
        rules = facade.rules()
    finally:
        facade.unregister_all()
    return InstalledRules(rules, (*facade.load_errors, *facade.failures))


def add_installed_commands(group: click.Group) -> tuple[PluginError, ...]:
    """Let every installed plugin that loads add its subcommands to ``group``; the faults of
    those whose ``register_commands`` fails."""
    from safeguarding_partnership.plugins.manager import get_plugins, installed_plugins

    facade = get_plugins([i.name for i in installed_plugins() if i.error is None])
    facade.add_commands(group)
    return tuple(facade.failures)


def import_gias_fragment(csv_path: Path, area: str, as_of: dt.date, out: Path) -> int:
    """Write the schools and colleges of ``area`` open on ``as_of``, from a GIAS export, as a
    YAML fragment at ``out`` (never over an existing file); return how many were written.

    The fragment has two lists, ``organisations`` and ``relevant_agencies``, to paste into
    the arrangements file's lists of the same names.
    """
    from safeguarding_partnership.errors import OutputError
    from safeguarding_partnership.importers.gias import agencies_for_area, read_gias
    from safeguarding_partnership.io.dump import dump_yaml
    from safeguarding_partnership.io.write import atomic_write, cannot_write

    if out.exists():
        raise OutputError(f"{out}: already exists; not overwritten (choose another --out)")
    organisations, agencies = agencies_for_area(read_gias(csv_path), area, as_of)
    fragment = {
        "organisations": [o.model_dump(mode="json", exclude_none=True) for o in organisations],
        "relevant_agencies": [a.model_dump(mode="json", exclude_none=True) for a in agencies],
    }
    text = (
        f"# Schools and colleges of {area} open on {as_of}, from {csv_path.name} (GIAS).\n"
        "# Paste both lists into the arrangements file's lists of the same names.\n"
        + dump_yaml(fragment)
    )
    with cannot_write(out):
        atomic_write(out, text.encode("utf-8"))
    return len(agencies)
