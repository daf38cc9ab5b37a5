"""``check --fix`` and ``--diff``: bodies the reference data says were succeeded are end-dated
and their successors added, keeping every other byte of the file."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from ruamel.yaml import YAML

from safeguarding_partnership.authoring.fix import fix_file

from ._support import changed_lines, check, codes, partner_errors, run_cli

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "authoring"

# A Havering file written in 2021, block style, with comments everywhere.
CCG_2021 = (FIXTURES / "ccg-2021.yaml").read_text(encoding="utf-8")

# Hertfordshire before 2026, flow style: two ICBs, both dissolved on 2026-04-01.
HERTS_2025 = (FIXTURES / "herts-2025.yaml").read_text(encoding="utf-8")

# Somerset county in 2022; the county was replaced by a unitary Somerset on 2023-04-01.
SOMERSET_2022 = (FIXTURES / "somerset-2022.yaml").read_text(encoding="utf-8")

# Cumbria in 2022; split into two unitaries on 2023-04-01: nothing can be chosen for it.
CUMBRIA_2022 = (FIXTURES / "cumbria-2022.yaml").read_text(encoding="utf-8")


def _write(tmp_path: Path, text: str, name: str = "arrangements.yaml") -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode("utf-8"))
    return path


def _safe(path: Path) -> dict[str, object]:
    data = YAML(typ="safe").load(path.read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


def test_a_2021_ccg_checked_as_of_2023_gains_the_icb_and_an_end_date(tmp_path: Path) -> None:
    path = _write(tmp_path, CCG_2021)
    day = dt.date(2023, 1, 1)
    before = partner_errors(check(path, day))
    assert codes(before) == ["PARTNERS-002", "PARTNERS-003"]

    result = fix_file(path, day)
    assert result.written and not result.ambiguous
    after = path.read_text(encoding="utf-8")
    removed, added = changed_lines(CCG_2021, after)
    assert removed == []  # comments, key order and every other line kept
    assert added == [
        "  - id: north-east-london-icb",
        "    name: NHS North East London Integrated Care Board",
        "    kind: integrated_care_board",
        "    ons_code: E54000029",
        "    ods_code: QMF",
        "    valid_from: 2022-07-01",
        "    predecessors: [nel-ccg]",
        "    valid_to: 2022-06-30",
        "  - role: integrated_care_board",
        "    organisation: north-east-london-icb",
        "    valid_from: 2022-07-01",
    ]
    assert (
        "      title: Accountable Officer   # to be confirmed\n    valid_to: 2022-06-30\n" in after
    )
    assert (
        "    ods_code: QMF\n    valid_from: 2022-07-01\n    predecessors: [nel-ccg]\n  - id: met"
        in after
    )
    assert partner_errors(check(path, day)) == []
    assert fix_file(path, day).changes == ()  # a second run has nothing to do


def test_an_icb_dissolved_on_1_april_2026_gains_its_successor(tmp_path: Path) -> None:
    path = _write(tmp_path, HERTS_2025)
    day = dt.date(2026, 6, 1)
    assert codes(partner_errors(check(path, day))) == ["PARTNERS-002"]
    assert fix_file(path, day).written
    removed, added = changed_lines(HERTS_2025, path.read_text(encoding="utf-8"))
    hwe = "  - {role: integrated_care_board, organisation: hwe-icb, valid_from: 2022-07-01"
    cp = "  - {role: integrated_care_board, organisation: cp-icb, valid_from: 2022-07-01"
    assert removed == [hwe + "}  # most of the county", cp + "}   # 11 LSOAs"]
    assert added == [
        "  - {id: central-east-icb, name: NHS Central East Integrated Care Board, "
        "kind: integrated_care_board, ons_code: E54000065, ods_code: S1Y5D, "
        "valid_from: 2026-04-01, predecessors: [hwe-icb, cp-icb]}",
        hwe + ", valid_to: 2026-03-31}  # most of the county",
        cp + ", valid_to: 2026-03-31}   # 11 LSOAs",
        "  - {role: integrated_care_board, organisation: central-east-icb, valid_from: 2026-04-01}",
    ]
    assert partner_errors(check(path, day)) == []
    assert partner_errors(check(path, dt.date(2025, 6, 1))) == []  # the history still holds


def test_a_reorganised_council_gains_its_successor(tmp_path: Path) -> None:
    path = _write(tmp_path, SOMERSET_2022)
    day = dt.date(2024, 1, 1)
    result = fix_file(path, day)
    assert result.written
    data = _safe(path)
    assert data["areas"] == [
        {"code": "E10000027", "name": "Somerset", "valid_to": dt.date(2023, 3, 31)},
        {"code": "E06000066", "name": "Somerset", "valid_from": dt.date(2023, 4, 1)},
    ]
    partners = data["partners"]
    assert isinstance(partners, list)
    assert partners[0] == {
        "role": "local_authority", "organisation": "somerset-cc", "areas": ["E10000027"],
        "valid_to": dt.date(2023, 3, 31),
    }  # fmt: skip
    assert partners[1] == {
        "role": "local_authority", "organisation": "somerset-council", "areas": ["E06000066"],
        "valid_from": dt.date(2023, 4, 1),
    }  # fmt: skip
    assert "  - {code: E10000027, name: Somerset, valid_to: 2023-03-31}   # the county\n" in (
        path.read_text(encoding="utf-8")
    )
    assert partner_errors(check(path, day)) == []
    assert partner_errors(check(path, dt.date(2022, 12, 1))) == []


def test_a_split_gives_candidates_and_writes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _write(tmp_path, CUMBRIA_2022)
    result = fix_file(path, dt.date(2024, 1, 1))
    assert not result.written
    (split,) = result.ambiguous
    assert split.candidates == (
        "Cumberland (E06000063)",
        "Westmorland and Furness (E06000064)",
    )
    assert path.read_bytes() == CUMBRIA_2022.encode("utf-8")
    code, _, err = run_cli(capsys, "check", str(path), "--as-of", "2024-01-01", "--fix")
    assert "Cumberland (E06000063)" in err and "nothing written" in err
    assert path.read_bytes() == CUMBRIA_2022.encode("utf-8")
    assert code == 1


def test_a_file_that_does_not_round_trip_is_left_untouched(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = CCG_2021.replace(
        "{code: E09000016, name: Havering}", "{ code: E09000016,  name: Havering }"
    )
    path = _write(tmp_path, text)
    result = fix_file(path, dt.date(2023, 1, 1))
    assert not result.written and result.refused is not None
    assert "round trip" in result.refused
    assert path.read_bytes() == text.encode("utf-8")
    _, _, err = run_cli(capsys, "check", str(path), "--as-of", "2023-01-01", "--fix")
    assert "round trip" in err and path.read_bytes() == text.encode("utf-8")


def test_diff_previews_and_writes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _write(tmp_path, CCG_2021)
    code, out, err = run_cli(capsys, "check", str(path), "--as-of", "2023-01-01", "--diff")
    assert code == 1, err
    assert path.read_bytes() == CCG_2021.encode("utf-8")
    assert out.startswith(f"--- {path}\n+++ {path}\n")
    assert "+  - role: integrated_care_board\n" in out
    assert "+    valid_to: 2022-06-30\n" in out

    code, out, err = run_cli(capsys, "check", str(path), "--as-of", "2021-06-01", "--diff")
    assert (code, out) == (0, ""), err  # nothing to fix in 2021


def test_fix_then_check_in_one_command(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = _write(tmp_path, SOMERSET_2022)
    code, out, err = run_cli(
        capsys, "check", str(path), "--as-of", "2024-01-01", "--fix", "--select", "PARTNERS-"
    )
    assert "fixed" in err and "Somerset (E06000066)" in err
    assert code == 0, out + err


def test_the_examples_need_no_fix_today() -> None:
    examples = Path(__file__).resolve().parents[2] / "examples" / "havering"
    for path in sorted(examples.glob("*.yaml")):
        result = fix_file(path, dt.date(2026, 12, 3), write=False)
        assert result.changes == () and not result.ambiguous and result.refused is None, path


def test_a_registry_file_a_chain_of_successors_and_names_without_codes(tmp_path: Path) -> None:
    """Somerset by names alone, the county replaced by the unitary (the police entry's areas
    grow); Havering's CCG of 2019 succeeded twice, by the 2021 CCG and by the 2022 ICB."""
    text = (FIXTURES / "registry.yaml").read_text(encoding="utf-8")
    path = _write(tmp_path, text)
    day = dt.date(2024, 1, 1)
    result = fix_file(path, day)
    assert result.written, result
    removed, added = changed_lines(text, path.read_text(encoding="utf-8"))
    assert len(removed) == 7 and len(added) == 14  # 7 lines changed, 7 added
    assert "      - {role: integrated_care_board, organisation: somerset-icb}" not in removed
    assert "    areas: [{code: E09000016}]" not in removed
    data = _safe(path)["arrangements"]
    assert isinstance(data, list)
    somerset, havering = data
    assert [p["organisation"] for p in somerset["partners"]] == [
        "somerset-cc", "somerset-council", "somerset-icb", "police",
    ]  # fmt: skip
    assert somerset["partners"][3]["areas"] == ["E10000027", "E06000066"]
    assert somerset["organisations"][0]["ons_code"] == "E10000027"  # by name, on its last day
    periods = [
        (p["organisation"], p.get("valid_from"), p.get("valid_to")) for p in havering["partners"]
    ]
    assert periods == [
        ("c", None, None),
        ("ccg", None, dt.date(2021, 3, 31)),
        ("north-east-london-ccg", dt.date(2021, 4, 1), dt.date(2022, 6, 30)),
        ("north-east-london-icb", dt.date(2022, 7, 1), None),
    ]  # fmt: skip
    # the one error left: Havering's file never named its police partner, which no fix knows
    (error,) = partner_errors(check(path, day))
    assert error.rule_id == "PARTNERS-001" and "no chief officer of police" in error.message


