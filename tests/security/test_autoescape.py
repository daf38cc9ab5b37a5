"""Every template is rendered autoescaped and strict, and only http(s) and mailto URLs become
links in any format."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import jinja2
import pytest
from hypothesis import given
from hypothesis import strategies as st

from safeguarding_partnership.reports.templating import (
    html_environment,
    is_link,
    markdown_environment,
)

SRC = Path(__file__).resolve().parents[2] / "src" / "safeguarding_partnership"
PLUGINS = Path(__file__).resolve().parents[2] / "plugins"
TEMPLATES = SRC / "reports" / "templates"


def test_both_environments_autoescape_and_are_strict() -> None:
    for env in (html_environment(), markdown_environment()):
        assert env.autoescape is True
        assert env.undefined is jinja2.StrictUndefined
        assert env.finalize is not None  # None is shown as "Not recorded", text is escaped


def test_no_other_template_environment_and_no_safe_filter() -> None:
    """The two environments above are the only ones, and no template switches escaping off."""
    makers = []
    for path in [*SRC.rglob("*.py"), *PLUGINS.rglob("src/**/*.py")]:
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Call):
                called = ast.unparse(node.func)
                if called.startswith("jinja2.") or called.endswith(("from_string", "Environment")):
                    makers.append(f"{path.relative_to(path.parents[2])}:{node.lineno}")
    assert makers and all("reports/templating.py" in m for m in makers), makers
    for template in TEMPLATES.iterdir():
        text = template.read_text(encoding="utf-8")
        assert not re.search(r"\|\s*safe\b|autoescape\s+false", text), template.name


@pytest.mark.parametrize(
    "url",
    [
        "javascript:alert(1)",
        "JaVaScRiPt:alert(1)",
        " javascript:alert(1)",
        "data:text/html,<script>alert(1)</script>",
        "vbscript:msgbox(1)",
        "file:///etc/passwd",
        "//evil.example",
        "https://ok.example/\x00",
        "https://ok.example/ two",
        "http:",
    ],
)
def test_unsafe_urls_are_never_links(url: str) -> None:
    assert not is_link(url)
    env = markdown_environment()
    shown = env.from_string("{{ 'x' | md_link(url) }}").render(url=url)
    assert "](" not in shown  # text, not a Markdown link
    html = html_environment().from_string(
        "{% from '_macros.html' import link %}{{ link('x', url) }}"
    )
    try:
        rendered = html.render(url=url)
    except jinja2.TemplateError:
        rendered = ""
    assert "href" not in rendered


@given(st.text(max_size=40))
def test_html_templates_escape_every_value(text: str) -> None:
    import html

    from safeguarding_partnership.model.common import without_controls

    page = html_environment().from_string("<p title='{{ v }}'>{{ v }}</p>").render(v=text)
    inner = page.removeprefix("<p title='").removesuffix("</p>")
    attribute, _, body = inner.partition("'>")
    assert attribute == body
    assert not any(char in body for char in "<>\"'")  # every markup character escaped
    # and nothing else changed, but control characters, which no page may carry (issue 19)
    assert html.unescape(body) == without_controls(text)
