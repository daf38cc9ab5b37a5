"""``new-plugin``: write a working plugin package whose own tests pass straight away."""

from __future__ import annotations

import re
import string
from importlib.resources import files
from pathlib import Path

import attrs

from safeguarding_partnership._version import __version__
from safeguarding_partnership.errors import OutputError, SafeguardingPartnershipError
from safeguarding_partnership.io.write import cannot_write
from safeguarding_partnership.plugins.core import core_prefixes

__all__ = ["PluginSkeleton", "skeleton", "write_plugin"]

_NAME = re.compile(r"^[a-z][a-z0-9]*(-[a-z0-9]+)*$")

_FILES = {
    "pyproject.toml": "pyproject.toml.tmpl",
    "README.md": "README.md.tmpl",
    "src/{module}/__init__.py": "init.py.tmpl",
    "tests/test_{module}_plugin.py": "test_plugin.py.tmpl",
}


@attrs.frozen
class PluginSkeleton:
    """The names a new plugin package is written with."""

    name: str
    """The plugin's name: the entry point, and what arrangements files write in ``plugins:``."""
    module: str
    """The import package, ``sp_<name>``."""
    distribution: str
    """The distribution, ``sp-<name>``."""
    prefix: str
    """The plugin's rule code prefix, such as ``LEEDS-``."""


def skeleton(name: str) -> PluginSkeleton:
    """The names for a plugin called ``name`` (lower case letters, digits and hyphens)."""
    if not _NAME.match(name):
        raise SafeguardingPartnershipError(
            f"plugin name {name!r}: use lower-case letters, digits and single hyphens, "
            "starting with a letter (for example 'leeds' or 'north-yorkshire')"
        )
    prefix = name.replace("-", "").upper()[:8] + "-"
    if prefix in core_prefixes():
        prefix = prefix[:-1] + "LOCAL-"
    module = "sp_" + name.replace("-", "_")
    return PluginSkeleton(name, module, "sp-" + name, prefix)


def _render(template: str, names: PluginSkeleton) -> str:
    text = files(__package__).joinpath("templates", template).read_text("utf-8")
    return string.Template(text).substitute(
        name=names.name,
        module=names.module,
        distribution=names.distribution,
        prefix=names.prefix,
        code=names.prefix + "001",
        core_version=__version__,
    )


def write_plugin(name: str, directory: Path | None = None) -> Path:
    """Write the package for plugin ``name`` into ``directory`` (default ``./sp-<name>``).

    Refuses (:class:`~.errors.OutputError`) to write into a folder that exists and is not empty.
    """
    names = skeleton(name)
    target = directory if directory is not None else Path.cwd() / names.distribution
    if target.exists() and (not target.is_dir() or any(target.iterdir())):
        raise OutputError(f"{target}: exists and is not an empty folder; choose another --dir")
    with cannot_write(target):
        for out, template in _FILES.items():
            path = target / out.format(module=names.module)
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(_render(template, names), encoding="utf-8")
    return target
