"""Positions of values in JSON text, found lazily: only the containers on a looked-up path are read.

Parsing a national registry with a YAML parser just to locate one finding takes minutes; this
index asks the C JSON decoder for the end of each sibling on the way down instead, so locating
a value costs about one decode of the enclosing containers, and nothing at all when a file has
no findings.
"""

from __future__ import annotations

import bisect
import json
import re
from typing import Any

__all__ = ["JsonPositions"]

PathKey = tuple[str | int, ...]
Position = tuple[int, int, int, int]

_WS = re.compile(r"[ \t\n\r]*")
_DECODER = json.JSONDecoder()


class JsonPositions(dict[PathKey, Position]):
    """A mapping from field path to (key line, key column, value line, value column), 1-based.

    It behaves as the eager index of :class:`~safeguarding_partnership.io.locations.Locator`
    (``get`` and ``in``), but computes each container's children on first use.
    Malformed text gives no position rather than an error: positions are a courtesy.
    """

    def __init__(self, text: str) -> None:
        super().__init__()
        self._text = text
        self._children: dict[PathKey, dict[str | int, tuple[int, int]]] = {}
        self._newlines: list[int] | None = None
        self._root = _WS.match(text, 0).end()  # type: ignore[union-attr]

    def __bool__(self) -> bool:
        return bool(self._text)

    def _scan(self, offset: int) -> dict[str | int, tuple[int, int]]:
        """The children of the container at ``offset``: key offset and value offset of each."""
        text = self._text
        out: dict[str | int, tuple[int, int]] = {}
        opener = text[offset : offset + 1]
        if opener not in ("{", "["):
            return out
        closer = "}" if opener == "{" else "]"
        i = _WS.match(text, offset + 1).end()  # type: ignore[union-attr]
        n = 0
        while i < len(text) and text[i] != closer:
            key_at = i
            key: str | int = n
            if opener == "{":
                raw_key, i = _DECODER.raw_decode(text, i)
                key = str(raw_key)
                i = _WS.match(text, i).end()  # type: ignore[union-attr]
                if text[i : i + 1] != ":":
                    break
                i = _WS.match(text, i + 1).end()  # type: ignore[union-attr]
            value_at = i
            _value, i = _DECODER.raw_decode(text, i)
            out.setdefault(key, (key_at, value_at))
            n += 1
            i = _WS.match(text, i).end()  # type: ignore[union-attr]
            if text[i : i + 1] == ",":
                i = _WS.match(text, i + 1).end()  # type: ignore[union-attr]
        return out

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
                raw_key, i = _DECODER.raw_decode(text, i)
                if raw_key == key:
                    if seen:
                        return self._line_col(key_at)
                    seen = True
                i = _WS.match(text, i).end()  # type: ignore[union-attr]
                i = _WS.match(text, i + 1).end()  # type: ignore[union-attr]  # past ':'
                _value, i = _DECODER.raw_decode(text, i)
                i = _WS.match(text, i).end()  # type: ignore[union-attr]
                if text[i : i + 1] == ",":
                    i = _WS.match(text, i + 1).end()  # type: ignore[union-attr]
        except (ValueError, IndexError, RecursionError):
            return None
        return None

    def _offsets(self, path: PathKey) -> tuple[int, int] | None:
        value_at = self._root
        found: tuple[int, int] | None = None
        for depth, part in enumerate(path):
            parent = path[:depth]
            children = self._children.get(parent)
            if children is None:
                try:
                    children = self._scan(value_at)
                except (ValueError, IndexError, RecursionError):
                    children = {}
                self._children[parent] = children
            found = children.get(part)
            if found is None and isinstance(part, str) and part.isdigit():
                found = children.get(int(part))
            if found is None:
                return None
            value_at = found[1]
        return found

    def _line_col(self, offset: int) -> tuple[int, int]:
        if self._newlines is None:
            self._newlines = [m.start() for m in re.finditer("\n", self._text)]
        line = bisect.bisect_left(self._newlines, offset)
        start = self._newlines[line - 1] + 1 if line else 0
        return line + 1, offset - start + 1

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
