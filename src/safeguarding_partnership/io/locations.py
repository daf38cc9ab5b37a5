"""Where each value of a parsed file stands: a map from field path to line and column."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any, Protocol

import attrs

from safeguarding_partnership.errors import Location
from safeguarding_partnership.findings import format_path

__all__ = [
    "Locates",
    "Locator",
    "PathPart",
    "Position",
    "RuamelPositions",
    "format_path",
    "index_ruamel",
    "ruamel_positions",
]

PathPart = str | int


Position = tuple[int, int, int, int]
"""Key line, key column, value line, value column (1-based; 0 when the parser kept none)."""

INDEX_BUDGET = 1_000_000
"""The most entries :func:`index_ruamel` builds (a file under the size limit has fewer)."""


def _child_position(container: Any, part: PathPart) -> Position:
    lc = getattr(container, "lc", None)
    if lc is None:
        return (0, 0, 0, 0)
    try:
        if isinstance(container, Mapping):
            kl, kc = lc.key(part)
            vl, vc = lc.value(part)
            return (kl + 1, kc + 1, vl + 1, vc + 1)
        line, col = lc.item(part)
    except (KeyError, TypeError, IndexError):
        return (0, 0, 0, 0)
    return (line + 1, col + 1, line + 1, col + 1)


def _is_list(value: Any) -> bool:
    return isinstance(value, Sequence) and not isinstance(value, str | bytes)


def index_ruamel(node: Any, *, budget: int = INDEX_BUDGET) -> dict[tuple[PathPart, ...], Position]:
    """Positions (key line, key column, value line, value column; 1-based) of every value.

    Cycle-safe and bounded: each container is indexed once, under the first path that
    reaches it (an alias's children are found through the anchor's path), and at most
    ``budget`` entries are made. :func:`ruamel_positions` finds any one path without an index.
    """
    index: dict[tuple[PathPart, ...], Position] = {}
    seen: set[int] = set()
    stack: list[tuple[tuple[PathPart, ...], Any]] = [((), node)]
    while stack:
        path, current = stack.pop()
        if isinstance(current, Mapping | list | tuple):
            if id(current) in seen:
                continue
            seen.add(id(current))
        if isinstance(current, Mapping):
            children: Any = ((key, str(key), value) for key, value in current.items())
        elif _is_list(current):
            children = ((i, i, value) for i, value in enumerate(current))
        else:
            continue
        has_lc = getattr(current, "lc", None) is not None
        for key, part, value in children:
            if len(index) >= budget:
                return index
            child = (*path, part)
            if has_lc:
                index[child] = _child_position(current, key)
            stack.append((child, value))
    return index


class RuamelPositions(dict[tuple[PathPart, ...], Position]):
    """Positions of values in a round-trip YAML tree, found by walking down each path asked.

    It behaves as the index of :class:`Locator` (``get`` and ``in``) but builds nothing: a
    lookup costs the length of the path, whatever the tree's size, its aliases or its cycles.
    """

    def __init__(self, root: Any) -> None:
        super().__init__()
        self._root = root
        self._by_text: dict[int, dict[str, Any]] = {}

    def __bool__(self) -> bool:
        return True

    def _key(self, mapping: Mapping[Any, Any], part: PathPart) -> Any:
        if isinstance(part, str) and part in mapping:
            return part
        keys = self._by_text.get(id(mapping))
        if keys is None:
            keys = {str(k): k for k in reversed(list(mapping))}
            self._by_text[id(mapping)] = keys
        return keys.get(str(part), _MISSING)

    def get(self, path: tuple[PathPart, ...], default: Any = None) -> Any:
        current = self._root
        found: Position | None = None
        for part in path:
            if isinstance(current, Mapping):
                key = self._key(current, part)
                if key is _MISSING:
                    return default
            elif _is_list(current):
                key = int(part) if isinstance(part, str) and part.isdigit() else part
                if not isinstance(key, int) or not 0 <= key < len(current):
                    return default
            else:
                return default
            found = _child_position(current, key)
            current = current[key]
        return default if found is None else found

    def __contains__(self, path: object) -> bool:
        return isinstance(path, tuple) and self.get(path) is not None

    def __getitem__(self, path: tuple[PathPart, ...]) -> Position:
        found = self.get(path)
        if found is None:
            raise KeyError(path)
        return found  # type: ignore[no-any-return]


_MISSING = object()


def ruamel_positions(root: Any) -> RuamelPositions:
    """The lazy position index of a round-trip YAML tree (see :class:`RuamelPositions`)."""
    return RuamelPositions(root)


def _through_items(
    index: Mapping[tuple[PathPart, ...], object], path: tuple[PathPart, ...]
) -> tuple[PathPart, ...]:
    """``path`` with ``items`` put in where a list is written ``{complete: false, items: [...]}``
    (a model's path counts the items; the file's goes through the ``items`` key)."""
    out: tuple[PathPart, ...] = ()
    for part in path:
        if isinstance(part, int) and (*out, part) not in index and (*out, "items", part) in index:
            out = (*out, "items")
        out = (*out, part)
    return out


class Locates(Protocol):
    """Anything that can locate a field path."""

    def locate(self, path: Sequence[PathPart], *, key: bool = False) -> Location: ...


@attrs.define
class Locator:
    """Turns a field path into a :class:`~safeguarding_partnership.errors.Location`.

    The index is built lazily: a clean JSON file never pays for it.
    """

    file: str
    _build: Callable[[], dict[tuple[PathPart, ...], Position]] | None = None
    _index: dict[tuple[PathPart, ...], Position] | None = None
    text: str | None = None

    @property
    def index(self) -> dict[tuple[PathPart, ...], Position]:
        if self._index is None:
            self._index = self._build() if self._build is not None else {}
        return self._index

    def prefetch(self, paths: Iterable[Sequence[PathPart]]) -> None:
        """Get ready to locate many paths: an index that can (JSON's) reads them in one pass."""
        ahead = getattr(self.index, "prefetch", None)
        if ahead is not None:
            ahead([tuple(path) for path in paths])

    def locate(self, path: Sequence[PathPart], *, key: bool = False) -> Location:
        """The location of the value at ``path`` (or of its key), or of its nearest parent."""
        index = self.index
        parts = _through_items(index, tuple(path))
        while parts:
            found = index.get(parts)
            if found is not None and found[0] > 0:
                line, col = (found[0], found[1]) if key else (found[2], found[3])
                return Location(self.file, line, col)
            parts = parts[:-1]
        if self.text is not None and path:
            # TOML and other formats without positions: find the key's first line.
            last = next((p for p in reversed(path) if isinstance(p, str)), None)
            if last is not None:
                pattern = re.compile(
                    rf"(?:^|[{{,\s])(?P<key>\"?{re.escape(last)}\"?)\s*=", re.MULTILINE
                )
                match = pattern.search(self.text)
                if match:
                    line = self.text.count("\n", 0, match.start("key")) + 1
                    return Location(self.file, line, None)
        return Location(self.file, 1 if index or self.text else None, None)
