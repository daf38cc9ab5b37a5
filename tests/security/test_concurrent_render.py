"""Two renders into one folder at once: never a mixed folder (issue 19, reproduction 5).

200 pairs of runs write into one folder, the two of each pair started together: one writes
version A of a render's files, the other version B (the same names, rendered as of another
day). In every second pair the B run does not wait for the folder's lock, so it either gets
it first or fails. After each pair: every run either wrote a complete set or failed having
written nothing; the folder holds exactly one version's files, every one of them, with a
manifest that lists exactly those files and their hashes; no temporary folder is left; and
the next pair (and a last run) is not refused.

The pairs run in two forked processes that call :func:`~.io.write.write_outputs`, the write
path every ``render`` goes through, so that 400 runs fit in the normal suite (a few seconds);
``test_cli_render_pairs`` starts real ``render`` commands, fewer of them.
"""

from __future__ import annotations

import hashlib
import json
import multiprocessing
import subprocess
import sys
from multiprocessing.queues import Queue
from multiprocessing.synchronize import Barrier
from pathlib import Path

import pytest

from safeguarding_partnership.cli import main
from safeguarding_partnership.errors import OutputError
from safeguarding_partnership.io.manifest import GENERATOR, MANIFEST_NAME
from safeguarding_partnership.io.write import write_outputs

ROOT = Path(__file__).resolve().parents[2]
HAVERING = ROOT / "examples" / "havering" / "havering.yaml"
DAYS = ("2026-11-25", "2026-11-26")
PAIRS = 200
FORMATS = ("arrangements", "structure", "calendar", "findings")


def _render(out: Path, day: str) -> None:
    args = ["render", str(HAVERING), "--out", str(out), "--as-of", day]
    for name in FORMATS:
        args += ["--format", name]
    with pytest.raises(SystemExit) as exit_info:
        main(args)
    assert exit_info.value.code in (0, None)


def _files(folder: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(folder)): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and p.name != MANIFEST_NAME
    }


def _versions(tmp_path: Path) -> tuple[dict[str, bytes], dict[str, bytes]]:
    found = []
    for day in DAYS:
        _render(tmp_path / day, day)
        found.append(_files(tmp_path / day))
    a, b = found
    assert a.keys() == b.keys() and len(a) >= 5
    assert sum(a[name] != b[name] for name in a) >= 2  # a mixture would show
    return a, b


def _worker(
    out: Path,
    files: dict[str, bytes],
    patient: bool,
    barrier: Barrier,
    results: Queue[tuple[int, str]],
) -> None:
    for pair in range(PAIRS):
        barrier.wait()  # both runs of a pair start together
        try:
            write_outputs(out, files, wait=60 if patient or pair % 2 == 0 else 0)
            results.put((pair, "wrote"))
        except OutputError as exc:
            results.put((pair, f"refused: {exc}"))
        except BaseException as exc:  # pragma: no cover - the failure the test looks for
            results.put((pair, f"crashed: {type(exc).__name__}: {exc}"))
        barrier.wait()  # the parent looks at the folder before the next pair


def _consistent(out: Path, versions: dict[str, dict[str, bytes]]) -> str:
    """Which version the folder holds, whole, or an assertion naming what is wrong."""
    entries = sorted(str(p.relative_to(out)) for p in out.rglob("*") if not p.is_dir())
    names = next(iter(versions.values())).keys()
    assert entries == sorted([*names, MANIFEST_NAME]), f"stray or missing files: {entries}"
    assert sorted(p.name for p in out.iterdir() if p.is_dir()) == [], "a folder was left"
    files = _files(out)
    held = [label for label, version in versions.items() if files == version]
    assert len(held) == 1, "a mixed folder: " + ", ".join(
        f"{name} is {'/'.join(k for k, v in versions.items() if v[name] == data) or '?'}"
        for name, data in files.items()
    )
    manifest = json.loads((out / MANIFEST_NAME).read_text(encoding="utf-8"))
    assert manifest["generator"] == GENERATOR
    assert "pending" not in manifest and "temp" not in manifest
    assert manifest["files"] == {n: hashlib.sha256(d).hexdigest() for n, d in files.items()}
    return held[0]


def test_200_concurrent_pairs_never_leave_a_mixed_folder(tmp_path: Path) -> None:
    a, b = _versions(tmp_path)
    out = tmp_path / "out"
    context = multiprocessing.get_context("fork")
    barrier = context.Barrier(3)
    results: Queue[tuple[int, str]] = context.Queue()
    workers = [
        context.Process(target=_worker, args=(out, a, True, barrier, results)),
        context.Process(target=_worker, args=(out, b, False, barrier, results)),
    ]
    for worker in workers:
        worker.start()
    held = {"A": 0, "B": 0}
    refused = 0
    try:
        for pair in range(PAIRS):
            barrier.wait(timeout=120)
            barrier.wait(timeout=120)
            done = sorted(results.get(timeout=10) for _ in range(2))
            assert [p for p, _ in done] == [pair, pair]
            outcomes = [outcome for _, outcome in done]
            for outcome in outcomes:
                assert outcome == "wrote" or "another safeguarding-partnership run" in outcome, (
                    f"pair {pair}: {outcome}"
                )
            assert "wrote" in outcomes, f"pair {pair}: neither run wrote"
            version = _consistent(out, {"A": a, "B": b})
            if outcomes.count("wrote") == 1:  # the refused run (B's) wrote nothing at all
                refused += 1
                assert version == "A", f"pair {pair}: the refused run's files are there"
            held[version] += 1
    finally:
        for worker in workers:
            worker.join(timeout=60)
            if worker.is_alive():  # pragma: no cover - a hung worker fails, not hangs, the test
                worker.kill()
    assert all(worker.exitcode == 0 for worker in workers)
    write_outputs(out, b)  # a following run succeeds
    assert _consistent(out, {"A": a, "B": b}) == "B"
    # each version won some pairs (the runs overlapped), and some B runs were refused
    assert held["A"] > 0 and held["B"] > 0 and refused > 0, (held, refused)


@pytest.mark.slow
def test_cli_render_pairs(tmp_path: Path) -> None:
    """Real ``render`` commands, two at once, into one folder: both exit 0, in turn."""
    a, b = _versions(tmp_path)
    out = tmp_path / "out"
    code = "from safeguarding_partnership.cli import main; main()"
    for pair in range(5):
        runs = [
            subprocess.Popen(
                [sys.executable, "-c", code, "render", str(HAVERING), "--out", str(out)]
                + ["--as-of", day]
                + [arg for name in FORMATS for arg in ("--format", name)],
                stdout=subprocess.DEVNULL,
                stderr=subprocess.PIPE,
                text=True,
            )
            for day in DAYS
        ]
        for run in runs:
            _, err = run.communicate(timeout=120)
            assert run.returncode == 0, f"pair {pair}: {err}"
        _consistent(out, {"A": a, "B": b})
