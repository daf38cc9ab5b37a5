"""A run killed mid-write leaves a hidden temporary file; the next write removes it."""

from __future__ import annotations

from pathlib import Path

import pytest

from safeguarding_partnership.io.load import arrangement_files
from safeguarding_partnership.io.write import (
    MANIFEST_NAME,
    TEMP_SUFFIX,
    atomic_write,
    remove_stale_temps,
    write_outputs,
)


def test_next_write_removes_temps_a_killed_run_left(tmp_path: Path) -> None:
    write_outputs(tmp_path, {"a.html": b"one", "sub/b.md": b"two"})
    stale = [
        tmp_path / f".a.html.abcd1234{TEMP_SUFFIX}",
        tmp_path / "sub" / f".b.md.zz_9zz_9{TEMP_SUFFIX}",
        tmp_path / f".{MANIFEST_NAME}.k1lled00{TEMP_SUFFIX}",
    ]
    for path in stale:
        path.write_bytes(b"half of a fi")
    kept = [
        tmp_path / ".a.html.notes.tmp",  # not the writer's pattern: the user's
        tmp_path / f".c.html.abcd1234{TEMP_SUFFIX}",  # a name this run does not write
        tmp_path / "a.html.abcd1234.tmp",  # not hidden: not ours
    ]
    for path in kept:
        path.write_bytes(b"keep me")
    write_outputs(tmp_path, {"a.html": b"one", "sub/b.md": b"two"})
    assert [p for p in stale if p.exists()] == []
    assert all(p.read_bytes() == b"keep me" for p in kept)
    assert (tmp_path / "a.html").read_bytes() == b"one"


def test_remove_stale_temps_never_follows_a_symlink(tmp_path: Path) -> None:
    victim = tmp_path / "victim.txt"
    victim.write_bytes(b"precious")
    link = tmp_path / f".a.html.abcd1234{TEMP_SUFFIX}"
    link.symlink_to(victim)
    assert remove_stale_temps(tmp_path / "a.html") == []
    assert link.is_symlink() and victim.read_bytes() == b"precious"


def test_atomic_write_leaves_no_temp_and_readers_skip_hidden_temps(tmp_path: Path) -> None:
    atomic_write(tmp_path / "x.yaml", b"id: x\n")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["x.yaml"]
    (tmp_path / f".y.yaml.abcd1234{TEMP_SUFFIX}").write_bytes(b"id: [")
    # a folder check never reads a hidden file, so a half-written copy is never input
    assert arrangement_files(tmp_path) == [tmp_path / "x.yaml"]


def test_a_run_stopped_between_two_files_never_blocks_the_next(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A run killed after replacing some files but before its manifest is final: the next
    run, of either version, is not refused, and every file is one version or the other."""
    from safeguarding_partnership.io import write

    old = {f"{c}.html": f"old {c}".encode() for c in "abcde"}
    new = {f"{c}.html": f"new {c}".encode() for c in "abcde"}
    write_outputs(tmp_path, old)
    real = write.atomic_write
    for stop_after in range(1, 6):
        calls = 0

        def dying(path: Path, data: bytes, stop: int = stop_after) -> None:
            nonlocal calls
            calls += 1
            if calls > stop + 1:  # the write-ahead manifest, then `stop` files
                raise KeyboardInterrupt("killed")
            real(path, data)

        monkeypatch.setattr(write, "atomic_write", dying)
        first, second = (new, old) if stop_after % 2 else (old, new)
        with pytest.raises(KeyboardInterrupt):
            write_outputs(tmp_path, first)
        monkeypatch.setattr(write, "atomic_write", real)
        for name in old:
            assert (tmp_path / name).read_bytes() in (old[name], new[name])
        write_outputs(tmp_path, second)  # not refused
        assert {n: (tmp_path / n).read_bytes() for n in old} == second
    assert "pending" not in (tmp_path / MANIFEST_NAME).read_text(encoding="utf-8")
