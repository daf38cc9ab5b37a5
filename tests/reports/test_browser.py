"""The published pages in headless Chromium: axe-core finds no WCAG 2.2 AA violation, and
hostile text stays text. Screenshots go to tests/artifacts/ (gitignored) for review."""

from __future__ import annotations

import html
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from ._support import AS_OF, BHR, HAVERING, THIN, render_example

CHROMIUM = Path("/usr/bin/chromium")
ARTIFACTS = Path(__file__).resolve().parents[1] / "artifacts"
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
AXE_OPTIONS = {
    "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]}
}

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    if not CHROMIUM.exists():
        if os.environ.get("CI"):
            pytest.fail(f"{CHROMIUM} is missing; the accessibility check must run in CI")
        pytest.skip(f"{CHROMIUM} is not installed")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        try:
            yield chromium
        finally:
            chromium.close()


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    # no network: every request other than the page itself is refused
    context.route(
        "**/*",
        lambda route: (
            route.abort()
            if not route.request.url.startswith(("file:", "data:", "about:"))
            else route.continue_()
        ),
    )
    page = context.new_page()
    try:
        yield page
    finally:
        context.close()


@pytest.mark.parametrize(
    ("fmt", "file"),
    [
        ("arrangements", "arrangements.html"),
        ("findings", "findings.html"),
        ("yearly-report", "yearly-report.html"),
    ],
)
def test_page_has_no_wcag_violations(page: Any, tmp_path: Path, fmt: str, file: str) -> None:
    from axe_playwright_python.sync_playwright import Axe

    html = render_example(HAVERING, (fmt,), (BHR,))[file]
    path = tmp_path / file
    path.write_bytes(html)
    page.goto(path.as_uri())
    results = Axe().run(page, options=AXE_OPTIONS)
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"havering-{fmt}.png"), full_page=True)
    assert results.violations_count == 0, results.generate_report()
    assert page.evaluate("document.documentElement.lang") == "en-GB"
    # the skip link is the first thing a keyboard reaches, and it becomes visible
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.getAttribute('href')")
    assert focused == "#main"
    box = page.evaluate("document.activeElement.getBoundingClientRect().left")
    assert box >= 0


EXAMPLES = {"havering": (HAVERING, (BHR,)), "bhr": (BHR, (HAVERING,)), "thin": (THIN, ())}
PAGES = {
    "arrangements": "arrangements.html",
    "fragment": "arrangements.html",
    "findings": "findings.html",
    "yearly-report": "yearly-report.html",
}
WIDTHS = (320, 768, 1280)


def _embedded(fragment: str) -> str:
    """A council's page, as small as can be, with the fragment in its main content."""
    return (
        '<!DOCTYPE html>\n<html lang="en-GB">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        "<title>Safeguarding children: our council</title>\n</head>\n<body>\n"
        f"<main>\n{fragment}</main>\n</body>\n</html>\n"
    )


@pytest.mark.parametrize("example", sorted(EXAMPLES))
@pytest.mark.parametrize("kind", sorted(PAGES))
def test_every_page_is_accessible_and_reflows(
    page: Any, tmp_path: Path, example: str, kind: str
) -> None:
    """0 axe violations, and no sideways scrolling at 320, 768 and 1280 CSS px (WCAG 1.4.10)."""
    from axe_playwright_python.sync_playwright import Axe

    from safeguarding_partnership.reports.format import RenderOptions
    from safeguarding_partnership.reports.formats import core_formats
    from safeguarding_partnership.reports.render import render_formats

    from ._support import FIXED_RULES

    path, related = EXAMPLES[example]
    fmt = "arrangements" if kind == "fragment" else kind
    if kind == "fragment":
        from safeguarding_partnership.pipeline import check_path

        (result,) = check_path(path, as_of=AS_OF, rules=FIXED_RULES).results
        formats = [f for f in core_formats() if f.name == fmt]
        files = render_formats(
            result.arrangement, formats, as_of=AS_OF, options=RenderOptions(fragment=True)
        )
        html = _embedded(files[PAGES[kind]].decode()).encode()
    else:
        html = render_example(path, (fmt,), related)[PAGES[kind]]
    file = tmp_path / f"{example}-{kind}.html"
    file.write_bytes(html)
    page.goto(file.as_uri())
    results = Axe().run(page, options=AXE_OPTIONS)
    assert results.violations_count == 0, results.generate_report()
    ARTIFACTS.mkdir(exist_ok=True)
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 900})
        scroll = page.evaluate("document.documentElement.scrollWidth")
        inner = page.evaluate("window.innerWidth")
        assert scroll <= inner, (width, scroll)
        if width == 320:
            page.screenshot(path=str(ARTIFACTS / f"{example}-{kind}-320.png"), full_page=True)


def test_hostile_text_runs_no_script_in_the_browser(page: Any, tmp_path: Path) -> None:
    from safeguarding_partnership.reports.formats import core_formats
    from safeguarding_partnership.reports.render import render_formats

    from ._hostile import HOSTILE, inject
    from ._support import load

    arr = load(HAVERING)
    texts = iter(HOSTILE * 100)
    hostile = inject(arr, lambda: next(texts))
    files = render_formats(hostile, core_formats(), as_of=AS_OF)
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    for name in ("arrangements.html", "findings.html", "yearly-report.html"):
        path = tmp_path / name
        path.write_bytes(files[name])
        page.goto(path.as_uri())
        assert page.evaluate("document.scripts.length") == 0, name
        assert (
            page.evaluate(
                "[...document.querySelectorAll('*')].some(e => [...e.attributes].some("
                "a => a.name.startsWith('on')))"
            )
            is False
        ), name
        hrefs = page.evaluate("[...document.links].map(a => a.protocol)")
        assert set(hrefs) <= {"http:", "https:", "mailto:", "file:"}, name
        # markup in the file is shown as text: every hostile string the page carries (escaped)
        # is shown verbatim, and every escaped "<" is shown as a "<" (a reference
        # ``home:local`` is shown as its two parts, so a string may also be carried in parts)
        raw = files[name].decode("utf-8")
        shown = page.inner_text("body")
        carried = [
            h
            for h in HOSTILE
            if "\n" not in h and (html.escape(h) in raw or html.escape(h, quote=False) in raw)
        ]
        assert [h for h in carried if h not in shown] == [], name
        assert shown.count("<") >= raw.count("&lt;"), name
        if name == "arrangements.html":  # the page that shows most fields carries some
            assert carried, name
    assert dialogs == []
