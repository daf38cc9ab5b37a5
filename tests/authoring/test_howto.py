"""The how-to pages for starting a file, publishing what changed and fixing a file after a
reorganisation run as written: every ``$`` command in them, with the output they show."""

from __future__ import annotations

import re
import shlex
import shutil
import subprocess
from pathlib import Path

import pytest

from ._support import run_cli

ROOT = Path(__file__).resolve().parents[2]
HOWTO = ROOT / "docs" / "how-to"
FIXTURES = ROOT / "tests" / "fixtures" / "authoring"


def _commands(page: str) -> list[tuple[list[str], str, int]]:
    """``(arguments, expected output, exit status)`` for each ``$`` line of the page's
    console blocks, in order. ``...`` in the output stands for any lines; a comment
    ``# exit status N`` after a command gives its status (else 0)."""
    text = (HOWTO / page).read_text(encoding="utf-8")
    found: list[tuple[list[str], list[str], int]] = []
    for block in re.findall(r"^```console\n(.*?)^```", text, re.S | re.M):
        for line in block.splitlines():
            if line.startswith("$ "):
                command, _, comment = line[2:].partition("   # ")
                status = re.fullmatch(r"exit status (\d)", comment.strip())
                words = shlex.split(command)
                assert words[0] == "safeguarding-partnership", line
                found.append((words[1:], [], int(status.group(1)) if status else 0))
            else:
                found[-1][1].append(line)
    return [(args, "\n".join(lines) + "\n" if lines else "", code) for args, lines, code in found]


def _matches(expected: str, actual: str) -> bool:
    """Whether ``actual`` is ``expected``, where a line ``...`` stands for any lines and
    ``...`` inside a line for any text on that line."""
    pattern = "".join(
        ".*" if line == "..." else "[^\n]*".join(map(re.escape, line.split("..."))) + "\n"
        for line in expected.splitlines()
    )
    return re.fullmatch(pattern, actual, re.S) is not None


def _run_page(
    page: str, folder: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> int:
    monkeypatch.chdir(folder)
    commands = _commands(page)
    assert commands, f"{page} runs no command"
    for args, expected, status in commands:
        code, out, err = run_cli(capsys, *args)
        assert code == status, (args, out, err)
        if expected:
            assert _matches(expected, err + out), (args, err + out)
    return len(commands)


def _yaml_shown_in(page: str) -> list[tuple[str, str]]:
    """``(file, fragment)`` for each YAML block the page says is in a file it wrote."""
    text = (HOWTO / page).read_text(encoding="utf-8")
    return re.findall(r"<!-- in (\S+) -->\n```yaml\n(.*?)```", text, re.S)


def test_start_a_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    assert _run_page("start-a-file.md", tmp_path, capsys, monkeypatch) == 4
    shown = _yaml_shown_in("start-a-file.md")
    assert len(shown) == 2
    for name, fragment in shown:
        assert fragment in (tmp_path / name).read_text(encoding="utf-8"), name
    # the page says init never writes over a file
    code, _, err = run_cli(capsys, "init", "--area", "E09000016", "--as-of", "2026-06-01")
    assert code == 4 and "already exists" in err


def _git(folder: Path, *args: str) -> None:
    subprocess.run(
        ["git", "-c", "user.name=t", "-c", "user.email=t@example.org", *args],
        cwd=folder, check=True, capture_output=True,
    )  # fmt: skip


@pytest.mark.skipif(shutil.which("git") is None, reason="needs the git command")
def test_publish_what_changed(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    old = (FIXTURES / "publish" / "havering-2019.yaml").read_text(encoding="utf-8")
    new = (FIXTURES / "publish" / "havering-2024.yaml").read_text(encoding="utf-8")
    (tmp_path / "havering-2019.yaml").write_text(old, encoding="utf-8")
    (tmp_path / "havering-2024.yaml").write_text(new, encoding="utf-8")
    _git(tmp_path, "init", "-q")
    (tmp_path / "havering.yaml").write_text(old, encoding="utf-8")
    _git(tmp_path, "add", "havering.yaml")
    _git(tmp_path, "commit", "-q", "-m", "published 2019")
    _git(tmp_path, "tag", "published-2019")
    (tmp_path / "havering.yaml").write_text(new, encoding="utf-8")
    _git(tmp_path, "commit", "-q", "-am", "revised for WT2023")
    assert _run_page("publish-what-changed.md", tmp_path, capsys, monkeypatch) == 2
    # "the change log is the same as between the two files; only the labels differ"
    _, files, _ = run_cli(capsys, "diff", "havering-2019.yaml", "havering-2024.yaml")
    _, revs, _ = run_cli(capsys, "diff", "havering.yaml", "--rev", "published-2019..HEAD")
    assert files.split("\n", 1)[1] == revs.split("\n", 1)[1]
    assert "Alex Example" not in files + revs and "Sam Example" not in files + revs


def test_after_a_reorganisation(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    original = (FIXTURES / "ccg-2021.yaml").read_text(encoding="utf-8")
    (tmp_path / "havering.yaml").write_text(original, encoding="utf-8")
    assert _run_page("after-a-reorganisation.md", tmp_path, capsys, monkeypatch) == 2
    # "run it again and there is nothing left to fix"
    code, out, err = run_cli(capsys, "check", "havering.yaml", "--as-of", "2023-01-01", "--diff")
    assert (code, out, err) == (0, "", "")
    # the split the page describes
    (tmp_path / "cumbria.yaml").write_bytes((FIXTURES / "cumbria-2022.yaml").read_bytes())
    code, _, err = run_cli(capsys, "check", "cumbria.yaml", "--as-of", "2024-01-01", "--fix")
    assert code == 1 and "Westmorland and Furness (E06000064)" in err


def test_the_how_tos_are_in_the_index() -> None:
    index = (HOWTO / "index.md").read_text(encoding="utf-8")
    for page in ("start-a-file", "publish-what-changed", "after-a-reorganisation"):
        assert f"\n{page}\n" in index
