"""Hostile text in every text field: no rendered format carries live markup."""

from __future__ import annotations

import io
import re
import shutil
from functools import cache

from docx import Document
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from icalendar import Calendar

from safeguarding_partnership.model import Arrangement, OtherMember, Post, RelevantAgency
from safeguarding_partnership.model.common import without_controls
from safeguarding_partnership.plugins.manager import get_plugins
from safeguarding_partnership.reports.format import ReportFormat
from safeguarding_partnership.reports.markdown import escape_markdown
from safeguarding_partnership.reports.render import render_formats

from ._hostile import HOSTILE, html_text, inject, live_markup, markdown_problems
from ._support import AS_OF, FIXED_RULES, HAVERING

hostile_text = st.lists(
    st.sampled_from(HOSTILE) | st.text(min_size=1, max_size=8), min_size=1, max_size=3
).map(" ".join)


@cache
def _base() -> Arrangement:
    from safeguarding_partnership.pipeline import check_path

    arr = check_path(HAVERING, as_of=AS_OF, rules=FIXED_RULES).results[0].arrangement
    extra = Post(title="t", name="n", organisation="havering-council")
    return arr.model_copy(
        update={
            "relevant_agencies": (
                RelevantAgency(name="n", category="c", reason="r", collaboration="c"),
            ),
            "other_members": (OtherMember(title="t", post=extra),),
            "purposes": ("p",),
        }
    )


@cache
def _formats() -> tuple[ReportFormat, ...]:
    return get_plugins(["havering", "bhr"]).report_formats()


def _folded(text: str) -> str:
    return " ".join(text.split())


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_no_format_carries_live_markup(data: st.DataObject) -> None:
    arr = inject(_base(), lambda: data.draw(hostile_text))
    files = render_formats(arr, _formats(), as_of=AS_OF)
    core = {f"{n}" for f in _formats() if f.provider == "core" for n in (f.name,)}
    assert core == {"arrangements", "calendar", "findings", "structure", "yearly-report"}
    for name, raw in files.items():
        if name.endswith(".docx"):
            continue  # a zip of XML, opened below
        text = raw.decode("utf-8")
        if name.endswith((".html", ".svg")):
            assert live_markup(text) == [], name
    # the Word document opens, and hostile text is its text (control characters dropped)
    word = Document(io.BytesIO(files["yearly-report.docx"]))
    kept = "".join(c for c in arr.name if c >= " " or c in "\t\n")
    assert _folded(word.paragraphs[0].text) == _folded(kept + ": yearly report")
    page = files["arrangements.html"].decode()
    assert _folded(arr.name) in html_text(page)  # shown as text, not dropped
    for name in ("arrangements.md", "findings.md", "yearly-report.md"):
        problems, shown = markdown_problems(files[name].decode())
        assert problems == [], name
        # every Markdown control character came out literal; other control characters
        # (ESC, NUL, C1) as U+FFFD, which no page may carry (issue 19)
        assert without_controls(_folded(arr.name)) in shown, name
    for name in ("havering-quarterly.md", "bhr-summary.md"):  # plugin formats too
        problems, _shown = markdown_problems(files[name].decode())
        assert problems == [], name
    if shutil.which("dot"):
        assert "structure.svg" in files  # the DOT with hostile labels was valid
    label = re.compile(r'"[^"]*"')
    for line in files["structure.mmd"].decode().splitlines()[4:]:
        rest = label.sub("", line)
        assert re.fullmatch(r"\s*(subgraph \w+\[\]|\w+\[\]|end|\w+ -->\|\| \w+)", rest), line
    calendar = Calendar.from_ical(files["meetings.ics"])
    summaries = {str(e["SUMMARY"]) for e in calendar.walk("VEVENT")}
    assert summaries <= {_folded(g.name) for g in arr.groups or ()}


def test_escape_markdown_escapes_each_control_character() -> None:
    # only what Markdown reads as markup: the issue calls the old escaping of ':' and '(' a bug
    assert escape_markdown("[x](javascript:alert(1))") == r"\[x\](javascript:alert(1))"
    assert escape_markdown("a | b") == r"a \| b"
    assert escape_markdown("*b* `c` <s>") == r"\*b\* \`c\` \<s>"
    assert escape_markdown("one\n# two") == r"one # two"
    assert escape_markdown("# one") == r"\# one"
