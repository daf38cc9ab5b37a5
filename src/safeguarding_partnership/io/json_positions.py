"""Positions of values in JSON text, found lazily: only the containers on a looked-up path are read.

Parsing a national registry with a YAML parser just to locate one finding takes minutes; this
index asks the C JSON decoder for the end of each sibling on the way down instead, so locating
a value costs about one decode of the enclosing containers, and nothing at all when a file has
no findings.

:meth:`JsonPositions.prefetch` locates many paths in one pass: it walks down every container
on any of the paths once, stepping over the values no path enters with the decoder, so each
part of the file is decoded about once however many findings it has. Lines are counted once
up to each 4 KiB boundary, then from the boundary before each offset; no list of every
newline is kept.
"""

from __future__ import annotations

import contextlib
import json
import json.scanner
import re
from collections.abc import Callable, Iterable
from typing import Any

__all__ = ["JsonPositions"]

PathKey = tuple[str | int, ...]
Position = tuple[int, int, int, int]
Children = dict[str | int, tuple[int, int]]
"""Each child of a container by key (or index): the offset of its key and of its value."""

_WS = re.compile(r"[ \t\n\r]*")
_SPACE = frozenset(" \t\n\r")
_SCAN: Callable[[str, int], tuple[Any, int]] = json.scanner.make_scanner(json.JSONDecoder())  # type: ignore[arg-type]
"""The decoder's own scanner (C): the value at an offset, and where it ends."""
_BLOCK = 1 << 12
"""Lines are counted once up to each multiple of 4 KiB, then from there."""


def _ws(text: str, i: int) -> int:
    """The offset of the first character at or after ``i`` that is not white space."""
    if text[i : i + 1] not in _SPACE:
        return i
    return _WS.match(text, i).end()  # type: ignore[union-attr]


def _scan(text: str, i: int) -> tuple[Any, int]:
    """The JSON value at ``i``, and where it ends."""
    try:
        return _SCAN(text, i)
    except StopIteration:
        raise ValueError(f"no JSON value at offset {i}") from None


class JsonPositions(dict[PathKey, Position]):
    """A mapping from field path to (key line, key column, value line, value column), 1-based.

    It behaves as the eager index of :class:`~safeguarding_partnership.io.locations.Locator`
    (``get`` and ``in``), but computes each container's children on first use.
    Malformed text gives no position rather than an error: positions are a courtesy.
    """

    def __init__(self, text: str) -> None:
        super().__init__()
        self._text = text
        self._children: dict[int, Children] = {}
        """The children of each container read so far, by the offset of the container."""
        self._ends: dict[int, int] = {}
        """Where each container read so far ends (just after its closing bracket)."""
        self._block_lines: list[int] = [1]
        """The line of each offset that is a multiple of ``_BLOCK``, counted so far."""
        self._root = _ws(text, 0)

    def __bool__(self) -> bool:
        return bool(self._text)

    # -- reading containers --------------------------------------------------------------------

    def _read(self, offset: int, wanted: dict[Any, Any] | None = None) -> int:
        """Read the container at ``offset``: record its children and return where it ends.

        A container child named in ``wanted`` is read the same way (so its end is known
        without decoding it); every other child is stepped over by the decoder.
        """
        text = self._text
        out: Children = {}
        opener = text[offset : offset + 1]
        if opener not in ("{", "["):
            raise ValueError("not a container")
        closer = "}" if opener == "{" else "]"
        i = _ws(text, offset + 1)
        n = 0
        while text[i : i + 1] != closer:
            key_at = i
            key: str | int = n
            if opener == "{":
                if text[i : i + 1] != '"':
                    raise ValueError("expected a key")
                raw_key, i = _scan(text, i)
                key = str(raw_key)
                i = _ws(text, i)
                if text[i : i + 1] != ":":
                    raise ValueError("expected ':'")
                i = _ws(text, i + 1)
            value_at = i
            below = None
            if wanted:
                below = wanted.get(key)
                if below is None and isinstance(key, int):
                    below = wanted.get(str(key))
            if below is not None and text[i : i + 1] in ("{", "["):
                if i in self._ends:  # read before, for other paths
                    self._prefetch(i, below)
                    i = self._ends[i]
                else:
                    i = self._read(i, below)
            else:
                i = _scan(text, i)[1]
            out.setdefault(key, (key_at, value_at))
            n += 1
            i = _ws(text, i)
            if text[i : i + 1] == ",":
                i = _ws(text, i + 1)
            elif text[i : i + 1] != closer:
                raise ValueError("expected ',' or the end of the container")
        self._children[offset] = out
        self._ends[offset] = i + 1
        return i + 1

    def _children_of(self, offset: int) -> Children:
        children = self._children.get(offset)
        if children is None:
            try:
                self._read(offset)
            except (ValueError, IndexError, RecursionError):
                self._children[offset] = {}
            children = self._children[offset]
        return children

    def prefetch(self, paths: Iterable[PathKey]) -> None:
        """Read, in one pass, every container on any of ``paths``.

        Later lookups of these paths (and of their parents) are then dictionary lookups.
        Malformed text is left for the lookups, which give no position.
        """
        tree: dict[Any, Any] = {}
        for path in paths:
            node = tree
            for part in path[:-1]:  # the containers to read are the path's parents
                node = node.setdefault(part, {})
        if tree:
            with contextlib.suppress(ValueError, IndexError, RecursionError):
                self._prefetch(self._root, tree)

    def _prefetch(self, offset: int, wanted: dict[Any, Any]) -> None:
        """Read the container at ``offset`` and, below it, the containers ``wanted`` names
        (a tree: each key to the containers wanted below that child, ``{}`` for none)."""
        if offset not in self._children:
            if self._text[offset : offset + 1] in ("{", "["):
                self._read(offset, wanted)
            return
        children = self._children[offset]
        for key, below in wanted.items():
            found = children.get(key)
            if found is None and isinstance(key, str) and key.isdigit():
                found = children.get(int(key))
            if found is not None:
                self._prefetch(found[1], below)

    # -- looking up ----------------------------------------------------------------------------

    def _offsets(self, path: PathKey) -> tuple[int, int] | None:
        value_at = self._root
        found: tuple[int, int] | None = None
        for part in path:
            children = self._children_of(value_at)
            found = children.get(part)
            if found is None and isinstance(part, str) and part.isdigit():
                found = children.get(int(part))
            if found is None:
                return None
            value_at = found[1]
        return found

    def _line_col(self, offset: int) -> tuple[int, int]:
        """Line and column of ``offset``, counted from the 4 KiB boundary before it (the lines
        of the boundaries are counted once each, in one pass as far as needed)."""
        text = self._text
        block, lines = offset // _BLOCK, self._block_lines
        while len(lines) <= block:
            start = (len(lines) - 1) * _BLOCK
            lines.append(lines[-1] + text.count("\n", start, start + _BLOCK))
        line = lines[block] + text.count("\n", block * _BLOCK, offset)
        return line, offset - (text.rfind("\n", 0, offset) + 1) + 1

    def get(self, path: PathKey, default: Any = None) -> Any:
        if not path:
            return default
        offsets = self._offsets(tuple(path))
        if offsets is None:
            return default
        return (*self._line_col(offsets[0]), *self._line_col(offsets[1]))

    def __contains__(self, path: object) -> bool:
        return isinstance(path, tuple) and self.get(path) is not None

    def __getitem__(self, path: PathKey) -> Position:
        found = self.get(path)
        if found is None:
            raise KeyError(path)
        return found  # type: ignore[no-any-return]
