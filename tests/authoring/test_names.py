"""Bodies named without codes: matched by name (normalised, with aliases) for that area and
day only; two candidates give no code."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from ruamel.yaml import YAML

from safeguarding_partnership.authoring.fix import fix_file
from safeguarding_partnership.authoring.start import organisation_name
from safeguarding_partnership.model.dates import earliest, latest, read_day
from safeguarding_partnership.reference import (
    ccgs,
    health_body_last_day,
    health_partners_for,
    icbs,
    local_authorities,
    names,
    police_forces,
    police_forces_for,
    upper_tier_areas_on,
)
from safeguarding_partnership.reference.names import aliases, match_body, normalise

from ._support import check, partner_errors

ROOT = Path(__file__).resolve().parents[2]
# a day in each period the reference data distinguishes
DAYS = [
    dt.date(2018, 6, 29), dt.date(2019, 4, 1), dt.date(2020, 4, 1), dt.date(2021, 4, 1),
    dt.date(2022, 7, 1), dt.date(2023, 4, 1), dt.date(2025, 5, 1), dt.date(2026, 4, 1),
]  # fmt: skip


def _where_bodies() -> Iterator[tuple[str, str, str, str, dt.date]]:
    """(kind, name, code, area, day) for every reference body, on a day and in an area it
    covers."""
    seen: set[tuple[str, str]] = set()
    for day in DAYS:
        for la in upper_tier_areas_on(day):
            if ("la", la.code) not in seen:
                seen.add(("la", la.code))
                yield "local_authority", la.name, la.code, la.code, day
            for body in health_partners_for(la.code, day):
                if (body.kind, body.ons_code) not in seen:
                    seen.add((body.kind, body.ons_code))
                    yield body.kind, body.name, body.ons_code, la.code, day
            for force in police_forces_for(la.code, day):
                if ("police", force.ons_code) not in seen:
                    seen.add(("police", force.ons_code))
                    yield "chief_officer_of_police", force.name, force.ons_code, la.code, day


BODIES = list(_where_bodies())


def test_every_reference_body_is_placed() -> None:
    kinds = {kind for kind, *_ in BODIES}
    assert len([b for b in BODIES if b[0] == "local_authority"]) == len(local_authorities())
    assert len([b for b in BODIES if b[0] == "integrated_care_board"]) == len(icbs())
    assert len([b for b in BODIES if b[0] == "clinical_commissioning_group"]) == len(ccgs())
    assert len([b for b in BODIES if b[0] == "chief_officer_of_police"]) == len(police_forces())
    assert len(kinds) == 4


@pytest.mark.parametrize(("kind", "name", "code", "area", "day"), BODIES)
def test_every_reference_body_is_found_by_its_reference_name(
    kind: str, name: str, code: str, area: str, day: dt.date
) -> None:
    match = match_body(name, kind, [area], day)
    assert match is not None and match.ons_code == code, match


def test_every_body_is_found_by_the_name_init_writes() -> None:
    for force in police_forces().values():
        area = next(
            la.code
            for la in upper_tier_areas_on(dt.date(2024, 1, 1))
            if force in police_forces_for(la.code, dt.date(2024, 1, 1))
        )
        written = organisation_name(force)
        match = match_body(written, "chief_officer_of_police", [area], dt.date(2024, 1, 1))
        assert match is not None and match.ons_code == force.ons_code, written


def _alias_cases() -> Iterator[tuple[str, str, str, str, dt.date]]:
    for alias in aliases():
        kind, code, area, day = next(
            (k, c, a, d)
            for k, _, c, a, d in BODIES
            if k == alias.kind
            and alias.code in (c, getattr((icbs() | ccgs()).get(c), "ods_code", None))
        )
        yield alias.alias, kind, code, area, day


@pytest.mark.parametrize(("alias", "kind", "code", "area", "day"), list(_alias_cases()))
def test_every_body_is_found_by_each_alias(
    alias: str, kind: str, code: str, area: str, day: dt.date
) -> None:
    match = match_body(alias, kind, [area], day)
    assert match is not None and match.ons_code == code


def test_every_alias_says_where_it_comes_from() -> None:
    assert aliases()
    for alias in aliases():
        assert alias.source.strip(), alias
        assert alias.kind in names.KINDS


def _documented_bodies() -> Iterator[tuple[str, str, tuple[str, ...], dt.date, dict[str, str]]]:
    """Every partner body with codes in the examples, the fixtures and the docs' YAML."""
    texts = [p.read_text("utf-8") for p in sorted((ROOT / "examples").rglob("*.yaml"))]
    texts += [p.read_text("utf-8") for p in sorted((ROOT / "tests" / "fixtures").rglob("*.yaml"))]
    for page in sorted((ROOT / "docs").rglob("*.md")):
        texts += re.findall(r"```yaml\n(.*?)```", page.read_text("utf-8"), re.S)
    for text in texts:
        try:
            data: Any = YAML(typ="safe").load(text)
        except Exception:
            continue
        if not isinstance(data, dict) or not data.get("areas"):
            continue
        areas = tuple(a["code"] for a in data["areas"] if isinstance(a, dict))
        ends = [local_authorities()[a].valid_to for a in areas if a in local_authorities()]
        partners = {p.get("organisation") for p in data.get("partners") or ()}
        for org in data.get("organisations") or ():
            codes = {k: org[k] for k in ("ons_code", "ods_code") if k in org}
            if org.get("kind") not in names.KINDS or not codes or org["id"] not in partners:
                continue
            # a date known to the month or year (known's fixtures): a day the body surely existed
            ends_on, starts_on = org.get("valid_to"), org.get("valid_from")
            day = (
                earliest(read_day(ends_on))
                if ends_on is not None
                else latest(read_day(starts_on))
                if starts_on is not None
                else dt.date(2024, 6, 1)
            )
            last = health_body_last_day(codes.get("ods_code") or codes["ons_code"])
            la = local_authorities().get(codes.get("ons_code", ""))
            area_end = max(ends) if ends and None not in ends else None
            for end in (last, la.valid_to if la is not None else None, area_end):
                day = min(day, end) if end is not None else day
            yield org["name"], org["kind"], areas, day, codes


