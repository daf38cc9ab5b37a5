"""Each real-world situation the model must express loads from a small fixture file."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from safeguarding_partnership.io.load import load_arrangement
from safeguarding_partnership.model import ChairingModel, GroupKind, PartnerRole

FIXTURES = Path(__file__).parent / "fixtures" / "situations"


def test_two_police_forces_in_one_role() -> None:
    arr = load_arrangement(FIXTURES / "two-police-forces.yaml")
    police = [p for p in arr.partners or () if p.role is PartnerRole.CHIEF_OFFICER_OF_POLICE]
    assert sorted(p.organisation for p in police) == ["col-police", "met"]
    assert {p.organisation: p.areas for p in police} == {
        "met": ("E09000012",),
        "col-police": ("E09000001",),
    }


def test_two_icbs_in_one_role_for_a_period() -> None:
    arr = load_arrangement(FIXTURES / "two-icbs.yaml")
    day = dt.date(2024, 1, 1)
    health = [
        p.organisation
        for p in arr.partners or ()
        if p.role is PartnerRole.INTEGRATED_CARE_BOARD and p.in_force(day)
    ]
    assert health == ["frimley", "heartlands"]
    assert not [
        p for p in arr.partners or () if p.role.is_health and p.in_force(dt.date(2026, 5, 1))
    ]


def test_group_shared_by_several_partnerships_with_owners_and_footprint() -> None:
    arr = load_arrangement(FIXTURES / "shared-panel.yaml")
    panel = next(g for g in arr.groups or () if g.id == "bhr-cdop")
    assert panel.kind is GroupKind.CHILD_DEATH_OVERVIEW_PANEL
    assert panel.owners == ("lbbd", "havering-council", "redbridge-council")
    assert panel.footprint == ("E09000002", "E09000016", "E09000026")
    assert panel.shared_with == ("bhr", "havering", "barking-and-dagenham")
    assert arr.child_death_review is not None and arr.child_death_review.panel == "bhr-cdop"
    # a reference into another arrangement is kept, not resolved, in a single file
    forum = next(g for g in arr.groups or () if g.id == "london-procedures")
    assert forum.reports_to == ("london:executive",)


def test_footprint_and_bodies_change_over_time() -> None:
    arr = load_arrangement(FIXTURES / "split.yaml")
    assert [a.code for a in arr.areas_on(dt.date(2020, 1, 1))] == ["E10000021"]
    assert [a.code for a in arr.areas_on(dt.date(2022, 1, 1))] == ["E06000061", "E06000062"]
    county = arr.organisation("ncc")
    assert county is not None and county.successors == ("nnc", "wnc")
    relations = {link.arrangement: link.relation for link in arr.links or ()}
    assert relations == {
        "northamptonshire-2018": "predecessor",
        "north-northamptonshire": "successor",
    }


def test_umbrella_and_board_per_area() -> None:
    arr = load_arrangement(FIXTURES / "umbrella.yaml")
    assert {link.relation for link in arr.links or ()} == {"umbrella", "part"}
    boards = [g for g in arr.groups or () if g.kind is GroupKind.PLACE_GROUP]
    assert {b.footprint for b in boards} == {("E06000058",), ("E06000059",)}


def test_all_age_partnership_with_non_statutory_partner_titles() -> None:
    arr = load_arrangement(FIXTURES / "all-age.yaml")
    assert arr.scope == "all_age"
    assert arr.also_covers == ("safeguarding adults board", "community safety partnership")
    assert arr.partners is None  # not recorded, and the "fourth partner" is not one
    titles = sorted(m.title for m in arr.other_members or ())
    assert titles == ["fourth partner", "partner"]
    champion = next(m for m in arr.other_members or () if m.post is not None)
    assert champion.post is not None and champion.post.publish_name is False
    assert arr.chair is not None and arr.chair.model is ChairingModel.ROTATING
    assert arr.funding is not None and str(arr.funding[0].share) == "45.5"
    report = (arr.yearly_reports or ())[0]
    assert report.period_start == dt.date(2023, 4, 1)
    assert report.period_end == dt.date(2024, 9, 30)
    forum = (arr.groups or ())[0]
    assert forum.open_membership is True


def test_scrutineer_who_chairs() -> None:
    arr = load_arrangement(FIXTURES / "scrutineer-chairs.yaml")
    assert arr.chair is not None and arr.chair.model is ChairingModel.SCRUTINEER
    assert arr.independent_scrutiny is not None
    assert arr.independent_scrutiny.chairs_partnership is True


def test_police_partner_in_law_is_the_chief_officer_represented_by_a_command_unit(
    examples_dir: Path,
) -> None:
    arr = load_arrangement(examples_dir / "havering.yaml")
    police = next(p for p in arr.partners or () if p.role is PartnerRole.CHIEF_OFFICER_OF_POLICE)
    assert police.organisation == "met"
    assert police.represented_by == "met-east-bcu"
    bcu = arr.organisation("met-east-bcu")
    assert bcu is not None and bcu.part_of == "met"


def test_unknown_is_not_none() -> None:
    arr = load_arrangement(FIXTURES / "unknown-none.yaml")
    assert arr.groups is None  # unknown: not recorded
    assert arr.relevant_agencies == ()  # recorded as none, with the word `none`
    assert arr.priorities == ()  # recorded as none, with an empty list
    assert arr.partners is None
