"""The published pages in headless Chromium: axe-core finds no WCAG 2.2 AA violation, and
hostile text stays text. Screenshots go to tests/artifacts/ (gitignored) for review."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from ._support import AS_OF, BHR, HAVERING, render_example

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
        assert "<script>alert(1)</script>" in page.inner_text("body"), name  # shown as text
    assert dialogs == []
