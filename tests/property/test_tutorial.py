"""docs/tutorials/property-testing.md runs as written: its files are written in order into an
empty folder and pytest passes there."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

TUTORIAL = Path(__file__).resolve().parents[2] / "docs/tutorials/property-testing.md"
BLOCK = re.compile(r"```python\n(.*?)```", re.DOTALL)


def _files() -> list[tuple[str, str]]:
    files = []
    for body in BLOCK.findall(TUTORIAL.read_text(encoding="utf-8")):
        first, _, rest = body.partition("\n")
        assert first.startswith("# file: "), f"python block without '# file:' line: {first!r}"
        files.append((first.removeprefix("# file: ").strip(), rest))
    return files


def test_every_python_block_names_its_file() -> None:
    names = [name for name, _ in _files()]
    assert names == [
        "local_rules.py",
        "test_example.py",
        "conftest.py",
        "test_properties.py",
        "test_mutations.py",
    ]


@pytest.mark.slow
def test_the_tutorial_runs_step_by_step(tmp_path: Path) -> None:
    for name, text in _files():
        (tmp_path / name).write_text(text, encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if k != "HYPOTHESIS_PROFILE"}
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:randomly", "-p", "no:cacheprovider"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=False,
        env=env,
        timeout=600,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "4 passed" in result.stdout
