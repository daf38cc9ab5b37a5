"""The Get Information about Schools importer."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import attrs
import pytest

from safeguarding_partnership.errors import ArrangementsFileError
from safeguarding_partnership.importers import gias
from safeguarding_partnership.importers.gias import (
    REQUIRED_COLUMNS,
    GiasEstablishment,
    agencies_for_area,
    category_for,
    read_gias,
)
from safeguarding_partnership.model import OrganisationKind
from safeguarding_partnership.reference import schedule

FIXTURE = Path(__file__).parent / "data" / "gias" / "edubasealldata-fixture.csv"
HAVERING = "E09000016"
ON = dt.date(2024, 1, 1)


@pytest.fixture(scope="module")
def rows() -> dict[int, GiasEstablishment]:
    return {est.urn: est for est in read_gias(FIXTURE)}


def _header() -> list[str]:
    return FIXTURE.read_bytes().split(b"\r\n", 1)[0].decode("cp1252").split(",")


def test_public_surface() -> None:
    assert set(gias.__all__) <= set(dir(gias))


def test_fixture_is_windows_1252_not_utf8() -> None:
    raw = FIXTURE.read_bytes()
    with pytest.raises(UnicodeDecodeError):
        raw.decode("utf-8")
    assert b"\xe0" in raw and b"\x92" in raw and b"\r\n" in raw
    assert len(_header()) == 135


def test_reads_every_row_with_cp1252_characters(rows: dict[int, GiasEstablishment]) -> None:
    assert sorted(rows) == list(range(100001, 100011))
    assert rows[100002].name == "St Thomas à Becket Fixture Academy"
    assert rows[100003].name == "St. Clement’s Fixture College"  # 0x92 is U+2019
    assert rows[100007].name == "Ysgol Fixture Awel Y Môr"


def test_quoted_commas_blanks_and_dates(rows: dict[int, GiasEstablishment]) -> None:
    academy = rows[100002]
    assert academy.trust_name == "Fixture Learning Trust, Havering"
    assert academy.trust_code == "9001"
    assert academy.la_code == "311"
    assert academy.open_date == dt.date(2012, 9, 1)
    assert academy.close_date is None
    assert academy.line == 3
    college = rows[100003]
    assert college.status == "Open, but proposed to close"
    assert college.close_date == dt.date(2030, 8, 31)
    assert rows[100004].open_date is None  # blank
    assert rows[100004].proprietor_name == "Fixture House Trust, Ltd"
    assert rows[100001].open_date is None  # placeholder 01-01-1800
    assert rows[100009].open_date is None  # placeholder 01-01-1900


def test_utf8_copy_reads_the_same(tmp_path: Path) -> None:
    copy = tmp_path / "utf8.csv"
    copy.write_text(FIXTURE.read_bytes().decode("cp1252"), encoding="utf-8", newline="")
    assert list(read_gias(copy)) == list(read_gias(FIXTURE))


def test_bytes_undefined_in_cp1252_decode_as_latin1(tmp_path: Path) -> None:
    text = FIXTURE.read_bytes().replace(b"Fixture Nursery", b"Fixture\x81Nursery")
    path = tmp_path / "odd.csv"
    path.write_bytes(text)
    names = {est.urn: est.name for est in read_gias(path)}
    assert names[100005] == "Fixture\x81Nursery School"
    assert names[100002] == "St Thomas à Becket Fixture Academy"


@pytest.mark.parametrize(
    ("urn", "category"),
    [
        (100001, "maintained-school-governing-body"),
        (100002, "academy-school-proprietor"),
        (100003, "further-education-institution-governing-body"),
        (100004, "independent-educational-institution-proprietor"),
        (100005, "maintained-nursery-school-governing-body"),
        (100006, "maintained-school-governing-body"),
        (100007, None),  # Welsh establishment: outside England
        (100008, "academy-school-proprietor"),
        (100009, "maintained-school-governing-body"),
        (100010, None),  # online provider: no paragraph of its own
    ],
)
def test_category_for(rows: dict[int, GiasEstablishment], urn: int, category: str | None) -> None:
    assert category_for(rows[urn]) == category
    if category is not None:
        assert category in schedule()


def test_every_mapped_category_is_in_the_schedule() -> None:
    categories = {c for c in gias._CATEGORY_BY_TYPE.values() if c is not None}
    assert categories <= set(schedule())


def test_miscellaneous_only_maps_when_a_specialist_designated_college(
    rows: dict[int, GiasEstablishment],
) -> None:
    misc = attrs.evolve(rows[100003], type_name="Miscellaneous")
    assert category_for(misc) is None
    sdc = attrs.evolve(misc, further_education_type="Specialist Designated College")
    assert category_for(sdc) == "further-education-institution-governing-body"


def test_agencies_for_havering_in_2024() -> None:
    organisations, agencies = agencies_for_area(read_gias(FIXTURE), HAVERING, ON)
    assert [o.id for o in organisations] == [
        "urn-100001",
        "urn-100002",
        "urn-100003",
        "urn-100004",
        "urn-100005",
    ]
    kinds = {o.id: o.kind for o in organisations}
    assert kinds["urn-100003"] == OrganisationKind.COLLEGE
    assert kinds["urn-100005"] == OrganisationKind.EARLY_YEARS
    assert kinds["urn-100002"] == OrganisationKind.SCHOOL
    assert organisations[1].urn == 100002
    assert organisations[1].valid_from == dt.date(2012, 9, 1)
    academy = agencies[1]
    assert academy.organisation == "urn-100002"
    assert academy.category == "academy-school-proprietor"
    assert academy.reason == "Imported from Get Information about Schools: Academy converter"
    assert academy.areas == (HAVERING,)
    assert [a.organisation for a in agencies] == [o.id for o in organisations]


def test_closed_school_counts_before_its_close_date() -> None:
    organisations, _ = agencies_for_area(read_gias(FIXTURE), HAVERING, dt.date(2019, 8, 31))
    ids = [o.id for o in organisations]
    assert "urn-100006" in ids
    assert "urn-100002" in ids  # opened 2012
    organisations, _ = agencies_for_area(read_gias(FIXTURE), HAVERING, dt.date(2019, 9, 1))
    assert "urn-100006" not in [o.id for o in organisations]


def test_other_areas_and_wales_are_left_out() -> None:
    organisations, agencies = agencies_for_area(read_gias(FIXTURE), "E09000002", ON)
    assert [o.id for o in organisations] == ["urn-100009"]
    assert agencies[0].category == "maintained-school-governing-body"


def test_missing_columns_give_a_located_error(tmp_path: Path) -> None:
    header = [name for name in _header() if name not in ('"CloseDate"', '"LA (code)"')]
    path = tmp_path / "short.csv"
    path.write_text(",".join(header) + "\r\n", encoding="cp1252", newline="")
    with pytest.raises(ArrangementsFileError) as caught:
        list(read_gias(path))
    error = caught.value
    assert error.location.file == str(path)
    assert error.location.line == 1
    assert str(error) == f"{path}:1: missing columns: LA (code), CloseDate"


def test_bad_urn_gives_its_line(tmp_path: Path) -> None:
    lines = FIXTURE.read_bytes().split(b"\r\n")
    lines[4] = b"1OOO04" + lines[4][6:]
    path = tmp_path / "bad.csv"
    path.write_bytes(b"\r\n".join(lines))
    reader = read_gias(path)
    assert [est.urn for est in (next(reader), next(reader), next(reader))] == [
        100001,
        100002,
        100003,
    ]
    with pytest.raises(ArrangementsFileError) as caught:
        next(reader)
    assert caught.value.location.line == 5
    assert "bad URN '1OOO04'" in str(caught.value)


def test_bad_date_gives_its_line_and_column(tmp_path: Path) -> None:
    path = tmp_path / "bad-date.csv"
    path.write_bytes(FIXTURE.read_bytes().replace(b'"01-09-2012"', b'"2012-09-01"'))
    with pytest.raises(ArrangementsFileError) as caught:
        list(read_gias(path))
    problem = caught.value.problems[0]
    assert (problem.location.line, problem.path) == (3, "OpenDate")


def test_required_columns_are_in_the_current_header() -> None:
    header = [name.strip('"') for name in _header()]
    assert set(REQUIRED_COLUMNS) <= set(header)


def test_streams_a_25000_row_export(tmp_path: Path) -> None:
    lines = FIXTURE.read_bytes().split(b"\r\n")
    header, template = lines[0], lines[2]
    path = tmp_path / "big.csv"
    with path.open("wb") as handle:
        handle.write(header + b"\r\n")
        for urn in range(100000, 125000):
            handle.write(str(urn).encode() + template[6:] + b"\r\n")
    reader = read_gias(path)
    first = next(reader)
    assert first.urn == 100000
    assert first.name == "St Thomas à Becket Fixture Academy"
    count = 1 + sum(1 for _ in reader)
    assert count == 25000
    organisations, agencies = agencies_for_area(read_gias(path), HAVERING, ON)
    assert len(organisations) == len(agencies) == 25000
