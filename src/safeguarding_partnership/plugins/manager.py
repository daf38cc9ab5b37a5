"""The plugin manager: load the plugins asked for, call each one's hooks, merge by key.

Nothing is loaded at import. :func:`get_plugins` builds a fresh pluggy manager on every
call, registers the core's own hooks (:mod:`.core`) and only the plugins named (by an
arrangements file's ``plugins:`` list or by ``--plugin``), and wraps it in a :class:`Plugins`
facade with one typed method per hook. Each plugin's implementation is called separately,
so every contribution knows its provider, and a plugin's fault never hides another's
results: it becomes a :class:`~.errors.PluginHookError` in :attr:`Plugins.failures`.
"""

from __future__ import annotations

import hashlib
import importlib
import importlib.metadata
import importlib.util
import os
import sys
from collections.abc import Callable, Iterable, Iterator, Mapping
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING, Any, TypeVar

import attrs
import pluggy

from safeguarding_partnership.errors import (
    ExitCode,
    PluginConflictError,
    PluginError,
    PluginHookError,
    PluginLoadError,
    did_you_mean,
)
from safeguarding_partnership.plugins import core, hookspecs
from safeguarding_partnership.plugins.hookspecs import PROJECT
from safeguarding_partnership.plugins.records import AgencyCategory, Loader

if TYPE_CHECKING:
    import click
    from pydantic import BaseModel

    from safeguarding_partnership.model import Arrangement, Group, Organisation, RelevantAgency
    from safeguarding_partnership.reports.format import ReportFormat
    from safeguarding_partnership.rules.rule import Rule

__all__ = [
    "FILE_PROVIDER",
    "PluginInfo",
    "Plugins",
    "get_plugins",
    "installed_plugins",
    "merge_by_key",
]

T = TypeVar("T")

FILE_PROVIDER = "arrangements file"
"""The provider named for records the arrangements file declares itself."""

_CORE_SUFFIXES = frozenset({".yaml", ".yml", ".json", ".toml"})


# -------------------------------------------------------------------------------------------
# Conflicts and merging
# -------------------------------------------------------------------------------------------


def _who(provider: str) -> str:
    return "the arrangements file" if provider == FILE_PROVIDER else f"plugin {provider!r}"


def conflict(kind: str, key: str, first: str, second: str) -> PluginConflictError:
    """The error for one key contributed by two providers, naming both."""
    a, b = sorted((first, second))
    if a == b:
        message = f"{kind} {key!r} is contributed twice by {_who(a)}"
    else:
        message = f"{kind} {key!r} is contributed by both {_who(a)} and {_who(b)}" + (
            "" if FILE_PROVIDER in (a, b) else "; the intended one can say replaces="
        )
    return PluginConflictError(message, key=key, providers=(a, b))


def merge_by_key(
    kind: str,
    items: Iterable[tuple[str, T]],
    key: Callable[[T], str],
    *,
    existing: Mapping[str, str] | None = None,
    replaces: Callable[[T], str | None] = lambda _item: None,
) -> list[tuple[str, T]]:
    """Contributions ``(provider, record)`` merged by key and sorted by it.

    A key contributed twice, or already in ``existing`` (key to provider), raises
    :class:`~.errors.PluginConflictError` naming both providers, unless one record says
    ``replaces=`` the other's provider. The result never depends on the order of ``items``.
    """
    groups: dict[str, list[tuple[str, T]]] = {}
    for provider, item in items:
        groups.setdefault(key(item), []).append((provider, item))
    merged: list[tuple[str, T]] = []
    for k in sorted(groups):
        group = groups[k]
        providers = {p for p, _ in group}
        replaced = {r for _, item in group if (r := replaces(item)) in providers}
        kept = sorted(
            ((p, item) for p, item in group if p not in replaced), key=lambda pair: pair[0]
        )
        if len(kept) > 1:
            raise conflict(kind, k, kept[0][0], kept[1][0])
        if existing is not None and k in existing:
            raise conflict(kind, k, existing[k], kept[0][0])
        merged.extend(kept)
    return merged


# -------------------------------------------------------------------------------------------
# Loading
# -------------------------------------------------------------------------------------------


_ENTRY_POINTS: dict[tuple[str, ...], dict[str, importlib.metadata.EntryPoint]] = {}


