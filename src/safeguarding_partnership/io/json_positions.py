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
from json.decoder import scanstring  # type: ignore[attr-defined]
from typing import Any

__all__ = ["JsonPositions", "repeated_key_at"]

PathKey = tuple[str | int, ...]
Position = tuple[int, int, int, int]
Children = dict[str | int, tuple[int, int]]
"""Each child of a container by key (or index): the offset of its key and of its value."""

_WS = re.compile(r"[ \t\n\r]*")
_SPACE = frozenset(" \t\n\r")
_COLON = re.compile(r"[ \t\n\r]*:[ \t\n\r]*")
_AFTER = re.compile(r"[ \t\n\r]*(,?)[ \t\n\r]*")
"""What follows a value in a container: white space, a comma or not, white space."""
Scan = Callable[[str, int], tuple[Any, int]]


def _scanner(decoder: json.JSONDecoder) -> Scan:
    """The decoder's own scanner (C when available): the value at an offset, and its end."""
    return json.scanner.make_scanner(decoder)  # type: ignore[arg-type]


_SCAN = _scanner(json.JSONDecoder())
_SKIP = _scanner(json.JSONDecoder(object_pairs_hook=len))
"""The same scanner making no dict of an object (only its length): for stepping over values."""
_BLOCK = 1 << 12
"""Lines are counted once up to each multiple of 4 KiB, then from there."""


def _ws(text: str, i: int) -> int:
    """The offset of the first character at or after ``i`` that is not white space."""
    if text[i : i + 1] not in _SPACE:
        return i
    return _WS.match(text, i).end()  # type: ignore[union-attr]


def _scan(
    text: str, i: int, scan: Callable[[str, int], tuple[Any, int]] = _SCAN
) -> tuple[Any, int]:
    """The JSON value at ``i``, and where it ends."""
    try:
        return scan(text, i)
    except StopIteration:
        raise ValueError(f"no JSON value at offset {i}") from None


class _Read:
    """How far one container has been read: its children so far, and where to go on."""

    __slots__ = ("children", "closer", "end", "is_object", "n", "open", "pos")

    def __init__(self, text: str, offset: int) -> None:
        opener = text[offset : offset + 1]
        if opener not in ("{", "["):
            raise ValueError("not a container")
        self.is_object = opener == "{"
        self.closer = "}" if self.is_object else "]"
        self.children: Children = {}
        self.pos: int = _ws(text, offset + 1)
        """Where the next child starts (or the closing bracket), unless a child is open."""
        self.n = 0
        self.open: int | None = None
        """A container child read only partly: it must be read to its end to go on."""
        self.end: int | None = None
        """Just after the closing bracket, once read to the end."""


