"""The hook reference documents every hook, and the plugin tutorial works step by step."""

from __future__ import annotations

import inspect
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from safeguarding_partnership.plugins import hookspecs
from safeguarding_partnership.plugins.scaffold import write_plugin

DOCS = Path(__file__).resolve().parents[2] / "docs"
HOOKS = DOCS / "reference" / "hooks.md"
TUTORIAL = DOCS / "tutorials" / "write-a-plugin.md"

SPECS = [name for name in hookspecs.__all__ if name.startswith("register_")]


def _signature(name: str) -> str:
    params = inspect.signature(getattr(hookspecs, name)).parameters
    return f"{name}({', '.join(params)})"


@pytest.mark.parametrize("name", SPECS)
def test_every_hookspec_has_a_section_with_its_signature(name: str):
    text = HOOKS.read_text(encoding="utf-8")
    assert f"## `{_signature(name)}`" in text
    section = text.split(f"## `{_signature(name)}`", 1)[1].split("\n## ", 1)[0]
    assert "```python" in section, f"{name}: no example"
    for param in inspect.signature(getattr(hookspecs, name)).parameters:
        assert f"`{param}`" in section, f"{name}: argument {param} not described"


def test_no_section_for_a_hook_that_does_not_exist():
    headings = re.findall(r"^## `(register_\w+)\(", HOOKS.read_text(encoding="utf-8"), re.M)
    assert sorted(headings) == sorted(SPECS)


def test_hookspecs_read_in_call_order_and_are_documented():
    names = [n for n, obj in vars(hookspecs).items() if n.startswith("register_") and callable(obj)]
    assert names[:3] == [
        "register_loaders",
        "register_agency_categories",
        "register_settings_model",
    ]
    for name in SPECS:
        doc = inspect.getdoc(getattr(hookspecs, name)) or ""
        assert ":return:" in doc and "versionadded:: 0.1" in doc, name
        assert "None" in doc, f"{name}: the return contract must say what None means"


def _blocks(text: str) -> list[str]:
    return re.findall(r"```python\n(.*?)```", text, re.S)


def test_tutorial_step_by_step(tmp_path: Path):
    """Run new-plugin, apply each of the tutorial's code blocks, run the package's tests."""
    package = write_plugin("leeds", tmp_path / "sp-leeds")
    applied = 0
    for block in _blocks(TUTORIAL.read_text(encoding="utf-8")):
        first, _, body = block.partition("\n")
        if first.startswith("# file: "):
            target = package / first.removeprefix("# file: ").strip()
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(block, encoding="utf-8")
            applied += 1
        elif first.startswith("# replace in: "):
            target = package / first.removeprefix("# replace in: ").strip()
            name = re.search(r"def (\w+)\(", body)
            assert name is not None
            source = target.read_text(encoding="utf-8")
            pattern = re.compile(rf"@hookimpl\ndef {name.group(1)}\(.*?(?=\n\n\n|\Z)", re.S)
            assert pattern.search(source), f"tutorial replaces {name.group(1)}, not in package"
            replacement = body.rstrip("\n")
            target.write_text(pattern.sub(lambda _m, r=replacement: r, source, count=1))
            applied += 1
    assert applied == 3
    env = dict(os.environ, PYTHONPATH=str(package / "src"))
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:randomly", "-p", "no:cacheprovider"],
        cwd=package,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "8 passed" in result.stdout


def test_hooks_reference_examples_define_hooks():
    """Each example in the hook reference runs and marks its function as a hook."""
    for block in _blocks(HOOKS.read_text(encoding="utf-8")):
        if "@hookimpl" not in block or "import sp_" in block:
            continue
        namespace: dict[str, object] = {}
        exec(compile(block, str(HOOKS), "exec"), namespace)
        marked = [n for n, v in namespace.items() if hasattr(v, "safeguarding_partnership_impl")]
        assert marked and all(n in SPECS for n in marked), marked
