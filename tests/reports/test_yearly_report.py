"""The yearly report skeleton follows the guidance in force for its reporting period, and is
also a Word document whose heading outline is the HTML skeleton's."""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from html.parser import HTMLParser

import pytest

from safeguarding_partnership.model import Arrangement, ReportSection, YearlyReport
from safeguarding_partnership.reports.format import RenderContext
from safeguarding_partnership.reports.formats.yearly_report import build_skeleton, render

from ._support import HAVERING, THIN, load

STATUTE = ["what-was-done", "effectiveness"]
WT2018_ONLY = ["outcomes", "little-progress", "review-recommendations", "feedback"]
WT2023_ONLY = ["learning-implemented", "scrutineer", "sign-off"]

PERIODS = {
    # (period start, period end, day rendered as of)
    "WT2018": (dt.date(2021, 4, 1), dt.date(2022, 3, 31), dt.date(2022, 11, 1)),
    "WT2023": (dt.date(2025, 4, 1), dt.date(2026, 3, 31), dt.date(2026, 11, 25)),
}


def _with_report(period: str, **fields: object) -> tuple[Arrangement, dt.date]:
    start, end, as_of = PERIODS[period]
    report = YearlyReport(period_start=start, period_end=end, **fields)  # type: ignore[arg-type]
    return load(HAVERING).model_copy(update={"yearly_reports": (report,)}), as_of


def _render(arr: Arrangement, as_of: dt.date) -> dict[str, bytes]:
    return {
        name: bytes(data) if isinstance(data, bytes) else data.encode()
        for name, data in render(RenderContext(arr, as_of)).items()
    }


