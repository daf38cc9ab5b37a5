"""The installed plugins: the entry points of one group, read from the ``entry_points.txt``
files of the distributions on ``sys.path``.

A check that names a plugin needs only the names and values of one group.
:mod:`importlib.metadata` reads the same files, but importing it brings in ``email``,
``zipfile``, ``csv``, ``tempfile`` and more, about a thirtieth of a one-file check. The
reading here is the one it does for a plain installation: the path entries in order, in each
the ``*.dist-info`` and ``*.egg-info`` folders (grouped by normalised name in the order the
folder lists them), a distribution's first occurrence only, and the ``name = value`` lines
under the group's heading. Where the installation is not plain (a path entry that is a zip
archive or an egg, a metadata folder whose suffix is not in lower case, or a finder on
``sys.meta_path`` that offers distributions of its own), :func:`importlib.metadata.entry_points`
is asked instead. A test compares the two on every group installed.

One difference is deliberate: a distribution whose ``entry_points.txt`` is not UTF-8 is passed
over here, and a line without ``=`` is skipped (the file's other entries are still read),
where :mod:`importlib.metadata` fails for every group (one broken package would stop every
check that names a plugin).
"""

from __future__ import annotations

import functools
import importlib
import os
import re
import sys
from collections.abc import Iterator

import attrs

__all__ = ["EntryPoint", "entry_points"]

_VALUE = re.compile(r"(?P<module>[\w.]+)\s*(:\s*(?P<attr>[\w.]+)\s*)?((?P<extras>\[.*\])\s*)?$")
"""An entry point's value, as :class:`importlib.metadata.EntryPoint` reads it."""

_METADATA = (".dist-info", ".egg-info")


@attrs.frozen
class EntryPoint:
    """One entry point: ``name = value`` under the ``group`` heading of a distribution's
    ``entry_points.txt``."""

    name: str
    value: str
    group: str

    def load(self) -> object:
        """What the value names: its module imported, then each attribute of ``module:attr``."""
        match = _VALUE.match(self.value)
        if match is None:
            raise ValueError(
                f"entry point {self.name!r}: not a module or attribute: {self.value!r}"
            )
        module: object = importlib.import_module(match.group("module"))
        parts = filter(None, (match.group("attr") or "").split("."))
        return functools.reduce(getattr, parts, module)


def _normalised(folder: str) -> str:
    """A distribution's name from its metadata folder (``Foo_Bar-1.0.dist-info``:
    ``foo_bar``), normalised as :mod:`importlib.metadata` does to find duplicates."""
    name = folder.lower().rpartition(".")[0].partition("-")[0]
    return re.sub(r"[-_.]+", "_", name)


def _group(text: str, group: str) -> Iterator[tuple[str, str]]:
    """The ``name = value`` pairs under the ``[group]`` heading of an ``entry_points.txt``,
    read as :mod:`importlib.metadata` reads them (a line without ``=``, on which it fails,
    is passed over)."""
    heading = None
    for raw in text.splitlines():
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith("[") and line.endswith("]"):
            heading = line.strip("[]")
        elif heading == group and "=" in line:
            name, _, value = line.partition("=")
            yield name.strip(), value.strip()


def _plain() -> bool:
    """Whether every path entry is a folder (or absent, or not readable), none an egg, and
    no finder but the standard one offers distributions."""
    from importlib.machinery import PathFinder

    for finder in sys.meta_path:
        if finder is not PathFinder and hasattr(finder, "find_distributions"):
            return False
    for entry in sys.path:
        if not isinstance(entry, str) or entry.lower().endswith(".egg"):
            return False
        if os.path.exists(entry or ".") and not os.path.isdir(entry or "."):
            return False
    return True


class _NotPlain(Exception):
    """A metadata folder :mod:`importlib.metadata` would name from its metadata, not its name."""


def _metadata_folders(entry: str) -> Iterator[tuple[str, str]]:
    """The metadata folders in one path entry, as (normalised name, path), grouped by name in
    the order the folder lists them."""
    root = entry or "."
    try:
        children = os.listdir(root)
    except OSError:
        return
    by_name: dict[str, list[str]] = {}
    for child in children:
        if child.lower().endswith(_METADATA):
            if not child.endswith(_METADATA) or child.startswith("."):
                raise _NotPlain(child)
            by_name.setdefault(_normalised(child), []).append(os.path.join(root, child))
    for name, folders in by_name.items():
        for folder in folders:
            yield name, folder


def entry_points(group: str) -> list[EntryPoint]:
    """The entry points of ``group``, in the order :func:`importlib.metadata.entry_points`
    gives them, each distribution counted once (the first on ``sys.path``)."""
    if _plain():
        try:
            return _read(group)
        except _NotPlain:
            pass
    import importlib.metadata

    found = importlib.metadata.entry_points(group=group)
    return [EntryPoint(ep.name, ep.value, group) for ep in found]


def _read(group: str) -> list[EntryPoint]:
    seen: set[str] = set()
    points: list[EntryPoint] = []
    for entry in sys.path:
        for name, folder in _metadata_folders(entry):
            if name in seen:
                continue
            seen.add(name)
            try:
                with open(os.path.join(folder, "entry_points.txt"), encoding="utf-8") as file:
                    text = file.read()
            except (OSError, UnicodeDecodeError):
                continue
            points.extend(EntryPoint(n, v, group) for n, v in _group(text, group))
    return points
