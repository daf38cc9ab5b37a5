"""The havering plugin: its hooks, settings, rule HAV-001, quarterly report and loader."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import sp_havering
from sp_havering.loader import parse_paths_csv
from sp_havering.quarterly import quarter_of

from safeguarding_partnership.findings import Severity
from safeguarding_partnership.pipeline import check_path
from safeguarding_partnership.reports.format import RenderContext

EXAMPLE = Path(__file__).resolve().parents[3] / "examples" / "havering" / "havering.yaml"
DAY = dt.date(2024, 6, 1)

SMALL = """\
id: havering
name: Havering Safeguarding Children Partnership
plugins: [havering]
settings: {havering: {partnership_meeting: scp}}
areas: [{code: E09000016, name: Havering}]
relevant_agencies:
  - {id: st-marys, name: St Mary's School, category: havering-school}
groups:
  - {id: scp, name: Partnership meeting, kind: partnership_meeting, cadence: quarterly}
"""


def _check(tmp_path: Path, text: str = SMALL, as_of: dt.date = DAY):
    path = tmp_path / "havering.yaml"
    path.write_text(text, encoding="utf-8")
    return check_path(path, as_of=as_of, plugin_objects={"havering": sp_havering})


def test_the_example_gets_the_four_thematic_groups():
    run = check_path(EXAMPLE, as_of=DAY)
    assert run.load_errors == () and run.plugin_failures == ()
    (result,) = run.results
    thematic = sorted(
        g.name for g in result.arrangement.groups or () if g.kind.value == "thematic_group"
    )
    assert thematic == [
        "Adolescent Safeguarding Strategy Group",
        "Children's Quality and Effectiveness Working Group",
        "Early Help Partnership Board",
        "Education Strategic Partnership",
    ]
    assert {
        g.reports_to for g in result.arrangement.groups or () if g.kind.value == "thematic_group"
    } == {("scp",)}
    hav = [f for f in result.findings if f.rule_id == "HAV-001"]
    assert len(hav) == 4 and {f.severity for f in hav} == {Severity.INFO}
    assert all("not recorded" in f.message and f.provider == "havering" for f in hav)


def test_local_labels_map_to_schedule_categories(tmp_path):
    (result,) = _check(tmp_path).results
    by_id = {a.key: a for a in result.arrangement.relevant_agencies or ()}
    assert by_id["st-marys"].category == "maintained-school-governing-body"
    assert by_id["st-marys"].local_label == "havering-school"
    assert by_id["havering-colleges"].category == "further-education-institution-governing-body"


def test_progress_report_in_the_last_12_months_passes(tmp_path):
    text = SMALL + (
        "  - {id: adolescent-safeguarding-local, name: Local adolescent group,"
        " kind: thematic_group, reports_to: [scp],"
        " progress_reports: [{to: scp, date: 2024-04-10}]}\n"
    )
    (result,) = _check(tmp_path, text).results
    messages = [f.message for f in result.findings if f.rule_id == "HAV-001"]
    assert not any("adolescent-safeguarding-local" in m for m in messages)


def test_stale_progress_report_is_a_warning(tmp_path):
    text = SMALL + (
        "  - {id: old-group, name: Old group, kind: thematic_group, reports_to: [scp],"
        " progress_reports: [{to: scp, date: 2022-01-10}]}\n"
    )
    (result,) = _check(tmp_path, text).results
    (finding,) = [f for f in result.findings if f.rule_id == "HAV-001" and "old-group" in f.message]
    assert finding.severity is Severity.WARNING
    assert "no progress report to a quarterly meeting" in finding.message


def test_a_wrong_meeting_id_is_located_and_names_the_plugin(tmp_path):
    run = _check(tmp_path, SMALL.replace("partnership_meeting: scp", "partnership_meeting: spc"))
    assert run.exit_code == 2
    problems = [p for e in run.load_errors for p in e.problems]
    assert any(
        "unknown group 'spc'" in p.message and "plugin 'havering'" in p.message for p in problems
    )


def test_settings_are_validated_with_location(tmp_path):
    run = _check(tmp_path, SMALL.replace("partnership_meeting: scp", "partnership_meting: scp"))
    (problem,) = [p for e in run.load_errors for p in e.problems]
    assert problem.path == "settings.havering.partnership_meting"
    assert (problem.location.line, problem.location.column) == (4, 23)
    assert "did you mean 'partnership_meeting'" in problem.message


def test_quarterly_report_lists_each_thematic_group(tmp_path):
    text = SMALL + (
        "  - {id: esp, name: Education Strategic Partnership, kind: thematic_group,"
        " reports_to: [scp], progress_reports: [{to: scp, date: 2024-04-10},"
        " {to: scp, date: 2024-01-10}]}\n"
    )
    (result,) = _check(tmp_path, text).results
    out = sp_havering.render_quarterly(RenderContext(result.arrangement, DAY))
    md = out["havering-quarterly.md"]
    assert "2024-04-01 to 2024-06-30" in md
    assert "- 2024-04-10: reported to scp" in md and "2024-01-10" not in md
    assert md.count("Progress reports: not recorded.") == 4
    assert (
        "<h2>Children&#x27;s Quality and Effectiveness Working Group</h2>"
        in (out["havering-quarterly.html"])
    )


@pytest.mark.parametrize(
    ("day", "quarter"),
    [
        (dt.date(2024, 1, 1), (dt.date(2024, 1, 1), dt.date(2024, 3, 31))),
        (dt.date(2024, 12, 31), (dt.date(2024, 10, 1), dt.date(2024, 12, 31))),
        (dt.date(2024, 5, 15), (dt.date(2024, 4, 1), dt.date(2024, 6, 30))),
    ],
)
def test_quarter_of(day, quarter):
    assert quarter_of(day) == quarter


def test_paths_csv_loader():
    data = parse_paths_csv(
        "path,value\nid,havering\nareas[0].code,E09000016\nareas[0].name,Havering\n# note\n"
    )
    assert data == {"id": "havering", "areas": [{"code": "E09000016", "name": "Havering"}]}
    with pytest.raises(ValueError, match="row 2: index \\[1\\] skips \\[0\\]"):
        parse_paths_csv("id,x\nareas[1].code,E09000016\n")


def test_paths_csv_file_is_checked_with_the_loader(tmp_path):
    path = tmp_path / "havering.paths.csv"
    path.write_text(
        "path,value\nid,havering\nname,Havering SCP\nareas[0].code,E09000016\n"
        "areas[0].name,Havering\ngroups[0].id,scp\ngroups[0].name,Partnership meeting\n"
        "groups[0].kind,partnership_meeting\ngroups[0].cadence,quarterly\n",
        encoding="utf-8",
    )
    run = check_path(path, as_of=DAY, plugins=["havering"])
    assert run.load_errors == ()
    assert [r.arrangement.name for r in run.results] == ["Havering SCP"]
