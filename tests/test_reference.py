"""The packaged reference data: a faithful copy, and the facts the checks rely on."""

from __future__ import annotations

import datetime as dt
import os
from importlib.resources import files
from pathlib import Path

import pytest

from safeguarding_partnership import reference
from safeguarding_partnership.reference import (
    EDUCATION_AND_CHILDCARE,
    ccgs,
    coverage_known,
    dfe_la_codes,
    health_body,
    health_partners_for,
    icbs,
    local_authorities,
    ons_code_for_dfe,
    police_forces,
    police_forces_for,
    schedule,
    upper_tier_areas_on,
)

SHARED_BESIDE = Path(__file__).parents[1].parent / "shared" / "reference"
"""The shared reference folder where it sits beside the clone (``../shared/reference``)."""
SHARED_VARIABLE = "SP_SHARED_REFERENCE"
"""An environment variable naming the shared reference folder, wherever it is."""


def shared_reference() -> Path | None:
    """The shared reference folder to compare the packaged copy with, if there is one.

    ``$SP_SHARED_REFERENCE`` when set, else ``../shared/reference`` beside the clone when it
    exists, else none (a fresh clone elsewhere has nothing to compare with).
    """
    named = os.environ.get(SHARED_VARIABLE)
    if named:
        return Path(named)
    return SHARED_BESIDE if SHARED_BESIDE.is_dir() else None


PACKAGED = [
    "relevant-agencies.yaml",
    "england-local-authorities.csv",
    "england-icbs.csv",
    "england-ccgs.csv",
    "england-police-forces.csv",
    "la-coverage.csv",
    "la-ccg-coverage.csv",
    "dfe-la-codes.csv",
    "statutory-rules.md",
]

HAVERING = "E09000016"
CITY_OF_LONDON = "E09000001"
DERBYSHIRE = "E10000007"


def _isort_key(name: str) -> tuple[int, str]:
    """Constants, then classes, then functions, as ruff's RUF022 sorts ``__all__``."""
    return (0 if name.isupper() else 1 if name[0].isupper() else 2, name)


def test_public_surface() -> None:
    assert reference.__all__ == sorted(reference.__all__, key=_isort_key)
    assert set(reference.__all__) <= set(dir(reference))
    for name in reference.__all__:
        assert getattr(reference, name) is not None


@pytest.mark.parametrize("name", PACKAGED)
def test_packaged_copy_matches_shared_reference(name: str) -> None:
    shared = shared_reference()
    if shared is None:
        pytest.skip(
            f"no shared reference to compare with: ${SHARED_VARIABLE} is not set and "
            f"{SHARED_BESIDE} does not exist"
        )
    assert shared.is_dir(), f"${SHARED_VARIABLE} names {shared}, which is not a folder"
    packaged = files("safeguarding_partnership.reference").joinpath("data", name).read_bytes()
    assert packaged == (shared / name).read_bytes()


def test_shared_reference_is_found_from_the_variable_or_beside_the_clone(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv(SHARED_VARIABLE, str(tmp_path))
    assert shared_reference() == tmp_path
    monkeypatch.delenv(SHARED_VARIABLE)
    assert shared_reference() == (SHARED_BESIDE if SHARED_BESIDE.is_dir() else None)


def test_schedule_has_38_paragraphs_in_6_groups_in_order() -> None:
    categories = schedule()
    assert len(categories) == 38
    assert len({c.group for c in categories.values()}) == 6
    assert [c.paragraph for c in categories.values()] == list(range(1, 39))
    first = next(iter(categories.values()))
    assert first.id == "academy-school-proprietor"
    assert first.group == EDUCATION_AND_CHILDCARE
    assert categories["district-council"].paragraph == 24
    assert categories["district-council"].group == "local-government"
    assert categories["sport-or-leisure-body"].paragraph == 38


@pytest.mark.parametrize(
    ("day", "count"),
    [
        (dt.date(2018, 6, 29), 152),
        (dt.date(2019, 3, 31), 152),
        (dt.date(2019, 4, 1), 151),
        (dt.date(2020, 4, 1), 151),
        (dt.date(2021, 4, 1), 152),
        (dt.date(2023, 3, 31), 152),
        (dt.date(2023, 4, 1), 153),
        (dt.date(2026, 6, 1), 153),
    ],
)
def test_upper_tier_area_counts(day: dt.date, count: int) -> None:
    areas = upper_tier_areas_on(day)
    assert len(areas) == count
    assert [a.code for a in areas] == sorted(a.code for a in areas)


def test_local_authority_dates_are_inclusive() -> None:
    dorset_county = local_authorities()["E10000009"]
    assert dorset_county.in_force(dt.date(2019, 3, 31))
    assert not dorset_county.in_force(dt.date(2019, 4, 1))
    dorset = local_authorities()["E06000059"]
    assert not dorset.in_force(dt.date(2019, 3, 31))
    assert dorset.in_force(dt.date(2019, 4, 1))
    assert local_authorities()[HAVERING].valid_from is None


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (dt.date(2020, 1, 1), ("E38000077", "NHS Havering CCG")),
        (dt.date(2021, 3, 31), ("E38000077", "NHS Havering CCG")),
        (dt.date(2021, 6, 1), ("E38000255", "NHS North East London CCG")),
        (dt.date(2024, 1, 1), ("E54000029", "NHS North East London Integrated Care Board")),
        (dt.date(2026, 6, 1), ("E54000029", "NHS North East London Integrated Care Board")),
    ],
)
def test_havering_health_partner(day: dt.date, expected: tuple[str, str]) -> None:
    (body,) = health_partners_for(HAVERING, day)
    assert (body.ons_code, body.name) == expected


