"""The pytest plugin (``pytest11`` entry point): fixtures prefixed ``sp_``, none autouse.

Nothing from the library is imported at module level: fixtures import inside their bodies,
so coverage sees the library's import-time lines.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, Any

import pytest

if TYPE_CHECKING:
    from safeguarding_partnership.plugins import Plugins

__all__ = ["sp_plugins"]


@pytest.fixture
def sp_plugins() -> Iterator[Callable[..., Plugins]]:
    """A factory of plugin facades: ``sp_plugins(my_plugin, names=["havering"])``.

    Positional arguments are plugin objects (modules, classes or instances), registered under
    their ``__name__`` (or class name); ``objects={"name": obj}`` names them explicitly;
    ``names`` are installed plugins. Each facade is fresh and is emptied on teardown.
    """
    from safeguarding_partnership.plugins import get_plugins

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
