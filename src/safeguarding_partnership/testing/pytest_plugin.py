"""The pytest plugin (``pytest11`` entry point): fixtures prefixed ``sp_``, none autouse.

Nothing from the library is imported at module level: fixtures import inside their bodies,
so coverage sees the library's import-time lines.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

if TYPE_CHECKING:
    from safeguarding_partnership.model import Arrangement
    from safeguarding_partnership.plugins.facade import Plugins
    from safeguarding_partnership.rules.engine import CheckResult

__all__ = ["sp_check", "sp_load", "sp_plugins"]


@pytest.fixture
def sp_plugins() -> Iterator[Callable[..., Plugins]]:
    """A factory of plugin facades: ``sp_plugins(my_plugin, names=["havering"])``.

    Positional arguments are plugin objects (modules, classes or instances), registered under
    their ``__name__`` (or class name); ``objects={"name": obj}`` names them explicitly;
    ``names`` are installed plugins. Each facade is fresh and is emptied on teardown.
    """
    from safeguarding_partnership.plugins.manager import get_plugins

    made: list[Plugins] = []

    def factory(
        *plugins: object, objects: dict[str, object] | None = None, **options: Any
    ) -> Plugins:
        named = dict(objects or {})
        for plugin in plugins:
            name = getattr(plugin, "__name__", None) or type(plugin).__name__
            named[str(name)] = plugin
        facade = get_plugins(objects=named, **options)
        made.append(facade)
        return facade

    yield factory
    for facade in made:
        facade.unregister_all()


def _write_source(source: object, folder: Path) -> Path:
    """A file holding ``source``: a path as is, an arrangement or YAML text written out."""
    from safeguarding_partnership.io.dump import dump_text
    from safeguarding_partnership.model import Arrangement

    if isinstance(source, Path):
        return source
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / f"arrangement-{len(list(folder.iterdir())) + 1}.yaml"
    if isinstance(source, Arrangement):
        target.write_text(dump_text(source, "yaml"), encoding="utf-8")
        return target
    if isinstance(source, str):
        if "\n" not in source and Path(source).is_file():
            return Path(source)
        target.write_text(source, encoding="utf-8")
        return target
    raise TypeError(f"expected a path, YAML text or an Arrangement, not {type(source).__name__}")


@pytest.fixture
def sp_load(tmp_path: Path) -> Callable[[str | Path], Arrangement]:
    """Load one arrangement from a path or from YAML text: ``sp_load("id: x\\n...")``.

    Bad input raises :class:`~safeguarding_partnership.errors.ArrangementsFileError`, with
    every problem located.
    """
    from safeguarding_partnership.io.load import load_arrangement

    def load(source: str | Path) -> Arrangement:
        return load_arrangement(_write_source(source, tmp_path / "sp_load"))

    return load


@pytest.fixture
def sp_check(tmp_path: Path) -> Callable[..., CheckResult]:
    """Check an arrangement as of a day with chosen plugins: a function returning the
    :class:`~safeguarding_partnership.rules.engine.CheckResult` (its ``findings``).

    ``sp_check(source, as_of, plugins=(), select=(), include_preview=False)``: ``source`` is
    a path, YAML text or an ``Arrangement``; ``plugins`` are installed plugin names, plugin
    file paths or plugin objects (modules or classes with hook implementations), added to
    those the file names. Checks exactly as ``safeguarding-partnership check`` does.
    """
    from safeguarding_partnership.pipeline import check_path
    from safeguarding_partnership.rules.engine import Selection

    def check(
        source: object,
        as_of: dt.date,
        *,
        plugins: tuple[object, ...] | list[object] = (),
        select: tuple[str, ...] | list[str] = (),
        include_preview: bool = False,
    ) -> CheckResult:
        path = _write_source(source, tmp_path / "sp_check")
        local = [str(p) for p in plugins if isinstance(p, str | Path)]
        objects = {
            str(getattr(p, "__name__", None) or type(p).__name__): p
            for p in plugins
            if not isinstance(p, str | Path)
        }
        run = check_path(
            path,
            as_of=as_of,
            plugins=local,
            plugin_objects=objects,
            selection=Selection(select=tuple(select), include_preview=include_preview),
        )
        if run.load_errors:
            raise run.load_errors[0]
        if run.plugin_failures:
            raise run.plugin_failures[0]
        if len(run.results) != 1:
            raise ValueError(f"expected one arrangement in {path}, found {len(run.results)}")
        return run.results[0]

    return check
