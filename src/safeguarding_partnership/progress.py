"""A progress bar for long checks, on a terminal only (rich, an optional extra).

Shown when standard error is a terminal, the ``CI`` environment variable is not set and the
input is large (more than :data:`MANY_FILES` files, or a file over :data:`LARGE_BYTES`).
Never in pipes, CI logs or tests; without rich installed, nothing is shown.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TypeVar

__all__ = ["LARGE_BYTES", "MANY_FILES", "track", "wanted"]

T = TypeVar("T")

MANY_FILES = 20
"""A folder with more files than this gets a bar."""
LARGE_BYTES = 1_000_000
"""A single file larger than this gets a bar."""


def wanted(path: Path) -> bool:
    """Whether a check of ``path`` should show a bar: a terminal, not CI, a large input."""
    if os.environ.get("CI") or not sys.stderr.isatty():
        return False
    try:
        if path.is_dir():
            return sum(1 for p in path.rglob("*") if p.is_file()) > MANY_FILES
        return path.stat().st_size > LARGE_BYTES
    except OSError:
        return False


def track(items: Iterable[T], description: str, *, enabled: bool) -> Iterator[T]:
    """Yield ``items``, showing a bar on standard error while they come, if ``enabled``."""
    if not enabled:
        yield from items
        return
    try:
        from rich.progress import (
            BarColumn,
            MofNCompleteColumn,
            Progress,
            SpinnerColumn,
            TextColumn,
            TimeElapsedColumn,
        )
    except ImportError:
        yield from items
        return
    from rich.console import Console

    columns = (
        SpinnerColumn(),
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
    )
    with Progress(*columns, console=Console(stderr=True), transient=True) as bar:
        task = bar.add_task(description, total=None)
        for item in items:
            yield item
            bar.advance(task)
