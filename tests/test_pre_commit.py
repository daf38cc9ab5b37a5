"""The pre-commit hooks work as a user's repository would run them: ``pre-commit try-repo``
installs this repository's hook into a fresh environment (from PyPI for the dependencies) and
runs it over a temporary git repository holding an arrangements file."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from ruamel.yaml import YAML

ROOT = Path(__file__).resolve().parents[1]
HOOKS = ROOT / ".pre-commit-hooks.yaml"
CLEAN = ROOT / "tests" / "fixtures" / "situations" / "all-age.yaml"
PRE_COMMIT = Path(sys.executable).parent / "pre-commit"


def _hooks() -> dict[str, dict]:
    hooks = YAML(typ="safe", pure=True).load(HOOKS.read_text(encoding="utf-8"))
    return {hook["id"]: hook for hook in hooks}


def test_the_hooks_run_our_commands() -> None:
    from safeguarding_partnership.cli import cli

    hooks = _hooks()
    assert set(hooks) == {"safeguarding-partnership-check", "safeguarding-partnership-render"}
    for hook in hooks.values():
        program, command = hook["entry"].split()
        assert program == "safeguarding-partnership" and command in cli.commands
        assert hook["language"] == "python"
    assert hooks["safeguarding-partnership-render"]["pass_filenames"] is False


@pytest.mark.parametrize(
    ("name", "checked"),
    [
        ("arrangements.yaml", True),
        ("partnerships/leeds.yml", True),
        ("arrangements.toml", True),
        ("arrangements.json", True),
        ("pyproject.toml", False),
        ("sub/safeguarding-partnership.toml", False),
        (".pre-commit-config.yaml", False),
        (".github/workflows/check.yml", False),
        (".gitlab-ci.yml", False),
        ("package.json", False),
        ("README.md", False),
    ],
)
def test_the_check_hook_files(name: str, checked: bool) -> None:
    hook = _hooks()["safeguarding-partnership-check"]
    matched = re.search(hook["files"], name) and not re.search(hook["exclude"], name)
    assert bool(matched) is checked


def _git(repo: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=repo, check=True, capture_output=True, text=True, timeout=60)


def _try_repo(repo: Path, home: Path) -> subprocess.CompletedProcess[str]:
    env = {
        **os.environ,
        "PRE_COMMIT_HOME": str(home),
        "GIT_AUTHOR_NAME": "test",
        "GIT_AUTHOR_EMAIL": "test@example.org",
        "GIT_COMMITTER_NAME": "test",
        "GIT_COMMITTER_EMAIL": "test@example.org",
    }
    env.pop("SP_LOAD_PLUGINS", None)
    return subprocess.run(
        [str(PRE_COMMIT), "try-repo", str(ROOT), "safeguarding-partnership-check", "--all-files"],
        cwd=repo,
        env=env,
        capture_output=True,
        text=True,
        timeout=900,
        check=False,
    )


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("git") is None, reason="needs git")
def test_try_repo_passes_a_clean_file_and_fails_a_broken_one(tmp_path: Path) -> None:
    repo = tmp_path / "partnership"
    repo.mkdir()
    _git(repo, "init", "-q")
    shutil.copy(CLEAN, repo / "arrangements.yaml")
    # the configuration is found by the hook, and is not itself checked as arrangements
    (repo / "safeguarding-partnership.toml").write_text("as-of = 2025-01-01\n", encoding="utf-8")
    _git(repo, "add", ".")
    home = tmp_path / "pre-commit-home"

    clean = _try_repo(repo, home)
    assert clean.returncode == 0, clean.stdout + clean.stderr
    assert re.search(r"check safeguarding arrangements\.+Passed", clean.stdout), clean.stdout

    text = CLEAN.read_text(encoding="utf-8")
    broken = text.replace("\nname:", "\nnmae:", 1)
    assert broken != text
    (repo / "arrangements.yaml").write_text(broken, encoding="utf-8")
    _git(repo, "add", ".")
    failed = _try_repo(repo, home)
    assert failed.returncode != 0
    assert re.search(r"check safeguarding arrangements\.+Failed", failed.stdout), failed.stdout
    line = 1 + broken[: broken.index("\nnmae:") + 1].count("\n")
    assert f"arrangements.yaml:{line}:1: nmae: unknown key 'nmae'; did you mean 'name'?" in (
        failed.stdout
    ), failed.stdout
