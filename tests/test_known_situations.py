"""Writing down what is actually known (issue 14): each situation is a fixture about a real
partnership (its comment says where each fact comes from, with the public pages in its
``sources``, and names any fact that is illustrative). Each loads, is
valid against ``safeguarding-partnership schema``, and checks with exactly the findings
recorded here: no error or warning that its facts do not support."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from click.testing import CliRunner
from syrupy.assertion import SnapshotAssertion

from safeguarding_partnership import hookimpl
from safeguarding_partnership.cli import cli
from safeguarding_partnership.io.load import load_arrangement
from safeguarding_partnership.io.parse import parse_file
from safeguarding_partnership.model import Group, GroupKind, Registry
from safeguarding_partnership.model.common import IncompleteList
from safeguarding_partnership.model.dates import PartialDate
from safeguarding_partnership.pipeline import CheckRun, check_path
from safeguarding_partnership.reports.privacy import redact

FIXTURES = Path(__file__).parent / "fixtures" / "situations"
KNOWN = sorted(FIXTURES.glob("known-*.yaml"))

CHECKS: dict[str, list[dt.date | None]] = {
    "known-partial-dates.yaml": [dt.date(2024, 12, 15), dt.date(2025, 6, 1)],
    "known-exists-unknown.yaml": [dt.date(2025, 6, 1)],
    "known-as-at.yaml": [None, dt.date(2025, 6, 1)],
    "known-incomplete.yaml": [dt.date(2025, 6, 1)],
    "known-cadences.yaml": [None],
    "known-participants.yaml": [dt.date(2025, 6, 1)],
    "known-participants-elsewhere.yaml": [dt.date(2025, 6, 1)],
    "known-several-bodies.yaml": [None],
    "known-statutory-unknown.yaml": [None, dt.date(2025, 6, 1)],
    "known-money.yaml": [None],
    "known-sources-notes.yaml": [dt.date(2025, 6, 1)],
    "known-ended.yaml": [dt.date(2022, 6, 1)],
    "known-own-day.yaml": [dt.date(2025, 6, 1)],
    "known-plugin-layering.yaml": [dt.date(2025, 6, 1)],
    "known-name-only.yaml": [None],
}
"""Each fixture and the days it is checked as of (``None``: its own ``as_at``)."""

TODAY = dt.date(2026, 11, 25)
"""The day "today" stands for when a fixture has no ``as_at`` (tests never read the clock)."""


class _LocalGroups:
    """The plugin ``local-groups``: contributes a group ``learning``."""

    @staticmethod
    @hookimpl
    def register_groups(arrangement: Any) -> list[Group]:
        return [Group(id="learning", name="Plugin's learning group", kind=GroupKind.SUBGROUP)]


def _check(name: str, day: dt.date | None) -> CheckRun:
    return check_path(
        FIXTURES / name,
        as_of=day,
        default_as_of=TODAY,
        plugin_objects={"local-groups": _LocalGroups()},
    )


def _rows(run: CheckRun) -> list[tuple[str, str, str, str, str]]:
    return sorted(
        (r.arrangement.id, f.rule_id, f.severity.value, f.path, f.message)
        for r in run.results
        for f in r.findings
    ) + sorted(("(registry)", f.rule_id, f.severity.value, f.path, f.message) for f in run.registry)


def test_every_known_fixture_is_listed() -> None:
    assert {p.name for p in KNOWN} == {*CHECKS, "known-refusal.yaml"}


@pytest.mark.parametrize("path", KNOWN, ids=lambda p: p.stem)
def test_every_fixture_is_valid_against_the_schema(path: Path) -> None:
    """``safeguarding-partnership schema`` accepts each fixture (each arrangement of a
    registry file)."""
    schema = CliRunner().invoke(cli, ["schema"])
    assert schema.exit_code == 0
    data = parse_file(path).full_data()
    for arrangement in data.get("arrangements", [data]):
        jsonschema.validate(arrangement, json.loads(schema.output))


@pytest.mark.parametrize(
    ("name", "day"), [(n, d) for n, days in CHECKS.items() for d in days], ids=str
)
def test_findings_are_exactly_those_recorded(
    name: str, day: dt.date | None, snapshot: SnapshotAssertion
) -> None:
    run = _check(name, day)
    assert run.load_errors == () and run.plugin_failures == ()
    rows = _rows(run)
    # no error or warning: every fixture records only what its sources support
    assert [row for row in rows if row[2] != "info"] == []
    assert rows == snapshot


def test_partial_dates_are_kept_as_written_and_read_conservatively() -> None:
    arr = load_arrangement(FIXTURES / "known-partial-dates.yaml")
    assert isinstance(arr.valid_from, PartialDate) and str(arr.valid_from) == "2024-12"
    assert arr.model_dump(mode="json", exclude_unset=True)["valid_from"] == "2024-12"
    # in force from some day of December 2024: on 15 December that cannot be told
    assert arr.in_force_on(dt.date(2024, 12, 15)) is None
    assert arr.in_force_on(dt.date(2025, 1, 1)) is True
    assert arr.in_force_on(dt.date(2024, 11, 30)) is False
    icb = next(p for p in arr.partners or () if p.organisation == "wy-icb")
    assert icb.in_force_on(dt.date(2022, 7, 15)) is None  # "from July 2022"


def test_things_known_to_exist_with_details_unknown() -> None:
    arr = load_arrangement(FIXTURES / "known-exists-unknown.yaml")
    assert arr.documents is not None and arr.documents.arrangements is not None
    assert arr.documents.arrangements.is_published is True
    icb = arr.organisation("the-icb")
    assert (
        icb is not None
        and icb.name is None
        and icb.label == "the integrated care board for the area"
    )
    assert isinstance((arr.groups or ())[0].members, IncompleteList)
    rows = _rows(_check("known-exists-unknown.yaml", dt.date(2025, 6, 1)))
    assert not [r for r in rows if r[1] == "PUB-001" and "day" in r[4]]  # said to be published


def test_a_post_known_by_name_only_keeps_the_name_out_of_public_output(tmp_path: Path) -> None:
    arr = load_arrangement(FIXTURES / "known-name-only.yaml")
    scrutiny = arr.independent_scrutiny
    assert scrutiny is not None and scrutiny.scrutineer is not None
    assert scrutiny.scrutineer.title is None and scrutiny.scrutineer.name == "Amanda Boodhoo"
    rows = _rows(_check("known-name-only.yaml", None))
    assert not [r for r in rows if r[2] != "info"]
    assert "Boodhoo" not in json.dumps(redact(arr).model_dump(mode="json"))
    out = tmp_path / "out"
    args = ["render", str(FIXTURES / "known-name-only.yaml"), "--format", "all", "--out", str(out)]
    assert CliRunner().invoke(cli, args).exit_code == 0
    written = [p for p in out.rglob("*") if p.is_file()]
    assert written and not [p for p in written if b"Boodhoo" in p.read_bytes()]


def test_a_fact_seen_in_2020_is_last_known_then_not_a_present_breach() -> None:
    default = _check("known-as-at.yaml", None)
    assert default.results[0].as_of == dt.date(2020, 3, 31)  # the file's own as_at
    later = _rows(_check("known-as-at.yaml", dt.date(2025, 6, 1)))
    ccg = [r for r in later if r[1] == "PARTNERS-003"]
    assert ccg and all(r[2] == "info" and "last known on 2020-03" in r[4] for r in ccg)


def test_an_incomplete_list_is_not_read_as_the_whole_history() -> None:
    arr = load_arrangement(FIXTURES / "known-incomplete.yaml")
    assert isinstance(arr.yearly_reports, IncompleteList)
    rows = _rows(_check("known-incomplete.yaml", dt.date(2025, 6, 1)))
    assert {r[2] for r in rows if r[1] == "REPORT-001"} == {"info"}


def test_cadences_as_written() -> None:
    """Worcestershire's groups, each meeting as the partnership writes it."""
    arr = load_arrangement(FIXTURES / "known-cadences.yaml")
    cadences = {g.id: g.cadence for g in arr.groups or ()}
    partnership, executive = cadences["partnership"], cadences["executive"]
    assert partnership is not None and (partnership.times, partnership.per) == (2, "year")
    assert executive is not None and executive.frequency == "monthly"
    get_safe = cadences["get-safe"]
    assert get_safe is not None and get_safe.every_months == 2  # "bi-monthly"
    heads = next(g for g in arr.groups or () if g.id == "headteachers")
    assert heads.kind is GroupKind.OTHER and heads.kind_label == "steering group"
    # City and Hackney: "meets a minimum of three times per year"
    hackney = load_arrangement(FIXTURES / "known-participants.yaml")
    executive = next(g for g in hackney.groups or () if g.id == "executive").cadence
    assert executive is not None and (executive.times, executive.note) == (3, "a minimum")


