"""docs/how-to/publish.md shows what render really writes."""

from __future__ import annotations

import re
from pathlib import Path

from ._support import BHR, HAVERING, render_example

DOCS = Path(__file__).resolve().parents[2] / "docs"


def test_the_mermaid_in_the_how_to_is_the_havering_diagram() -> None:
    text = (DOCS / "how-to" / "publish.md").read_text(encoding="utf-8")
    match = re.search(r"<!-- structure-mmd-start -->\n```text\n(.*?)```\n", text, re.DOTALL)
    assert match is not None
    rendered = render_example(HAVERING, ("structure",), (BHR,))["structure.mmd"].decode()
    assert match.group(1) == rendered


def test_the_how_to_images_exist_and_are_in_the_toctree() -> None:
    text = (DOCS / "how-to" / "publish.md").read_text(encoding="utf-8")
    for image in re.findall(r"\]\(\.\./_static/([^)]+)\)", text):
        assert (DOCS / "_static" / image).stat().st_size > 1000, image
    assert "\npublish\n" in (DOCS / "how-to" / "index.md").read_text(encoding="utf-8")
