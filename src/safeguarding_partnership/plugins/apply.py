"""Applying an arrangement's plugins to it: settings, contributed records, local labels.

For one loaded arrangement, :func:`plugins_for` builds the plugin facade its ``plugins:``
list asks for (plus any ``--plugin``; the core alone, without pluggy, when there is none),
and :func:`extend` validates each plugin's settings
section, merges the organisations, relevant agencies and groups the plugins contribute
(a new frozen model; nothing is mutated), checks agency categories against the Schedule and
the plugins' labels, and maps each local label to its Schedule category for the rules.
"""

from __future__ import annotations

import functools
import os
from collections.abc import Callable, Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any, TypeVar

import attrs
from pydantic import BaseModel, ValidationError

from safeguarding_partnership.errors import (
    ArrangementsFileError,
    Location,
    PluginLoadError,
    Problem,
    did_you_mean,
)
from safeguarding_partnership.findings import CORE
from safeguarding_partnership.io.errors_map import problems_from_validation
from safeguarding_partnership.io.load import Loaded, folder_inputs, load, load_data
from safeguarding_partnership.io.locations import Locator, PathPart, format_path
from safeguarding_partnership.io.parse import Limits, Parsed, check_shape, read_text
from safeguarding_partnership.io.resolve import resolve
from safeguarding_partnership.model import Arrangement, Group, Organisation, RelevantAgency
from safeguarding_partnership.model.readonly import read_only
from safeguarding_partnership.plugins.facade import (
    Plugins,
    core_plugins,
    merge_by_key,
)
from safeguarding_partnership.rules.rule import Rule

__all__ = ["Extended", "extend", "given_plugins", "load_with", "plugins_for"]

R = TypeVar("R")

_CONTRIBUTED: tuple[tuple[str, str, str, type[Any], Callable[[Any], str]], ...] = (
    ("organisation", "organisations", "register_organisations", Organisation, lambda o: o.id),
    (
        "relevant agency",
        "relevant_agencies",
        "register_relevant_agencies",
        RelevantAgency,
        lambda a: a.key,
    ),
    ("group", "groups", "register_groups", Group, lambda g: g.id),
)
"""The records plugins may add to an arrangement: what one is called, the arrangement's field,
the hook that contributes them, their model and their key."""


@attrs.frozen
class Extended:
    """An arrangement with its plugins applied, ready for the rules."""

    loaded: Loaded
    """The arrangement with contributions merged and labels mapped, and its locator."""
    plugins: Plugins
    """The facade of the arrangement's plugins (its ``failures`` make a run incomplete)."""
    settings: Mapping[str, object]
    """Each plugin's validated settings model, by plugin name."""
    rules: tuple[Rule, ...]
    """The core's and the plugins' rules."""
    providers: Mapping[tuple[str, str], str] = attrs.field(factory=dict)
    """Who contributed each merged record: ``(list name, key)`` to plugin name."""
    overridden: tuple[tuple[str, str, str], ...] = ()
    """Records the file declares that a plugin also contributes: ``(list name, key,
    plugin)``. The file's record is kept and the plugin's dropped."""


@attrs.frozen
class _Prefixed:
    """Locates paths below a prefix (a plugin's settings) of a loaded arrangement."""

    loaded: Loaded
    prefix: tuple[PathPart, ...]

    def locate(self, path: Sequence[PathPart], *, key: bool = False) -> Location:
        return self.loaded.locate((*self.prefix, *path), key=key)


def _problem(
    loaded: Loaded, path: tuple[PathPart, ...], message: str, key: bool = False
) -> Problem:
    return Problem(loaded.locate(path, key=key), format_path(path), message)


def _core_only(names: Sequence[str], local: Iterable[str], options: Mapping[str, Any]) -> bool:
    """Whether no plugin is asked for: none named, none given, none in ``SP_LOAD_PLUGINS``."""
    loaded_by_env = any(n.strip() for n in os.environ.get("SP_LOAD_PLUGINS", "").split(","))
    return not names and not tuple(local) and not options.get("objects") and not loaded_by_env


def given_plugins(local: Sequence[str] = (), **options: Any) -> Plugins:
    """The facade of the plugins given for a whole run (``--plugin`` values, plugin objects):
    :func:`.manager.get_plugins` with ``strict``, or the core alone when none is given."""
    if _core_only((), local, options):
        return core_plugins()
    from safeguarding_partnership.plugins.manager import get_plugins

    return get_plugins(local=local, strict=True, **options)


