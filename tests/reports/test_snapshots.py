"""Snapshot tests of every core format for the Havering and BHR examples, as of a fixed day."""

from __future__ import annotations

from xml.etree import ElementTree

import pytest

from safeguarding_partnership.reports.formats import core_formats

from ._support import BHR, HAVERING, needs_dot, render_example

EXAMPLES = {"havering": (HAVERING, (BHR,)), "bhr": (BHR, (HAVERING,))}
FORMATS = [f.name for f in core_formats()]


def test_core_formats_are_the_five_the_issue_names() -> None:
    assert FORMATS == ["arrangements", "calendar", "findings", "structure", "yearly-report"]


@pytest.mark.parametrize("example", sorted(EXAMPLES))
@pytest.mark.parametrize("fmt", FORMATS)
def test_format_snapshot(example: str, fmt: str, snapshot: object) -> None:
    path, related = EXAMPLES[example]
    files = render_example(path, (fmt,), related)
    # structure.svg embeds the local Graphviz version, so it is checked apart below; a Word
    # document is compared as its paragraphs with their styles
    text = {
        name: _docx_lines(data) if name.endswith(".docx") else data.decode("utf-8")
        for name, data in sorted(files.items())
        if name != "structure.svg"
    }
    assert text == snapshot


def _docx_lines(data: bytes) -> str:
    import io

    from docx import Document

    lines = []
    for paragraph in Document(io.BytesIO(data)).paragraphs:
        style = paragraph.style.name if paragraph.style is not None else ""
        lines.append(f"[{style}] {paragraph.text}")
    return "\n".join(lines) + "\n"


@needs_dot()
def test_structure_svg_is_xml_naming_every_partner() -> None:
    files = render_example(HAVERING, ("structure",), (BHR,))
    root = ElementTree.fromstring(files["structure.svg"])
    texts = " ".join(t.text or "" for t in root.iter("{http://www.w3.org/2000/svg}text"))
    assert "London Borough of Havering" in texts
    assert "BHR tri-borough safeguarding group" in texts


def test_same_input_renders_byte_identical_output() -> None:
    first = render_example(HAVERING, None, (BHR,))
    second = render_example(HAVERING, None, (BHR,))
    assert first == second
    assert set(first) >= {"arrangements.html", "meetings.ics", "structure.dot", "findings.md"}


def test_havering_page_leaves_unknown_facts_out() -> None:
    html = render_example(HAVERING, ("arrangements",))["arrangements.html"].decode()
    assert "not recorded" not in html.lower()  # the public page leaves out what it does not know
    assert ">none<" not in html.lower()
    assert '<html lang="en-GB">' in html
    assert "@media print" in html
    assert 'href="#main"' in html


def test_every_publication_item_is_on_the_findings_page() -> None:
    html = render_example(BHR, ("findings",))["findings.html"].decode()
    for code in [f"PUB-{n:03d}" for n in range(3, 15)]:
        assert code in html, code


def test_yearly_report_has_every_required_section_and_its_findings() -> None:
    # no yearly report recorded: the 12 months to 25 November 2026, a WT2023 period
    md = render_example(HAVERING, ("yearly-report",))["yearly-report.md"].decode()
    for heading in [
        "s.16G(7)(a)",
        "s.16G(7)(b)",
        "REPORT-005",
        "Learning implemented",
        "scrutineer",
        "Sign-off",
    ]:
        assert heading in md, heading
    assert "(i) Evidence" not in md  # WT2018's extra contents are not asked for
    assert "Evidence missing" in md
    assert "no yearly report is recorded" in md  # the REPORT-001 finding passed in