DOCUMENTED = list(_documented_bodies())


def test_the_name_forms_of_examples_fixtures_and_docs_are_collected() -> None:
    found = {name for name, *_ in DOCUMENTED}
    assert {
        "London Borough of Havering",
        "NHS North East London Integrated Care Board",
        "Commissioner of Police of the Metropolis",
        "Commissioner of Police for the City of London",
        "City of London Corporation",
        "Surrey County Council",
        "Chief Constable of Surrey Police",
    } <= found


@pytest.mark.parametrize(("name", "kind", "areas", "day", "codes"), DOCUMENTED)
def test_every_name_form_in_examples_fixtures_and_docs_is_found(
    name: str, kind: str, areas: tuple[str, ...], day: dt.date, codes: dict[str, str]
) -> None:
    match = match_body(name, kind, areas, day)
    assert match is not None and match.found is not None, (name, match)
    assert match.found.ons_code == codes.get("ons_code", match.found.ons_code)
    assert match.found.ods_code == codes.get("ods_code", match.found.ods_code)


HAVERING, KENT = "E09000016", "E10000016"
ON_2024 = dt.date(2024, 6, 1)


@pytest.mark.parametrize(
    ("name", "kind", "area", "code"),
    [
        ("NEL ICB", "integrated_care_board", HAVERING, "QMF"),  # tests/test_registry.py
        ("North East London ICB", "integrated_care_board", HAVERING, "QMF"),
        ("NHS Kent and Medway", "integrated_care_board", KENT, "QKS"),  # issue 17
        ("the Met", "chief_officer_of_police", HAVERING, "E23000001"),  # issue 17
        ("Metropolitan Police Service", "chief_officer_of_police", HAVERING, "E23000001"),
        ("Kent Police", "chief_officer_of_police", KENT, "E23000032"),  # issue 17
        ("Chief Constable of Kent Police", "chief_officer_of_police", KENT, "E23000032"),
        ("Havering Council", "local_authority", HAVERING, HAVERING),
        ("Kent County Council", "local_authority", KENT, KENT),
    ],
)
def test_the_name_forms_publications_use(name: str, kind: str, area: str, code: str) -> None:
    match = match_body(name, kind, [area], ON_2024)
    assert match is not None and match.code == code


def test_never_across_areas_or_dates() -> None:
    assert match_body("Kent Police", "chief_officer_of_police", [HAVERING], ON_2024) is None
    assert match_body("NEL ICB", "integrated_care_board", [KENT], ON_2024) is None
    # the CCG is gone by 2024, and the ICB did not exist in 2021
    assert (
        match_body("NHS Havering CCG", "clinical_commissioning_group", [HAVERING], ON_2024) is None
    )
    icb = "NHS North East London Integrated Care Board"
    assert match_body(icb, "integrated_care_board", [HAVERING], dt.date(2021, 6, 1)) is None
    # a name of one kind is not a body of another
    assert (
        match_body("NHS Kent and Medway", "clinical_commissioning_group", [KENT], ON_2024) is None
    )
    assert match_body("Kent", "local_authority", [KENT], ON_2024) is not None
    assert match_body("NHS", "integrated_care_board", [KENT], ON_2024) is None


