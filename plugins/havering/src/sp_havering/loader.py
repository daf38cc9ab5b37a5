"""The ``.paths.csv`` loader: a two-column CSV of field path and value, from a spreadsheet.

Each row is ``path,value``: ``name,Havering Safeguarding Children Partnership`` or
``areas[0].code,E09000016``. A header row ``path,value`` is optional; blank rows and rows
starting with ``#`` are skipped.
"""

from __future__ import annotations

import csv
import io
import re
from typing import Any

__all__ = ["parse_paths_csv"]

_PART = re.compile(r"([^.\[\]]+)|\[(\d+)\]")

MAX_PARTS = 64
"""The most parts a field path may have: the core refuses data nested deeper than this."""


class RowError(ValueError):
    """A bad row, located: the core reports ``line`` with the message."""

    def __init__(self, message: str, line: int) -> None:
        super().__init__(message)
        self.line = line


def _parts(path: str, row: int, line: int) -> list[str | int]:
    parts: list[str | int] = []
    pos = 0
    for match in _PART.finditer(path):
        if len(parts) >= MAX_PARTS:
            raise RowError(f"row {row}: a field path of more than {MAX_PARTS} parts", line)
        if match.start() != pos and path[pos : match.start()] != ".":
            raise ValueError(f"bad field path {path[:80]!r}")
        parts.append(match.group(1) if match.group(1) is not None else int(match.group(2)))
        pos = match.end()
    if not parts or pos != len(path):
        raise ValueError(f"bad field path {path[:80]!r}")
    return parts


def _put(root: dict[str, Any], parts: list[str | int], value: str, row: int) -> None:
    current: Any = root
    for part, nxt in zip(parts, [*parts[1:], None], strict=True):
        container: Any = {} if isinstance(nxt, str) else []
        if isinstance(part, int):
            if not isinstance(current, list):
                raise ValueError(f"row {row}: [{part}] used on a mapping")
            if part > len(current):
                raise ValueError(f"row {row}: index [{part}] skips [{len(current)}]")
            if part == len(current):
                current.append(value if nxt is None else container)
            elif nxt is None:
                raise ValueError(f"row {row}: [{part}] given twice")
            current = current[part]
        else:
            if not isinstance(current, dict):
                raise ValueError(f"row {row}: key {part!r} used on a list")
            if nxt is None:
                if part in current:
                    raise ValueError(f"row {row}: {part!r} given twice")
                current[part] = value
            else:
                current = current.setdefault(part, container)


def parse_paths_csv(text: str) -> dict[str, Any]:
    """Plain data from ``path,value`` rows."""
    data: dict[str, Any] = {}
    reader = csv.reader(io.StringIO(text))
    for number, row in enumerate(reader, start=1):
        if not row or not row[0].strip() or row[0].lstrip().startswith("#"):
            continue
        if number == 1 and [c.strip().lower() for c in row[:2]] == ["path", "value"]:
            continue
        if len(row) != 2:
            raise ValueError(f"row {number}: expected 2 columns (path, value), got {len(row)}")
        _put(data, _parts(row[0].strip(), number, reader.line_num), row[1].strip(), number)
    return data
