"""Running the command line in a child process with a time and memory budget.

A hostile input that makes the command grow without bound must fail one test, not take the
machine down with it: each run gets an address-space limit and a timeout.
"""

from __future__ import annotations

import os
import resource
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path

import attrs

__all__ = ["DOCUMENTED_EXIT_CODES", "Outcome", "run_cli"]

DOCUMENTED_EXIT_CODES = frozenset({0, 1, 2, 3, 4})
CLI = [sys.executable, "-m", "safeguarding_partnership"]


@attrs.frozen
class Outcome:
    """How one run ended: its exit code (``None`` on timeout), output and error stream."""

    code: int | None
    stdout: str
    stderr: str

    @property
    def timed_out(self) -> bool:
        return self.code is None

    @property
    def traceback(self) -> bool:
        return "Traceback (most recent call last)" in self.stderr

    @property
    def sound(self) -> bool:
        """Ended in time, with a documented exit code and no traceback."""
        return self.code in DOCUMENTED_EXIT_CODES and not self.traceback


def _limit(memory_kb: int) -> None:
    resource.setrlimit(resource.RLIMIT_AS, (memory_kb * 1024, memory_kb * 1024))


def run_cli(
    args: Sequence[str],
    *,
    cwd: Path | None = None,
    timeout: float = 30.0,
    memory_kb: int = 2_000_000,
    env: dict[str, str] | None = None,
    stdin: int | None = subprocess.DEVNULL,
) -> Outcome:
    """Run ``safeguarding-partnership ARGS`` with at most ``memory_kb`` of address space."""
    environment = {**os.environ, "TERM": "dumb", "NO_COLOR": "1", **(env or {})}
    try:
        done = subprocess.run(
            [*CLI, *args],
            cwd=cwd,
            env=environment,
            stdin=stdin,
            capture_output=True,
            text=True,
            errors="replace",
            timeout=timeout,
            preexec_fn=lambda: _limit(memory_kb),
            check=False,
        )
    except subprocess.TimeoutExpired as exc:
        return Outcome(None, _text(exc.stdout), _text(exc.stderr))
    return Outcome(done.returncode, done.stdout, done.stderr)


def _text(value: bytes | str | None) -> str:
    if isinstance(value, bytes):
        return value.decode("utf-8", "replace")
    return value or ""