def test_who_takes_part_as_partnerships_describe_it() -> None:
    arr = load_arrangement(FIXTURES / "known-participants.yaml")
    # City and Hackney: "a much broader range of agencies, professionals and volunteers",
    # described, with no sector named
    (wider,) = arr.participants or ()
    assert wider.organisation is None and wider.sector is None
    assert wider.description is not None and "volunteers" in wider.description
    schools = (arr.relevant_agencies or ())[0]
    assert schools.also_categories == (
        "academy-school-proprietor",
        "independent-educational-institution-proprietor",
        "further-education-institution-governing-body",
    )
    assert isinstance(arr.relevant_agencies, IncompleteList)  # the published list was not seen
    network = next(g for g in arr.groups or () if g.id == "network")
    assert network.open_membership is True
    # the council's Director of Education sits on the Strategic Leadership Team for education
    team = next(g for g in arr.groups or () if g.id == "leadership-team")
    (director,) = team.members or ()
    assert director.organisation is None and director.sector == "education"
    assert director.post is not None and director.post.organisation == "hackney-council"
    boards = arr.boards or ()
    assert [b.kind for b in boards] == [
        "safeguarding_adults_board",
        "community_safety_partnership",
        "health_and_wellbeing_board",
    ]
    # the adults' board and the community safety partnership: the 2016 inter-board protocol
    assert [str(b.as_at) for b in boards[:2]] == ["2016-04", "2016-04"]
    assert all(b.sources for b in boards)


