"""Where each key and value of a TOML text stands, for located errors.

``tomllib`` gives no positions. This scanner walks the text once, following table headers,
arrays of tables, dotted keys, arrays and inline tables, and records for every field path the
line and column (1-based) of its key and of its value, in the shape
:class:`~safeguarding_partnership.io.locations.Locator` indexes. It trusts that ``tomllib`` has
already accepted the text; on text it cannot follow it stops and keeps what it found.
"""

from __future__ import annotations

from safeguarding_partnership.io.locations import PathPart

__all__ = ["toml_positions"]

Index = dict[tuple[PathPart, ...], tuple[int, int, int, int]]

_STOP = set(",]}#\n\r")


class _Scanner:
    def __init__(self, text: str) -> None:
        self.text = text
        self.i = 0
        self.index: Index = {}
        self.tables: dict[tuple[PathPart, ...], int] = {}  # arrays of tables: items seen
        self._line_starts = [0]
        for n, char in enumerate(text):
            if char == "\n":
                self._line_starts.append(n + 1)

    # -- positions ---------------------------------------------------------------------

    def position(self, at: int) -> tuple[int, int]:
        lo, hi = 0, len(self._line_starts) - 1
        while lo < hi:
            mid = (lo + hi + 1) // 2
            if self._line_starts[mid] <= at:
                lo = mid
            else:
                hi = mid - 1
        return lo + 1, at - self._line_starts[lo] + 1

    def record(self, path: tuple[PathPart, ...], key_at: int, value_at: int) -> None:
        self.index.setdefault(path, (*self.position(key_at), *self.position(value_at)))

    # -- characters --------------------------------------------------------------------

    def peek(self, ahead: int = 0) -> str:
        at = self.i + ahead
        return self.text[at] if at < len(self.text) else ""

    def skip_blank(self, newlines: bool) -> None:
        while self.i < len(self.text):
            char = self.text[self.i]
            if char in " \t" or (newlines and char in "\r\n"):
                self.i += 1
            elif char == "#":
                while self.i < len(self.text) and self.text[self.i] != "\n":
                    self.i += 1
            else:
                return

    def string(self) -> str:
        quote = self.peek()
        if self.text.startswith(quote * 3, self.i):
            end = self.text.find(quote * 3, self.i + 3)
            if end < 0:
                raise ValueError("unterminated string")
            while self.text.startswith(quote, end + 3):  # up to two quotes may end the body
                end += 1
            body = self.text[self.i + 3 : end]
            self.i = end + 3
            return body
        self.i += 1
        out: list[str] = []
        while self.i < len(self.text):
            char = self.text[self.i]
            if char == quote:
                self.i += 1
                return "".join(out)
            if char == "\\" and quote == '"':
                out.append(self.text[self.i : self.i + 2])
                self.i += 2
                continue
            if char == "\n":
                break
            out.append(char)
            self.i += 1
        raise ValueError("unterminated string")

    def key(self) -> list[tuple[str, int]]:
        """A dotted key: each part with where it starts."""
        parts: list[tuple[str, int]] = []
        while True:
            self.skip_blank(newlines=False)
            start = self.i
            if self.peek() in ('"', "'"):
                parts.append((self.string(), start))
            else:
                while self.i < len(self.text) and (
                    self.text[self.i].isalnum() or self.text[self.i] in "-_"
                ):
                    self.i += 1
                if self.i == start:
                    raise ValueError("expected a key")
                parts.append((self.text[start : self.i], start))
            self.skip_blank(newlines=False)
            if self.peek() != ".":
                return parts
            self.i += 1

    # -- values ------------------------------------------------------------------------

    def value(self, path: tuple[PathPart, ...]) -> None:
        char = self.peek()
        if char in ('"', "'"):
            self.string()
        elif char == "[":
            self.array(path)
        elif char == "{":
            self.inline_table(path)
        else:
            while self.i < len(self.text) and self.text[self.i] not in _STOP:
                self.i += 1

    def array(self, path: tuple[PathPart, ...]) -> None:
        self.i += 1
        n = 0
        while True:
            self.skip_blank(newlines=True)
            if self.peek() == "]":
                self.i += 1
                return
            if not self.peek():
                raise ValueError("unterminated array")
            self.record((*path, n), self.i, self.i)
            self.value((*path, n))
            n += 1
            self.skip_blank(newlines=True)
            if self.peek() == ",":
                self.i += 1

    def inline_table(self, path: tuple[PathPart, ...]) -> None:
        self.i += 1
        while True:
            self.skip_blank(newlines=True)
            if self.peek() == "}":
                self.i += 1
                return
            if not self.peek():
                raise ValueError("unterminated inline table")
            self.pair(path)
            self.skip_blank(newlines=True)
            if self.peek() == ",":
                self.i += 1

    def pair(self, table: tuple[PathPart, ...]) -> None:
        parts = self.key()
        if self.peek() != "=":
            raise ValueError("expected '='")
        self.i += 1
        self.skip_blank(newlines=False)
        path = table
        for name, start in parts:
            path = (*path, name)
            self.record(path, start, self.i)
        self.value(path)

    # -- the document ------------------------------------------------------------------

    def header(self) -> tuple[PathPart, ...]:
        many = self.text.startswith("[[", self.i)
        self.i += 2 if many else 1
        parts = self.key()
        self.i += 2 if many else 1
        path: tuple[PathPart, ...] = tuple(name for name, _ in parts)
        start = parts[0][1]
        if many:
            n = self.tables.get(path, 0)
            self.tables[path] = n + 1
            self.record(path, start, start)
            path = (*path, n)
        self.record(path, start, start)
        return path

    def document(self) -> Index:
        table: tuple[PathPart, ...] = ()
        try:
            while True:
                self.skip_blank(newlines=True)
                if self.i >= len(self.text):
                    break
                if self.peek() == "[":
                    table = self.header()
                else:
                    self.pair(table)
        except (ValueError, IndexError):
            pass  # keep what was found; tomllib reports the syntax itself
        return self.index


def toml_positions(text: str) -> Index:
    """Key and value positions (key line, key column, value line, value column) by field path."""
    return _Scanner(text).document()
