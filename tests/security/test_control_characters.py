"""Control characters: refused in the file, and never in a public output or on a terminal.

A name with ESC or OSC sequences could clear a terminal, set its title or plant a link; NUL,
C1 controls and the noncharacters U+FFFE and U+FFFF break HTML, Markdown and iCalendar
(RFC 5545). Text fields accept tab and line breaks only: anything else is a located load
error. Text that reaches an output by another way (a plugin's records, a file name, a
message) is made harmless there: replaced in public outputs, shown escaped on a terminal.
"""

from __future__ import annotations

import datetime as dt
import re
from functools import cache
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from icalendar import Calendar

from adversarial._run import run_cli
from reports._hostile import CONTROLS, FORBIDDEN, HOSTILE, inject
from reports._support import readable
from safeguarding_partnership.errors import ArrangementsFileError, Location, Problem
from safeguarding_partnership.findings import Citation, Finding, Severity
from safeguarding_partnership.model import Arrangement, Waiver
from safeguarding_partnership.output.text import render_check
from safeguarding_partnership.pipeline import CheckRun, check_path
from safeguarding_partnership.plugins.manager import get_plugins
from safeguarding_partnership.reports.format import ReportFormat
from safeguarding_partnership.reports.render import render_formats
from safeguarding_partnership.rules.engine import WaiverUse

ROOT = Path(__file__).resolve().parents[2]
HAVERING = ROOT / "examples" / "havering" / "havering.yaml"
AS_OF = dt.date(2024, 6, 1)
HEAD = "id: t\nname: n\nareas: [{code: E09000016}]\n"

hostile = st.lists(
    st.sampled_from(CONTROLS) | st.sampled_from(HOSTILE) | st.text(min_size=1, max_size=6),
    min_size=1,
    max_size=3,
).map(" ".join)


@pytest.mark.parametrize(
    ("name", "text", "field", "where"),
    [
        ("esc.yaml", HEAD + 'purposes: ["a\\e[2Jb"]\n', "purposes[0]", (4, 12)),
        ("nul.yaml", HEAD + 'priorities: ["\\0"]\n', "priorities[0]", (4, 14)),
        ("c1.yaml", HEAD + 'also_covers: ["\\x9b1m"]\n', "also_covers[0]", (4, 15)),
        ("nonchar.yaml", 'id: t\nname: "a\\uFFFEb"\nareas: [{code: E09000016}]\n', "name", (2, 7)),
        ("bidi-override.yaml", HEAD + 'purposes: ["a\\u202Eb"]\n', "purposes[0]", (4, 12)),
        ("bidi-isolate.yaml", HEAD + 'priorities: ["\\u2066x\\u2069"]\n', "priorities[0]", (4, 14)),
        (
            "osc.json",
            '{"id": "t", "name": "\\u001b]0;x\\u0007", "areas": [{"code": "E09000016"}]}',
            "name",
            (1, 21),
        ),
        (
            "surrogate.json",
            '{"id": "t", "name": "\\ud800", "areas": [{"code": "E09000016"}]}',
            "name",
            (1, 21),
        ),
        (
            "cr.toml",
            'id = "t"\nname = "a\\rb"\nareas = [{code = "E09000016"}]\n',
            "name",
            (2, None),
        ),
        ("url.yaml", HEAD + 'published_url: "https://x.org/\\e]8;;"\n', "published_url", (4, 16)),
        (
            "reason.yaml",
            HEAD + 'rules: {ignore: [{rule: PUB-001, reason: "a\\x07"}]}\n',
            "rules.ignore[0].reason",
            (4, 42),
        ),
    ],
)
def test_a_control_character_in_the_file_is_a_located_error(
    tmp_path: Path, name: str, text: str, field: str, where: tuple[int, int | None]
) -> None:
    from safeguarding_partnership.io.load import load_path

    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ArrangementsFileError) as info:
        load_path(path)
    [problem] = [p for p in info.value.problems if p.path == field]
    assert "control character" in problem.message or (
        name == "surrogate.json"
        and "unable to parse raw data as a unicode string" in problem.message
    )
    assert (problem.location.line, problem.location.column) == where


