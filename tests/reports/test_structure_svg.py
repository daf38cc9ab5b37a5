"""A structure diagram always: without Graphviz's ``dot``, ``structure.svg`` is drawn by a
small pure-Python layered layout, with accessible names from the partnership's own names."""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path
from xml.etree import ElementTree

import pytest

from safeguarding_partnership.cli import main
from safeguarding_partnership.reports.formats import core_formats
from safeguarding_partnership.reports.render import render_formats

from ._hostile import HOSTILE, inject, live_markup
from ._support import AS_OF, BHR, HAVERING, load, render_example

SVG = "{http://www.w3.org/2000/svg}"


@pytest.fixture
def no_dot(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """PATH holds an empty folder and Python's own, so ``dot`` cannot be found."""
    empty = tmp_path / "empty-bin"
    empty.mkdir()
    monkeypatch.setenv("PATH", f"{empty}{os.pathsep}{Path(sys.executable).parent}")
    assert shutil.which("dot") is None


def _texts(root: ElementTree.Element) -> str:
    return " ".join(" ".join(" ".join(t.itertext()) for t in root.iter(f"{SVG}text")).split())


def test_without_dot_render_writes_an_accessible_svg(no_dot: None) -> None:
    files = render_example(HAVERING, ("structure",), (BHR,))
    assert {"structure.svg", "structure.dot", "structure.mmd"} <= set(files)
    data = files["structure.svg"]
    root = ElementTree.fromstring(data)
    assert root.tag == f"{SVG}svg"
    assert root.get("role") == "img"
    title, desc = root.find(f"{SVG}title"), root.find(f"{SVG}desc")
    assert title is not None and desc is not None
    assert (root.get("aria-labelledby") or "").split() == [title.get("id"), desc.get("id")]
    # accessible names are the partnership's own, not the diagram's internal ids
    assert "Havering Safeguarding Children Partnership" in (title.text or "")
    for name in (
        "London Borough of Havering",
        "Havering Safeguarding Children Partnership meeting reports to BHR tri-borough",
        "Early Help Partnership Board reports to Havering Safeguarding Children Partnership",
    ):
        assert name in (desc.text or ""), name
    for internal in ("structure", "cluster_", "graph0"):
        assert internal not in (title.text or "") + (desc.text or ""), internal
    assert b"cluster_" not in data
    texts = _texts(root)
    for label in ("London Borough of Havering", "Early Help Partnership Board", "Havering"):
        assert label in texts, label
    assert root.get("viewBox") and root.get("width")  # scales down on a small screen
    assert render_example(HAVERING, ("structure",), (BHR,))["structure.svg"] == data


def test_without_dot_the_cli_writes_structure_svg(
    no_dot: None, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "out"
    with pytest.raises(SystemExit) as exc:
        main(
            [
                "render",
                str(HAVERING),
                "--format",
                "structure",
                "--out",
                str(out),
                "--as-of",
                AS_OF.isoformat(),
            ]
        )
    assert exc.value.code in (0, None)
    assert "structure.svg" in capsys.readouterr().out
    ElementTree.parse(out / "structure.svg")


def test_without_dot_hostile_names_stay_text(no_dot: None) -> None:
    texts = iter(HOSTILE * 100)
    arr = inject(load(HAVERING), lambda: next(texts))
    # which hostile text lands in which field follows the model's text fields; the entity text
    # is put in a body's name, which the drawing shows, so the last assertion tests a name
    entity = "&lt;script&gt; &amp;"
    first, *others = arr.organisations
    arr = arr.model_copy(
        update={"organisations": (first.model_copy(update={"name": entity}), *others)}
    )
    svg = render_formats(arr, core_formats(), as_of=AS_OF)["structure.svg"].decode()
    assert live_markup(svg) == []
    root = ElementTree.fromstring(svg)
    title = root.find(f"{SVG}title")
    assert title is not None and arr.name in (title.text or "")  # the name, as text
    assert "&lt;script&gt; &amp;" in _texts(root)  # entities in a name stay literal


def test_layered_svg_snapshot(no_dot: None, snapshot: object) -> None:
    files = render_example(BHR, ("structure",), (HAVERING,))
    assert files["structure.svg"].decode() == snapshot


def test_a_long_reporting_chain_is_drawn_without_recursion() -> None:
    """A chain of groups under the SVG bound (each reports to the next) is laid out in rows
    by depth; the walk that measures depth used to recurse once per group and overflowed
    Python's stack at about a thousand."""
    from safeguarding_partnership.reports.formats.structure import (
        SVG_MOST_ELEMENTS,
        Diagram,
        Edge,
        Node,
        layered_svg,
    )

    n = SVG_MOST_ELEMENTS // 2
    nodes = tuple(Node(f"g{i}", f"Group {i}", "groups") for i in range(n))
    edges = tuple(Edge(f"g{i}", f"g{i + 1}", "reports to") for i in range(n - 1))
    root = ElementTree.fromstring(layered_svg(Diagram("Chain", nodes, edges)))
    assert "Group 0" in _texts(root) and f"Group {n - 1}" in _texts(root)
