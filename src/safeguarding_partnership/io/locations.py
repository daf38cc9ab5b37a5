"""Where each value of a parsed file stands: a map from field path to line and column."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any, Protocol

import attrs

from safeguarding_partnership.errors import Location
from safeguarding_partnership.findings import format_path

__all__ = ["Locates", "Locator", "PathPart", "format_path", "index_ruamel"]

PathPart = str | int


def index_ruamel(node: Any) -> dict[tuple[PathPart, ...], tuple[int, int, int, int]]:
    """Positions (key line, key column, value line, value column; 1-based) of every value."""
    index: dict[tuple[PathPart, ...], tuple[int, int, int, int]] = {}
    stack: list[tuple[tuple[PathPart, ...], Any]] = [((), node)]
    while stack:
        path, current = stack.pop()
        lc = getattr(current, "lc", None)
        if isinstance(current, Mapping):
            for key, value in current.items():
                child = (*path, str(key))
                if lc is not None:
                    try:
                        kl, kc = lc.key(key)
                        vl, vc = lc.value(key)
                    except (KeyError, TypeError):
                        kl = kc = vl = vc = -1
                    index[child] = (kl + 1, kc + 1, vl + 1, vc + 1)
                stack.append((child, value))
        elif isinstance(current, Sequence) and not isinstance(current, str | bytes):
            for i, value in enumerate(current):
                child = (*path, i)
                if lc is not None:
                    try:
                        line, col = lc.item(i)
                    except (KeyError, TypeError, IndexError):
                        line = col = -1
                    index[child] = (line + 1, col + 1, line + 1, col + 1)
                stack.append((child, value))
    return index


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
    _build: Callable[[], dict[tuple[PathPart, ...], tuple[int, int, int, int]]] | None = None
    _index: dict[tuple[PathPart, ...], tuple[int, int, int, int]] | None = None
    text: str | None = None

    @property
    def index(self) -> dict[tuple[PathPart, ...], tuple[int, int, int, int]]:
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
                pattern = re.compile(rf"(^|[{{,\s])\"?{re.escape(last)}\"?\s*=", re.MULTILINE)
                match = pattern.search(self.text)
                if match:
                    line = self.text.count("\n", 0, match.start()) + 1
                    return Location(self.file, line, None)
        return Location(self.file, 1 if index or self.text else None, None)
