"""A run killed mid-write leaves a hidden temporary file; the next write removes it."""

from __future__ import annotations

from pathlib import Path

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
