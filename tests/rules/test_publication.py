"""PUB: what the published arrangements contain (catalogue section C)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from safeguarding_partnership.findings import Severity
from safeguarding_partnership.rules.core import (
    pub as publication,
)
from safeguarding_partnership.rules.rule import RuleStatus

from ._build_publication import (
    TRANSITION_DAY,
    WT2018_DAY,
    WT2023_DAY,
    Breaker,
    Data,
    build,
    check,
    compliant,
    index_of,
    of,
)

FAMILY = {r.code for r in publication.RULES}


def _set(**values: object) -> Callable[[Data], None]:
    def change(data: Data) -> None:
        data.update(values)

    return change


def _contents(field: str) -> Callable[[Data], None]:
    def change(data: Data) -> None:
        data["contents"][field] = False

    return change


def _unsign_police(data: Data) -> None:
    data["sign_offs"][0]["by"] = [o for o in data["sign_offs"][0]["by"] if o != "met"]


def _drop_budget_sign_off(data: Data) -> None:
    data["sign_offs"] = [s for s in data["sign_offs"] if s["document"] != "budget"]


def _no_police_delegate(data: Data) -> None:
    data["partners"][index_of(data["partners"], "organisation", "met")]["delegates"] = []


BREAKERS = [
    Breaker(
        "PUB-001",
        _set(first_published=dt.date(2020, 3, 1), published=dt.date(2020, 3, 1)),
        "published",
        dt.date(2020, 1, 1),
    ),
    Breaker("PUB-001", _set(published_url=None), "published_url", severity=Severity.INFO),
    Breaker(
        "PUB-002",
        _set(first_published=dt.date(2019, 7, 15), published=dt.date(2019, 7, 15)),
        "first_published",
        dt.date(2019, 7, 1),
    ),
    Breaker("PUB-002", _set(valid_from=dt.date(2019, 10, 1)), "valid_from", TRANSITION_DAY),
    Breaker("PUB-003", _contents("serious_case_review"), "contents.serious_case_review"),
    *[
        Breaker(code, _contents(field), f"contents.{field}", WT2018_DAY)
        for code, field, _, _ in publication.CONTENTS_ITEMS
    ],
    Breaker("PUB-015", _unsign_police, "sign_offs[0].by"),
    Breaker("PUB-015", _drop_budget_sign_off, "sign_offs"),
    Breaker("PUB-016", _no_police_delegate, "partners[1].delegates"),
    Breaker("PUB-017", _set(guidance_edition="WT2018"), "guidance_edition"),
    Breaker("PUB-017", _set(published=dt.date(2019, 6, 28)), "published"),
    Breaker("PUB-018", _contents("education"), "contents.education"),
]


def test_every_rule_has_a_breaker() -> None:
    assert {b.code for b in BREAKERS} == FAMILY


def test_table_rows_are_rules_with_their_confidence() -> None:
    rules = {r.code: r for r in publication.RULES}
    for code, field, _, confidence in publication.CONTENTS_ITEMS:
        assert rules[code].confidence == confidence
        assert f"contents.{field}" in rules[code].hint.replace("`", "")
        expected = RuleStatus.PREVIEW if "U" in confidence else RuleStatus.STABLE
        assert rules[code].status is expected
    assert rules["PUB-017"].status is RuleStatus.PREVIEW


def test_pub_002_is_in_force_only_in_the_transition() -> None:
    rule = next(r for r in publication.RULES if r.code == "PUB-002")
    assert rule.in_force(dt.date(2018, 6, 29))
    assert rule.in_force(TRANSITION_DAY)
    assert not rule.in_force(dt.date(2019, 9, 30))
    assert not rule.in_force(dt.date(2018, 6, 28))


def test_pub_002_deadline_not_passed_is_no_finding() -> None:
    data = compliant(dt.date(2019, 6, 1))
    data.update(first_published=dt.date(2019, 7, 15), published=dt.date(2019, 7, 15))
    assert of(check(data, dt.date(2019, 6, 29)), "PUB-002") == []
    assert of(check(data, dt.date(2019, 6, 30)), "PUB-002") != []


def test_pub_017_deadline_is_configurable() -> None:
    data = compliant(WT2023_DAY)
    data["guidance_edition"] = "WT2018"
    data["settings"]["core"]["PUB-017"] = {"deadline": "2025-12-31"}
    assert of(check(data, WT2023_DAY), "PUB-017") == []
    assert of(check(data, dt.date(2026, 1, 1)), "PUB-017") != []


def test_pub_017_bad_setting_fails_the_rule_not_the_run() -> None:
    from safeguarding_partnership.rules.engine import run_rules

    from ._build_publication import EVERYTHING, RULES

    data = compliant(WT2023_DAY)
    data["settings"]["core"]["PUB-017"] = {"deadline": "soon"}
    arrangement = build(data)
    result = run_rules(
        arrangement, RULES, WT2023_DAY, selection=EVERYTHING, settings=arrangement.settings
    )
    assert [f.rule for f in result.failures] == ["PUB-017"]
    assert "settings.core.PUB-017.deadline" in result.failures[0].error


def test_unknown_gives_only_information() -> None:
    bare = build({"id": "bare", "name": "Bare", "areas": [{"code": "E09000016"}]})
    for day in (dt.date(2019, 7, 1), TRANSITION_DAY, WT2018_DAY, WT2023_DAY):
        found = [f for f in check(bare, day) if f.rule_id in FAMILY]
        assert found, day
        assert {f.severity for f in found} == {Severity.INFO}, day
        assert all(f.message.startswith("not recorded: ") for f in found)
