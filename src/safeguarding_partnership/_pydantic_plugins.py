"""pydantic's plugins, when they are all off: a stand-in for pydantic's plugin loader.

The command line turns pydantic's plugins off (``PYDANTIC_DISABLE_PLUGINS=__all__``; see
:doc:`/explanation/threat-model`). pydantic still imports its plugin loader the first time it
builds a validator, and the loader imports :mod:`importlib.metadata` (and with it ``email``,
``zipfile``, ``csv``, ``tempfile`` ...: about a thirtieth of a one-file check) before it reads
the variable and returns no plugins. :func:`no_plugin_loader` gives pydantic a loader with
the same answer and no imports.
"""

from __future__ import annotations

import os
import sys
import types

__all__ = ["no_plugin_loader"]

_PYDANTIC_LOADER = "pydantic.plugin._loader"
_PLUGINS_OFF = ("__all__", "1", "true")
"""The values of ``PYDANTIC_DISABLE_PLUGINS`` with which pydantic loads no plugin at all."""


def no_plugin_loader() -> None:
    """With pydantic's plugins all off, stand in for pydantic's plugin loader with one that
    gives the same answer, no plugins, without importing :mod:`importlib.metadata`.

    Only for this process (the command line calls it when run as the program), only when the
    variable turns every plugin off, and only if pydantic has not loaded its own loader; a
    test holds the stand-in to pydantic's answer. This tool's own plugins are found without
    :mod:`importlib.metadata` too (:mod:`.plugins.entry_points`).
    """
    if os.environ.get("PYDANTIC_DISABLE_PLUGINS") not in _PLUGINS_OFF:
        return
    if _PYDANTIC_LOADER in sys.modules:
        return
    loader = types.ModuleType(_PYDANTIC_LOADER, "No pydantic plugins: they are turned off.")
    loader.get_plugins = tuple  # type: ignore[attr-defined]  # () as pydantic's would give
    sys.modules[_PYDANTIC_LOADER] = loader
