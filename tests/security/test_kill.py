"""Nothing is lost when ``render`` is killed: SIGKILL at random points over earlier output.

Runs alternate between two versions of the output (the Havering example rendered as of two
days), into a folder that already holds earlier output and a file of the user's. After every
kill each file must hold exactly one version's bytes, old or new: never a mixture, never
half a file. The user's file is untouched, the manifest is whole, and a killed run may leave
at most one temporary folder (``.safeguarding-partnership-tmp-<pid>-<random>``, empty or
holding the tool's mark; SIGKILL gives the writer no chance to remove it): the next run
removes it before writing (see :mod:`safeguarding_partnership.io.write`). The next run is
never refused because of a kill: the manifest is written ahead with each file's hash before
and after.
"""

from __future__ import annotations

import json
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
TEMP = re.compile(r"^\.safeguarding-partnership-tmp-[0-9]+-[0-9a-f]{16}$")
MANIFEST = ".safeguarding-partnership-manifest.json"
DAYS = ("2026-11-25", "2026-11-26")
KILLS = 20

pytestmark = pytest.mark.slow


def _command(out: Path, day: str) -> list[str]:
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
        day,
    ]


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(folder)): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and not TEMP.match(p.relative_to(folder).parts[0]) and p.name != MANIFEST
    }


def _temps(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if TEMP.match(p.name))


def _run(out: Path, day: str) -> float:
    start = time.monotonic()
    done = subprocess.run(_command(out, day), capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    return time.monotonic() - start


def test_sigkill_at_random_points_loses_nothing(tmp_path: Path) -> None:
    versions = []
    for day in DAYS:
        _run(tmp_path / day, day)
        versions.append(_snapshot(tmp_path / day))
    assert versions[0].keys() == versions[1].keys()
    assert versions[0]["arrangements.html"] != versions[1]["arrangements.html"]
    out = tmp_path / "out"
    out.mkdir()
    notes = b"the user's own notes\n"
    (out / "notes.txt").write_bytes(notes)
    duration = _run(out, DAYS[0])
    assert _snapshot(out) == {**versions[0], "notes.txt": notes}
    rng = random.Random(int.from_bytes(os.urandom(4)))
    for kill in range(KILLS):
        process = subprocess.Popen(
            _command(out, DAYS[kill % 2]), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
        # most kills in the last half of the run, where it writes; some anywhere
        low = 0.05 if kill % 4 == 0 else duration * 0.5
        time.sleep(rng.uniform(low, duration * 1.1))
        process.send_signal(signal.SIGKILL)
        process.wait()
        after = _snapshot(out)
        assert after.pop("notes.txt") == notes, f"kill {kill}: the user's file changed"
        assert after.keys() == versions[0].keys(), f"kill {kill}: files appeared or vanished"
        for name, data in after.items():
            assert data in (versions[0][name], versions[1][name]), (
                f"kill {kill}: {name} is neither the old nor the new version"
            )
        manifest = json.loads((out / MANIFEST).read_text(encoding="utf-8"))
        assert set(manifest["files"]) >= set(versions[0]), f"kill {kill}: manifest lost files"
        temps = _temps(out)
        assert len(temps) <= 1, f"kill {kill}: stale temporary folders kept: {temps}"
        for temp in temps:  # left by this kill, marked for the next run to remove
            inside = sorted(p.name for p in (out / temp).iterdir())
            assert inside == [] or inside[-1] == "written-by", f"kill {kill}: {inside}"
        if kill % 5 == 4:  # a complete run after a kill is never refused
            _run(out, DAYS[(kill + 1) % 2])
    _run(out, DAYS[0])  # a complete run clears whatever the last kill left
    assert _snapshot(out) == {**versions[0], "notes.txt": notes}
    assert _temps(out) == []
    assert "pending" not in json.loads((out / MANIFEST).read_text(encoding="utf-8"))
