"""``render`` writes all or nothing, never through a link, one run at a time (issue 19, 5).

Each test is a reproduction from the attack on the command line: before the fix each lost or
overwrote a file. The render is planned and checked in full before the first write; every
path under ``--out`` is a real folder; two arrangements never share an id; runs into one
folder take its lock; the manifest and the temporary folder are the tool's own by name and
mark; and output written into the input folder is never read back as input.
"""

from __future__ import annotations

import hashlib
import json
import shutil
import threading
import time
from pathlib import Path

import pytest

from safeguarding_partnership.cli import main
from safeguarding_partnership.errors import ExitCode, OutputError
from safeguarding_partnership.io import write
from safeguarding_partnership.io.load import arrangement_files
from safeguarding_partnership.io.lock import folder_lock
from safeguarding_partnership.io.manifest import GENERATOR, MANIFEST_NAME
from safeguarding_partnership.io.write import TEMP_PREFIX, write_outputs
from security._render import DAY, HAVERING, render_names

EXAMPLES = HAVERING.parent


def _main(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str]:
    with pytest.raises(SystemExit) as exit_info:
        main(list(args))
    code = exit_info.value.code
    out = capsys.readouterr()
    return int(code or 0), out.out + out.err


def _render_names(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], out: Path, *names: str, force: bool = False
) -> tuple[int, str]:
    return _main(capsys, *render_names(tmp_path, out, *names, force=force))


def _tree(folder: Path) -> dict[str, bytes | None]:
    """Every entry under ``folder``: a file's bytes, a folder or link as ``None``."""
    return {
        str(p.relative_to(folder)): p.read_bytes() if p.is_file() and not p.is_symlink() else None
        for p in sorted(folder.rglob("*"))
    }


# -------------------------------------------------------------------------------------------
# Planned in full before the first write
# -------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "names",
    [
        ("a", "a/b.txt"),  # a file and a folder of one name
        ("aaa.txt", "Page.html", "page.html"),  # one file on a case-insensitive disk
        ("aaa.txt", "x/./y.txt"),  # a name that is not plain
    ],
    ids=["file-and-folder", "case", "dot"],
)
def test_clashing_names_from_one_format_write_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], names: tuple[str, ...]
) -> None:
    out = tmp_path / "out"
    code, err = _render_names(tmp_path, capsys, out, *names)
    assert code == ExitCode.OUTPUT, err
    assert err.startswith("error: ") and "Traceback" not in err
    assert not out.exists()  # not even the folder


def test_a_file_in_the_way_of_a_folder_writes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "out"
    out.mkdir()
    (out / "sub").write_bytes(b"the user's own file")
    before = _tree(out)
    for force in (False, True):
        code, err = _render_names(tmp_path, capsys, out, "aaa.txt", "sub/x.txt", force=force)
        assert code == ExitCode.OUTPUT, err
        assert f"{out / 'sub'}: is a file where 'sub/x.txt' needs a folder" in err
        assert _tree(out) == before


def test_force_over_a_folder_writes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "out"
    (out / "page.html").mkdir(parents=True)
    (out / "page.html" / "inside.txt").write_bytes(b"the user's own file")
    before = _tree(out)
    code, err = _render_names(tmp_path, capsys, out, "aaa.txt", "page.html", force=True)
    assert code == ExitCode.OUTPUT, err
    assert "is a folder" in err
    assert _tree(out) == before


