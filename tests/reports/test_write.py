"""Writing output never loses anything: atomic writes, the manifest, refusals with exit 4."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from safeguarding_partnership.cli import main
from safeguarding_partnership.errors import ExitCode, OutputError
from safeguarding_partnership.io.manifest import MANIFEST_NAME
from safeguarding_partnership.io.write import (
    atomic_write,
    safe_target,
    write_outputs,
)

from ._support import HAVERING


def _render(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str]:
    with pytest.raises(SystemExit) as exc:
        main(["render", *args, "--as-of", "2026-11-25"])
    out = capsys.readouterr()
    return int(exc.value.code or 0), out.out + out.err


def test_render_writes_then_rerenders_over_its_own_files(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _ = _render(capsys, str(HAVERING), "--format", "arrangements", "--out", str(tmp_path))
    assert code == ExitCode.OK
    first = (tmp_path / "arrangements.html").read_bytes()
    code, _ = _render(capsys, str(HAVERING), "--format", "arrangements", "--out", str(tmp_path))
    assert code == ExitCode.OK
    assert (tmp_path / "arrangements.html").read_bytes() == first
    assert "arrangements.html" in (tmp_path / MANIFEST_NAME).read_text()


def test_two_runs_give_byte_identical_folders(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    for name in ("a", "b"):
        code, _ = _render(capsys, str(HAVERING), "--format", "all", "--out", str(tmp_path / name))
        assert code == ExitCode.OK
    a = {p.name: p.read_bytes() for p in (tmp_path / "a").iterdir()}
    b = {p.name: p.read_bytes() for p in (tmp_path / "b").iterdir()}
    assert a == b
    assert "havering-quarterly.html" in a  # a plugin format, through the plugin facade


def test_refuses_a_file_it_did_not_write(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    mine = tmp_path / "arrangements.md"
    mine.write_text("my own notes\n")
    code, out = _render(capsys, str(HAVERING), "--format", "arrangements", "--out", str(tmp_path))
    assert code == ExitCode.OUTPUT == 4
    assert "arrangements.md" in out and "--force" in out
    assert mine.read_text() == "my own notes\n"
    assert not (tmp_path / "arrangements.html").exists()  # nothing written at all


def test_refuses_a_file_changed_since_it_was_written_unless_forced(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    args = [str(HAVERING), "--format", "arrangements", "--out", str(tmp_path)]
    assert _render(capsys, *args)[0] == ExitCode.OK
    page = tmp_path / "arrangements.html"
    page.write_text("edited by hand")
    code, out = _render(capsys, *args)
    assert code == 4 and "arrangements.html" in out and "changed" in out
    assert page.read_text() == "edited by hand"
    assert _render(capsys, *args, "--force")[0] == ExitCode.OK
    assert page.read_text().startswith("<!DOCTYPE html>")


def test_never_writes_over_its_input_even_with_force(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "arrangements.json"
    data = HAVERING.read_text()
    import json

    from ruamel.yaml import YAML

    source.write_text(json.dumps(YAML(typ="safe").load(data), default=str))
    before = source.read_bytes()
    code, out = _render(
        capsys, str(source), "--format", "arrangements", "--out", str(tmp_path), "--force"
    )
    assert code == 4 and "input file" in out
    assert source.read_bytes() == before


@pytest.mark.parametrize("name", ["/etc/passwd", "../escape.html", "a/../../b", "", "a\\b", "c:x"])
def test_names_cannot_leave_the_folder(tmp_path: Path, name: str) -> None:
    with pytest.raises(OutputError):
        safe_target(tmp_path, name)
    with pytest.raises(OutputError):
        write_outputs(tmp_path / "out", {name: b"x"})
    assert not (tmp_path.parent / "escape.html").exists()


def test_symlink_out_of_the_folder_is_refused(tmp_path: Path) -> None:
    out, elsewhere = tmp_path / "out", tmp_path / "elsewhere"
    out.mkdir()
    elsewhere.mkdir()
    (out / "sub").symlink_to(elsewhere)
    with pytest.raises(OutputError, match="outside"):
        write_outputs(out, {"sub/page.html": b"x"})
    assert not (elsewhere / "page.html").exists()


def test_symlinked_file_is_refused_even_with_force(tmp_path: Path) -> None:
    target = tmp_path / "victim.txt"
    target.write_text("keep")
    out = tmp_path / "out"
    out.mkdir()
    (out / "page.html").symlink_to(target)
    with pytest.raises(OutputError):
        write_outputs(out, {"page.html": b"x"}, force=True)
    assert target.read_text() == "keep"


def test_atomic_write_keeps_the_old_file_when_replacing_fails(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "page.html"
    path.write_bytes(b"old")

    def broken(src: object, dst: object) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", broken)
    with pytest.raises(OSError, match="disk full"):
        atomic_write(path, b"new")
    assert path.read_bytes() == b"old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["page.html"]  # no temp file left


def test_manifest_records_hashes_and_a_corrupt_manifest_protects_everything(
    tmp_path: Path,
) -> None:
    write_outputs(tmp_path, {"a.txt": b"one"})
    import hashlib
    import json

    manifest = json.loads((tmp_path / MANIFEST_NAME).read_text())
    assert manifest["files"] == {"a.txt": hashlib.sha256(b"one").hexdigest()}
    (tmp_path / MANIFEST_NAME).write_text("{not json")
    with pytest.raises(OutputError, match=r"a\.txt"):
        write_outputs(tmp_path, {"a.txt": b"two"})
    assert (tmp_path / "a.txt").read_bytes() == b"one"


def test_unknown_format_is_a_usage_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out = _render(capsys, str(HAVERING), "--format", "nope", "--out", str(tmp_path))
    assert code == ExitCode.INPUT
    assert "unknown format nope" in out and "arrangements" in out


def test_plugin_formats_render_through_the_facade(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _ = _render(
        capsys,
        str(HAVERING),
        "--format",
        "havering-quarterly",
        "--format",
        "bhr-summary",
        "--out",
        str(tmp_path),
    )
    assert code == ExitCode.OK
    assert (tmp_path / "havering-quarterly.html").is_file()
    assert (tmp_path / "bhr-summary.md").is_file()


def test_folder_input_writes_one_subfolder_per_arrangement(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    for name in ("havering.yaml", "bhr.yaml"):
        shutil.copy(HAVERING.parent / name, folder / name)
    code, _ = _render(capsys, str(folder), "--format", "structure", "--out", str(tmp_path / "out"))
    assert code == ExitCode.OK
    mmd = (tmp_path / "out" / "havering" / "structure.mmd").read_text()
    # with BHR loaded alongside, the reporting line names the tri-borough group
    assert "BHR tri-borough safeguarding group" in mmd
    assert (tmp_path / "out" / "bhr" / "structure.dot").is_file()
