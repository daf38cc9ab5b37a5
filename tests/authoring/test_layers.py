"""``authoring`` stays beside ``io``: it imports the model, io, reference, findings, errors and
law, never the rules, reports, plugins or the pipeline (docs/explanation/design.md)."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SRC = ROOT / "src" / "safeguarding_partnership"
ALLOWED = {"model", "io", "reference", "findings", "errors", "law", "authoring"}


def _imported(path: Path) -> set[str]:
    """The package's modules a file imports, at module level or inside a function."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module:
            assert node.level == 0, f"{path.name}: relative import"
            found.add(node.module)
        elif isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
    return {m for m in found if m.startswith("safeguarding_partnership.")}


def test_authoring_imports_only_what_design_md_allows() -> None:
    files = sorted((SRC / "authoring").glob("*.py"))
    assert files
    for path in files:
        for module in _imported(path):
            assert module.split(".")[1] in ALLOWED, f"{path.name} imports {module}"


def test_name_matching_is_reference_data_only() -> None:
    """The rules may call reference.names later: it imports nothing above layer 0."""
    for module in _imported(SRC / "reference" / "names.py"):
        assert module.split(".")[1] in {"reference", "law", "errors"}, module
    for module in _imported(SRC / "reference" / "successors.py"):
        assert module.split(".")[1] in {"reference", "law", "errors"}, module


def test_the_design_page_says_so() -> None:
    text = (ROOT / "docs" / "explanation" / "design.md").read_text(encoding="utf-8")
    assert "`authoring/` writes files" in text
    assert "`authoring`" in text.split("| 2 |", 1)[1].split("\n", 1)[0]
