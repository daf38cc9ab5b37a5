"""The code passes its linters and type checker, and the docs build with warnings as errors.

These run the real tools, so the whole suite is the one command CI runs.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        list(args), cwd=ROOT, capture_output=True, text=True, check=False, timeout=600
    )


@pytest.mark.slow
def test_ruff_check() -> None:
    result = _run(str(BIN / "ruff"), "check", "src", "tests", "plugins", "benchmarks")
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.slow
def test_ruff_format() -> None:
    result = _run(str(BIN / "ruff"), "format", "--check", "src", "tests", "plugins", "benchmarks")
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.slow
def test_mypy_strict_on_src() -> None:
    result = _run(str(BIN / "mypy"), "--strict", "src/")
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.slow
def test_docs_build_without_warnings(tmp_path: Path) -> None:
    env = {**os.environ, "PYTHONWARNINGS": "ignore::DeprecationWarning"}
    result = subprocess.run(
        [
            str(BIN / "sphinx-build"),
            "-W",
            "--keep-going",
            "-q",
            "-b",
            "html",
            "docs",
            str(tmp_path),
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
        timeout=600,
        env=env,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert (tmp_path / "index.html").exists()
    # every rule's documentation link (SARIF helpUri, `rule CODE`) lands on its section
    from safeguarding_partnership.output.sarif import help_uri
    from safeguarding_partnership.rules.core import core_rules, registry_rules
    from safeguarding_partnership.rules.engine import META_RULES

    page = (tmp_path / "reference" / "rules.html").read_text(encoding="utf-8")
    for rule in (*core_rules(), *META_RULES, *registry_rules()):
        uri = help_uri(rule)
        assert uri is not None and f'<section id="{uri.rsplit("#", 1)[1]}"' in page, rule.code
