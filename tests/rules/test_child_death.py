"""CDR: child death review arrangements (catalogue section J)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from safeguarding_partnership.findings import Severity
from safeguarding_partnership.rules.core import (
    cdr as child_death,
)
from safeguarding_partnership.rules.coverage import NOT_IMPLEMENTED

from ._build_publication import (
    WT2018_DAY,
    WT2023_DAY,
    Breaker,
    Data,
    build,
    check,
    compliant,
    of,
)

FAMILY = {r.code for r in child_death.RULES}


def _cdr(**values: object) -> Callable[[Data], None]:
    def change(data: Data) -> None:
        data["child_death_review"].update(values)

    return change


def _add_police(data: Data) -> None:
    data["child_death_review"]["partners"].append("met")


def _drop_health(data: Data) -> None:
    cdr = data["child_death_review"]
    cdr["partners"] = [p for p in cdr["partners"] if not p.startswith("health-")]


def _yearly_interval_and_a_missing_report(data: Data) -> None:
    data["settings"]["core"]["CDR-004"] = {"interval_months": 12}
    cdr = data["child_death_review"]
    cdr["reports"] = [d for d in cdr["reports"] if d.year != 2021]


BREAKERS = [
    Breaker("CDR-001", _add_police, "child_death_review.partners[2]"),
    Breaker("CDR-001", _drop_health, "child_death_review.partners", WT2018_DAY),
    Breaker("CDR-004", _yearly_interval_and_a_missing_report, "child_death_review.reports"),
    Breaker("CDR-005", _cdr(footprint=["E09000002"]), "child_death_review.footprint"),
    Breaker("CDR-007", _cdr(deaths_per_year=25), "child_death_review.deaths_per_year"),
    Breaker(
        "CDR-008",
        _cdr(published_url=None),
        "child_death_review.published_url",
        severity=Severity.INFO,
    ),
]


def test_every_checkable_entry_is_a_rule_or_listed() -> None:
    assert {b.code for b in BREAKERS} == FAMILY
    listed = {c for c in NOT_IMPLEMENTED if c.startswith("CDR-")}
    assert listed == {"CDR-002", "CDR-003", "CDR-006"}


def test_definitions_and_powers_give_information() -> None:
    for b in BREAKERS:
        if b.code in ("CDR-001", "CDR-005", "CDR-008"):
            found = of(check(b.broken(), b.day), b.code)
            assert {f.severity for f in found} == {Severity.INFO}


def test_cdr_001_names_the_missing_health_body_of_the_era() -> None:
    ccg_era = of(check(BREAKERS[1].broken(), WT2018_DAY), "CDR-001")
    assert [f.message for f in ccg_era] == [
        "NHS North East London CCG (A3A8R) covers part of E09000016 on 2021-06-01 but is not a "
        "recorded child death review partner"
    ]
    icb_era = of(check(BREAKERS[1].broken(WT2023_DAY), WT2023_DAY), "CDR-001")
    assert "NHS North East London Integrated Care Board (QMF)" in icb_era[0].message


def test_cdr_004_has_no_fixed_interval() -> None:
    data = compliant(WT2023_DAY)
    data["child_death_review"]["reports"] = [dt.date(2020, 9, 1)]
    assert of(check(data, WT2023_DAY), "CDR-004") == []
    data["settings"]["core"]["CDR-004"] = {"interval_months": 36}
    found = of(check(data, WT2023_DAY), "CDR-004")
    assert [f.message for f in found] == [
        "no child death review report was published in the 36 months after the report on "
        "2020-09-01 (checked to 2025-06-01)"
    ]


def test_unknown_gives_only_information() -> None:
    bare = build({"id": "b", "name": "B", "areas": [{"code": "E09000016"}]})
    empty = build(
        {"id": "b", "name": "B", "areas": [{"code": "E09000016"}], "child_death_review": {}}
    )
    for arrangement in (bare, empty):
        found = [f for f in check(arrangement, WT2023_DAY) if f.rule_id in FAMILY]
        assert found
        assert {f.severity for f in found} == {Severity.INFO}
    assert [f.message for f in check(bare, WT2023_DAY) if f.rule_id in FAMILY] == [
        "not recorded: the child death review arrangements"
    ]
