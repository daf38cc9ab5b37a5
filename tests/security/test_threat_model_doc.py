"""The threat model names real tests: every ``file::test`` it cites exists."""

from __future__ import annotations

import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PAGE = ROOT / "docs" / "explanation" / "threat-model.md"
CITED = re.compile(r"`(tests/[\w/]+\.py)::(\w+)`")

THREATS = (
    "Oversized file",
    "alias bomb",
    "Deep nesting",
    "Duplicate keys",
    "Non-UTF-8 or binary",
    "Malformed YAML, TOML or JSON",
    "Hostile text in published output",
    "`javascript:` and `data:` links",
    "formula injection",
    "Output path escape",
    "Overwriting the user's files",
    "Partial writes on a crash",
    "A link inside the output folder",
    "Part of a render written before a failure",
    "Two arrangements with one id",
    "Two renders into one folder at once",
    "Output read back as input",
    "A private name published",
    "A hook raises",
    "returns the wrong type",
    "tries to change the arrangement",
    "Conflicting keys",
    "Misspelt hooks",
    "Network use at run time",
    "Data about individual children",
    # issue 19, hostile input round two
    "Input cheap to write and dear to read",
    "A YAML alias inside the node it names",
    "TOML keys of many dotted parts",
    "Integers longer than Python makes",
    "Dates at the ends of the calendar",
    "Deep data from a plugin loader",
    "Super-linear rules and renders",
    "An inexact version",
    "Folder mode",
    "Hostile shapes that random input does not reach",
    "Control characters in text",
    "Taking over the terminal",
    "A private name written another way",
    "The scrubber breaking ids, links or keywords",
)


def _tests_in(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return {
        node.name
        for node in tree.body
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef) and node.name.startswith("test")
    }


def test_every_cited_test_exists() -> None:
    cited = CITED.findall(PAGE.read_text(encoding="utf-8"))
    assert len(cited) >= 80
    missing = [
        f"{file}::{name}"
        for file, name in cited
        if not (ROOT / file).is_file() or name not in _tests_in(ROOT / file)
    ]
    assert missing == []


def test_every_threat_of_the_issue_is_covered() -> None:
    text = PAGE.read_text(encoding="utf-8")
    assert [t for t in THREATS if t not in text] == []


def test_the_page_is_in_the_explanation_toctree() -> None:
    index = (ROOT / "docs" / "explanation" / "index.md").read_text(encoding="utf-8")
    toctree = index.split("```{toctree}", 1)[1].split("```", 1)[0]
    assert "threat-model" in toctree.split()