def test_who_takes_part_elsewhere() -> None:
    path = FIXTURES / "known-participants-elsewhere.yaml"
    registry = Registry.model_validate(parse_file(path).full_data())
    bucks, glos, plymouth, dudley = registry.arrangements
    # Buckinghamshire: voluntary sector organisations take part; one business unit with the
    # adults' board
    assert [(p.sector, p.description) for p in bucks.participants or ()] == [
        ("voluntary", "voluntary sector organisations")
    ]
    (adults,) = bucks.boards or ()
    assert adults.kind == "safeguarding_adults_board" and adults.relation is not None
    assert "business unit" in adults.relation
    # Gloucestershire: the police and crime commissioner's office sits on the Executive, but
    # is of no Schedule description, so is not bound (information only)
    opcc = glos.organisation("opcc")
    assert opcc is not None and opcc.kind == "other"
    rows = _rows(_check(path.name, dt.date(2025, 6, 1)))
    assert [r[:3] for r in rows if r[1] == "RA-005"] == [("gloucestershire", "RA-005", "info")]
    assert not [r for r in rows if r[2] != "info"]
    # Plymouth: a group whose members are described, not named, of a kind the list lacks
    (group,) = plymouth.groups or ()
    assert group.kind is GroupKind.OTHER and group.kind_label == "group"
    assert [m.description for m in group.members or ()] == ["young people aged 13-19"]
    # Dudley: adult social care takes part, its director on the joint Executive
    assert [(p.sector, p.description) for p in dudley.participants or ()] == [
        ("adult_social_care", "adult social care")
    ]
    (executive,) = dudley.groups or ()
    assert isinstance(executive.members, IncompleteList)
    assert [m.sector for m in executive.members or ()].count("adult_social_care") == 1
    assert not [r for r in rows if r[0] == "dudley" and r[1] == "RA-005"]


