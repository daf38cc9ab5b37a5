"""The Python examples of the API reference run, block after block, as a reader would."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

DOCS = Path(__file__).resolve().parents[1] / "docs"
PAGES = ("reference/api.md", "reference/api-rules.md", "reference/api-plugins.md")


def blocks(page: Path) -> list[str]:
    return re.findall(r"^```python\n(.*?)^```", page.read_text(encoding="utf-8"), re.S | re.M)


@pytest.mark.parametrize("page", PAGES)
def test_examples_run(page: str) -> None:
    found = blocks(DOCS / page)
    assert found, f"{page} has no Python example"
    namespace: dict[str, object] = {"__name__": f"docs_{Path(page).stem}"}
    for block in found:
        exec(compile(block, str(DOCS / page), "exec"), namespace)  # the docs' own code


def test_the_rule_example_asserts_its_finding() -> None:
    """The rule author's example checks what it claims: a wrong expectation fails."""
    (block,) = blocks(DOCS / "reference/api-rules.md")
    wrong = block.replace('("LOCAL-002", "warning", "name")', '("LOCAL-002", "error", "name")')
    assert wrong != block
    with pytest.raises(AssertionError):
        exec(compile(wrong, "<example>", "exec"), {"__name__": "docs_wrong"})