class _Headings(HTMLParser):
    """The h2 and h3 headings inside <main>, as (level - 1, text)."""

    def __init__(self) -> None:
        super().__init__()
        self.inside: int | None = None
        self.main = False
        self.found: list[tuple[int, str]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "main":
            self.main = True
        if self.main and tag in ("h2", "h3"):
            self.inside = int(tag[1]) - 1
            self.text = []

    def handle_endtag(self, tag: str) -> None:
        if tag == "main":
            self.main = False
        if self.inside is not None and tag in ("h2", "h3"):
            self.found.append((self.inside, " ".join("".join(self.text).split())))
            self.inside = None

    def handle_data(self, data: str) -> None:
        if self.inside is not None:
            self.text.append(data)


def _html_outline(html: bytes) -> list[tuple[int, str]]:
    parser = _Headings()
    parser.feed(html.decode())
    return parser.found


def _docx_outline(data: bytes) -> list[tuple[int, str]]:
    from docx import Document

    document = Document(io.BytesIO(data))
    outline = []
    for paragraph in document.paragraphs:
        style = paragraph.style.name if paragraph.style is not None else ""
        match = re.fullmatch(r"Heading (\d)", style)
        if match:
            outline.append((int(match.group(1)), paragraph.text))
    return outline


def _docx_text(data: bytes) -> str:
    from docx import Document

    return "\n".join(p.text for p in Document(io.BytesIO(data)).paragraphs)


def test_wt2023_period_has_the_wt2023_contents_and_no_wt2018_section() -> None:
    arr, as_of = _with_report("WT2023")
    skeleton = build_skeleton(arr, as_of)
    assert [s.anchor for s in skeleton.sections] == [
        *STATUTE,
        "practice-reviews",
        *WT2023_ONLY,
    ]
    files = _render(arr, as_of)
    for name in ("yearly-report.html", "yearly-report.md", "yearly-report.docx"):
        text = _docx_text(files[name]) if name.endswith(".docx") else files[name].decode()
        assert "Working Together 2018" not in text, name
        assert "WT2018" not in text, name
        for heading in ("(i) Evidence", "(ii) Priorities", "(iii) Decisions", "(iv) How"):
            assert heading not in text, (name, heading)
        assert "Working Together 2023 ch.2" in text, name
    # every section says what requires it: the Act, or the edition in force for the period
    sources = {s.anchor: s.source for s in skeleton.sections}
    assert sources["what-was-done"] == "Children Act 2004 s.16G(7)(a)"
    assert all(sources[a] == "Working Together 2023 ch.2" for a in WT2023_ONLY)


def test_wt2018_period_has_the_wt2018_contents_and_no_wt2023_section() -> None:
    arr, as_of = _with_report("WT2018")
    skeleton = build_skeleton(arr, as_of)
    assert [s.anchor for s in skeleton.sections] == [
        *STATUTE,
        "practice-reviews",
        *WT2018_ONLY,
    ]
    text = _render(arr, as_of)["yearly-report.html"].decode()
    assert "Working Together 2023" not in text
    assert "Working Together 2018 ch.3" in text
    assert "(iv) How feedback from children and families was sought and used" in text


def test_no_recorded_report_uses_the_twelve_months_to_the_day_and_their_edition() -> None:
    arr = load(HAVERING)  # no yearly report recorded; 12 months to 25 November 2026
    skeleton = build_skeleton(arr, dt.date(2026, 11, 25))
    assert skeleton.edition == "WT2023"
    assert "outcomes" not in [s.anchor for s in skeleton.sections]


@pytest.mark.parametrize("period", sorted(PERIODS))
def test_docx_outline_is_the_html_outline(period: str) -> None:
    arr, as_of = _with_report(period)
    files = _render(arr, as_of)
    html = _html_outline(files["yearly-report.html"])
    docx = _docx_outline(files["yearly-report.docx"])
    assert docx == html
    skeleton = build_skeleton(arr, as_of)
    level_one = [text for level, text in docx if level == 1]
    assert level_one == [
        "About this report",
        *[s.heading for s in skeleton.sections],
        "Findings on the yearly report",
    ]


def test_docx_fills_in_what_the_file_knows_and_marks_what_is_missing() -> None:
    arr, as_of = _with_report(
        "WT2023",
        sections=(ReportSection.WHAT_WAS_DONE, ReportSection.EFFECTIVENESS),
        scrutineer_contribution=True,
    )
    text = _docx_text(_render(arr, as_of)["yearly-report.docx"])
    assert "Priority: Safety of teenagers." in text  # a fact from the file
    assert "Havering Safeguarding Children Partnership: yearly report" in text
    assert "1 April 2025 to 31 March 2026" in text
    # what the report has is marked as such; what it still needs is marked for the author
    what = _section_text(text, "What the safeguarding partners and relevant agencies")
    assert "Included in the report" in what and "Evidence still needed" not in what
    sign_off = _section_text(text, "Sign-off by the lead safeguarding partners")
    assert "Evidence still needed" in sign_off
    assert "signed_off_by" in sign_off  # says what to record in the file


def _section_text(text: str, heading_start: str) -> str:
    start = text.index(heading_start)
    rest = text[start + len(heading_start) :]
    nxt = [rest.find(h) for h in ("\nSign-off", "\nLearning", "\nHow effective", "\nFindings")]
    ends = [n for n in nxt if n > 0]
    return rest[: min(ends)] if ends else rest


def test_thin_file_report_marks_every_section_as_needing_evidence() -> None:
    arr = load(THIN)
    files = _render(arr, dt.date(2026, 11, 25))
    text = _docx_text(files["yearly-report.docx"])
    skeleton = build_skeleton(arr, dt.date(2026, 11, 25))
    assert text.count("Evidence still needed") == len(skeleton.sections)


def test_docx_is_byte_identical_and_dated_from_the_report() -> None:
    arr, as_of = _with_report("WT2023")
    first = _render(arr, as_of)["yearly-report.docx"]
    second = _render(arr, as_of)["yearly-report.docx"]
    assert first == second
    with zipfile.ZipFile(io.BytesIO(first)) as archive:
        stamps = {info.date_time for info in archive.infolist()}
    assert stamps == {(2026, 11, 25, 0, 0, 0)}  # the day rendered as of, not the clock
    from docx import Document

    props = Document(io.BytesIO(first)).core_properties
    day = dt.datetime(2026, 11, 25, tzinfo=dt.UTC)
    assert (props.created, props.modified) == (day, day)
    assert props.title == "Havering Safeguarding Children Partnership: yearly report"
