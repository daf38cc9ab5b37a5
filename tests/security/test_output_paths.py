"""A format, core or plugin, cannot write outside the output folder, nor over the user's files.

Every name is checked before anything is written, so a refused run writes nothing (exit 4).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from safeguarding_partnership.cli import main
from safeguarding_partnership.errors import ExitCode
from security._render import DAY, HAVERING, names_plugin, render_names


def _render(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], out: Path, *names: str, force: bool = False
) -> tuple[int, str]:
    with pytest.raises(SystemExit) as exit_info:
        main(render_names(tmp_path, out, *names, force=force))
    code = exit_info.value.code
    assert isinstance(code, int)
    return code, capsys.readouterr().err


def _files(folder: Path) -> set[str]:
    return {str(p.relative_to(folder)) for p in folder.rglob("*") if not p.is_dir()}


@pytest.mark.parametrize(
    "name",
    [
        "../x.html",
        "a/../../x.html",
        "/tmp/sp-escape-absolute.html",
        "..\\x.html",
        "C:/x.html",
        "",
        "a//b.html",
        "nul\x00.html",
        ".safeguarding-partnership-manifest.json",
    ],
)
def test_escaping_names_are_refused_and_nothing_is_written(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str
) -> None:
    out = tmp_path / "work" / "out"
    code, err = _render(tmp_path, capsys, out, "fine.html", name, force=True)
    assert code == ExitCode.OUTPUT
    assert err.startswith("error: ") and "Traceback" not in err
    assert _files(tmp_path / "work") == set()  # not even the good formats' files
    assert not Path("/tmp/sp-escape-absolute.html").exists()


def test_symlink_inside_the_folder_leading_out_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    out = tmp_path / "out"
    out.mkdir()
    (out / "sub").symlink_to(outside, target_is_directory=True)
    (out / "page.html").symlink_to(outside / "page.html")
    for name in ("sub/x.html", "page.html"):
        code, err = _render(tmp_path, capsys, out, name, force=True)
        assert code == ExitCode.OUTPUT, name
        assert "outside the output folder" in err or "symbolic link" in err
    assert list(outside.iterdir()) == []
    assert _files(out) == {"page.html"}  # only the link itself, untouched


def test_a_symlinked_output_folder_is_written_through_and_not_beyond(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    real = tmp_path / "real"
    real.mkdir()
    link = tmp_path / "link"
    link.symlink_to(real, target_is_directory=True)
    code, _ = _render(tmp_path, capsys, link, "escape.txt")
    assert code == ExitCode.OK
    assert {"escape.txt", "arrangements.html"} <= _files(real)
    code, _ = _render(tmp_path, capsys, link, "../beside.txt", force=True)
    assert code == ExitCode.OUTPUT
    assert not (tmp_path / "beside.txt").exists()


def test_the_users_files_are_never_replaced_without_force(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "out"
    out.mkdir()
    (out / "escape.txt").write_bytes(b"the user's own file")
    code, err = _render(tmp_path, capsys, out, "escape.txt")
    assert code == ExitCode.OUTPUT and "use --force" in err
    assert (out / "escape.txt").read_bytes() == b"the user's own file"
    assert _files(out) == {"escape.txt"}  # nothing else written either


def test_the_input_file_is_never_an_output(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "havering.yaml"
    source.write_bytes(HAVERING.read_bytes())
    plugin = names_plugin(tmp_path, "havering.yaml", folder=tmp_path)
    with pytest.raises(SystemExit) as exit_info:
        main(
            [
                "render",
                str(source),
                "--format",
                "names",
                "--out",
                str(tmp_path),
                "--plugin",
                str(plugin),
                "--force",
                "--as-of",
                DAY,
            ]
        )
    assert exit_info.value.code == ExitCode.OUTPUT
    assert source.read_bytes() == HAVERING.read_bytes()
    assert "input file" in capsys.readouterr().err


@pytest.mark.parametrize(
    "command",
    [
        ["render", str(HAVERING), "--format", "arrangements", "--out", "{blocked}/out"],
        ["new-plugin", "north-yorkshire", "--dir", "{blocked}/sub"],
    ],
    ids=["render", "new-plugin"],
)
def test_a_folder_that_cannot_be_made_is_a_message_and_exit_4(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], command: list[str]
) -> None:
    blocked = tmp_path / "a-file"
    blocked.write_text("the user's own file", encoding="utf-8")
    with pytest.raises(SystemExit) as exit_info:
        main([part.format(blocked=blocked) for part in command])
    err = capsys.readouterr().err
    assert exit_info.value.code == ExitCode.OUTPUT
    assert f"{blocked}/" in err and "cannot write: Not a directory" in err
    assert "Traceback" not in err
    assert blocked.read_text(encoding="utf-8") == "the user's own file"