def test_a_successor_council_in_a_footprint_of_several_areas_acts_for_its_own(
    tmp_path: Path,
) -> None:
    text = (
        "schema_version: 1\nid: nyy\nname: North Yorkshire and York\ncombined_area: true\n"
        "areas: [{code: E10000023, name: North Yorkshire}, {code: E06000014, name: York}]\n"
        "organisations:\n"
        "  - {id: nycc, name: North Yorkshire County Council, kind: local_authority}\n"
        "  - {id: york, name: City of York Council, kind: local_authority}\n"
        "partners:\n"
        "  - {role: local_authority, organisation: nycc}\n"
        "  - {role: local_authority, organisation: york, areas: [E06000014]}\n"
    )
    path = _write(tmp_path, text)
    assert fix_file(path, dt.date(2024, 1, 1)).written
    data = _safe(path)
    assert data["areas"] == [
        {"code": "E10000023", "name": "North Yorkshire", "valid_to": dt.date(2023, 3, 31)},
        {"code": "E06000065", "name": "North Yorkshire", "valid_from": dt.date(2023, 4, 1)},
        {"code": "E06000014", "name": "York"},
    ]
    partners = data["partners"]
    assert isinstance(partners, list)
    assert partners[1] == {
        "role": "local_authority", "organisation": "north-yorkshire-council",
        "areas": ["E06000065"], "valid_from": dt.date(2023, 4, 1),
    }  # fmt: skip
    orgs = {o["id"]: o.get("ons_code") for o in data["organisations"]}  # type: ignore[union-attr]
    # both named without codes: the county matched on its last day, York today
    assert orgs == {
        "nycc": "E10000023",
        "north-yorkshire-council": "E06000065",
        "york": "E06000014",
    }