def plugins_for(loaded: Loaded, local: Sequence[str] = (), **options: Any) -> Plugins:
    """The plugin facade for one arrangement: its ``plugins:`` list plus ``--plugin`` values.

    When neither names a plugin, the core alone (:func:`.facade.core_plugins`): no plugin
    manager is built and pluggy is not imported. A named plugin that is not installed or
    cannot be loaded is an :class:`~.errors.ArrangementsFileError` located at its entry in
    ``plugins:``.
    """
    names = loaded.arrangement.plugins
    if _core_only(names or (), local, options):
        return core_plugins()
    from safeguarding_partnership.plugins.manager import get_plugins

    facade = get_plugins(names, local=local, **options)
    problems = []
    for error in facade.load_errors:
        index = names.index(error.plugin) if error.plugin in names else None
        path: tuple[PathPart, ...] = ("plugins", index) if index is not None else ("plugins",)
        problems.append(_problem(loaded, path, str(error)))
    if problems:
        raise ArrangementsFileError(problems)
    return facade


def _settings(loaded: Loaded, facade: Plugins) -> dict[str, object]:
    """Each provider's settings section (the core's and each plugin's) validated by its
    model, with located problems."""
    raw: Mapping[str, Any] = loaded.arrangement.settings or {}
    models = facade.settings_models()
    names = set(facade.names) | set(models)  # the file's plugins, and the core
    problems: list[Problem] = []
    for key in sorted(raw):
        if key not in names:
            hint = did_you_mean(key, names)
            problems.append(
                _problem(
                    loaded,
                    ("settings", key),
                    f"settings for {key!r}, which is not one of this file's plugins{hint}",
                    key=True,
                )
            )
        elif key not in models:
            problems.append(
                _problem(loaded, ("settings", key), f"plugin {key!r} takes no settings", key=True)
            )
    settings: dict[str, object] = {}
    for name, model in models.items():
        data = raw.get(name, {})
        if data is None:
            data = {}
        if not data and _defaults_only(model):
            settings[name] = model.model_construct()  # what validating {} would give
            continue
        try:
            settings[name] = model.model_validate(data)
        except ValidationError as exc:
            prefix = format_path(("settings", name))
            locator = _Prefixed(loaded, ("settings", name) if name in raw else ("settings",))
            for p in problems_from_validation(exc, data, locator, model):  # type: ignore[arg-type]
                sep = "" if not p.path or p.path.startswith("[") else "."
                problems.append(Problem(p.location, f"{prefix}{sep}{p.path}", p.message))
    if problems:
        raise ArrangementsFileError(problems)
    return settings


@functools.cache
def _defaults_only(model: type[BaseModel]) -> bool:
    """Whether validating ``{}`` against ``model`` gives its defaults and nothing else: every
    field has a default and no validator of the model's could change or refuse them. Then
    :meth:`~pydantic.BaseModel.model_construct` gives the same model without building a
    validator (most files set none of the core's settings)."""
    config = model.model_config
    decorators = model.__pydantic_decorators__
    return (
        not config.get("validate_default", False)
        and not decorators.model_validators
        and not decorators.field_validators
        and not decorators.validators
        and not decorators.root_validators
        and all(
            not field.is_required() and not field.validate_default
            for field in model.model_fields.values()
        )
    )


def _merge(
    kind: str,
    field: str,
    own: Sequence[R] | None,
    contributed: list[tuple[str, R]],
    key: Any,
    providers: dict[tuple[str, str], str],
    overridden: list[tuple[str, str, str]],
) -> tuple[R, ...] | None:
    """The file's records, then the plugins' (merged by key). A key the file declares
    itself wins over a plugin's record of that key (noted in ``overridden``); two plugins
    contributing one key still conflict."""
    if not contributed:  # nothing to merge or override: the file's own list, as it is
        return None if own is None else tuple(own)
    merged = merge_by_key(kind, contributed, key)
    declared = {key(item) for item in own or ()}
    kept = []
    for provider, item in merged:
        if key(item) in declared:
            overridden.append((field, key(item), provider))
            continue
        providers[(field, key(item))] = provider
        kept.append(item)
    if not kept:
        return None if own is None else tuple(own)
    return (*(own or ()), *kept)


