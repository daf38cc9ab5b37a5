"""Running the core rules over the testing kit's arrangements, for the rule tests.

The arrangements come from the kit's one compliant builder
(:func:`~safeguarding_partnership.testing.strategies.compliant_arrangement`, or the
``arrangements`` strategy) and are broken with the kit's mutations
(:func:`~safeguarding_partnership.testing.mutations.registered`). Tests edit them as plain
data, the way a file holds them, and read the findings of the rules they test.
"""

from __future__ import annotations

import copy
import datetime as dt
import random
from collections.abc import Iterable, Sequence
from typing import Any

import attrs
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st

from safeguarding_partnership.findings import Finding, Severity
from safeguarding_partnership.io.dump import to_data
from safeguarding_partnership.model import Arrangement
from safeguarding_partnership.reference import upper_tier_areas_on
from safeguarding_partnership.rules.core import core_rules
from safeguarding_partnership.rules.engine import Selection, run_rules
from safeguarding_partnership.rules.rule import Rule, RuleStatus
from safeguarding_partnership.testing.mutations import registered
from safeguarding_partnership.testing.strategies import compliant_arrangement

Data = dict[str, Any]

HAVERING = "E09000016"
CITY = "E09000001"
BARKING = "E09000002"
REDBRIDGE = "E09000026"
BUCKS = "E06000060"
"""Buckinghamshire, a unitary authority from 1 April 2020: two ICBs cover parts of it."""

WT2018_DAY = dt.date(2020, 1, 1)
"""Under WT2018, before the integrated care boards (Havering's CCG is its health partner)."""
WT2023_DAY = dt.date(2025, 1, 1)

MET = "police-e23000001"
"""The kit's id for the Commissioner of Police of the Metropolis (Havering's police partner)."""
CITY_POLICE = "police-e23000034"
NEL_ICB = "icb-e54000029"
"""NHS North East London Integrated Care Board (QMF), Havering's health partner from July 2022."""
HAVERING_CCG = "ccg-e38000077"
"""NHS Havering CCG (08F), Havering's health partner to 31 March 2021."""
NEL_CCG = "ccg-e38000255"
"""NHS North East London CCG (A3A8R), from 1 April 2021 to 30 June 2022."""

EVERYTHING = Selection(include_preview=True, include_not_commenced=True)
PREVIEW = Selection(include_preview=True)

PROPERTY = settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
"""Hypothesis settings for the family property tests (reference lookups are cached)."""


def la(code: str) -> str:
    """The kit's id for the council of area ``code``."""
    return f"la-{code.lower()}"


def rules_of(*prefixes: str) -> tuple[Rule, ...]:
    """The core rules whose codes start with one of ``prefixes`` (``"PUB"``, ``"LEAD"``...)."""
    return tuple(r for r in core_rules() if r.code.split("-")[0] in prefixes)


ALL = core_rules()
PARTNERSHIP = rules_of("PARTNERS", "RA", "LEAD", "SCRUT", "FUND", "EDU")
"""Who the partners are, their agencies, leaders, scrutiny, funding and education."""
RECORDS = rules_of("PUB", "REPORT", "CSPR", "CDR", "STRUCT", "LATER")
"""What is published and recorded: the arrangements, reports, reviews, child deaths, groups."""


def compliant(
    day: dt.date = WT2023_DAY, areas: Sequence[str] = (HAVERING,), **options: Any
) -> Data:
    """The kit's compliant arrangement of ``areas`` as of ``day``, as data to edit.

    It also meets the duties of law not yet commenced, so no core rule gives any finding.
    """
    built = compliant_arrangement(as_of=day, areas=areas, not_commenced=True, **options)
    return to_data(built)


def broken(code: str, day: dt.date = WT2023_DAY, areas: Sequence[str] = (HAVERING,)) -> Data:
    """:func:`compliant` with the kit's mutation for ``code`` applied, as data."""
    arrangement = compliant_arrangement(as_of=day, areas=areas, not_commenced=True)
    changed = registered()[code].function(arrangement, day)
    assert changed is not None, f"the mutation for {code} finds nothing to break on {day}"
    return to_data(changed)


@attrs.frozen
class Mutated:
    """Where the kit's mutation for ``code`` makes its rule fire: on :func:`compliant` as of
    ``day``, at ``path``, with ``severity`` (by default the rule's own)."""

    code: str
    day: dt.date
    path: str
    severity: Severity | None = None

    @property
    def id(self) -> str:
        return f"{self.code}-{self.path}"


def assert_alone(found: Iterable[Finding], code: str, path: str, severity: Severity) -> None:
    """``code`` gives a finding at ``path`` with ``severity``, and no other rule gives any."""
    found = list(found)
    mine = {(f.path, f.severity) for f in of(found, code)}
    assert (path, severity) in mine, mine
    assert {f.rule_id for f in found} == {code}, found


def build(data: Data | Arrangement) -> Arrangement:
    return data if isinstance(data, Arrangement) else Arrangement.model_validate(data)


