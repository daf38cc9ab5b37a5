"""``new-plugin`` writes a working package whose own tests pass straight away."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from safeguarding_partnership.cli import main
from safeguarding_partnership.errors import OutputError, SafeguardingPartnershipError
from safeguarding_partnership.plugins.scaffold import skeleton, write_plugin


def _run_own_tests(package: Path) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, PYTHONPATH=str(package / "src"))
    return subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:randomly", "-p", "no:cacheprovider"],
        cwd=package,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


def test_new_plugin_package_tests_pass(tmp_path: Path, capsys):
    target = tmp_path / "sp-north-yorkshire"
    with pytest.raises(SystemExit) as info:
        main(["new-plugin", "north-yorkshire", "--dir", str(target)])
    assert info.value.code == 0
    assert "wrote plugin 'north-yorkshire'" in capsys.readouterr().out
    pyproject = (target / "pyproject.toml").read_text()
    assert 'north-yorkshire = "sp_north_yorkshire"' in pyproject
    assert (target / "tests" / "test_sp_north_yorkshire_plugin.py").is_file()
    result = _run_own_tests(target)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "6 passed" in result.stdout
    generated = (target / "tests" / "test_sp_north_yorkshire_plugin.py").read_text()
    # the package uses the testing kit: generated arrangements and a registered mutation
    assert "invalid_arrangements(" in generated
    assert "@given(arrangements(" in generated


def test_new_plugin_implements_every_hook(tmp_path: Path):
    from safeguarding_partnership.plugins.hookspecs import __all__ as names

    target = write_plugin("leeds", tmp_path / "p")
    source = (target / "src" / "sp_leeds" / "__init__.py").read_text()
    for hook in (n for n in names if n.startswith("register_")):
        assert f"def {hook}(" in source, hook


def test_refuses_a_non_empty_folder(tmp_path: Path):
    (tmp_path / "keep.txt").write_text("mine")
    with pytest.raises(OutputError, match="exists and is not an empty folder"):
        write_plugin("leeds", tmp_path)
    assert [p.name for p in tmp_path.iterdir()] == ["keep.txt"]


def test_cli_refusal_is_exit_4(tmp_path: Path, capsys):
    (tmp_path / "keep.txt").write_text("mine")
    with pytest.raises(SystemExit) as info:
        main(["new-plugin", "leeds", "--dir", str(tmp_path)])
    assert info.value.code == 4
    assert "not an empty folder" in capsys.readouterr().err


@pytest.mark.parametrize("bad", ["Leeds", "1leeds", "leeds_", "a--b", ""])
def test_bad_names_are_refused(bad: str):
    with pytest.raises(SafeguardingPartnershipError, match="plugin name"):
        skeleton(bad)


def test_prefix_never_takes_a_core_family():
    assert skeleton("leeds").prefix == "LEEDS-"
    assert skeleton("ra").prefix == "RALOCAL-"