def _entry_points() -> dict[str, importlib.metadata.EntryPoint]:
    """Installed plugins by name, de-duplicated (a path listed twice finds one twice).

    Read once per ``sys.path``: a national check builds a facade per arrangement, and
    scanning every installed distribution each time dominated its cost.
    """
    key = tuple(sys.path)
    found = _ENTRY_POINTS.get(key)
    if found is None:
        found = {}
        for ep in importlib.metadata.entry_points(group=PROJECT):
            found.setdefault(ep.name, ep)
        _ENTRY_POINTS[key] = found
    return dict(found)


def _env_names(variable: str) -> tuple[str, ...]:
    raw = os.environ.get(variable, "")
    return tuple(n.strip() for n in raw.split(",") if n.strip())


def _load_error(name: str, message: str, *, unknown: bool = False) -> PluginLoadError:
    return PluginLoadError(message, plugin=name, exit_code=ExitCode.INPUT if unknown else None)


def _import_failure(name: str, exc: BaseException) -> PluginLoadError:
    where = ""
    if isinstance(exc, SyntaxError) and exc.filename:
        where = f" ({exc.filename}:{exc.lineno})"
    else:
        tb = exc.__traceback__
        while tb is not None and tb.tb_next is not None:
            tb = tb.tb_next
        if tb is not None:
            where = f" ({tb.tb_frame.f_code.co_filename}:{tb.tb_lineno})"
    return _load_error(
        name, f"plugin {name!r} could not be loaded: {type(exc).__name__}: {exc}{where}"
    )


def _load_entry_point(ep: importlib.metadata.EntryPoint) -> object:
    try:
        return ep.load()
    except Exception as exc:
        raise _import_failure(ep.name, exc) from exc


def _load_file(path: Path) -> ModuleType:
    """Import a plugin file under a private module name, once per file."""
    resolved = path.resolve()
    digest = hashlib.sha1(str(resolved).encode(), usedforsecurity=False).hexdigest()[:10]
    module_name = f"_sp_plugin_{resolved.stem}_{digest}"
    if module_name in sys.modules:
        return sys.modules[module_name]
    spec = importlib.util.spec_from_file_location(module_name, resolved)
    if spec is None or spec.loader is None:
        raise _load_error(path.stem, f"--plugin {str(path)!r}: not a Python file")
    module = importlib.util.module_from_spec(spec)
    sys.modules[module_name] = module
    try:
        spec.loader.exec_module(module)
    except Exception as exc:
        del sys.modules[module_name]
        raise _import_failure(path.stem, exc) from exc
    return module


def _load_local(
    spec: str, installed: Mapping[str, importlib.metadata.EntryPoint]
) -> tuple[str, object]:
    """A ``--plugin`` value: a file path (named by its stem), an installed plugin's name, or
    an importable module name."""
    path = Path(spec)
    if spec.endswith(".py") or path.is_file():
        if not path.is_file():
            raise _load_error(path.stem, f"--plugin {spec!r}: no such file", unknown=True)
        return path.stem, _load_file(path)
    if spec in installed:
        return spec, _load_entry_point(installed[spec])
    try:
        return spec, importlib.import_module(spec)
    except ModuleNotFoundError as exc:
        if exc.name is not None and spec.startswith(exc.name):
            raise _load_error(
                spec,
                f"--plugin {spec!r}: no such file, installed plugin or importable module"
                + did_you_mean(spec, installed),
                unknown=True,
            ) from None
        raise _import_failure(spec, exc) from exc
    except Exception as exc:
        raise _import_failure(spec, exc) from exc


def _hook_names() -> frozenset[str]:
    return frozenset(n for n in hookspecs.__all__ if n.startswith("register_"))


def _unknown_hooks(pm: pluggy.PluginManager, plugin: object) -> list[str]:
    """Messages for hooks a plugin implements that no spec declares (misspelt names)."""
    messages = []
    for caller in pm.get_hookcallers(plugin) or ():
        if caller.has_spec():
            continue
        for impl in caller.get_hookimpls():
            if impl.plugin is not plugin or impl.optionalhook:
                continue
            code = getattr(impl.function, "__code__", None)
            where = f" ({code.co_filename}:{code.co_firstlineno})" if code is not None else ""
            hint = did_you_mean(caller.name, _hook_names())
            messages.append(f"unknown hook {caller.name!r}{where}{hint}")
    return messages


