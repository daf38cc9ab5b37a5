"""The plugin facade: one typed method per hook, each plugin called separately, merged by key.

Every contribution knows its provider, and a plugin's fault never hides another's results: it
becomes a :class:`~.errors.PluginHookError` in :attr:`Plugins.failures`. Contributions are
merged by key and sorted, so the order plugins were installed in never matters.

The facade wraps a pluggy manager (:func:`.manager.get_plugins`), or, for an arrangement
that names no plugin, :class:`CoreOnly`, which calls the core's hooks directly:
:func:`core_plugins` is that facade, built once, and a plain check never imports pluggy.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable, Iterator, Mapping
from typing import TYPE_CHECKING, Any, TypeVar

import attrs

from safeguarding_partnership.errors import (
    PluginConflictError,
    PluginHookError,
    PluginLoadError,
    did_you_mean,
)
from safeguarding_partnership.plugins import core
from safeguarding_partnership.plugins.records import AgencyCategory, Loader

if TYPE_CHECKING:
    import click
    import pluggy
    from pydantic import BaseModel

    from safeguarding_partnership.model import Arrangement
    from safeguarding_partnership.reports.format import ReportFormat
    from safeguarding_partnership.rules.rule import Rule

__all__ = ["FILE_PROVIDER", "CoreOnly", "Plugins", "conflict", "core_plugins", "merge_by_key"]

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

    manager: pluggy.PluginManager | CoreOnly
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
            except KeyboardInterrupt:
                raise
            except BaseException as exc:  # sys.exit() in a hook too: contained, reported
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

    def contributed(
        self, hook: str, expected: type[T], arrangement: Arrangement, settings: Mapping[str, object]
    ) -> list[tuple[str, T]]:
        """The records of ``expected`` that plugins add to an arrangement through ``hook``
        (``register_organisations``, ``register_relevant_agencies``, ``register_groups``), with
        their providers; each plugin is given the arrangement and its own settings."""
        return self._records(
            hook,
            expected,
            lambda name: {"arrangement": arrangement, "settings": settings.get(name)},
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
# The core alone, without pluggy
# -------------------------------------------------------------------------------------------


@attrs.frozen
class _Impl:
    """One hook implementation, as the facade reads pluggy's."""

    plugin_name: str
    function: Callable[..., Any]
    argnames: tuple[str, ...]


@attrs.frozen
class _Caller:
    impls: tuple[_Impl, ...]

    def get_hookimpls(self) -> list[_Impl]:
        return list(self.impls)


class _Hooks:
    """``manager.hook``: the core's implementation of each hook, if it has one."""

    def __getattr__(self, hook: str) -> _Caller:
        found = [f for f in core.HOOKS if getattr(f, "__name__", None) == hook]
        code = [getattr(f, "__code__", None) for f in found]
        return _Caller(
            tuple(
                _Impl(core.NAME, f, c.co_varnames[: c.co_argcount] if c is not None else ())
                for f, c in zip(found, code, strict=True)
            )
        )


class CoreOnly:
    """Stands in for the plugin manager of an arrangement that names no plugin: the core's
    hook implementations (:data:`.core.HOOKS`), called directly, without pluggy."""

    hook = _Hooks()

    def list_name_plugin(self) -> list[tuple[str, object]]:
        return [(core.NAME, core)]

    def unregister(self, plugin: object = None, name: str | None = None) -> None:
        """The core is always there: nothing to unregister."""


@functools.cache
def core_plugins() -> Plugins:
    """The facade of an arrangement that names no plugin: the core alone, built once.

    It is shared by every such arrangement of a run (and by later runs): there is no plugin
    whose fault could be charged to the wrong one, and the core's rules, settings model and
    formats are merged and checked once.
    """
    return Plugins(CoreOnly())
