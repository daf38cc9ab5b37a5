"""``init``: a starter arrangements file with the right partners for the areas and the day."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from ruamel.yaml import YAML

from safeguarding_partnership.authoring.start import StartError, starter
from safeguarding_partnership.reference import local_authorities, upper_tier_areas_on
from safeguarding_partnership.reference.catalogue import catalogue_entries

from ._support import check, partner_errors, run_cli

TODAY = dt.date(2026, 12, 3)
HAVERING = "E09000016"
CITY, HACKNEY = "E09000001", "E09000012"


def _load(text: str) -> dict[str, object]:
    data = YAML(typ="safe").load(text)
    assert isinstance(data, dict)
    return data


def _written(tmp_path: Path, codes: list[str], day: dt.date, name: str | None = None) -> Path:
    path = tmp_path / "arrangements.yaml"
    path.write_text(starter(codes, day, name=name).text, encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("codes", "day"),
    [
        ([HAVERING], dt.date(2019, 9, 29)),
        ([HAVERING], dt.date(2026, 6, 1)),
        ([CITY, HACKNEY], dt.date(2026, 6, 1)),
    ],
    ids=["havering-2019", "havering-2026", "city-and-hackney-2026"],
)
def test_starter_snapshot(tmp_path: Path, codes: list[str], day: dt.date, snapshot: object) -> None:
    text = starter(codes, day).text
    assert text == snapshot
    run = check(_written(tmp_path, codes, day), day)
    assert partner_errors(run) == []


def test_havering_2019_has_the_ccg_and_2026_the_icb() -> None:
    old = _load(starter([HAVERING], dt.date(2019, 9, 29)).text)
    new = _load(starter([HAVERING], dt.date(2026, 6, 1)).text)
    assert [(p["role"], p["organisation"]) for p in old["partners"]] == [  # type: ignore[index,union-attr]
        ("local_authority", "havering-council"),
        ("clinical_commissioning_group", "havering-ccg"),
        ("chief_officer_of_police", "metropolitan-police"),
    ]
    orgs = {o["id"]: o for o in new["organisations"]}  # type: ignore[union-attr]
    assert orgs["north-east-london-icb"]["ods_code"] == "QMF"  # type: ignore[index]
    assert orgs["north-east-london-icb"]["ons_code"] == "E54000029"  # type: ignore[index]
    assert orgs["metropolitan-police"]["ons_code"] == "E23000001"  # type: ignore[index]


def test_city_and_hackney_name_each_police_force_for_its_own_area() -> None:
    data = _load(starter([CITY, HACKNEY], dt.date(2026, 6, 1)).text)
    police = {
        p["organisation"]: p.get("areas")  # type: ignore[union-attr]
        for p in data["partners"]  # type: ignore[union-attr]
        if p["role"] == "chief_officer_of_police"  # type: ignore[index]
    }
    assert police == {"city-of-london-police": [CITY], "metropolitan-police": [HACKNEY]}
    health = [p for p in data["partners"] if p["role"] == "integrated_care_board"]  # type: ignore[union-attr,index]
    assert health == [{"role": "integrated_care_board", "organisation": "north-east-london-icb"}]


def test_posts_are_left_out_never_invented() -> None:
    text = starter([HAVERING], dt.date(2026, 6, 1)).text
    data = _load(text)
    for partner in data["partners"]:  # type: ignore[union-attr]
        assert "lead" not in partner and "delegates" not in partner  # type: ignore[operator]
    assert "independent_scrutiny" not in data and "groups" not in data
    # a hint of the post to fill in is a comment, never a value
    assert re.search(
        r"^    # lead: \{title: Chief Executive, organisation: havering-council\}$", text, re.M
    )


def test_every_code_cited_is_in_the_catalogue() -> None:
    known = {e.id for e in catalogue_entries()}
    for codes, day in (([HAVERING], dt.date(2019, 9, 29)), ([CITY, HACKNEY], TODAY)):
        cited = set(re.findall(r"\b[A-Z]+-\d{3}\b", starter(codes, day).text))
        assert cited, "the starter cites no rule"
        assert cited <= known, cited - known


def test_name_and_id() -> None:
    made = starter(
        [CITY, HACKNEY], TODAY, name="City and Hackney Safeguarding Children Partnership"
    )
    data = _load(made.text)
    assert data["name"] == "City and Hackney Safeguarding Children Partnership"
    assert data["id"] == "city-and-hackney"
    assert made.id == "city-and-hackney"
    assert _load(starter([HAVERING], TODAY).text)["name"] == (
        "Havering Safeguarding Children Partnership"
    )


@pytest.mark.parametrize(
    ("codes", "day", "message"),
    [
        (["E09999999"], TODAY, "not an upper-tier local authority area"),
        (
            ["E10000021"],
            TODAY,
            "did not exist on 2026-12-03: abolished, its last day was 2021-03-31",
        ),
        (["E06000061"], dt.date(2020, 1, 1), "did not exist on 2020-01-01: created on 2021-04-01"),
        ([HAVERING], dt.date(2018, 6, 28), "from 2018-06-29"),
        ([], TODAY, "at least one area"),
    ],
)
def test_refuses_areas_that_did_not_exist(codes: list[str], day: dt.date, message: str) -> None:
    with pytest.raises(StartError, match=message):
        starter(codes, day)


def test_command_writes_then_refuses_to_overwrite(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "havering.yaml"
    args = ["init", "--area", HAVERING, "--as-of", "2026-06-01", "--out", str(out)]
    code, _, err = run_cli(capsys, *args)
    assert code == 0, err
    assert out.read_text(encoding="utf-8") == starter([HAVERING], dt.date(2026, 6, 1)).text
    assert "check" in err  # says what to run next
    out.write_text("mine\n", encoding="utf-8")
    code, _, err = run_cli(capsys, *args)
    assert code == 4 and "already exists" in err
    assert out.read_text(encoding="utf-8") == "mine\n"


def test_command_default_file_name_and_areas(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    code, _, err = run_cli(
        capsys, "init", "--area", CITY, "--area", HACKNEY, "--as-of", "2026-06-01",
        "--name", "City and Hackney Safeguarding Children Partnership",
    )  # fmt: skip
    assert code == 0, err
    written = tmp_path / "city-and-hackney.yaml"
    assert [a["code"] for a in _load(written.read_text(encoding="utf-8"))["areas"]] == [  # type: ignore[union-attr,index]
        CITY,
        HACKNEY,
    ]


def test_command_bad_area_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run_cli(capsys, "init", "--area", "E10000021", "--as-of", "2026-06-01")
    assert code == 2 and "abolished" in err


@st.composite
def _area_and_day(draw: st.DrawFn) -> tuple[str, dt.date]:
    day = draw(st.dates(min_value=dt.date(2018, 6, 29), max_value=TODAY))
    la = draw(st.sampled_from(upper_tier_areas_on(day)))
    return la.code, day


@given(_area_and_day())
def test_any_area_any_day_loads_with_no_partners_error(
    tmp_path_factory: pytest.TempPathFactory, area_and_day: tuple[str, dt.date]
) -> None:
    code, day = area_and_day
    assert code in local_authorities()
    path = _written(tmp_path_factory.mktemp("init"), [code], day)
    run = check(path, day)
    assert partner_errors(run) == [], [str(f) for f in partner_errors(run)]
