"""The folder layout is the architecture: dependencies point one way (see style.md)."""

from __future__ import annotations

import ast
import importlib
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[1] / "src" / "safeguarding_partnership"

# Lower numbers are lower layers. A module may import from its own layer or below.
LAYERS: dict[str, int] = {
    "_version": 0,
    "_lazy": 0,
    "errors": 0,
    "workdays": 0,
    "reference": 0,
    "findings": 1,
    "model": 1,
    "io": 2,
    "rules": 2,
    "reports": 2,
    "importers": 2,
    "summary": 2,
    "contributions": 3,
    "hookspecs": 3,
    "builtin": 3,
    "plugins": 3,
    "extension": 3,
    "progress": 3,
    "pipeline": 4,
    "output": 5,
    "sarif": 5,
    "publish": 5,
    "newplugin": 5,
    "testing": 6,
    "cli": 7,
    "__main__": 8,
    "__init__": 8,
}


def _top(module: str) -> str:
    return module.split(".")[0]


def _imports(path: Path) -> set[str]:
    """Top-level package parts this module imports (at any depth in the file)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    rel = path.relative_to(SRC).with_suffix("")
    package = list(rel.parts[:-1])
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = package[: len(package) - (node.level - 1)] if node.level > 1 else package
                target = [*base, *(node.module.split(".") if node.module else [])]
                if not target:
                    found.update(alias.name for alias in node.names)
                else:
                    found.add(target[0])
            elif node.module and node.module.startswith("safeguarding_partnership."):
                found.add(node.module.split(".")[1])
        elif isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.startswith("safeguarding_partnership."):
                    found.add(alias.name.split(".")[1])
    return found


def _modules() -> list[Path]:
    return sorted(p for p in SRC.rglob("*.py") if "templates" not in p.parts)


@pytest.mark.parametrize("path", _modules(), ids=lambda p: str(p.relative_to(SRC)))
def test_imports_point_down(path: Path) -> None:
    rel = path.relative_to(SRC)
    own = _top(rel.with_suffix("").as_posix().replace("/", "."))
    assert own in LAYERS, f"{rel}: module has no place in the layer map; settle its layer first"
    for imported in _imports(path):
        if imported == own or imported not in LAYERS:
            continue
        assert LAYERS[imported] <= LAYERS[own], (
            f"{rel} imports {imported} (layer {LAYERS[imported]}) from layer {LAYERS[own]}"
        )


def test_rules_and_reports_never_import_each_other() -> None:
    for path in (SRC / "rules").rglob("*.py"):
        assert "reports" not in _imports(path), path
    for path in (SRC / "reports").rglob("*.py"):
        assert "rules" not in _imports(path), path


def test_nothing_imports_the_cli() -> None:
    for path in _modules():
        if path.name not in ("__main__.py",) and path.stem != "cli":
            assert "cli" not in _imports(path), path


def test_public_modules_have_sorted_all() -> None:
    for path in _modules():
        if path.name.startswith("_") and path.name != "__init__.py":
            continue
        module_name = ".".join(
            ("safeguarding_partnership", *path.relative_to(SRC).with_suffix("").parts)
        )
        module_name = module_name.removesuffix(".__init__")
        module = importlib.import_module(module_name)
        names = getattr(module, "__all__", None)
        assert names is not None, f"{module_name} has no __all__"
        for name in names:
            assert hasattr(module, name), f"{module_name}.__all__ names missing {name}"