class JsonPositions(dict[PathKey, Position]):
    """A mapping from field path to (key line, key column, value line, value column), 1-based.

    It behaves as the eager index of :class:`~safeguarding_partnership.io.locations.Locator`
    (``get`` and ``in``), but computes each container's children on first use.
    Malformed text gives no position rather than an error: positions are a courtesy.
    """

    def __init__(self, text: str) -> None:
        super().__init__()
        self._text = text
        self._reads: dict[int, _Read] = {}
        """How far each container met so far has been read, by its offset."""
        self._failed: set[int] = set()
        """Containers that could not be read to their end (malformed): no children."""
        self._block_lines: list[int] = [1]
        """The line of each offset that is a multiple of ``_BLOCK``, counted so far."""
        self._root = _ws(text, 0)

    def __bool__(self) -> bool:
        return bool(self._text)

    # -- reading containers --------------------------------------------------------------------

    def _read(self, offset: int, wanted: dict[Any, Any] | None, to_end: bool) -> int | None:
        """Read the container at ``offset`` on: until every child ``wanted`` names has been
        met, or to its end with ``to_end``; return its end once known.

        ``wanted`` is a tree: each key to the children wanted below that child, ``{}`` for
        none. A wanted container child is read the same way (partly, when nothing after it
        is wanted here); every other child is stepped over by the decoder.
        """
        text = self._text
        state = self._reads.get(offset)
        if state is None:
            state = self._reads[offset] = _Read(text, offset)
        children, closer, is_object = state.children, state.closer, state.is_object
        remaining: dict[Any, Any] = {}
        for part, below in (wanted or {}).items():
            if not is_object and isinstance(part, str) and part.isdigit():
                part = int(part)
            found = children.get(part)
            if found is None:
                remaining[part] = below
            elif below is not None and text[found[1] : found[1] + 1] in ("{", "["):
                self._read(found[1], below, to_end=False)  # met before: read on below it
        while state.end is None and (remaining or to_end):
            if state.open is not None:  # finish the child left open before going on
                i = self._read(state.open, None, to_end=True)
                state.open = None
                assert i is not None
                state.pos = self._after(i, closer)
            i = state.pos
            if text[i : i + 1] == closer:
                state.end = i + 1
                break
            key_at = i
            key: str | int = state.n
            if is_object:
                if text[i : i + 1] != '"':
                    raise ValueError("expected a key")
                key, i = scanstring(text, i + 1)
                colon = _COLON.match(text, i)
                if colon is None:
                    raise ValueError("expected ':'")
                i = colon.end()
            if key not in children:
                children[key] = (key_at, i)
            state.n += 1
            below = remaining.pop(key, None)
            if below is not None and text[i : i + 1] in ("{", "["):
                if not remaining and not to_end:  # the last one wanted here: stop inside it
                    self._read(i, below, to_end=False)
                    state.open = i
                    break
                end = self._read(i, below, to_end=True)
                assert end is not None
                i = end
            else:
                i = _scan(text, i, _SKIP)[1]
            state.pos = self._after(i, closer)
        return state.end

    def _after(self, i: int, closer: str) -> int:
        """Where the next child starts (or the closing bracket), after a value ending at ``i``."""
        after = _AFTER.match(self._text, i)
        j = after.end()  # type: ignore[union-attr]
        if not after.group(1) and self._text[j : j + 1] != closer:  # type: ignore[union-attr]
            raise ValueError("expected ',' or the end of the container")
        return j

    def _children_of(self, offset: int) -> Children:
        """The children of the container at ``offset``, read to its end (none if malformed)."""
        state = self._reads.get(offset)
        if state is not None and state.end is not None:
            return state.children
        if offset in self._failed:
            return {}
        try:
            self._read(offset, None, to_end=True)
        except (ValueError, IndexError, RecursionError):
            self._failed.add(offset)
            return {}
        return self._reads[offset].children

    def prefetch(self, paths: Iterable[PathKey]) -> None:
        """Read, in one pass, every container on any of ``paths``, and no further in each
        than the last child needed (a later prefetch reads on from there).

        Later lookups of these paths (and of their parents) are then dictionary lookups.
        Malformed text is left for the lookups, which give no position.
        """
        tree: dict[Any, Any] = {}
        for path in paths:
            node = tree
            for part in path[:-1]:  # the containers to read are the path's parents
                node = node.setdefault(part, {})
        if tree and self._text[self._root : self._root + 1] in ("{", "["):
            with contextlib.suppress(ValueError, IndexError, RecursionError):
                self._read(self._root, tree, to_end=False)

    # -- looking up ----------------------------------------------------------------------------

    def _child(self, offset: int, part: str | int) -> tuple[int, int] | None:
        """The offsets of one child of the container at ``offset``: among those a prefetch
        met, else read the container to its end to look."""
        state = self._reads.get(offset)
        if state is not None:
            found = _get(state.children, part)
            if found is not None or state.end is not None:
                return found
        return _get(self._children_of(offset), part)

    def repeated_key(self, path: PathKey, key: str) -> tuple[int, int] | None:
        """The line and column where ``key`` appears the second time in the object at
        ``path`` (the root for ``()``), if it does."""
        if path:
            found = self._offsets(tuple(path))
            if found is None:
                return None
            offset = found[1]
        else:
            offset = self._root
        text = self._text
        if text[offset : offset + 1] != "{":
            return None
        seen = False
        try:
            i = _WS.match(text, offset + 1).end()  # type: ignore[union-attr]
            while i < len(text) and text[i] != "}":
                key_at = i
                raw_key, i = _scan(text, i)
                if raw_key == key:
                    if seen:
                        return self._line_col(key_at)
                    seen = True
                i = _WS.match(text, i).end()  # type: ignore[union-attr]
                i = _WS.match(text, i + 1).end()  # type: ignore[union-attr]  # past ':'
                _value, i = _scan(text, i, _SKIP)
                i = _WS.match(text, i).end()  # type: ignore[union-attr]
                if text[i : i + 1] == ",":
                    i = _WS.match(text, i + 1).end()  # type: ignore[union-attr]
        except (ValueError, IndexError, RecursionError):
            return None
        return None

    def _offsets(self, path: PathKey) -> tuple[int, int] | None:
        value_at = self._root
        found: tuple[int, int] | None = None
        for part in path:
            found = self._child(value_at, part)
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


def _get(children: Children, part: str | int) -> tuple[int, int] | None:
    """A child by key or index (an index may be given as text)."""
    found = children.get(part)
    if found is None and isinstance(part, str) and part.isdigit():
        found = children.get(int(part))
    return found


class _Repeated(list[tuple[str, Any]]):
    """An object that repeats a key (its pairs), kept to be found after the parse."""


def _mark_duplicates(pairs: list[tuple[str, Any]]) -> Any:
    out = dict(pairs)
    return _Repeated(pairs) if len(out) != len(pairs) else out


def _first_repeated(pairs: list[tuple[str, Any]]) -> str:
    seen: set[str] = set()
    for key, _ in pairs:
        if key in seen:
            return key
        seen.add(key)
    return ""


def repeated_key_at(text: str) -> tuple[str, tuple[int, int] | None]:
    """The first repeated key of a JSON text (in document order) and where it is repeated.

    The text is parsed again at C speed, marking each object that repeats a key; the path
    to the first marked object is then found, and that object's keys are read one by one
    from the text to find the second occurrence."""
    data = json.loads(text, object_pairs_hook=_mark_duplicates)
    stack: list[tuple[Any, tuple[str | int, ...]]] = [(data, ())]
    while stack:
        current, path = stack.pop()
        if isinstance(current, _Repeated):
            key = _first_repeated(current)
            return key, JsonPositions(text).repeated_key(path, key)
        if isinstance(current, dict):
            items: list[tuple[str | int, Any]] = list(current.items())
        elif isinstance(current, list):
            items = list(enumerate(current))
        else:
            continue
        stack.extend(((value, (*path, part)) for part, value in reversed(items)))
    return "", None