def test_one_entry_for_two_ccgs_leaves_coverage_unknown() -> None:
    rows = _rows(_check("known-several-bodies.yaml", None))
    partners_002 = [r for r in rows if r[1] == "PARTNERS-002"]
    assert len(partners_002) == 3 and all(r[2] == "info" for r in partners_002)


def test_which_level_is_statutory() -> None:
    path = FIXTURES / "known-statutory-unknown.yaml"
    registry = Registry.model_validate(parse_file(path).full_data())
    assert [a.statutory for a in registry.arrangements] == [True, None]
    assert not [r for r in _rows(_check(path.name, dt.date(2025, 6, 1))) if r[1] == "REGISTRY-002"]


def test_money_as_published() -> None:
    arr = load_arrangement(FIXTURES / "known-money.yaml")
    funding = arr.funding or ()
    # "equally funded by the four partners": a share each, with no year and no amount
    assert len(funding) == 4
    assert all(c.year is None and c.amount is None and c.share == 25 for c in funding)


def test_private_notes_never_reach_a_published_format(tmp_path: Path) -> None:
    arr = load_arrangement(FIXTURES / "known-sources-notes.yaml")
    public = redact(arr)
    assert arr.notes is not None and public.notes is None  # private by default
    assert public.independent_scrutiny is not None
    assert public.independent_scrutiny.notes == arr.independent_scrutiny.notes  # type: ignore[union-attr]
    out = tmp_path / "site"
    result = CliRunner().invoke(
        cli,
        [
            "render",
            str(FIXTURES / "known-sources-notes.yaml"),
            "--as-of",
            "2025-06-01",
            "--format",
            "all",
            "--out",
            str(out),
        ],
    )
    assert result.exit_code == 0, result.output
    written = [p for p in out.rglob("*") if p.is_file()]
    assert written
    for p in written:
        assert "Check the scrutiny page again" not in p.read_text(encoding="utf-8", errors="ignore")


def test_arrangements_checked_after_their_end_say_so_once() -> None:
    rows = _rows(_check("known-ended.yaml", dt.date(2022, 6, 1)))
    (notice,) = [r for r in rows if r[1] == "SP-002"]
    assert notice[3] == "valid_to" and "northamptonshire" in notice[4]
    assert not [
        r for r in _rows(_check("known-ended.yaml", dt.date(2020, 6, 1))) if r[1] == "SP-002"
    ]


def test_a_2019_sign_off_is_not_judged_by_wt2023(tmp_path: Path) -> None:
    run = _check("known-own-day.yaml", dt.date(2025, 6, 1))
    assert run.results[0].as_of == dt.date(2025, 6, 1)
    assert not [r for r in _rows(run) if r[1] == "PUB-015" and r[3].startswith("sign_offs[0]")]
    assert not [r for r in _rows(run) if r[2] in ("warning", "error")]
    # the same sign-off dated under WT2023 is judged by it: the CCG is no lead partner then
    text = (FIXTURES / "known-own-day.yaml").read_text(encoding="utf-8")
    moved = tmp_path / "moved.yaml"
    moved.write_text(text.replace("date: 2019-09-16", "date: 2024-09-16"), encoding="utf-8")
    later = check_path(moved, as_of=dt.date(2025, 6, 1), default_as_of=TODAY)
    assert [r for r in _rows(later) if r[1] == "PUB-015" and r[3] == "sign_offs[0].by"]


def test_a_category_the_schedule_lacks_is_refused_with_the_valid_ones() -> None:
    run = check_path(FIXTURES / "known-refusal.yaml", as_of=TODAY)
    (error,) = run.load_errors
    message = str(error)
    assert "did you mean 'youth-offending-team'?" in message
    assert "maintained-school-governing-body" in message and "participants" in message


def test_the_file_wins_over_a_plugin_with_a_notice() -> None:
    rows = _rows(_check("known-plugin-layering.yaml", dt.date(2025, 6, 1)))
    (notice,) = [r for r in rows if r[1] == "SP-003"]
    assert notice[3] == "groups[1]" and "plugin 'local-groups'" in notice[4]
