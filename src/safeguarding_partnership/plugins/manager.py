"""The plugin manager: load the plugins asked for, call each one's hooks, merge by key.

Nothing is loaded at import. :func:`get_plugins` builds a fresh pluggy manager on every
call, registers the core's own hooks (:mod:`.core`) and only the plugins named (by an
arrangements file's ``plugins:`` list or by ``--plugin``), and wraps it in a :class:`Plugins`
facade (:mod:`.facade`) with one typed method per hook. An arrangement that names no plugin
needs none of this: :func:`.facade.core_plugins` serves it without pluggy.
"""

from __future__ import annotations

import hashlib
import importlib
import importlib.util
import os
import sys
from collections.abc import Iterable, Mapping
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING, Any

import attrs
import pluggy

from safeguarding_partnership.errors import (
    ExitCode,
    PluginError,
    PluginLoadError,
    did_you_mean,
)
from safeguarding_partnership.plugins import core, hookspecs
from safeguarding_partnership.plugins.entry_points import EntryPoint, entry_points
from safeguarding_partnership.plugins.facade import Plugins
from safeguarding_partnership.plugins.hookspecs import PROJECT

if TYPE_CHECKING:
    pass

__all__ = [
    "PluginInfo",
    "get_plugins",
    "installed_plugins",
]


# -------------------------------------------------------------------------------------------
# Loading
# -------------------------------------------------------------------------------------------


_ENTRY_POINTS: dict[tuple[str, ...], dict[str, EntryPoint]] = {}


def _entry_points() -> dict[str, EntryPoint]:
    """Installed plugins by name, de-duplicated (a path listed twice finds one twice).

    Read once per ``sys.path``: a national check builds a facade per arrangement, and
    scanning every installed distribution each time dominated its cost.
    """
    key = tuple(sys.path)
    found = _ENTRY_POINTS.get(key)
    if found is None:
        found = {}
        for ep in entry_points(PROJECT):
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


def _load_entry_point(ep: EntryPoint) -> object:
    try:
        return ep.load()
    except KeyboardInterrupt:
        raise
    except BaseException as exc:  # sys.exit() at import too: a fault, not the end of the run
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
    except KeyboardInterrupt:
        del sys.modules[module_name]
        raise
    except BaseException as exc:  # sys.exit() at import too: a fault, not the end of the run
        del sys.modules[module_name]
        raise _import_failure(path.stem, exc) from exc
    return module


def _load_local(spec: str, installed: Mapping[str, EntryPoint]) -> tuple[str, object]:
    """A ``--plugin`` value: a file path (named by its stem), an installed plugin's name, or
    an importable module name."""
    path = Path(spec)
    try:
        is_file = path.is_file()
    except OSError as exc:  # a name too long for a file name, say: the user's mistake
        raise _load_error(
            spec, f"--plugin {spec!r}: not a file ({exc.strerror or exc})", unknown=True
        ) from None
    if spec.endswith(".py") or is_file:
        if not is_file:
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
    except KeyboardInterrupt:
        raise
    except BaseException as exc:  # sys.exit() at import too
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
        for function in core.HOOKS:  # the core module does not import pluggy to mark them
            hookspecs.hookimpl(function)
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
    import importlib.metadata  # the distributions' names and versions: only listing needs them

    dists: dict[str, importlib.metadata.Distribution | None] = {}
    for point in importlib.metadata.entry_points(group=PROJECT):
        dists.setdefault(point.name, point.dist)  # the first, as _entry_points keeps it
    infos = []
    for name, ep in sorted(_entry_points().items()):
        dist = dists.get(name)
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