def test_tab_and_line_breaks_are_text(tmp_path: Path) -> None:
    from safeguarding_partnership.io.load import load_path

    path = tmp_path / "a.yaml"
    path.write_text(HEAD + 'purposes: ["one\\ttwo\\nthree"]\n', encoding="utf-8")
    assert load_path(path)[0].arrangement.purposes == ("one\ttwo\nthree",)


@cache
def _base() -> Arrangement:
    """The Havering example with a meeting day recorded for each group (the calendar lists
    only recorded days), so that the calendar's events carry the hostile text too."""
    arr = check_path(HAVERING, as_of=AS_OF).results[0].arrangement
    groups = tuple(g.model_copy(update={"meetings": (AS_OF,)}) for g in arr.groups or ())
    return arr.model_copy(update={"groups": groups})


@cache
def _formats() -> tuple[ReportFormat, ...]:
    return get_plugins(["havering", "bhr"]).report_formats()


def _public_output_problems(name: str, data: bytes) -> list[str]:
    text = readable(name, data).decode("utf-8")  # a lone surrogate cannot even be encoded
    if name.endswith(".ics"):
        assert "\r" not in text.replace("\r\n", ""), "a bare CR in iCalendar"
        assert "\n" not in text.replace("\r\n", ""), "a bare LF in iCalendar"
        text = text.replace("\r\n", "\n")
    return [f"{name}: {m.group()!r}" for m in FORBIDDEN.finditer(text)]


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_no_control_character_in_any_public_output(data: st.DataObject) -> None:
    arr = inject(_base(), lambda: data.draw(hostile))
    finding = Finding("LEAK-001", Severity.INFO, data.draw(hostile), path="groups")
    files = render_formats(arr, _formats(), as_of=AS_OF, findings=[finding])
    public = {n for f in _formats() if f.public for n in render_formats(_base(), [f], as_of=AS_OF)}
    assert {"arrangements.html", "arrangements.md", "meetings.ics"} <= public
    problems = [p for name in sorted(public) for p in _public_output_problems(name, files[name])]
    assert problems == []
    calendar = Calendar.from_ical(files["meetings.ics"])  # still RFC 5545: it parses
    assert calendar.walk("VEVENT")


def _hostile_run(draw: Any, *, undecodable: bool = True) -> CheckRun:
    def file() -> str:  # a path holds any byte but NUL; a byte not UTF-8 decodes to \udc80-ff
        name = str(draw()).replace("\x00", "")
        return re.sub("[\ud800-\udfff]", "\udcff" if undecodable else "", name) or "x"

    run = check_path(HAVERING, as_of=AS_OF)
    (result,) = run.results
    arr = inject(result.arrangement, draw)
    findings = tuple(
        attrs.evolve(f, message=draw(), path=draw(), citations=(Citation(draw()),))
        for f in result.findings[:5]
    )
    waiver = WaiverUse(
        Waiver.model_construct(rule="PUB-001", reason=draw()),
        rules=("PUB-001",),
        location=Location(file(), 3, 4),
        path="rules.ignore[0]",
    )
    result = attrs.evolve(
        result, arrangement=arr, findings=findings, waivers=(waiver,), file=file()
    )
    problem = Problem(Location(file(), 1, 2), draw(), draw())
    return attrs.evolve(
        run,
        results=(result,),
        load_errors=(ArrangementsFileError([problem]),),
        registry=findings[:1],
    )


SGR = re.compile(r"\x1b\[[0-9;]*m")


@pytest.fixture(scope="module")
def styled_terminal() -> Any:
    with pytest.MonkeyPatch.context() as patch:
        for name in ("NO_COLOR", "FORCE_COLOR", "COLORTERM"):
            patch.delenv(name, raising=False)
        patch.setenv("TERM", "xterm-256color")
        yield