def test_every_problem_is_listed_at_once(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "out"
    out.mkdir()
    (out / "one.txt").write_bytes(b"mine")
    (out / "two.txt").write_bytes(b"mine too")
    code, err = _render_names(tmp_path, capsys, out, "one.txt", "two.txt")
    assert code == ExitCode.OUTPUT
    assert "one.txt: exists" in err and "two.txt: exists" in err


def test_a_failure_while_moving_rolls_back_everything(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The file system refuses the third move: the two files already moved are restored, the
    new folder is removed, the manifest is as it was and no temporary folder is left."""
    write_outputs(tmp_path, {"a.html": b"old a", "b.html": b"old b", "c.html": b"old c"})
    before = _tree(tmp_path)
    real = write._move
    moves = 0

    def failing(src: str, dst: str, *, src_dir_fd: int, dst_dir_fd: int) -> None:
        nonlocal moves
        moves += 1
        if moves == 3:
            raise OSError(28, "No space left on device")
        real(src, dst, src_dir_fd=src_dir_fd, dst_dir_fd=dst_dir_fd)

    monkeypatch.setattr(write, "_move", failing)
    new = {"a.html": b"new a", "b.html": b"new b", "new/d.html": b"new d", "z.html": b"z"}
    with pytest.raises(OutputError, match="No space left"):
        write_outputs(tmp_path, new)
    assert _tree(tmp_path) == before
    monkeypatch.setattr(write, "_move", real)
    write_outputs(tmp_path, new)  # the next run is not refused
    assert (tmp_path / "new" / "d.html").read_bytes() == b"new d"


# -------------------------------------------------------------------------------------------
# Every path component under --out: a link inside is never followed
# -------------------------------------------------------------------------------------------


def test_a_link_inside_out_to_another_arrangements_folder_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """``out/havering -> bhr``: following it would replace BHR's pages with Havering's."""
    folder = tmp_path / "in"
    folder.mkdir()
    for name in ("havering.yaml", "bhr.yaml"):
        shutil.copy(EXAMPLES / name, folder / name)
    out = tmp_path / "out"
    args = ["render", str(folder), "--format", "arrangements", "--out", str(out), "--as-of", DAY]
    assert _main(capsys, *args)[0] == ExitCode.OK
    shutil.rmtree(out / "havering")
    (out / "havering").symlink_to("bhr", target_is_directory=True)
    before = _tree(out)
    for force in (False, True):
        code, err = _main(capsys, *args, *(["--force"] if force else []))
        assert code == ExitCode.OUTPUT, err
        assert f"{out / 'havering'}: is a symbolic link (to bhr)" in err
        assert _tree(out) == before  # BHR's pages untouched, nothing else written


def test_a_link_deep_inside_out_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "out"
    (out / "a" / "real").mkdir(parents=True)
    (out / "a" / "b").symlink_to("real", target_is_directory=True)
    code, err = _render_names(tmp_path, capsys, out, "aaa.txt", "a/b/c/page.txt", force=True)
    assert code == ExitCode.OUTPUT
    assert f"{out / 'a' / 'b'}: is a symbolic link" in err
    assert list((out / "a" / "real").iterdir()) == []
    assert not (out / "aaa.txt").exists()


# -------------------------------------------------------------------------------------------
# Two arrangements with one id
# -------------------------------------------------------------------------------------------


def _id_line(text: str) -> int:
    return next(i for i, line in enumerate(text.splitlines(), 1) if line.startswith("id:"))


def test_two_files_with_one_id_are_refused_naming_both(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    text = HAVERING.read_text(encoding="utf-8")
    for name in ("a.yaml", "b.yaml", "bhr.yaml"):
        (folder / name).write_text(text, encoding="utf-8")
    shutil.copy(EXAMPLES / "bhr.yaml", folder / "bhr.yaml")
    line = _id_line(text)
    code, out = _main(capsys, "check", str(folder), "--as-of", DAY)
    assert code == ExitCode.INPUT
    first, second = f"{folder / 'a.yaml'}:{line}", f"{folder / 'b.yaml'}:{line}"
    assert f"{first}:" in out and f"{second}:" in out
    assert f"arrangement id 'havering' is also used at {second}" in out
    out_dir = tmp_path / "out"
    code, err = _main(
        capsys, "render", str(folder), "--format", "all", "--out", str(out_dir), "--as-of", DAY
    )
    assert code == ExitCode.INPUT
    assert f"is also used at {first}" in err
    assert not out_dir.exists()


def test_one_id_twice_in_a_registry_is_refused_naming_both(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    registry = tmp_path / "registry.yaml"
    registry.write_text(
        "arrangements:\n"
        "- {id: t, name: n, areas: [{code: E09000016}]}\n"
        "- {id: u, name: m, areas: [{code: E09000002}]}\n"
        "- {id: t, name: o, areas: [{code: E09000003}]}\n",
        encoding="utf-8",
    )
    code, out = _main(capsys, "check", str(registry), "--as-of", DAY)
    assert code == ExitCode.INPUT, out
    assert (
        f"{registry}:2:8: arrangements[0].id: arrangement id 't' is also used at {registry}:4:8"
        in out
    )
    assert (
        f"{registry}:4:8: arrangements[2].id: arrangement id 't' is also used at {registry}:2:8"
        in out
    )


def test_the_same_file_given_twice_is_not_a_clash(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out = _main(capsys, "check", str(HAVERING), str(HAVERING), "--as-of", DAY)
    assert code != ExitCode.INPUT, out


# -------------------------------------------------------------------------------------------
# The lock, the temporary folder and the manifest: the tool's own
# -------------------------------------------------------------------------------------------


def test_a_run_waits_for_another_writing_into_the_folder(tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    with folder_lock(out), pytest.raises(OutputError, match="another safeguarding-partnership"):
        write_outputs(out, {"a.txt": b"x"}, wait=0.2)
    assert list(out.iterdir()) == []  # nothing written, no lock file left either
    held = threading.Event()

    def hold() -> None:
        with folder_lock(out):
            held.set()
            time.sleep(0.5)

    holder = threading.Thread(target=hold)
    holder.start()
    held.wait()
    start = time.monotonic()
    write_outputs(out, {"a.txt": b"x"}, wait=30)  # waits, then writes
    holder.join()
    assert time.monotonic() - start >= 0.3
    assert (out / "a.txt").read_bytes() == b"x"


def test_a_users_files_named_like_temporary_ones_are_kept(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "out"
    out.mkdir()
    kept = {
        ".arrangements.html.abcd1234.tmp": b"looks like an old temporary file",
        f".{MANIFEST_NAME}.k1lled00.tmp": b"so does this",
        f"{TEMP_PREFIX}123-0123456789abcdef": b"a file, not the tool's folder",
    }
    for name, data in kept.items():
        (out / name).write_bytes(data)
    folder = out / f"{TEMP_PREFIX}456-0123456789abcdef"
    folder.mkdir()
    (folder / "notes.txt").write_bytes(b"the user's notes")
    args = ["render", str(HAVERING), "--format", "arrangements", "--out", str(out)]
    for _ in range(2):
        code, err = _main(capsys, *args, "--as-of", DAY)
        assert code == ExitCode.OK, err
    assert {name: (out / name).read_bytes() for name in kept} == kept
    assert (folder / "notes.txt").read_bytes() == b"the user's notes"


def test_a_users_file_named_like_the_manifest_is_replaced_only_with_force(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "out"
    out.mkdir()
    mine = out / MANIFEST_NAME
    for content in (b'{"files": {}}\n', b"my own notes\n", b'{"version": 1, "files": {"x": 1}}'):
        mine.write_bytes(content)
        args = ["render", str(HAVERING), "--format", "arrangements", "--out", str(out)]
        code, err = _main(capsys, *args, "--as-of", DAY)
        assert code == ExitCode.OUTPUT, err
        assert f"{mine}: exists and was not written by safeguarding-partnership" in err
        assert sorted(p.name for p in out.iterdir()) == [MANIFEST_NAME]
        assert mine.read_bytes() == content
    assert _main(capsys, *args, "--as-of", DAY, "--force")[0] == ExitCode.OK
    manifest = json.loads(mine.read_text(encoding="utf-8"))
    assert manifest["generator"] == GENERATOR
    assert set(manifest["files"]) == {"arrangements.html", "arrangements.json", "arrangements.md"}


def test_a_manifest_written_before_the_mark_is_still_the_tools(tmp_path: Path) -> None:
    digest = hashlib.sha256(b"one").hexdigest()
    (tmp_path / "a.txt").write_bytes(b"one")
    old = {"version": 1, "files": {"a.txt": digest}}
    (tmp_path / MANIFEST_NAME).write_text(json.dumps(old), encoding="utf-8")
    write_outputs(tmp_path, {"a.txt": b"two"})
    assert (tmp_path / "a.txt").read_bytes() == b"two"


# -------------------------------------------------------------------------------------------
# Output written into the input folder is not input
# -------------------------------------------------------------------------------------------


def test_rendering_into_the_input_folder_leaves_its_check_unchanged(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    shutil.copy(HAVERING, tmp_path / "havering.yaml")
    check = ["check", str(tmp_path), "--as-of", DAY, "--format", "json"]
    before = _main(capsys, *check)
    args = ["render", str(tmp_path), "--format", "all", "--out", str(tmp_path), "--as-of", DAY]
    for _ in range(2):  # and the second render is not refused either
        code, err = _main(capsys, *args)
        assert code == ExitCode.OK, err
    assert (tmp_path / "arrangements.json").is_file()
    after = _main(capsys, *check)
    assert after[0] == before[0] and json.loads(after[1]) == json.loads(before[1])
    # a JSON file the tool did not write is still read
    (tmp_path / "mine.json").write_text("{}", encoding="utf-8")
    assert _main(capsys, *check)[0] == ExitCode.INPUT


def test_a_replaced_file_keeps_its_permissions(tmp_path: Path) -> None:
    write_outputs(tmp_path, {"a.html": b"one", "b.html": b"one"})
    (tmp_path / "a.html").chmod(0o600)
    write_outputs(tmp_path, {"a.html": b"two", "b.html": b"two"})
    assert (tmp_path / "a.html").stat().st_mode & 0o777 == 0o600
    assert (tmp_path / "a.html").read_bytes() == b"two"


def test_a_file_system_without_locks_still_renders(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """NFS refuses ``flock`` on a folder: the run goes ahead unlocked, as before the lock."""
    import errno
    import fcntl

    def refused(fd: int, operation: int) -> None:
        raise OSError(errno.ENOLCK, "No locks available")

    monkeypatch.setattr(fcntl, "flock", refused)
    write_outputs(tmp_path, {"a.txt": b"x"})
    assert (tmp_path / "a.txt").read_bytes() == b"x"


TWO_FORMATS = """
from safeguarding_partnership import hookimpl
from safeguarding_partnership.reports.format import ReportFormat


@hookimpl
def register_report_formats():
    return [
        ReportFormat(name="first", title="First", render=lambda ctx: {{"{one}": "first"}}),
        ReportFormat(name="second", title="Second", render=lambda ctx: {{"{two}": "second"}}),
    ]
"""


@pytest.mark.parametrize(
    ("one", "two", "message"),
    [
        ("same.html", "same.html", "written by both format 'first' and format 'second'"),
        ("Same.html", "same.html", "the same file as 'Same.html'"),
        ("a", "a/b.html", "both a file and the folder of 'a/b.html'"),
    ],
    ids=["same-name", "case", "file-and-folder"],
)
def test_two_formats_writing_one_file_write_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], one: str, two: str, message: str
) -> None:
    plugin = tmp_path / "two.py"
    plugin.write_text(TWO_FORMATS.format(one=one, two=two), encoding="utf-8")
    out = tmp_path / "out"
    args = ["render", str(HAVERING), "--format", "all", "--out", str(out), "--as-of", DAY]
    code, err = _main(capsys, *args, "--plugin", str(plugin))
    assert code == ExitCode.OUTPUT, err
    assert message in err
    assert not out.exists()


@pytest.mark.parametrize(
    "content",
    [
        b'{"version": 1, "files": [1]}',
        b'{"version": 1, "files": {}, "pending": "x"}',
        b"[" * 100_000,
        b"\xff\xfe",
    ],
    ids=["files-a-list", "pending-a-string", "deep", "not-utf8"],
)
def test_a_malformed_manifest_is_the_users_file_not_a_crash(tmp_path: Path, content: bytes) -> None:
    (tmp_path / MANIFEST_NAME).write_bytes(content)
    with pytest.raises(OutputError, match="was not written by safeguarding-partnership"):
        write_outputs(tmp_path, {"a.txt": b"x"})
    assert (tmp_path / MANIFEST_NAME).read_bytes() == content
    assert arrangement_files(tmp_path) == []  # a folder check is not upset by it either
    write_outputs(tmp_path, {"a.txt": b"x"}, force=True)
    assert (tmp_path / "a.txt").read_bytes() == b"x"


def test_a_huge_file_named_like_the_manifest_is_not_read_whole(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from safeguarding_partnership.io import manifest

    monkeypatch.setattr(manifest, "MAX_MANIFEST_BYTES", 1000)
    monkeypatch.setattr(write, "MAX_MANIFEST_BYTES", 1000)
    (tmp_path / MANIFEST_NAME).write_bytes(b" " * 1001)
    with pytest.raises(OutputError, match="over 1000 bytes"):
        write_outputs(tmp_path, {"a.txt": b"x"}, force=True)
    assert (tmp_path / MANIFEST_NAME).stat().st_size == 1001
