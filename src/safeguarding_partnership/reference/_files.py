"""Reading the packaged reference files: CSV rows and inclusive ISO dates."""

from __future__ import annotations

import csv
import datetime as dt
import io
from pathlib import Path

__all__ = ["optional_date", "read_csv", "read_text"]

_DATA = Path(__file__).parent / "data"


def read_text(name: str) -> str:
    """The text of one packaged reference file (UTF-8).

    Read from the package's folder when it is one (an installed package is); else (a zip
    archive, say) through :mod:`importlib.resources`, whose first use costs about as much as
    reading every file a check needs."""
    try:
        return (_DATA / name).read_text(encoding="utf-8")
    except (FileNotFoundError, NotADirectoryError):
        from importlib.resources import files

        return files(__package__).joinpath("data", name).read_text(encoding="utf-8")


def read_csv(name: str) -> list[dict[str, str]]:
    """The rows of one packaged reference CSV, keyed by header name."""
    return list(csv.DictReader(io.StringIO(read_text(name), newline="")))


def optional_date(value: str) -> dt.date | None:
    """An ISO date, or ``None`` for an empty (open) end."""
    return dt.date.fromisoformat(value) if value else None
