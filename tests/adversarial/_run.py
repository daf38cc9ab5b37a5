"""Running the command line in a child process with a time and memory budget.

A hostile input that makes the command grow without bound must fail one test, not take the
machine down with it: each run gets an address-space limit and a timeout. The child's own
CPU time and peak memory are measured (``os.wait4``), so a budget can be checked in CPU
seconds, which a machine shared with other work does not inflate as it does wall time.
"""

from __future__ import annotations

import os
import resource
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

import attrs

__all__ = ["DOCUMENTED_EXIT_CODES", "Outcome", "run_cli"]

DOCUMENTED_EXIT_CODES = frozenset({0, 1, 2, 3, 4})
CLI = [sys.executable, "-m", "safeguarding_partnership"]


@attrs.frozen
class Outcome:
    """How one run ended: its exit code (``None`` on timeout, or when killed by a signal),
    output, error stream, CPU seconds, peak memory (KB) and wall seconds."""

    code: int | None
    stdout: str
    stderr: str
    cpu: float = 0.0
    peak_kb: int = 0
    wall: float = 0.0
    timed_out: bool = False

    @property
    def traceback(self) -> bool:
        return "Traceback (most recent call last)" in self.stderr

    @property
    def sound(self) -> bool:
        """Ended in time, with a documented exit code and no traceback."""
        return not self.timed_out and self.code in DOCUMENTED_EXIT_CODES and not self.traceback


def _limit(memory_kb: int) -> None:
    resource.setrlimit(resource.RLIMIT_AS, (memory_kb * 1024, memory_kb * 1024))
    os.setsid()  # its own process group, so that a timeout ends its children too


def run_cli(
    args: Sequence[str],
    *,
    cwd: Path | None = None,
    timeout: float = 30.0,
    memory_kb: int = 2_000_000,
    env: dict[str, str] | None = None,
    command: Sequence[str] = CLI,
) -> Outcome:
    """Run ``safeguarding-partnership ARGS`` with at most ``memory_kb`` of address space
    and ``timeout`` seconds of wall time."""
    environment = {**os.environ, "TERM": "dumb", "NO_COLOR": "1", **(env or {})}
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        start = time.monotonic()
        child = subprocess.Popen(
            [*command, *args],
            cwd=cwd,
            env=environment,
            stdin=subprocess.DEVNULL,
            stdout=out,
            stderr=err,
            preexec_fn=lambda: _limit(memory_kb),
        )
        timed_out = False
        while True:
            pid, status, usage = os.wait4(child.pid, os.WNOHANG)
            if pid:
                break
            if time.monotonic() - start > timeout:
                timed_out = True
                os.killpg(child.pid, signal.SIGKILL)
                _, status, usage = os.wait4(child.pid, 0)
                break
            time.sleep(0.02)
        child.returncode = os.waitstatus_to_exitcode(status)
        wall = time.monotonic() - start
        out.seek(0)
        err.seek(0)
        code = None if timed_out or child.returncode < 0 else child.returncode
        return Outcome(
            code,
            out.read().decode("utf-8", "replace"),
            err.read().decode("utf-8", "replace"),
            cpu=usage.ru_utime + usage.ru_stime,
            peak_kb=usage.ru_maxrss,
            wall=wall,
            timed_out=timed_out,
        )
