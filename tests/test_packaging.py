"""Installable without the package index: the core and both plugins build as wheels and
sdists that ``twine check`` passes, and a plugin made by ``new-plugin`` installs into a fresh
environment from local wheels (the core's and its own; other packages from the index) and
passes its own tests there."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from safeguarding_partnership._version import __version__
from safeguarding_partnership.plugins.scaffold import write_plugin

ROOT = Path(__file__).resolve().parents[1]
PROJECTS = {
    "core": ROOT,
    "havering": ROOT / "plugins" / "havering",
    "bhr": ROOT / "plugins" / "bhr",
}
BIN = Path(sys.executable).parent


def _run(*args: str | Path, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("SP_")}
    env["PIP_DISABLE_PIP_VERSION_CHECK"] = "1"
    return subprocess.run(
        [str(a) for a in args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=900,
        check=False,
    )


def _build(project: Path, out: Path) -> list[Path]:
    done = _run(sys.executable, "-m", "build", "--outdir", out, project)
    assert done.returncode == 0, done.stdout + done.stderr
    return sorted(out.iterdir())


@pytest.fixture(scope="module")
def dists(tmp_path_factory: pytest.TempPathFactory) -> dict[str, list[Path]]:
    base = tmp_path_factory.mktemp("dist")
    return {name: _build(path, base / name) for name, path in PROJECTS.items()}


@pytest.mark.slow
def test_each_project_builds_a_wheel_and_an_sdist(dists: dict[str, list[Path]]) -> None:
    for name, files in dists.items():
        kinds = sorted(f.suffix for f in files)
        assert kinds == [".gz", ".whl"], (name, files)
    core = {f.name for f in dists["core"]}
    assert f"safeguarding_partnership-{__version__}-py3-none-any.whl" in core
    assert f"safeguarding_partnership-{__version__}.tar.gz" in core


@pytest.mark.slow
def test_twine_check_is_clean(dists: dict[str, list[Path]]) -> None:
    files = [f for found in dists.values() for f in found]
    done = _run(BIN / "twine", "check", "--strict", *files)
    assert done.returncode == 0, done.stdout + done.stderr
    assert done.stdout.count("PASSED") == len(files), done.stdout


@pytest.mark.slow
def test_the_core_wheel_holds_its_data(dists: dict[str, list[Path]]) -> None:
    import zipfile

    (wheel,) = [f for f in dists["core"] if f.suffix == ".whl"]
    names = set(zipfile.ZipFile(wheel).namelist())
    for needed in (
        "safeguarding_partnership/py.typed",
        "safeguarding_partnership/reference/data/statutory-rules.md",
        "safeguarding_partnership/reference/data/statutory-rules.parsed.json",
        "safeguarding_partnership/plugins/templates/README.md.tmpl",
    ):
        assert needed in names


def test_the_plugin_readme_shows_installing_the_core_without_the_index(tmp_path: Path) -> None:
    readme = (write_plugin("leeds", tmp_path / "p") / "README.md").read_text(encoding="utf-8")
    assert f"safeguarding_partnership-{__version__}-py3-none-any.whl[testing]" in readme
    assert "git+https://" in readme and f"@v{__version__}" in readme
    pyproject = (tmp_path / "p" / "pyproject.toml").read_text(encoding="utf-8")
    assert f'"safeguarding-partnership>={__version__}"' in pyproject


@pytest.mark.slow
def test_a_new_plugin_installs_from_local_wheels_and_its_tests_pass(
    dists: dict[str, list[Path]], tmp_path: Path
) -> None:
    (core,) = [f for f in dists["core"] if f.suffix == ".whl"]
    plugin = write_plugin("north-yorkshire", tmp_path / "sp-north-yorkshire")
    built = _build(plugin, tmp_path / "plugin-dist")
    checked = _run(BIN / "twine", "check", "--strict", *built)
    assert checked.returncode == 0, checked.stdout + checked.stderr
    (wheel,) = [f for f in built if f.suffix == ".whl"]
    venv = tmp_path / "venv"
    assert _run(sys.executable, "-m", "venv", venv).returncode == 0
    python = venv / "bin" / "python"
    # our two wheels from files; their third-party dependencies from the index
    installed = _run(python, "-m", "pip", "install", "-q", f"{core}[testing]", f"{wheel}[test]")
    assert installed.returncode == 0, installed.stdout + installed.stderr
    listed = _run(venv / "bin" / "safeguarding-partnership", "plugins")
    assert listed.returncode == 0 and "north-yorkshire (sp-north-yorkshire 0.1.0)" in listed.stdout
    # the plugin's own tests, against the installed wheels (not the source folder)
    (plugin / "src").rename(tmp_path / "src-moved-away")
    tests = _run(python, "-m", "pytest", "-q", "-p", "no:cacheprovider", cwd=plugin)
    assert tests.returncode == 0, tests.stdout + tests.stderr
    assert "6 passed" in tests.stdout