def _register(pm: pluggy.PluginManager, name: str, plugin: object) -> None:
    """Register one plugin and check its hooks against the specs, or unregister it."""
    if pm.has_plugin(name):
        raise _load_error(name, f"plugin {name!r} is given twice", unknown=True)
    try:
        pm.register(plugin, name=name)
    except (pluggy.PluginValidationError, ValueError) as exc:
        raise _load_error(name, f"plugin {name!r} could not be registered: {exc}") from exc
    unknown = _unknown_hooks(pm, plugin)
    if unknown:
        pm.unregister(name=name)
        raise _load_error(name, f"plugin {name!r}: " + "; ".join(unknown))


def get_plugins(
    names: Iterable[str] = (),
    *,
    local: Iterable[str] = (),
    objects: Mapping[str, object] | None = None,
    strict: bool = False,
    builtin_plugin: bool = True,
) -> Plugins:
    """A fresh plugin facade with the core and the named plugins registered.

    :param names: Installed plugins to register, by entry-point name (a file's ``plugins:``).
    :param local: ``--plugin`` values: file paths, installed names or module names.
    :param objects: Plugin objects (modules, classes, instances) to register by name.
    :param strict: Raise the first :class:`~.errors.PluginLoadError` instead of collecting
        it in :attr:`Plugins.load_errors`. A ``--plugin`` value that fails always raises.
    :param builtin_plugin: Register the core's own hooks (rules and formats) as ``core``.

    ``SP_LOAD_PLUGINS`` (comma-separated) adds ``--plugin`` values; ``SP_DISABLE_PLUGINS``
    names installed plugins never to load.
    """
    pm = pluggy.PluginManager(PROJECT)
    pm.add_hookspecs(hookspecs)
    facade = Plugins(pm)
    if builtin_plugin:
        pm.register(core, name=core.NAME)
    installed = _entry_points()
    disabled = set(_env_names("SP_DISABLE_PLUGINS"))
    for name, plugin in (objects or {}).items():
        _register(pm, name, plugin)
    for spec in (*local, *_env_names("SP_LOAD_PLUGINS")):
        name, plugin = _load_local(spec, installed)
        _register(pm, name, plugin)
    for name in dict.fromkeys(names):
        if pm.has_plugin(name):
            continue
        try:
            if name in disabled:
                raise _load_error(name, f"plugin {name!r} is disabled by SP_DISABLE_PLUGINS")
            if name not in installed:
                raise _load_error(
                    name,
                    f"plugin {name!r} is not installed" + did_you_mean(name, installed),
                    unknown=True,
                )
            _register(pm, name, _load_entry_point(installed[name]))
        except PluginLoadError as exc:
            if strict:
                raise
            facade.load_errors.append(exc)
    try:
        pm.check_pending()
    except pluggy.PluginValidationError as exc:  # pragma: no cover - _register checks first
        raise _load_error(pm.get_name(exc.plugin) or "?", str(exc)) from exc
    return facade


# -------------------------------------------------------------------------------------------
# The facade
# -------------------------------------------------------------------------------------------


def _is_collection(value: object) -> bool:
    from pydantic import BaseModel

    return isinstance(value, Iterable) and not isinstance(value, str | bytes | Mapping | BaseModel)


def _type_name(value: object) -> str:
    return type(value).__name__


