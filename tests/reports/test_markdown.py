"""Markdown escapes only what Markdown needs: ordinary prose stays readable in the raw file,
renders to itself, and markup still cannot get in (see test_hostile for hostile text)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from safeguarding_partnership.model.common import without_controls
from safeguarding_partnership.reports.markdown import escape_markdown

from ._hostile import html_text, markdown_problems
from ._support import BHR, HAVERING, THIN, render_example

PROSE = [
    "Child safeguarding practice reviews: what was done",
    "(i) Evidence of the effect on outcomes (training included)",
    "Barking & Dagenham, Havering and Redbridge",
    "Children's Services; s.16G(7)(a) {draft}",
    "snake_case names and 2024-25 figures: 1.5% more!",
    "a > b, c = d, e - f, g + h, 10. of them",
    "= not an underline, -5 degrees, 1.5 times",
    "https://example.org/path?x=1",
]


@pytest.mark.parametrize("text", PROSE)
def test_prose_is_not_escaped(text: str) -> None:
    assert escape_markdown(text) == text


@pytest.mark.parametrize(
    ("text", "escaped"),
    [
        ("*bold* and **strong**", r"\*bold\* and \*\*strong\*\*"),
        ("_em_ but snake_case", r"\_em\_ but snake_case"),
        ("`code`", r"\`code\`"),
        ("[x](javascript:alert(1))", r"\[x\](javascript:alert(1))"),
        ("<b>bold</b> <https://x.example>", r"\<b>bold\</b> \<https://x.example>"),
        ("a | b", r"a \| b"),
        ("~~gone~~", r"\~\~gone\~\~"),
        ("&lt;script&gt; & more", r"\&lt;script\&gt; & more"),
        ("back\\slash", r"back\\slash"),
        # at the start of a line, block markers
        ("# heading", r"\# heading"),
        ("> quote", r"\> quote"),
        ("- item", r"\- item"),
        ("+ item", r"\+ item"),
        ("===", r"\==="),
        ("---", r"\---"),
        ("2024. A year", r"2024\. A year"),
        ("1) first", r"1\) first"),
        ("one\n# two", "one # two"),  # folded to one line, '#' starts nothing
    ],
)
def test_markup_is_escaped(text: str, escaped: str) -> None:
    assert escape_markdown(text) == escaped


def _render(markdown: str) -> str:
    md = MarkdownIt("commonmark", {"html": True}).enable("table").enable("strikethrough")
    return html_text(md.render(markdown))


@given(st.text(max_size=60))
def test_escaped_text_renders_as_itself(text: str) -> None:
    """In a paragraph, a list item and a table cell, the text comes back as the text."""
    # control characters are replaced by U+FFFD (the hostile-input branch's deliberate change)
    folded = without_controls(" ".join(text.split()))
    escaped = escape_markdown(text)
    for document in (
        f"{escaped}\n",
        f"- {escaped}\n",
        f"**Label:** {escaped}\n",
        f"| a |\n| --- |\n| {escaped} |\n",
    ):
        problems, shown = markdown_problems(document)
        assert problems == [], document
        if folded.strip():
            assert folded in shown, (document, shown)


@pytest.mark.parametrize(("path", "related"), [(HAVERING, (BHR,)), (BHR, (HAVERING,)), (THIN, ())])
def test_rendered_markdown_has_no_stray_backslashes(path: object, related: tuple) -> None:
    files = render_example(path, None, related)  # type: ignore[arg-type]
    for name in ("arrangements.md", "findings.md", "yearly-report.md"):
        text = files[name].decode()
        for needless in ("\\:", "\\(", "\\)", "\\{", "\\.", "\\-", "\\'"):
            assert needless not in text, (name, needless)
        assert "\\" not in _render(text), name
        assert markdown_problems(text)[0] == [], name
