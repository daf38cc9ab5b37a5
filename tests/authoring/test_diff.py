"""``diff``: a semantic change log between two versions of an arrangements file."""

from __future__ import annotations

import copy
import json
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from ruamel.yaml import YAML

from safeguarding_partnership.authoring.changelog import changelog, render
from safeguarding_partnership.authoring.diff import Change, compare
from safeguarding_partnership.model import Arrangement
from safeguarding_partnership.reports.privacy import private_names
from safeguarding_partnership.testing.strategies import arrangements

from ._support import run_cli

EXAMPLES = Path(__file__).resolve().parents[2] / "examples" / "havering"
HAVERING = EXAMPLES / "havering.yaml"
BHR = EXAMPLES / "bhr.yaml"

Edit = Callable[[dict[str, Any]], None]


def _data(path: Path = HAVERING) -> dict[str, Any]:
    data = YAML(typ="safe").load(path.read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


def _changes(edit: Edit, path: Path = HAVERING) -> list[Change]:
    old = _data(path)
    new = copy.deepcopy(old)
    edit(new)
    return list(compare(Arrangement.model_validate(old), Arrangement.model_validate(new)))


def _texts(edit: Edit) -> list[tuple[str, str, str]]:
    return [(c.section, c.kind, c.text) for c in _changes(edit)]


def _partner(data: dict[str, Any], org: str) -> dict[str, Any]:
    return next(p for p in data["partners"] if p["organisation"] == org)


def test_no_change_and_reordering_is_no_change() -> None:
    assert _changes(lambda d: None) == []

    def shuffle(d: dict[str, Any]) -> None:
        d["organisations"].reverse()
        d["partners"].reverse()
        d["groups"][0]["cadence"] = {"frequency": "quarterly"}  # the same cadence, spelt out

    assert _changes(shuffle) == []


def _add_partner(d: dict[str, Any]) -> None:
    d["organisations"].append(
        {"id": "city-police", "name": "Commissioner of Police for the City of London",
         "kind": "chief_officer_of_police", "ons_code": "E23000034"}
    )  # fmt: skip
    d["partners"].append(
        {"role": "chief_officer_of_police", "organisation": "city-police",
         "valid_from": "2026-04-01"}
    )  # fmt: skip


def _end_partner(d: dict[str, Any]) -> None:
    _partner(d, "nel-icb")["valid_to"] = "2026-03-31"


def _lead(d: dict[str, Any]) -> None:
    _partner(d, "havering-council")["lead"]["title"] = "Director of Place"


def _delegate(d: dict[str, Any]) -> None:
    _partner(d, "nel-icb")["delegates"] = [{"title": "Chief Nursing Officer"}]


def _area(d: dict[str, Any]) -> None:
    d["areas"].append({"code": "E09000026", "name": "Redbridge", "valid_from": "2025-04-01"})


def _agency(d: dict[str, Any]) -> None:
    d["relevant_agencies"] = [
        {"name": "Havering College", "category": "further-education-institution"}
    ]


def _cadence(d: dict[str, Any]) -> None:
    d["groups"][0]["cadence"] = "every 6 weeks"


def _group(d: dict[str, Any]) -> None:
    d["groups"].append({"id": "cdop", "name": "NEL CDOP", "kind": "child_death_overview_panel"})


def _scrutiny(d: dict[str, Any]) -> None:
    d["independent_scrutiny"]["independent_of_partners"] = False


def _published(d: dict[str, Any]) -> None:
    d["published"] = "2024-12-01"


def _report(d: dict[str, Any]) -> None:
    d["yearly_reports"] = [
        {"period_start": "2024-04-01", "period_end": "2025-03-31", "published": "2025-09-30"}
    ]


def _plugin(d: dict[str, Any]) -> None:
    d["plugins"] = ["bhr"]
    del d["settings"]


@pytest.mark.parametrize(
    ("edit", "expected"),
    [
        (_add_partner, ("partners", "added",
            "added safeguarding partner Commissioner of Police for the City of London "
            "(chief officer of police) from 2026-04-01")),
        (_end_partner, ("partners", "added",
            "NHS North East London Integrated Care Board (integrated care board): ends on "
            "2026-03-31")),
        (_lead, ("leads", "changed",
            "London Borough of Havering (local authority): lead changed from Chief Executive "
            "to Director of Place")),
        (_delegate, ("leads", "added",
            "NHS North East London Integrated Care Board (integrated care board): delegate "
            "added: Chief Nursing Officer")),
        (_area, ("footprint", "added", "added area E09000026 (Redbridge) from 2025-04-01")),
        (_agency, ("relevant_agencies", "added",
            "added relevant agency Havering College (further-education-institution)")),
        (_cadence, ("groups", "changed",
            "group Havering Safeguarding Children Partnership meeting: cadence changed from "
            "quarterly to every 6 weeks")),
        (_group, ("groups", "added", "added group NEL CDOP (child death overview panel)")),
        (_scrutiny, ("scrutiny", "changed",
            "independent scrutiny: independent of partners changed from yes to no")),
        (_published, ("publication", "added", "the arrangements: published set to 2024-12-01")),
        (_report, ("reports", "added",
            "yearly report added: for 2024-04-01 to 2025-03-31, published 2025-09-30")),
        (_plugin, ("plugins", "removed", "plugin havering removed")),
    ],
    ids=lambda v: getattr(v, "__name__", ""),
)  # fmt: skip
def test_each_kind_of_change_is_worded(edit: Edit, expected: tuple[str, str, str]) -> None:
    found = _texts(edit)
    assert expected in found, found


def test_a_removed_partner_and_a_changed_setting() -> None:
    def remove(d: dict[str, Any]) -> None:
        d["partners"] = [p for p in d["partners"] if p["organisation"] != "met"]

    assert _texts(remove) == [
        ("partners", "removed",
         "removed safeguarding partner Commissioner of Police of the Metropolis "
         "(chief officer of police)"),
    ]  # fmt: skip
    settings = _texts(lambda d: d["settings"]["havering"].update(partnership_meeting="x"))
    assert settings == [("plugins", "changed", "settings of havering changed")]


def test_a_renamed_organisation_id_is_one_change() -> None:
    def rename(d: dict[str, Any]) -> None:
        for org in d["organisations"]:
            if org["id"] == "met":
                org["id"] = "met-police"
            if org.get("part_of") == "met":
                org["part_of"] = "met-police"
        for p in d["partners"]:
            if p["organisation"] == "met":
                p["organisation"] = "met-police"
                p["lead"]["organisation"] = "met-police"

    assert _texts(rename) == [
        ("organisations", "renamed", "organisation id met renamed to met-police")
    ]


def test_a_renamed_group_id_is_one_change() -> None:
    def rename(d: dict[str, Any]) -> None:
        d["groups"][0]["id"] = "partnership"
        d["settings"]["havering"]["partnership_meeting"] = "partnership"

    found = _texts(rename)
    assert ("groups", "renamed", "group id scp renamed to partnership") in found
    assert [c for c in found if c[0] == "groups"] == [
        ("groups", "renamed", "group id scp renamed to partnership")
    ]


def test_a_renamed_id_with_other_changes_is_a_removal_and_an_addition() -> None:
    def rename_and_change(d: dict[str, Any]) -> None:
        d["groups"][0]["id"] = "partnership"
        d["groups"][0]["cadence"] = "monthly"

    kinds = [(s, k) for s, k, _ in _texts(rename_and_change) if s == "groups"]
    assert kinds == [("groups", "removed"), ("groups", "added")]


PRIVATE = "Jo Private-Person"
PUBLIC = "Sam Public-Person"


def _named(d: dict[str, Any], name: str, publish: bool) -> None:
    _partner(d, "havering-council")["delegates"][0].update(name=name, publish_name=publish)


def test_private_names_are_never_shown_public_ones_are() -> None:
    old = _data()
    _named(old, PRIVATE, False)
    new = copy.deepcopy(old)
    _named(new, "Alex Successor", False)
    new["groups"][0]["purpose"] = f"Chaired with {PRIVATE}."
    log = changelog(
        [Arrangement.model_validate(old)], [Arrangement.model_validate(new)], "v1", "v2"
    )
    for fmt in ("text", "markdown", "json"):
        out = render(log, fmt)
        assert PRIVATE not in out and "Alex Successor" not in out, fmt
        assert "the name changed (not published)" in out
    public = copy.deepcopy(old)
    _named(public, PUBLIC, True)
    out = render(
        changelog(
            [Arrangement.model_validate(old)], [Arrangement.model_validate(public)], "a", "b"
        ),
        "markdown",
    )
    assert f"Director of Children's Services ({PUBLIC})" in out
    assert PRIVATE not in out


def _changed_copy(path: Path) -> str:
    """A later version of an example: a lead named privately, a delegate added, a cadence
    changed, a command unit's id renamed, an area removed, publication and report dates."""
    text = path.read_text(encoding="utf-8")
    edits = {
        "cadence: quarterly": "cadence: every 8 weeks",
        "cadence: every 6 weeks": "cadence: monthly",
        "guidance_edition: WT2018": "guidance_edition: WT2023",
        "id: met-east-bcu": "id: met-east-area",
        "represented_by: met-east-bcu": "represented_by: met-east-area",
        "organisation: met-east-bcu}": "organisation: met-east-area}",
        "lead: {title: Chief Executive, organisation: havering-council}": (
            "lead: {title: Chief Executive, organisation: havering-council, "
            "name: Pat Example, publish_name: false}"
        ),
        "{role: integrated_care_board, organisation: nel-icb, valid_from: 2022-07-01}": (
            "{role: integrated_care_board, organisation: nel-icb, valid_from: 2022-07-01, "
            "delegates: [{title: Chief Nursing Officer, name: Sam Public}]}"
        ),
        "  - {code: E09000026, name: Redbridge}\n": "",
    }
    for before, after in edits.items():
        text = text.replace(before, after)
    return text + "\npublished: 2024-12-01\nyearly_reports:\n  - {published: 2025-09-30}\n"


@pytest.mark.parametrize("example", [HAVERING, BHR], ids=["havering", "bhr"])
@pytest.mark.parametrize("fmt", ["text", "markdown", "json"])
def test_examples_against_a_changed_copy(
    example: Path,
    fmt: str,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    snapshot: object,
) -> None:
    for folder, text in (("old", example.read_text("utf-8")), ("new", _changed_copy(example))):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / example.name).write_text(text, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    old, new = f"old/{example.name}", f"new/{example.name}"
    code, out, err = run_cli(capsys, "diff", old, new, "--format", fmt)
    assert code == 0, err
    assert out == snapshot
    assert "Pat Example" not in out
    if fmt == "json":
        data = json.loads(out)
        assert [a["id"] for a in data["arrangements"]] == [example.stem]


needs_git = pytest.mark.skipif(shutil.which("git") is None, reason="needs the git command")


def _git(repo: Path, *args: str) -> None:
    subprocess.run(
        ["git", "-c", "user.name=t", "-c", "user.email=t@example.org", *args],
        cwd=repo, check=True, capture_output=True,
    )  # fmt: skip


@needs_git
def test_rev_compares_a_file_at_two_git_revisions(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    repo = tmp_path / "repo"
    (repo / "arrangements").mkdir(parents=True)
    target = repo / "arrangements" / "havering.yaml"
    _git(repo, "init", "-q")
    target.write_text(HAVERING.read_text(encoding="utf-8"), encoding="utf-8")
    _git(repo, "add", ".")
    _git(repo, "commit", "-q", "-m", "v1")
    text = target.read_text(encoding="utf-8").replace("cadence: quarterly", "cadence: monthly")
    target.write_text(text, encoding="utf-8")
    _git(repo, "commit", "-q", "-am", "v2")
    target.write_text(text + "published: 2024-12-01\n", encoding="utf-8")  # not committed

    code, out, err = run_cli(capsys, "diff", str(target), "--rev", "HEAD~1..HEAD")
    assert code == 0, err
    assert "cadence changed from quarterly to monthly" in out
    assert "published set to" not in out
    assert "havering.yaml at HEAD~1 to havering.yaml at HEAD" in out

    code, out, err = run_cli(capsys, "diff", str(target), "--rev", "HEAD..")
    assert code == 0, err
    assert "published set to 2024-12-01" in out and "cadence" not in out

    code, _, err = run_cli(capsys, "diff", str(target), "--rev", "no-such-rev..HEAD")
    assert code == 2 and "git show" in err


@pytest.mark.parametrize(
    "args",
    [
        [str(HAVERING)],
        [str(HAVERING), str(BHR), "--rev", "HEAD~1..HEAD"],
        [str(HAVERING), "--rev", "--output=x"],
        [str(HAVERING), "--rev", "A...B"],
    ],
)
def test_usage_errors(args: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    code, _, _ = run_cli(capsys, "diff", *args)
    assert code == 2


@given(old=arrangements(areas=(1, 2)), new=arrangements(areas=(1, 2)))
def test_private_names_never_appear_in_the_markdown(old: Arrangement, new: Arrangement) -> None:
    private = set(private_names(old)) | set(private_names(new))
    out = render(changelog([old], [new], "old", "new"), "markdown")
    for name in private:
        assert name not in out