@attrs.define
class Plugins:
    """A plugin manager wrapped with one typed method per hook.

    ``failures`` collects every plugin fault met so far (each a
    :class:`~.errors.PluginHookError` naming the plugin and the hook); a run with any is
    incomplete (exit code 3). ``load_errors`` holds plugins that could not be loaded.
    """

    manager: pluggy.PluginManager
    failures: list[PluginHookError] = attrs.field(factory=list)
    load_errors: list[PluginLoadError] = attrs.field(factory=list)
    _cache: dict[str, Any] = attrs.field(factory=dict, repr=False)

    @property
    def names(self) -> tuple[str, ...]:
        """Registered plugins other than the core, sorted."""
        return tuple(
            sorted(
                name
                for name, _ in self.manager.list_name_plugin()
                if name is not None and name != core.NAME
            )
        )

    def unregister_all(self) -> None:
        """Unregister every plugin (the facade is empty afterwards)."""
        for name, _ in list(self.manager.list_name_plugin()):
            if name is not None:
                self.manager.unregister(name=name)
        self._cache.clear()

    # -- calling ---------------------------------------------------------------------------

    def _fail(self, plugin: str, hook: str, message: str) -> None:
        error = PluginHookError(plugin, hook, message)
        if all(str(e) != str(error) for e in self.failures):
            self.failures.append(error)

    def _call(
        self, hook: str, kwargs: Callable[[str], dict[str, Any]] = lambda _name: {}
    ) -> Iterator[tuple[str, Any]]:
        """Each plugin's result of one hook, with its provider; faults are recorded."""
        caller = getattr(self.manager.hook, hook)
        impls = sorted(caller.get_hookimpls(), key=lambda i: i.plugin_name)
        for impl in impls:
            name = impl.plugin_name
            given = kwargs(name)
            try:
                result = impl.function(**{a: given[a] for a in impl.argnames if a in given})
                if result is not None and _is_collection(result):
                    result = list(result)  # a generator's fault belongs to its plugin
            except Exception as exc:
                self._fail(name, hook, f"raised {type(exc).__name__}: {exc}")
                continue
            yield name, result

    def _records(
        self,
        hook: str,
        expected: type[T],
        kwargs: Callable[[str], dict[str, Any]] = lambda _name: {},
    ) -> list[tuple[str, T]]:
        out: list[tuple[str, T]] = []
        for name, result in self._call(hook, kwargs):
            if result is None:
                continue
            if not isinstance(result, list):
                self._fail(
                    name,
                    hook,
                    f"returned {_type_name(result)}, expected an iterable of {expected.__name__}",
                )
                continue
            wrong = [item for item in result if not isinstance(item, expected)]
            if wrong:
                self._fail(
                    name,
                    hook,
                    f"returned {_type_name(wrong[0])} {wrong[0]!r:.60}, "
                    f"expected {expected.__name__}",
                )
                continue
            out.extend((name, item) for item in result)
        return out

    def _once(self, key: str, build: Callable[[], T]) -> T:
        if key not in self._cache:
            self._cache[key] = build()
        result: T = self._cache[key]
        return result

    # -- one method per hook ---------------------------------------------------------------

    def loaders(self) -> tuple[Loader, ...]:
        """Input loaders by suffix (``register_loaders``)."""

        def build() -> tuple[Loader, ...]:
            found = []
            for name, loader in self._records("register_loaders", Loader):
                if not loader.suffix.startswith(".") or loader.suffix.lower() in _CORE_SUFFIXES:
                    self._fail(
                        name,
                        "register_loaders",
                        f"loader suffix {loader.suffix!r} must start with '.' and not be one "
                        "the core reads (.yaml, .yml, .json, .toml)",
                    )
                    continue
                found.append((name, attrs.evolve(loader, provider=name)))
            merged = merge_by_key(
                "loader for", found, lambda x: x.suffix.lower(), replaces=lambda x: x.replaces
            )
            return tuple(item for _, item in merged)

        return self._once("loaders", build)

    def agency_categories(self) -> dict[str, AgencyCategory]:
        """Local agency labels by label (``register_agency_categories``)."""

        def build() -> dict[str, AgencyCategory]:
            from safeguarding_partnership.reference import schedule

            known = schedule()
            found = []
            for name, item in self._records("register_agency_categories", AgencyCategory):
                if item.label in known or item.category not in known:
                    problem = (
                        f"label {item.label!r} is already a Schedule category"
                        if item.label in known
                        else f"category {item.category!r} of label {item.label!r} is not a "
                        "Schedule category" + did_you_mean(item.category, known)
                    )
                    self._fail(name, "register_agency_categories", problem)
                    continue
                found.append((name, attrs.evolve(item, provider=name)))
            merged = merge_by_key(
                "agency category label", found, lambda x: x.label, replaces=lambda x: x.replaces
            )
            return {item.label: item for _, item in merged}

        return self._once("agency_categories", build)

    def settings_models(self) -> dict[str, type[BaseModel]]:
        """Each plugin's settings model by plugin name (``register_settings_model``)."""

        def build() -> dict[str, type[BaseModel]]:
            from pydantic import BaseModel

            models: dict[str, type[BaseModel]] = {}
            for name, result in self._call("register_settings_model"):
                if result is None:
                    continue
                if isinstance(result, type) and issubclass(result, BaseModel):
                    models[name] = result
                else:
                    self._fail(
                        name,
                        "register_settings_model",
                        f"returned {_type_name(result)}, expected a pydantic model class",
                    )
            return dict(sorted(models.items()))

        return self._once("settings_models", build)

    def _arrangement_kwargs(
        self, arrangement: Arrangement, settings: Mapping[str, object]
    ) -> Callable[[str], dict[str, Any]]:
        return lambda name: {"arrangement": arrangement, "settings": settings.get(name)}

    def organisations(
        self, arrangement: Arrangement, settings: Mapping[str, object]
    ) -> list[tuple[str, Organisation]]:
        """Contributed organisations with their providers (``register_organisations``)."""
        from safeguarding_partnership.model import Organisation

        return self._records(
            "register_organisations",
            Organisation,
            self._arrangement_kwargs(arrangement, settings),
        )

    def relevant_agencies(
        self, arrangement: Arrangement, settings: Mapping[str, object]
    ) -> list[tuple[str, RelevantAgency]]:
        """Contributed relevant agencies with providers (``register_relevant_agencies``)."""
        from safeguarding_partnership.model import RelevantAgency

        return self._records(
            "register_relevant_agencies",
            RelevantAgency,
            self._arrangement_kwargs(arrangement, settings),
        )

    def groups(
        self, arrangement: Arrangement, settings: Mapping[str, object]
    ) -> list[tuple[str, Group]]:
        """Contributed groups with their providers (``register_groups``)."""
        from safeguarding_partnership.model import Group

        return self._records(
            "register_groups", Group, self._arrangement_kwargs(arrangement, settings)
        )

    def rules(self) -> tuple[Rule, ...]:
        """Every rule, the core's and the plugins', sorted by code (``register_rules``).

        A plugin's rule under a core family prefix, or under another provider's prefix,
        raises :class:`~.errors.PluginConflictError` naming both.
        """

        def build() -> tuple[Rule, ...]:
            from safeguarding_partnership.rules.rule import Rule

            records = self._records("register_rules", Rule)
            owners: dict[str, str] = {p: core.NAME for p in core.core_prefixes()}
            for name, rule in records:
                if name == core.NAME:
                    owners.setdefault(rule.prefix, name)
            rules: list[tuple[str, Rule]] = []
            for name, rule in records:
                if name != core.NAME:
                    owner = owners.setdefault(rule.prefix, name)
                    if owner != name:
                        raise conflict("rule code prefix", rule.prefix, owner, name)
                    rule = attrs.evolve(rule, provider=name)
                rules.append((name, rule))
            merged = merge_by_key("rule", rules, lambda r: r.code)
            return tuple(rule for _, rule in merged)

        return self._once("rules", build)

    def report_formats(self) -> tuple[ReportFormat, ...]:
        """Every report format, sorted by name (``register_report_formats``)."""

        def build() -> tuple[ReportFormat, ...]:
            from safeguarding_partnership.reports.format import ReportFormat

            found = [
                (name, attrs.evolve(fmt, provider=name))
                for name, fmt in self._records("register_report_formats", ReportFormat)
            ]
            return tuple(fmt for _, fmt in merge_by_key("report format", found, lambda f: f.name))

        return self._once("report_formats", build)

    def add_commands(self, cli: click.Group) -> None:
        """Let each plugin add its subcommands (``register_commands``)."""
        for _name, _result in self._call("register_commands", lambda _name: {"cli": cli}):
            pass