def extend(loaded: Loaded, facade: Plugins, *, rules: Sequence[Rule] | None = None) -> Extended:
    """Apply the facade's plugins to one loaded arrangement.

    Raises :class:`~.errors.ArrangementsFileError` for located problems (settings, unknown
    categories, references the contributions leave dangling) and
    :class:`~.errors.PluginConflictError` for a key contributed twice. Plugin faults are
    collected in ``facade.failures``.

    ``rules`` replaces the core's rules (the plugins' rules are still added).
    """
    from safeguarding_partnership.reference import schedule

    arr: Arrangement = loaded.arrangement
    settings = _settings(loaded, facade)
    view = read_only(arr)  # plugins see it; a change in place raises and is their fault
    providers: dict[tuple[str, str], str] = {}
    overridden: list[tuple[str, str, str]] = []
    update: dict[str, tuple[Any, ...] | None] = {
        field: _merge(
            kind,
            field,
            getattr(arr, field),
            facade.contributed(hook, model, view, settings),
            key,
            providers,
            overridden,
        )
        for kind, field, hook, model, key in _CONTRIBUTED
    }
    update["organisations"] = update["organisations"] or ()
    changed = any(getattr(arr, field) is not value for field, value in update.items())
    merged = arr.model_copy(update=update) if changed else arr  # no copy when nothing was added
    labels = facade.agency_categories()
    problems = resolve(merged, loaded, categories=set(schedule()) | set(labels))
    if problems:
        raise ArrangementsFileError([_name_provider(p, merged, providers) for p in problems])
    if merged.relevant_agencies and labels:
        mapped = tuple(
            a.model_copy(
                update={"category": labels[a.category].category, "local_label": a.category}
            )
            if a.category in labels
            else a
            for a in merged.relevant_agencies
        )
        merged = merged.model_copy(update={"relevant_agencies": mapped})
    all_rules = facade.rules()
    if rules is not None:
        all_rules = (*rules, *(r for r in all_rules if r.provider != CORE))
    return Extended(
        loaded=attrs.evolve(loaded, arrangement=merged),
        plugins=facade,
        settings=settings,
        rules=tuple(sorted(all_rules, key=lambda r: r.code)),
        providers=providers,
        overridden=tuple(sorted(overridden)),
    )


def _name_provider(
    problem: Problem, arr: Arrangement, providers: Mapping[tuple[str, str], str]
) -> Problem:
    """Say which plugin contributed the record a problem is about."""
    head, _, rest = problem.path.partition("[")
    index_text = rest.partition("]")[0]
    if not index_text.isdigit():
        return problem
    items: Sequence[Any] = getattr(arr, head, None) or ()
    index = int(index_text)
    if index >= len(items):
        return problem
    item = items[index]
    key = getattr(item, "key", None) if head == "relevant_agencies" else getattr(item, "id", None)
    provider = providers.get((head, str(key)))
    if provider is None:
        return problem
    return attrs.evolve(problem, message=f"{problem.message} (contributed by plugin {provider!r})")


# -------------------------------------------------------------------------------------------
# Reading files with plugin loaders
# -------------------------------------------------------------------------------------------


def _loaded_by(file: Path, loader: Any, limits: Limits) -> list[Loaded]:
    name = str(file)
    text = read_text(file, limits)
    try:
        data = loader.parse(text)
    except ValueError as exc:  # located when it says on which line (an int ``line``)
        line = getattr(exc, "line", None)
        raise ArrangementsFileError.single(
            name, f"invalid {loader.name}: {exc}", line=line if isinstance(line, int) else None
        ) from None
    except KeyboardInterrupt:
        raise
    except BaseException as exc:  # sys.exit() in a loader too
        error = PluginLoadError(
            f"plugin {loader.provider!r} loader {loader.name!r} failed on {name}: "
            f"{type(exc).__name__}: {exc}"
        )
        raise error from exc
    if not isinstance(data, Mapping):
        raise ArrangementsFileError.single(
            name, f"{loader.name} loader gave {type(data).__name__}, expected a mapping", line=1
        )
    check_shape(name, data, text, limits)  # the depth and value limits of the core's formats
    return load_data(Parsed(data, Locator(name, text=text), loader.name), resolve_references=False)


def load_with(
    path: Path, loaders: Sequence[Any] = (), *, limits: Limits | None = None
) -> list[Loaded | ArrangementsFileError]:
    """Like :func:`.io.load.load`, also reading files that a plugin loader claims.

    References are not resolved here: :func:`extend` resolves them once, after the plugins
    have added their organisations, agencies and groups.
    """
    limits = limits or Limits.from_env()
    items: list[Loaded | ArrangementsFileError] = []
    if not loaders:
        return list(load(path, limits=limits, resolve_references=False))

    def claimed(file: Path) -> Any:
        return next((lo for lo in loaders if file.name.lower().endswith(lo.suffix.lower())), None)

    if path.is_dir():
        extra, problems = folder_inputs(path, lambda name: claimed(Path(name)) is not None)
        items.extend(problems)
        core = _has_core_files(path) or not extra
        items.extend(load(path, limits=limits, resolve_references=False) if core else [])
        files = extra
    else:
        files = [path]
    for file in files:
        loader = claimed(file)
        if loader is None:
            items.extend(load(file, limits=limits, resolve_references=False))
            continue
        try:
            items.extend(_loaded_by(file, loader, limits))
        except ArrangementsFileError as exc:
            items.append(exc)
    return items


def _has_core_files(folder: Path) -> bool:
    files, problems = folder_inputs(folder)
    return bool(files or problems)
