"""A plugin format's pages are checked like untrusted output (issue 19, reproduction 10).

The core's pages carry no live markup because every template autoescapes; a plugin's format
may write any bytes. Before ``render`` writes anything, each HTML or SVG file a plugin format
returns is read for scripts, event handlers and links that are not ``http(s)``, ``mailto``
or relative; one that has any is refused, naming the plugin, the format, the file and what
was found; the command exits with status 3 and writes nothing. The core's own pages and the
havering and bhr plugins' pass the same reading.
"""

from __future__ import annotations

import pytest

from reports._support import AS_OF, BHR, HAVERING, load, render_example
from safeguarding_partnership.errors import ExitCode, PluginHookError
from safeguarding_partnership.model import Arrangement
from safeguarding_partnership.plugins.manager import get_plugins
from safeguarding_partnership.reports.format import ReportFormat
from safeguarding_partnership.reports.live import is_markup, live_markup
from safeguarding_partnership.reports.render import render_formats

LIVE = {
    "script": ("page.html", "<p>Hi</p><script>alert(1)</script>"),
    "script in upper case": ("page.HTML", "<SCRIPT SRC=//evil.example/x.js></SCRIPT>"),
    "event handler": ("page.html", '<img src="x.png" onerror="alert(1)">'),
    "javascript link": ("page.htm", '<a href="javascript:alert(1)">x</a>'),
    "javascript link with a tab": ("page.html", '<a href="java&#9;script:alert(1)">x</a>'),
    "data link": ("page.html", '<a href="data:text/html,&lt;script&gt;">x</a>'),
    "iframe": ("page.html", '<iframe src="https://evil.example"></iframe>'),
    "meta refresh": (
        "page.html",
        '<meta http-equiv="refresh" content="0;url=https://evil.example">',
    ),
    "svg script": (
        "picture.svg",
        '<svg xmlns="http://www.w3.org/2000/svg"><script>1</script></svg>',
    ),
    "svg animate to javascript": (
        "picture.svg",
        '<svg><a><animate attributeName="href" values="javascript:alert(1)"/></a></svg>',
    ),
    "style with code": ("page.html", '<p style="background:url(javascript:alert(1))">x</p>'),
    "script the parser reads as text": ("page.html", "<title><script>alert(1)</script></title>"),
}

CLEAN = (
    '<!doctype html><html lang="en"><head><title>T</title>'
    '<link rel="stylesheet" href="style.css"></head><body>'
    '<a href="findings.html#f1">findings</a> <a href="../bhr/index.html">bhr</a> '
    '<a href="https://example.org/a?b=c">site</a> <a href="mailto:x@example.org">mail</a> '
    '<a href="#top">top</a> <img src="logo.png" alt="logo"> '
    "<p>on=1 onerror= javascript: written as text: &lt;script&gt;</p></body></html>"
)


def _format(name: str, content: str) -> ReportFormat:
    return ReportFormat(
        "hostile-page", "Hostile page", lambda ctx: {name: content}, provider="hostile"
    )


def _arrangement() -> Arrangement:
    return Arrangement.model_validate({"id": "x", "name": "X", "areas": [{"code": "E09000016"}]})


@pytest.mark.parametrize("case", sorted(LIVE))
def test_live_markup_from_a_plugin_format_is_refused(case: str) -> None:
    name, content = LIVE[case]
    with pytest.raises(PluginHookError) as info:
        render_formats(_arrangement(), [_format(name, content)], as_of=AS_OF)
    error = info.value
    assert (error.plugin, error.hook) == ("hostile", "render of format 'hostile-page'")
    assert name in str(error) and "live markup" in str(error)
    assert error.exit_code == ExitCode.INCOMPLETE


def test_a_clean_page_from_a_plugin_format_is_written_as_it_is() -> None:
    files = render_formats(_arrangement(), [_format("page.html", CLEAN)], as_of=AS_OF)
    assert files == {"page.html": CLEAN.encode()}


def test_a_plugin_formats_other_files_are_not_read_as_pages() -> None:
    text = "<script>alert(1)</script> is how a page would run code"
    files = render_formats(_arrangement(), [_format("notes.md", text)], as_of=AS_OF)
    assert files == {"notes.md": text.encode()}
    assert not is_markup("notes.md") and is_markup("A.SVG")


def test_the_core_and_the_example_plugins_pages_pass_the_same_reading() -> None:
    pages = render_example(HAVERING, None, (BHR,))
    facade = get_plugins(["havering", "bhr"])
    plugin_formats = [f for f in facade.report_formats() if f.provider != "core"]
    assert plugin_formats
    pages.update(render_formats(load(HAVERING), plugin_formats, as_of=AS_OF))
    marked = [name for name in pages if is_markup(name)]
    assert {"arrangements.html", "findings.html"} <= set(marked)
    for name in marked:
        assert live_markup(pages[name].decode()) == [], name


def test_render_refuses_a_plugin_page_with_a_script_and_writes_nothing(tmp_path: object) -> None:
    from pathlib import Path

    from safeguarding_partnership.cli import main

    assert isinstance(tmp_path, Path)
    plugin = tmp_path / "hostile.py"
    plugin.write_text(
        "from safeguarding_partnership import hookimpl\n"
        "from safeguarding_partnership.reports.format import ReportFormat\n\n\n"
        "@hookimpl\n"
        "def register_report_formats():\n"
        "    return [ReportFormat(name='hostile-page', title='Hostile',\n"
        "        render=lambda ctx: {'page.html': '<script>alert(1)</script>'})]\n",
        encoding="utf-8",
    )
    path = tmp_path / "x.yaml"
    path.write_text("id: x\nname: X\nareas: [{code: E09000016}]\n", encoding="utf-8")
    out = tmp_path / "out"
    args = ["render", str(path), "--format", "all", "--out", str(out), "--plugin", str(plugin)]
    with pytest.raises(SystemExit) as info:
        main([*args, "--as-of", "2024-06-01"])
    assert info.value.code == ExitCode.INCOMPLETE
    assert not out.exists()