@pytest.mark.usefixtures("styled_terminal")
@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_no_control_character_in_checks_terminal_output(data: st.DataObject) -> None:
    run = _hostile_run(lambda: data.draw(hostile))
    plain = render_check(run, "human", terminal=False)
    assert FORBIDDEN.findall(plain) == []
    styled = render_check(run, "human", terminal=True, width=160)
    # rich's own styles are the only escape sequences, and only colours and weights
    for match in SGR.finditer(styled):
        codes = set(match.group()[2:-1].split(";")) - {""}
        assert codes <= {
            "0",
            "1",
            "2",
            "3",
            "22",
            "23",
            "31",
            "32",
            "33",
            "36",
            "39",
            "91",
            "92",
            "93",
        }, match
    assert FORBIDDEN.findall(SGR.sub("", styled)) == []
    # JSON, SARIF and GitLab's JSON escape them (a file name that is not UTF-8 too); CSV keeps
    # cells verbatim, for programs
    for layout in ("json", "sarif", "gitlab"):
        assert FORBIDDEN.findall(render_check(run, layout)) == [], layout


@pytest.mark.parametrize("layout", ["human", "json", "sarif", "csv", "github", "gitlab"])
def test_every_check_layout_takes_a_file_name_that_is_not_utf8(tmp_path: Path, layout: str) -> None:
    """A file name's bytes that are not UTF-8 (Python reads them as lone surrogates) crashed
    the SARIF and GitLab layouts when they were hashed or quoted."""
    import os

    folder = os.fsencode(tmp_path)
    with open(os.path.join(folder, b"b\xff.yaml"), "w", encoding="utf-8") as handle:
        handle.write("id: u\n")  # a load error, located in the file
    with open(os.path.join(folder, b"c\xfe.yaml"), "w", encoding="utf-8") as handle:
        handle.write(HEAD)  # findings, located in the file
    outcome = run_cli(["check", str(tmp_path), "--format", layout, "--as-of", "2024-06-01"])
    assert outcome.code == 2, outcome.stderr[-2000:]
    assert not outcome.traceback, outcome.stderr[-2000:]
    if layout == "sarif":
        assert "b%FF.yaml" in outcome.stdout  # the file's own bytes, percent-encoded


def test_a_line_break_in_a_waiver_reason_forges_no_line(tmp_path: Path) -> None:
    forged = "1 arrangement(s) checked, 0 error(s), 0 warning(s)"
    path = tmp_path / "a.yaml"
    path.write_text(
        HEAD
        + "rules:\n  ignore:\n    - rule: PUB-\n      reason: |\n"
        + f"        fine\n        {forged}\n        All checks passed.\n"
        + "groups:\n  - {id: g, name: G, kind: executive, reports_to: [g]}\n",
        encoding="utf-8",
    )
    outcome = run_cli(["check", str(path), "--as-of", "2024-06-01"])
    assert outcome.code in (0, 1), outcome.stderr
    lines = outcome.stdout.splitlines()
    assert "All checks passed." not in [line.strip() for line in lines]
    assert sum(1 for line in lines if line.startswith("1 arrangement(s) checked")) == 1
    assert lines[-1].startswith("1 arrangement(s) checked")
    assert f"fine\\n{forged}\\nAll checks passed." in outcome.stdout


def test_a_file_name_with_control_characters_prints_escaped(tmp_path: Path) -> None:
    import os

    path = tmp_path / "a\x1b]0;owned\x07.yaml"
    path.write_text("id: t\n", encoding="utf-8")
    odd = os.path.join(os.fsencode(tmp_path), b"b\xff.yaml")  # not UTF-8
    with open(odd, "w", encoding="utf-8") as handle:
        handle.write("id: u\n")
    for args in (["check", str(path)], ["check", str(tmp_path)], ["check", "-q", str(tmp_path)]):
        outcome = run_cli(args)
        assert outcome.code == 2, outcome.stderr
        assert not outcome.traceback
        for stream in (outcome.stdout, outcome.stderr):
            assert FORBIDDEN.findall(stream) == []
        assert "a\\x1b]0;owned\\x07.yaml" in outcome.stdout
