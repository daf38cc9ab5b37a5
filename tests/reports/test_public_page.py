"""The arrangements page speaks to the public: no rule codes, no compliance table, nothing
shown as "not recorded", links named by their subject; it can be a fragment to embed, or be
drawn from the user's own templates. The compliance view is on the findings page."""

from __future__ import annotations

import json
import re
from pathlib import Path

import jsonschema
import pytest

from safeguarding_partnership.reports.format import RenderOptions
from safeguarding_partnership.reports.formats import core_formats
from safeguarding_partnership.reports.render import render_formats

from ._hostile import HOSTILE, inject
from ._support import AS_OF, BHR, HAVERING, THIN, load, render_example

RULE_CODE = re.compile(r"\b[A-Z]+-\d{3}\b")
NOT_RECORDED = re.compile(r"not\s+recorded", re.IGNORECASE)
PUBLIC = ("arrangements.html", "arrangements.md", "arrangements.json")
SCHEMA_PATH = (
    Path(__file__).resolve().parents[2]
    / "src/safeguarding_partnership/reports/schemas/arrangements-document.schema.json"
)


def _hostile() -> dict[str, bytes]:
    texts = iter(HOSTILE * 100)
    arr = inject(load(HAVERING), lambda: next(texts))
    return render_formats(arr, core_formats(), as_of=AS_OF)


def _pages() -> dict[str, dict[str, bytes]]:
    return {
        "havering": render_example(HAVERING, ("arrangements",), (BHR,)),
        "bhr": render_example(BHR, ("arrangements",), (HAVERING,)),
        "thin": render_example(THIN, ("arrangements",)),
        "hostile": _hostile(),
    }


@pytest.fixture(scope="module")
def pages() -> dict[str, dict[str, bytes]]:
    return _pages()


@pytest.mark.parametrize("example", ["havering", "bhr", "thin", "hostile"])
@pytest.mark.parametrize("name", PUBLIC)
def test_public_page_has_no_rule_code_and_nothing_not_recorded(
    pages: dict[str, dict[str, bytes]], example: str, name: str
) -> None:
    text = pages[example][name].decode()
    assert RULE_CODE.findall(text) == [], (example, name)
    assert NOT_RECORDED.findall(text) == [], (example, name)


@pytest.mark.parametrize("example", ["havering", "bhr", "thin"])
def test_public_page_links_are_named_by_their_subject(
    pages: dict[str, dict[str, bytes]], example: str
) -> None:
    html = pages[example]["arrangements.html"].decode()
    md = pages[example]["arrangements.md"].decode()
    links = re.findall(r"<a [^>]*href=\"([^\"]+)\"[^>]*>(.*?)</a>", html, re.DOTALL)
    assert links or example == "thin"
    for href, text in links:
        assert not re.match(r"\s*(https?://|mailto:|www\.)", text), (href, text)
    for text in re.findall(r"\[([^\]]*)\]\(<?(?:https?|mailto):", md):
        assert not re.match(r"\s*(https?://|mailto:|www\.)", text), text


def test_public_page_has_no_compliance_table(pages: dict[str, dict[str, bytes]]) -> None:
    html = pages["bhr"]["arrangements.html"].decode()
    assert "Items the published arrangements should set out" not in html
    assert "Not set out" not in html
    assert "<table" not in html  # people and groups are lists, which reflow on a phone


def test_public_page_says_what_the_file_records_in_plain_english(
    pages: dict[str, dict[str, bytes]],
) -> None:
    html = pages["havering"]["arrangements.html"].decode()
    for fact in (
        "London Borough of Havering",
        "Commissioner of Police of the Metropolis",
        "Havering Safeguarding Children Partnership meeting",
        "Safety of teenagers",
        "independent",
    ):
        assert fact in html, fact
    # the published arrangements are a link named by what they are
    assert re.search(r'<a href="https://safeguardinghavering[^"]*">[^<]*arrangements', html)
    thin = pages["thin"]["arrangements.html"].decode()
    assert "Rutland County Council" in thin
    # sections the thin file says nothing about are left out, in the contents list too
    for absent in ("Independent scrutiny", "Groups", "Funding", "Yearly reports"):
        assert absent not in thin, absent


def test_unknown_sections_are_left_out_of_the_markdown_too(
    pages: dict[str, dict[str, bytes]],
) -> None:
    thin = pages["thin"]["arrangements.md"].decode()
    headings = re.findall(r"^## (.*)$", thin, re.MULTILINE)
    assert headings == [
        "About these arrangements",
        "Who the safeguarding partners are",
        "The area covered",
    ]