# -------------------------------------------------------------------------------------------
# Listing installed plugins
# -------------------------------------------------------------------------------------------


@attrs.frozen
class PluginInfo:
    """An installed plugin as ``safeguarding-partnership plugins`` lists it."""

    name: str
    distribution: str | None
    version: str | None
    module: str
    hooks: tuple[str, ...] = ()
    error: str | None = None

    def as_data(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "distribution": self.distribution,
            "version": self.version,
            "module": self.module,
            "hooks": list(self.hooks),
            "error": self.error,
        }


def installed_plugins() -> tuple[PluginInfo, ...]:
    """Every installed plugin (entry point) with its distribution, version and hooks.

    A plugin that cannot be loaded is listed with its ``error``; the others are unaffected.
    """
    infos = []
    for name, ep in sorted(_entry_points().items()):
        dist = ep.dist
        hooks: tuple[str, ...] = ()
        error = None
        try:
            pm = pluggy.PluginManager(PROJECT)
            pm.add_hookspecs(hookspecs)
            plugin = _load_entry_point(ep)
            _register(pm, name, plugin)
            hooks = tuple(sorted(c.name for c in pm.get_hookcallers(plugin) or ()))
        except PluginError as exc:
            error = str(exc)
        infos.append(
            PluginInfo(
                name=name,
                distribution=dist.name if dist is not None else None,
                version=dist.version if dist is not None else None,
                module=ep.value,
                hooks=hooks,
                error=error,
            )
        )
    return tuple(infos)