def test_havering_health_bodies_switch_kind_on_1_july_2022() -> None:
    assert [b.kind for b in health_partners_for(HAVERING, dt.date(2022, 6, 30))] == [
        "clinical_commissioning_group"
    ]
    assert [b.kind for b in health_partners_for(HAVERING, dt.date(2022, 7, 1))] == [
        "integrated_care_board"
    ]


def test_no_partners_before_the_data_starts() -> None:
    assert not coverage_known(dt.date(2018, 6, 28))
    assert coverage_known(dt.date(2018, 6, 29))
    assert health_partners_for(HAVERING, dt.date(2018, 6, 28)) == ()
    assert police_forces_for(HAVERING, dt.date(2018, 6, 28)) == ()
    assert health_partners_for(HAVERING, dt.date(2018, 6, 29)) != ()


def test_havering_police_is_the_met() -> None:
    (force,) = police_forces_for(HAVERING, dt.date(2024, 1, 1))
    assert force.ons_code == "E23000001"
    assert force.chief_officer_title == "Commissioner of Police of the Metropolis"


def test_city_of_london_has_its_own_police_not_the_met() -> None:
    for day in (dt.date(2019, 1, 1), dt.date(2024, 1, 1)):
        (force,) = police_forces_for(CITY_OF_LONDON, day)
        assert force.ons_code == "E23000034"
        assert force.name == "London, City of"
        assert force.chief_officer_title == "Commissioner of Police for the City of London"


def test_39_territorial_police_areas_without_btp() -> None:
    forces = police_forces()
    assert len(forces) == 39
    assert all(code.startswith("E23") for code in forces)
    assert "British Transport Police" not in {f.name for f in forces.values()}


@pytest.mark.parametrize(("year", "count"), [(2018, 195), (2019, 191), (2020, 135), (2021, 106)])
def test_ccg_counts_on_1_april(year: int, count: int) -> None:
    day = dt.date(year, 4, 1)
    assert sum(ccg.in_force(day) for ccg in ccgs().values()) == count


def test_42_icbs_then_36_from_april_2026() -> None:
    assert sum(icb.in_force(dt.date(2022, 7, 1)) for icb in icbs().values()) == 42
    assert sum(icb.in_force(dt.date(2026, 3, 31)) for icb in icbs().values()) == 42
    assert sum(icb.in_force(dt.date(2026, 4, 1)) for icb in icbs().values()) == 36


def test_derbyshire_had_two_ccgs_in_2020() -> None:
    bodies = health_partners_for(DERBYSHIRE, dt.date(2020, 1, 1))
    assert [(b.ons_code, b.ods_code) for b in bodies] == [
        ("E38000182", "01Y"),  # NHS Tameside and Glossop CCG (Glossop, 21 of 491 LSOAs)
        ("E38000229", "15M"),  # NHS Derby and Derbyshire CCG
    ]


def test_32_areas_had_more_than_one_ccg_in_2018_19() -> None:
    day = dt.date(2018, 7, 1)
    multiple = [la for la in upper_tier_areas_on(day) if len(health_partners_for(la.code, day)) > 1]
    assert len(multiple) == 32


def test_health_body_by_ons_or_ods_code() -> None:
    assert health_body("E38000077") == health_body("08F")
    body = health_body("QMF")
    assert body is not None
    assert body.ons_code == "E54000029"
    assert health_body("nonsense") is None


def test_health_body_ods_code_with_two_ons_codes() -> None:
    earlier = health_body("QXU", dt.date(2022, 8, 1))
    later = health_body("QXU", dt.date(2024, 1, 1))
    assert earlier is not None and later is not None
    assert (earlier.ons_code, later.ons_code) == ("E54000052", "E54000063")
    latest = health_body("QXU")
    assert latest is not None and latest.ons_code == "E54000063"
    assert health_body("QXU", dt.date(2026, 4, 1)) is None


def test_dfe_numbers() -> None:
    assert dfe_la_codes()["311"] == (HAVERING,)
    assert set(dfe_la_codes()["825"]) == {"E10000002", "E06000060"}
    assert ons_code_for_dfe("311", dt.date(2024, 1, 1)) == HAVERING
    assert ons_code_for_dfe("825", dt.date(2020, 3, 31)) == "E10000002"
    assert ons_code_for_dfe("825", dt.date(2020, 4, 1)) == "E06000060"
    assert ons_code_for_dfe("370", dt.date(2025, 4, 30)) == "E08000016"
    assert ons_code_for_dfe("370", dt.date(2025, 5, 1)) == "E08000038"
    assert ons_code_for_dfe("835", dt.date(2019, 4, 1)) is None  # Dorset county, abolished
    assert ons_code_for_dfe("660", dt.date(2024, 1, 1)) is None  # a Welsh authority