@pytest.mark.parametrize("example", ["havering", "bhr", "thin"])
def test_arrangements_json_is_public_and_valid(
    pages: dict[str, dict[str, bytes]], example: str
) -> None:
    data = json.loads(pages[example]["arrangements.json"])
    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator(schema).validate(data)
    assert data["document_version"] == 2
    assert all("rule" not in item for item in data["contents"])


def test_findings_page_carries_the_compliance_view() -> None:
    html = render_example(BHR, ("findings",))["findings.html"].decode()
    assert "What the published arrangements set out" in html
    for code in [f"PUB-{n:03d}" for n in range(3, 15)]:
        assert code in html, code
    md = render_example(BHR, ("findings",))["findings.md"].decode()
    assert "What the published arrangements set out" in md
    assert "PUB-014" in md


@pytest.mark.parametrize("example", [HAVERING, THIN], ids=["havering", "thin"])
def test_fragment_is_the_page_without_its_shell(example: Path) -> None:
    arr = load(example)
    whole = render_formats(arr, core_formats(), as_of=AS_OF)
    part = render_formats(arr, core_formats(), as_of=AS_OF, options=RenderOptions(fragment=True))
    for name in ("arrangements.html", "findings.html", "yearly-report.html"):
        page = whole[name].decode()
        fragment = part[name].decode()
        assert "<html" in page and "<body" in page
        shell = re.findall(r"<(!doctype|html|head|body|main|title)\b", fragment, re.I)
        assert shell == [], name
        # its styles, if any, apply only inside it
        for css in re.findall(r"<style>(.*?)</style>", fragment, re.DOTALL):
            rules = re.sub(r"@media[^{]*\{", "", css)
            selectors = [s.strip() for s in re.findall(r"([^{}]+)\{", rules)]
            assert selectors, name
            for selector in selectors:
                assert all(p.strip().startswith(".sp-page") for p in selector.split(",")), selector
        assert fragment.lstrip().startswith("<article")
        h1 = re.search(r"<h1[^>]*>.*?</h1>", page, re.DOTALL)
        assert h1 is not None and h1.group(0) in fragment
    assert part["arrangements.md"] == whole["arrangements.md"]  # Markdown has no shell


def test_template_dir_overrides_templates_by_name(tmp_path: Path) -> None:
    (tmp_path / "_style.css").write_text("body { color: #123456; }\n", encoding="utf-8")
    (tmp_path / "arrangements.md").write_text(
        "{% extends 'default/arrangements.md' %}{% block intro %}Our own words.\n{% endblock %}",
        encoding="utf-8",
    )
    arr = load(HAVERING)
    files = render_formats(
        arr, core_formats(), as_of=AS_OF, options=RenderOptions(template_dir=tmp_path)
    )
    html = files["arrangements.html"].decode()
    assert "#123456" in html and "#1d70b8" not in html  # our stylesheet replaced theirs
    assert "#123456" in files["findings.html"].decode()  # for every page
    md = files["arrangements.md"].decode()
    assert "Our own words." in md
    assert "London Borough of Havering" in md  # the rest is the default template's
    default = render_formats(arr, core_formats(), as_of=AS_OF)
    assert "#1d70b8" in default["arrangements.html"].decode()
    assert "Our own words." not in default["arrangements.md"].decode()


def test_the_publish_how_to_template_example_works(tmp_path: Path) -> None:
    doc = (Path(__file__).resolve().parents[2] / "docs/how-to/publish.md").read_text()
    match = re.search(r"```html\n(.*?)```", doc, re.DOTALL)
    assert match is not None
    (tmp_path / "arrangements.html").write_text(match.group(1), encoding="utf-8")
    (tmp_path / "_fragment.css").write_text("", encoding="utf-8")
    files = render_formats(
        load(HAVERING),
        core_formats(),
        as_of=AS_OF,
        options=RenderOptions(template_dir=tmp_path, fragment=True),
    )
    page = files["arrangements.html"].decode()
    assert "Everyone in Havering has a part to play" in page
    assert "London Borough of Havering" in page  # the rest is the packaged page
    assert "law asks three safeguarding partners" not in page  # the block was replaced
    assert "<style" not in page  # an empty _fragment.css leaves the styles out