def check(
    data: Data | Arrangement,
    day: dt.date,
    selection: Selection = EVERYTHING,
    rules: Iterable[Rule] = RECORDS,
) -> list[Finding]:
    """Findings of ``rules`` on ``day`` (preview and not-commenced law included)."""
    arrangement = build(data)
    result = run_rules(
        arrangement, tuple(rules), day, selection=selection, settings=arrangement.settings
    )
    return list(result.findings)


def of(found: Iterable[Finding], code: str) -> list[Finding]:
    return [f for f in found if f.rule_id == code]


def findings(
    data: Data | Arrangement, day: dt.date, codes: Iterable[str] | None = None
) -> list[Finding]:
    """Findings of the PARTNERSHIP rules (preview included), optionally only of ``codes``."""
    arrangement = build(data)
    result = run_rules(
        arrangement, PARTNERSHIP, day, selection=PREVIEW, settings=arrangement.settings
    )
    assert not result.failures, result.failures
    wanted = set(codes) if codes is not None else None
    return [f for f in result.findings if wanted is None or f.rule_id in wanted]


def ids(data: Data | Arrangement, day: dt.date, code: str) -> set[tuple[str, str]]:
    """``(rule_id, path)`` of one rule's findings."""
    return {(f.rule_id, f.path) for f in findings(data, day, [code])}


def serious(data: Data | Arrangement, day: dt.date) -> list[Finding]:
    """Error and warning findings of the PARTNERSHIP rules."""
    return [f for f in findings(data, day) if f.severity is not Severity.INFO]


def family(found: Iterable[Finding], prefix: str) -> list[Finding]:
    return [f for f in found if f.rule_id.startswith(prefix)]


def fired(data: Data, day: dt.date, prefix: str = "") -> set[str]:
    """Codes of the PARTNERSHIP rules (starting with ``prefix``) with a finding on ``day``."""
    return {f.rule_id for f in family(findings(data, day), prefix)}


def fingerprint(found: Iterable[Finding]) -> set[tuple[str, str, str]]:
    """What must not depend on list order: (rule, severity, message)."""
    return {(f.rule_id, f.severity.value, f.message) for f in found}


def assert_order_free(data: Data, day: dt.date, rnd: random.Random) -> set[tuple[str, str, str]]:
    """Shuffling ``data``'s lists keeps its PARTNERSHIP findings; returns their fingerprint."""
    before = fingerprint(findings(data, day))
    assert fingerprint(findings(shuffled(data, rnd), day)) == before
    return before


def shuffled(data: Data, rnd: random.Random) -> Data:
    """A deep copy of ``data`` with every list in it, at any depth, in another order."""
    out = copy.deepcopy(data)
    _shuffle(out, rnd)
    return out


def _shuffle(value: Any, rnd: random.Random) -> None:
    if isinstance(value, dict):
        for item in value.values():
            _shuffle(item, rnd)
    elif isinstance(value, list):
        rnd.shuffle(value)
        for item in value:
            _shuffle(item, rnd)


def index_of(items: list[Data], key: str, value: object) -> int:
    return next(i for i, item in enumerate(items) if item.get(key) == value)


def item(data: Data, key: str, item_id: str) -> Data:
    """The element of list ``key`` whose ``id`` is ``item_id`` (a group, a yearly report)."""
    found: Data = data[key][index_of(data[key], "id", item_id)]
    return found


def partner_index(data: Data, organisation: str) -> int:
    return index_of(data["partners"], "organisation", organisation)


def drop_partner(data: Data, organisation: str) -> Data:
    """A copy without the partner (and its contributions)."""
    data = copy.deepcopy(data)
    data["partners"] = [p for p in data["partners"] if p["organisation"] != organisation]
    data["funding"] = [f for f in data["funding"] if f["contributor"] != organisation]
    return data


@st.composite
def footprints(
    draw: st.DrawFn,
    start: dt.date = dt.date(2018, 7, 1),
    end: dt.date = dt.date(2026, 11, 25),
) -> tuple[dt.date, tuple[str, ...]]:
    """A day and one to three upper-tier areas of England in existence that day.

    Shrinks towards the earliest day and the first areas by ONS code.
    """
    day = draw(st.dates(start, end))
    codes = sorted(la.code for la in upper_tier_areas_on(day))
    chosen = draw(st.lists(st.sampled_from(codes), min_size=1, max_size=3, unique=True))
    return day, tuple(chosen)


Case = tuple[dt.date, tuple[str, ...]]
"""What :func:`footprints` draws: a day and the areas of the footprint."""


def in_force_on(day: dt.date, rules: Iterable[Rule] = RECORDS) -> set[str]:
    """Codes of ``rules`` in force on ``day`` (not-commenced law assumed commenced)."""
    return {
        r.code
        for r in rules
        if r.in_force(day, day if r.status is RuleStatus.NOT_COMMENCED else None)
    }


any_day = st.dates(min_value=dt.date(2017, 1, 1), max_value=dt.date(2028, 12, 31))
"""Any day, before the 2017 Act's duties and after today; shrinks towards 2017-01-01."""
