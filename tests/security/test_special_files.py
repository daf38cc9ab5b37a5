"""Special files and links: every input path gets one regular-file check, named directly or
found in a folder; a folder's links never lead out of it.

A FIFO blocks a reader for ever and ``/dev/zero`` never ends, so neither may be opened. In a
folder, such an entry (with a suffix the tool reads) is reported where it is, as it is when
named directly, rather than skipped in silence; so are dangling links and sub-folders that
cannot be read. A link to a file outside the folder is reported and not followed.
"""

from __future__ import annotations

import os
import socket
from pathlib import Path

import pytest

from adversarial._run import run_cli
from security._render import special_file

HEAD = "id: {id}\nname: N\nareas: [{{code: E09000016}}]\n"


def _arrangement(path: Path, ident: str) -> Path:
    path.write_text(HEAD.format(id=ident), encoding="utf-8")
    return path


@pytest.mark.parametrize("kind", ["fifo", "device"])
def test_import_gias_refuses_a_special_file_without_reading(tmp_path: Path, kind: str) -> None:
    path = special_file(tmp_path / "gias.csv", kind)
    out = tmp_path / "schools.yaml"
    outcome = run_cli(
        ["import-gias", str(path), "--area", "E09000016", "--out", str(out)], timeout=30
    )
    assert not outcome.timed_out
    assert outcome.code == 2, outcome.stderr[-2000:]
    assert f"{path}: not a regular file" in outcome.stderr
    assert not out.exists()


def _folder(tmp_path: Path) -> tuple[Path, Path]:
    folder = tmp_path / "folder"
    (folder / "sub").mkdir(parents=True)
    _arrangement(folder / "good.yaml", "good")
    outside = _arrangement(tmp_path / "secret.yaml", "secret")
    return folder, outside


def test_a_link_out_of_the_folder_is_reported_and_not_followed(tmp_path: Path) -> None:
    folder, outside = _folder(tmp_path)
    (folder / "sub" / "out.yaml").symlink_to(outside)
    (folder / "inside.yaml").symlink_to(folder / "good.yaml")
    outcome = run_cli(["check", "--format", "json", str(folder)])
    assert outcome.code == 2, outcome.stderr[-2000:]
    assert '"id": "secret"' not in outcome.stdout
    assert '"id": "good"' in outcome.stdout
    link = folder / "sub" / "out.yaml"
    assert f'"file": "{link}"' in outcome.stdout
    assert "a link to a file outside the folder; not followed" in outcome.stdout


@pytest.mark.parametrize("kind", ["fifo", "socket", "dangling", "device"])
def test_special_entries_in_a_folder_are_reported_where_they_are(
    tmp_path: Path, kind: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder, _ = _folder(tmp_path)
    entry = folder / "sub" / "odd.yaml"
    held = None
    if kind == "socket":
        held = socket.socket(socket.AF_UNIX)
        monkeypatch.chdir(entry.parent)  # a socket's path must be short
        held.bind(entry.name)
    elif kind == "dangling":
        entry.symlink_to(folder / "nothing.yaml")
    else:
        special_file(entry, kind)
    try:
        outcome = run_cli(["check", str(folder)], timeout=30)
    finally:
        if held is not None:
            held.close()
    assert not outcome.timed_out
    assert outcome.code == 2, outcome.stderr[-2000:]
    expected = {
        "fifo": "not a regular file (a FIFO)",
        "socket": "not a regular file (a socket)",
        "dangling": "a link to nothing",
        "device": "a link to a file outside the folder; not followed",
    }[kind]
    assert f"{entry}: {expected}" in outcome.stdout
    assert "good" in outcome.stdout  # the other files are still checked


def test_a_folder_that_cannot_be_read_is_reported(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from safeguarding_partnership.errors import ArrangementsFileError
    from safeguarding_partnership.io.load import load

    folder, _ = _folder(tmp_path)
    locked = folder / "sub"
    scandir = os.scandir

    def refusing(path: object) -> object:
        if Path(os.fspath(path)) == locked:  # type: ignore[arg-type]
            raise PermissionError(13, "Permission denied", str(locked))
        return scandir(path)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "scandir", refusing)
    items = list(load(folder))
    errors = [i for i in items if isinstance(i, ArrangementsFileError)]
    assert [str(e) for e in errors] == [f"{locked}: cannot read folder: Permission denied"]
    assert [i.arrangement.id for i in items if not isinstance(i, ArrangementsFileError)] == ["good"]


def test_a_plugin_loaders_files_in_a_folder_get_the_same_checks(tmp_path: Path) -> None:
    folder, _ = _folder(tmp_path)
    os.mkfifo(folder / "odd.paths.csv")
    (tmp_path / "x.paths.csv").write_text("path,value\nid,x\n", encoding="utf-8")
    (folder / "sub" / "out.paths.csv").symlink_to(tmp_path / "x.paths.csv")
    outcome = run_cli(["check", "--plugin", "havering", str(folder)], timeout=30)
    assert not outcome.timed_out
    assert outcome.code == 2, outcome.stderr[-2000:]
    assert f"{folder / 'odd.paths.csv'}: not a regular file (a FIFO)" in outcome.stdout
    assert f"{folder / 'sub' / 'out.paths.csv'}: a link to a file outside the folder" in (
        outcome.stdout
    )
