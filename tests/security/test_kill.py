"""Nothing is lost when ``render`` is killed: SIGKILL at random points over earlier output.

Each run renders the Havering example into a folder that already holds the same run's earlier
output (and a file of the user's). Rendering is byte-identical, so after every kill each file
must hold exactly its earlier bytes: a half-written file would differ. A killed run may leave
one hidden temporary file (``.<name>.<random>.tmp``, see :mod:`safeguarding_partnership.io.write`):
SIGKILL gives the writer no chance to remove it. The next run removes it before writing, so
there is never more than one, and a run that completes leaves none.
"""

from __future__ import annotations

import os
import random
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
HAVERING = ROOT / "examples" / "havering" / "havering.yaml"
TEMP = re.compile(r"^\..+\.[a-z0-9_]{8}\.tmp$")
KILLS = 20

pytestmark = pytest.mark.slow


def _command(out: Path) -> list[str]:
    code = "from safeguarding_partnership.cli import main; main()"
    return [
        sys.executable,
        "-c",
        code,
        "render",
        str(HAVERING),
        "--format",
        "all",
        "--out",
        str(out),
        "--as-of",
        "2026-11-25",
    ]


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(folder)): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and not TEMP.match(p.name)
    }


def _temps(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.rglob("*") if TEMP.match(p.name))


def _run(out: Path) -> float:
    start = time.monotonic()
    done = subprocess.run(_command(out), capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    return time.monotonic() - start


def test_sigkill_at_random_points_loses_nothing(tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    (out / "notes.txt").write_bytes(b"the user's own notes\n")
    duration = _run(out)
    before = _snapshot(out)
    assert "arrangements.html" in before and ".safeguarding-partnership-manifest.json" in before
    assert _temps(out) == []
    rng = random.Random(int.from_bytes(os.urandom(4)))
    for kill in range(KILLS):
        process = subprocess.Popen(
            _command(out), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
        # half the kills anywhere in the run, half in its last third, where it writes
        low = 0.05 if kill % 2 == 0 else duration * 0.65
        time.sleep(rng.uniform(low, duration * 1.1))
        process.send_signal(signal.SIGKILL)
        process.wait()
        after = _snapshot(out)
        assert after.keys() == before.keys(), f"kill {kill}: files appeared or vanished"
        for name, data in before.items():
            assert after[name] == data, f"kill {kill}: {name} is not its earlier bytes"
        temps = _temps(out)
        assert len(temps) <= 1, f"kill {kill}: stale temporary files kept: {temps}"
    _run(out)  # a complete run clears whatever the last kill left
    assert _snapshot(out) == before
    assert _temps(out) == []