def test_a_name_close_to_several_bodies_gives_candidates_and_no_code() -> None:
    match = match_body("NHS Surrey CCG", "clinical_commissioning_group", ["E10000030"],
                       dt.date(2019, 6, 1))  # fmt: skip
    assert match is not None and match.code is None and not match.exact
    assert [c.name for c in match.candidates] == [
        "NHS East Surrey CCG", "NHS North West Surrey CCG", "NHS Surrey Downs CCG",
        "NHS Surrey Heath CCG",
    ]  # fmt: skip


def test_a_name_of_two_bodies_gives_both_and_no_code(monkeypatch: pytest.MonkeyPatch) -> None:
    forms = {("integrated_care_board", "QXU"): frozenset({"surrey"}),
             ("integrated_care_board", "QNQ"): frozenset({"surrey"})}  # fmt: skip
    monkeypatch.setattr(names, "_alias_forms", lambda: forms)
    match = match_body("Surrey ICB", "integrated_care_board", ["E10000030"], ON_2024)
    assert match is not None and match.exact and match.code is None
    assert sorted(c.ods_code or "" for c in match.candidates) == ["QNQ", "QXU"]


def test_normalise() -> None:
    assert normalise("NHS North East London Integrated Care Board", "integrated_care_board") == (
        "north east london"
    )
    assert normalise("Bristol, City of", "local_authority") == normalise(
        "Bristol City Council", "local_authority"
    )
    assert normalise("Devon & Cornwall", "chief_officer_of_police") == normalise(
        "Devon and Cornwall Police", "chief_officer_of_police"
    )
    assert normalise("London, City of", "chief_officer_of_police") == normalise(
        "City of London Police", "chief_officer_of_police"
    )


NAMED = """\
schema_version: 1
id: havering
name: Havering Safeguarding Children Partnership
areas: [{code: E09000016, name: Havering}]
organisations:
  - {id: council, name: London Borough of Havering, kind: local_authority}
  - {id: icb, name: NEL ICB, kind: integrated_care_board}   # as our papers call it
  - {id: police, name: the Met, kind: chief_officer_of_police}
partners:
  - {role: local_authority, organisation: council}
  - {role: integrated_care_board, organisation: icb}
  - {role: chief_officer_of_police, organisation: police}
"""


def test_fix_adds_the_codes_and_the_next_check_uses_them(tmp_path: Path) -> None:
    path = tmp_path / "havering.yaml"
    path.write_text(NAMED, encoding="utf-8")
    before = check(path, ON_2024)
    unknown = [f for r in before.results for f in r.findings if "cannot be told" in f.message]
    assert {f.rule_id for f in unknown} == {"PARTNERS-001", "PARTNERS-002"}

    result = fix_file(path, ON_2024)
    assert result.written
    text = path.read_text(encoding="utf-8")
    assert "  - {id: council, name: London Borough of Havering, kind: local_authority, " \
        "ons_code: E09000016}\n" in text  # fmt: skip
    assert "kind: integrated_care_board, ons_code: E54000029, ods_code: QMF}   # as our" in text
    assert "kind: chief_officer_of_police, ons_code: E23000001}\n" in text

    after = check(path, ON_2024)
    assert not [f for r in after.results for f in r.findings if "cannot be told" in f.message]
    assert partner_errors(after) == []
    assert fix_file(path, ON_2024).changes == ()


def test_fix_leaves_a_name_of_several_bodies_alone(tmp_path: Path) -> None:
    text = NAMED.replace("areas: [{code: E09000016, name: Havering}]", "areas: [{code: E10000030}]")
    text = text.replace("NEL ICB", "NHS Surrey")
    path = tmp_path / "surrey.yaml"
    path.write_text(text, encoding="utf-8")
    result = fix_file(path, ON_2024, write=False)
    (ambiguity,) = result.names
    assert ambiguity.candidates == ("NHS Surrey Heartlands Integrated Care Board (QXU)",)
    assert "is not the name of any integrated care board" in ambiguity.subject
    assert "NHS Surrey, kind: integrated_care_board}" in result.fixed  # no code added
