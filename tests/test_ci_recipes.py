"""The CI recipes of ``docs/how-to/ci.md`` run: every ``run:`` step of the GitHub workflow and
every ``script:`` line of the GitLab pipeline, in a copy of ``examples/havering``, in a fresh
virtual environment that the recipe's own install step fills. Only steps that call CI-only
actions (checkout, setup-python, SARIF upload, Pages) are skipped, and those are ``uses:`` steps.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from ruamel.yaml import YAML

ROOT = Path(__file__).resolve().parents[1]
PAGE = ROOT / "docs" / "how-to" / "ci.md"
EXAMPLE = ROOT / "examples" / "havering"
GITLAB_SCHEMA = ROOT / "tests" / "data" / "gitlab-code-quality.schema.json"

CI_ONLY_ACTIONS = {
    "actions/checkout",
    "actions/setup-python",
    "github/codeql-action/upload-sarif",
    "actions/upload-pages-artifact",
    "actions/deploy-pages",
}


def snippet(first_line: str) -> dict[str, Any]:
    """The YAML block of the page whose first line is ``first_line``."""
    blocks = re.findall(r"^```yaml\n(.*?)^```", PAGE.read_text(encoding="utf-8"), re.S | re.M)
    (block,) = [b for b in blocks if b.splitlines()[0] == first_line]
    data: dict[str, Any] = YAML(typ="safe", pure=True).load(block)
    return data


def github_steps() -> list[tuple[str, list[str]]]:
    """Each job's shell commands, in order; asserts every other step is a CI-only action."""
    workflow = snippet("# .github/workflows/safeguarding.yml")
    jobs = []
    for name, job in workflow["jobs"].items():
        commands = []
        for step in job["steps"]:
            if "uses" in step:
                assert "run" not in step
                assert step["uses"].split("@")[0] in CI_ONLY_ACTIONS, step
                continue
            assert set(step) <= {"name", "run", "if", "id", "env"}, step
            commands.append(step["run"])
        jobs.append((name, commands))
    return jobs


def gitlab_jobs() -> list[tuple[str, list[str]]]:
    pipeline = snippet("# .gitlab-ci.yml")
    before = pipeline.get("default", {}).get("before_script", [])
    return [
        (name, [*before, *job.get("before_script", []), *job["script"]])
        for name, job in pipeline.items()
        if name not in {"default", "variables", "stages", "include", "workflow"}
    ]


def test_the_recipes_are_found_and_only_uses_steps_are_skipped() -> None:
    github = dict(github_steps())
    assert set(github) == {"check", "publish"}
    assert any("--format github" in c for c in github["check"])
    assert any("--format sarif" in c for c in github["check"])
    assert any("render" in c for c in github["publish"])
    gitlab = dict(gitlab_jobs())
    assert set(gitlab) == {"check", "pages"}
    assert any("--format gitlab" in c for c in gitlab["check"])
    pipeline = snippet("# .gitlab-ci.yml")
    assert pipeline["check"]["artifacts"]["reports"]["codequality"] in " ".join(gitlab["check"])
    assert pipeline["pages"]["artifacts"]["paths"] == ["public"]


@pytest.fixture(scope="module")
def venv(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A fresh environment, empty: the recipes' own install step fills it."""
    folder = tmp_path_factory.mktemp("ci") / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(folder)], check=True, timeout=300)
    return folder


def _site(tmp_path: Path) -> Path:
    """The partnership's repository: the example, its requirements (the checker and its
    plugins from this clone, as a user's would name a git address or wheel), and a
    configuration pinning the day, so the result does not change with the calendar."""
    site = tmp_path / "site"
    shutil.copytree(EXAMPLE, site)
    (site / "requirements.txt").write_text(
        f"{ROOT}\n{ROOT / 'plugins' / 'havering'}\n{ROOT / 'plugins' / 'bhr'}\n", encoding="utf-8"
    )
    (site / "safeguarding-partnership.toml").write_text("as-of = 2025-01-01\n", encoding="utf-8")
    return site


def _run(command: str, site: Path, venv: Path) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SP_", "PIP_REQUIRE"))}
    env.update(
        PATH=f"{venv / 'bin'}{os.pathsep}{env.get('PATH', '')}",
        VIRTUAL_ENV=str(venv),
        CI="true",
        PIP_DISABLE_PIP_VERSION_CHECK="1",
    )
    return subprocess.run(
        ["bash", "-e", "-o", "pipefail", "-c", command],
        cwd=site,
        env=env,
        capture_output=True,
        text=True,
        timeout=900,
        check=False,
    )


def _run_all(jobs: list[tuple[str, list[str]]], site: Path, venv: Path) -> dict[str, str]:
    out: dict[str, str] = {}
    for name, commands in jobs:
        for command in commands:
            done = _run(command, site, venv)
            assert done.returncode == 0, f"{name}: {command}\n{done.stdout}\n{done.stderr}"
            out[command] = done.stdout
    return out


@pytest.mark.slow
def test_the_github_workflow_runs(tmp_path: Path, venv: Path) -> None:
    site = _site(tmp_path)
    outputs = _run_all(github_steps(), site, venv)
    annotated = next(v for k, v in outputs.items() if "--format github" in k)
    assert all(line.startswith("::") for line in annotated.splitlines())
    assert "file=havering.yaml" in annotated  # relative names, as annotations need
    sarif = json.loads((site / "results.sarif").read_text(encoding="utf-8"))
    assert sarif["version"] == "2.1.0" and sarif["runs"][0]["results"]
    assert (site / "public" / "index.html").read_text(encoding="utf-8").startswith("<!DOCTYPE")


@pytest.mark.slow
def test_the_gitlab_pipeline_runs(tmp_path: Path, venv: Path) -> None:
    site = _site(tmp_path)
    outputs = _run_all(gitlab_jobs(), site, venv)
    report = json.loads((site / "gl-code-quality-report.json").read_text(encoding="utf-8"))
    schema = json.loads(GITLAB_SCHEMA.read_text(encoding="utf-8"))
    jsonschema.Draft7Validator(schema).validate(report)
    assert {issue["location"]["path"] for issue in report} <= {"havering.yaml", "bhr.yaml"}
    printed = next(v for k, v in outputs.items() if "--format text" in k)
    assert "2 arrangement(s) checked, 0 error(s)" in printed
    assert (site / "public" / "index.html").is_file()
