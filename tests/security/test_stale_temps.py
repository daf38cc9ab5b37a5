"""A run killed mid-write leaves its temporary folder; the next run removes it, and only it.

A render writes into a private folder inside the output folder (``TEMP_PREFIX<pid>-<random>``)
whose first file is the tool's mark; the next run removes such a folder, or an empty one of
exactly that name. Files and folders that merely look like temporary ones are the user's,
and are kept.
"""

from __future__ import annotations

import hashlib
import json
import multiprocessing
import os
from pathlib import Path

import pytest

from safeguarding_partnership.io import write
from safeguarding_partnership.io.load import arrangement_files
from safeguarding_partnership.io.manifest import MANIFEST_NAME
from safeguarding_partnership.io.write import TEMP_PREFIX, atomic_write, write_outputs

OLD = {f"{c}.html": f"old {c}".encode() for c in "abcde"}
NEW = {f"{c}.html": f"new {c}".encode() for c in "abcde"}


def _killed_after(out: Path, files: dict[str, bytes], moves: int) -> None:
    """Run ``write_outputs`` in a child process that dies (``os._exit``, no clean-up at all,
    as SIGKILL) after ``moves`` files were moved into place."""

    def child() -> None:
        real = write._move
        done = 0

        def dying(src: str, dst: str, *, src_dir_fd: int, dst_dir_fd: int) -> None:
            nonlocal done
            if done == moves:
                os._exit(9)
            done += 1
            real(src, dst, src_dir_fd=src_dir_fd, dst_dir_fd=dst_dir_fd)

        write._move = dying  # type: ignore[assignment]
        write_outputs(out, files)
        os._exit(0)

    process = multiprocessing.get_context("fork").Process(target=child)
    process.start()
    process.join(timeout=60)
    assert process.exitcode == 9


def _temps(out: Path) -> list[str]:
    return sorted(p.name for p in out.iterdir() if p.name.startswith(TEMP_PREFIX))


@pytest.mark.parametrize("moves", [0, 1, 3, 4])
def test_a_run_killed_between_two_files_never_blocks_the_next(tmp_path: Path, moves: int) -> None:
    """Each file is one version or the other; the manifest accepts both; one marked
    temporary folder is left; the next run, of either version, removes it and is not
    refused."""
    write_outputs(tmp_path, OLD)
    _killed_after(tmp_path, NEW, moves)
    for name in OLD:
        assert (tmp_path / name).read_bytes() in (OLD[name], NEW[name])
    assert sum((tmp_path / n).read_bytes() == NEW[n] for n in NEW) == moves
    manifest = json.loads((tmp_path / MANIFEST_NAME).read_text(encoding="utf-8"))
    assert manifest["pending"] == {n: hashlib.sha256(d).hexdigest() for n, d in NEW.items()}
    (left,) = _temps(tmp_path)
    assert (tmp_path / left / "written-by").read_bytes().startswith(b"a temporary folder of")
    write_outputs(tmp_path, NEW if moves % 2 else OLD)  # not refused
    assert _temps(tmp_path) == []
    assert {n: (tmp_path / n).read_bytes() for n in OLD} == (NEW if moves % 2 else OLD)
    assert "pending" not in (tmp_path / MANIFEST_NAME).read_text(encoding="utf-8")


def test_lookalike_temporary_files_and_folders_are_kept(tmp_path: Path) -> None:
    write_outputs(tmp_path, OLD)
    kept = [
        tmp_path / ".a.html.abcd1234.tmp",  # the old writer's pattern: now the user's
        tmp_path / f".{MANIFEST_NAME}.k1lled00.tmp",
        tmp_path / f"{TEMP_PREFIX}1-0123456789abcdef",  # a file of the folder pattern
        tmp_path / f"{TEMP_PREFIX}2-0123456789abcdef" / "notes.txt",  # a folder, not empty
        tmp_path / f"{TEMP_PREFIX}3-not-the-pattern" / "notes.txt",
    ]
    for path in kept:
        path.parent.mkdir(exist_ok=True)
        path.write_bytes(b"keep me")
    empty = tmp_path / f"{TEMP_PREFIX}4-0123456789abcdef"
    empty.mkdir()  # holds nothing: removing it loses nothing
    write_outputs(tmp_path, NEW)
    assert all(p.read_bytes() == b"keep me" for p in kept)
    assert not empty.exists()


@pytest.mark.parametrize("written", [0, 1, 20])
def test_a_run_killed_while_writing_its_mark_is_cleared_by_the_next(
    tmp_path: Path, written: int
) -> None:
    """Killed between creating its mark and finishing it, a run leaves a folder holding only
    the start of the mark (found by the random-kill test); the next run removes it. The
    same name holding other bytes, or more than the mark, is the user's and is kept."""
    write_outputs(tmp_path, OLD)
    mark = b"a temporary folder of safeguarding-partnership render; removed by its next run\n"
    killed = tmp_path / f"{TEMP_PREFIX}5-0123456789abcdef"
    killed.mkdir()
    (killed / "written-by").write_bytes(mark[:written])
    other = tmp_path / f"{TEMP_PREFIX}6-0123456789abcdef"
    other.mkdir()
    (other / "written-by").write_bytes(b"my own notes")
    more = tmp_path / f"{TEMP_PREFIX}7-0123456789abcdef"
    more.mkdir()
    (more / "written-by").write_bytes(mark[:written])
    (more / "notes.txt").write_bytes(b"keep me")
    write_outputs(tmp_path, NEW)
    assert not killed.exists()
    assert (other / "written-by").read_bytes() == b"my own notes"
    assert (more / "notes.txt").read_bytes() == b"keep me"


def test_a_temporary_folder_is_never_followed_through_a_link(tmp_path: Path) -> None:
    """A link named like a temporary folder, to a folder holding the tool's mark, is kept,
    and so is what it leads to."""
    out = tmp_path / "out"
    write_outputs(out, OLD)
    _killed_after(out, NEW, 1)
    (left,) = _temps(out)
    victim = tmp_path / "victim"
    (out / left).rename(victim)
    (victim / "precious.txt").write_bytes(b"precious")
    (out / left).symlink_to(victim, target_is_directory=True)
    write_outputs(out, NEW)
    assert (out / left).is_symlink() and (victim / "precious.txt").read_bytes() == b"precious"


def test_atomic_write_leaves_no_temp_and_readers_skip_hidden_temps(tmp_path: Path) -> None:
    atomic_write(tmp_path / "x.yaml", b"id: x\n")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["x.yaml"]
    (tmp_path / ".y.yaml.abcd1234.tmp").write_bytes(b"id: [")
    (tmp_path / f"{TEMP_PREFIX}1-0123456789abcdef").mkdir()
    (tmp_path / f"{TEMP_PREFIX}1-0123456789abcdef" / "0.yaml").write_bytes(b"id: [")
    # a folder check never reads a hidden file or folder, so a half-written copy is never input
    assert arrangement_files(tmp_path) == [tmp_path / "x.yaml"]
