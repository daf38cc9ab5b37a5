"""The bhr plugin: tri-borough organisations and group, rule BHR-001, summary, command."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import sp_bhr
from click.testing import CliRunner

from safeguarding_partnership.cli import cli
from safeguarding_partnership.pipeline import check_path
from safeguarding_partnership.reports.format import RenderContext

EXAMPLE = Path(__file__).resolve().parents[3] / "examples" / "havering" / "bhr.yaml"
DAY = dt.date(2024, 6, 1)

FOOTPRINT = """\
id: bhr
name: BHR
plugins: [bhr]
areas:
  - {code: E09000002, name: Barking and Dagenham}
  - {code: E09000016, name: Havering}
  - {code: E09000026, name: Redbridge}
groups:
  - {id: bd-local, name: B&D local group, kind: place_group, footprint: [E09000002]}
  - {id: havering-local, name: Havering local group, kind: place_group, footprint: [E09000016]}
"""


def _check(tmp_path: Path, text: str):
    path = tmp_path / "bhr.yaml"
    path.write_text(text, encoding="utf-8")
    return check_path(path, as_of=DAY, plugin_objects={"bhr": sp_bhr})


def test_the_example_declares_the_tri_borough_group_itself():
    (result,) = check_path(EXAMPLE, as_of=DAY).results
    (tri,) = [g for g in result.arrangement.groups or () if g.id == "tri-borough"]
    assert len(tri.members or ()) == 5  # the file's own group, not the plugin's
    assert not [f for f in result.findings if f.rule_id == "BHR-001"]


def test_missing_tri_borough_group_and_councils_are_contributed(tmp_path):
    run = _check(tmp_path, FOOTPRINT)
    assert run.load_errors == ()
    (result,) = run.results
    (tri,) = [g for g in result.arrangement.groups or () if g.id == "tri-borough"]
    assert tri.cadence is not None and tri.cadence.every_weeks == 6
    assert {o.id for o in result.arrangement.organisations} == {
        "lbbd",
        "havering-council",
        "redbridge-council",
    }


def test_a_file_may_refer_to_the_councils_the_plugin_contributes(tmp_path):
    text = FOOTPRINT + "partners:\n  - {role: local_authority, organisation: lbbd}\n"
    run = _check(tmp_path, text)
    assert run.load_errors == ()
    (result,) = run.results
    assert result.arrangement.partners[0].organisation == "lbbd"
    # without the plugin the same reference is a located load error
    alone = tmp_path / "alone.yaml"
    alone.write_text(text.replace("plugins: [bhr]\n", ""), encoding="utf-8")
    (error,) = check_path(alone, as_of=DAY).load_errors
    assert f"{alone}:11:43:" in str(error) and "unknown organisation 'lbbd'" in str(error)


def test_borough_without_its_own_group_is_found(tmp_path):
    (result,) = _check(tmp_path, FOOTPRINT).results
    (finding,) = [f for f in result.findings if f.rule_id == "BHR-001"]
    assert "Redbridge has no local group" in finding.message
    assert finding.path == "areas[2]" and finding.location is not None
    assert finding.location.line == 7


def test_summary_lists_each_borough(tmp_path):
    (result,) = _check(tmp_path, FOOTPRINT).results
    md = sp_bhr.render_summary(RenderContext(result.arrangement, DAY))["bhr-summary.md"]
    assert "meets every 6 weeks" in md
    assert "| Redbridge | E09000026 | not recorded |" in md
    assert "| Havering | E09000016 | Havering local group |" in md


def test_command():
    from safeguarding_partnership.plugins.manager import get_plugins

    group = type(cli)(name="test")  # a fresh group: never change the real one in a test
    facade = get_plugins(objects={"bhr": sp_bhr})
    facade.add_commands(group)
    result = CliRunner().invoke(group, ["bhr-footprint"])
    assert result.exit_code == 0
    assert result.output.splitlines() == [
        "E09000002 Barking and Dagenham",
        "E09000016 Havering",
        "E09000026 Redbridge",
    ]
