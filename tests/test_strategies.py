"""The exported hypothesis strategies: real reference data, consistent dates, type registration."""

from __future__ import annotations

import datetime as dt
import itertools
import subprocess
import sys

import pytest
from hypothesis import given
from hypothesis import strategies as st

from safeguarding_partnership import reference
from safeguarding_partnership.law import Regime
from safeguarding_partnership.model import (
    Area,
    Arrangement,
    GroupKind,
    Organisation,
    PartnerRole,
    RelevantAgency,
)
from safeguarding_partnership.testing import mutations, strategies
from safeguarding_partnership.testing.strategies import (
    DEFAULT_AS_OF,
    areas,
    arrangements,
    groups,
    organisations,
    partners,
    relevant_agencies,
    review_records,
    yearly_reports,
)
from safeguarding_partnership.workdays import working_days_between

SINCE = dt.date(2019, 4, 1)
AS_OF = dt.date(2024, 6, 1)


def test_the_strategies_import_first_in_a_fresh_interpreter() -> None:
    """Hypothesis runs its entry points on import; the hook must not re-enter strategies."""
    code = (
        "import sys\n"
        "from safeguarding_partnership.testing.strategies import arrangements\n"
        "import hypothesis\n"
        "print('holidays' in sys.modules)\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    hook = subprocess.run(
        [sys.executable, "-c", "import sys, hypothesis; print('holidays' in sys.modules)"],
        capture_output=True,
        text=True,
    )
    # importing hypothesis alone loads the model, not the strategies and their reference data
    assert hook.stdout.strip() == "False", hook.stderr


def test_from_type_gives_arrangements_through_the_entry_point() -> None:
    @given(st.from_type(Arrangement))
    def run(arrangement: Arrangement) -> None:
        assert isinstance(arrangement, Arrangement)
        assert arrangement.partners

    run()


@given(st.from_type(Area), st.from_type(RelevantAgency), st.from_type(Organisation))
def test_other_public_models_are_registered(
    area: Area, agency: RelevantAgency, org: Organisation
) -> None:
    assert area.code in reference.local_authorities()
    assert agency.category in reference.schedule()
    assert org.kind.value != "local_authority"


@given(st.data())
def test_areas_are_real_upper_tier_areas_on_the_day(data: st.DataObject) -> None:
    day = data.draw(st.dates(dt.date(2019, 4, 1), dt.date(2026, 6, 30)))
    area = data.draw(areas(on=day))
    assert reference.local_authorities()[area.code].in_force(day)
    assert area.name == reference.local_authorities()[area.code].name


@given(st.lists(areas(on=AS_OF), min_size=1, max_size=3, unique_by=lambda a: a.code), st.data())
def test_partners_are_the_real_bodies_on_every_day(chosen: list[Area], data: st.DataObject) -> None:
    codes = tuple(a.code for a in chosen)
    bodies = data.draw(partners(codes, AS_OF, since=SINCE))
    orgs = {o.id: o for o in bodies.organisations}
    for day in (SINCE, dt.date(2022, 6, 30), dt.date(2022, 7, 1), AS_OF):
        current = [p for p in bodies.partners if p.in_force(day)]
        for code in codes:
            mine = [p for p in current if p.areas is None or code in p.areas]
            health = {orgs[p.organisation].ons_code for p in mine if p.role.is_health}
            police = {
                orgs[p.organisation].ons_code
                for p in mine
                if p.role is PartnerRole.CHIEF_OFFICER_OF_POLICE
            }
            councils = {
                orgs[p.organisation].ons_code for p in mine if p.role is PartnerRole.LOCAL_AUTHORITY
            }
            assert health == {b.ons_code for b in reference.health_partners_for(code, day)}
            assert police == {f.ons_code for f in reference.police_forces_for(code, day)}
            exists = reference.local_authorities()[code].in_force(day)
            assert councils == ({code} if exists else set())
    for p in bodies.partners:
        assert p.lead is not None
        assert p.delegates is not None and len(p.delegates) == 1


@given(relevant_agencies())
def test_relevant_agencies_have_schedule_categories_and_reasons(agency: RelevantAgency) -> None:
    assert agency.category in reference.schedule()
    assert agency.reason
    assert agency.collaboration


@given(organisations(["school"]))
def test_organisations_keep_to_the_kinds_asked_for(org: Organisation) -> None:
    assert org.kind.value == "school"
    assert org.urn is not None


@given(groups(since=SINCE, as_of=AS_OF))
def test_groups_have_one_top_and_meetings_that_keep_the_cadence(found: tuple) -> None:  # type: ignore[type-arg]
    tops = [g for g in found if g.reports_to == ()]
    assert [g.kind for g in tops] == [GroupKind.PARTNERSHIP_MEETING]
    ids = {g.id for g in found}
    for g in found:
        assert all(t in ids and t != g.id for t in g.reports_to)
        gap = g.cadence.max_gap_days or 31 * 3
        met = g.meetings
        assert met and met == tuple(sorted(met)) and met[-1] <= AS_OF
        assert (met[0] - SINCE).days < gap
        assert all((b - a).days <= gap for a, b in itertools.pairwise(met))
        assert (AS_OF - met[-1]).days < gap
        if g.cadence.dates is not None:
            assert g.cadence.dates == met


@given(yearly_reports(since=SINCE, as_of=AS_OF, signed_off_by=("council",)))
def test_yearly_reports_are_never_more_than_360_days_apart(reports: tuple) -> None:  # type: ignore[type-arg]
    days = [SINCE, *(r.published for r in reports), AS_OF]
    assert all((b - a).days <= 360 for a, b in itertools.pairwise(days))
    assert all(r.signed_off_by == ("council",) for r in reports)
    assert all(0 < (r.published - r.period_end).days <= 60 for r in reports)


@given(review_records(since=SINCE, as_of=AS_OF))
def test_review_records_keep_the_guidance_timescales(records: strategies.ReviewRecords) -> None:
    for n, rr in zip(records.notifications, records.rapid_reviews, strict=True):
        assert rr.notification == n.reference
        assert 0 <= working_days_between(n.became_aware, n.notified) <= 5
        assert working_days_between(n.became_aware, rr.completed) <= 15
    for pr in records.practice_reviews:
        if pr.published is not None:
            assert (pr.published - pr.sent_to_panel).days >= 7
            assert (pr.published - pr.initiated).days <= 180
            assert pr.published <= AS_OF


@given(arrangements(regime="WT2018", areas=2))
def test_arrangements_follow_the_regime_and_area_count(arrangement: Arrangement) -> None:
    assert arrangement.guidance_edition is not None
    assert arrangement.guidance_edition.value == "WT2018"
    assert len(arrangement.areas) == 2
    assert arrangement.published is not None
    assert arrangement.published <= DEFAULT_AS_OF[Regime.WT2018]


def test_bad_arguments_are_refused() -> None:
    with pytest.raises(ValueError, match="does not apply"):
        arrangements(regime="WT2018", as_of=dt.date(2024, 6, 1))
    with pytest.raises(ValueError, match="at least 1"):
        arrangements(areas=0)
    with pytest.raises(ValueError, match="not Schedule categories"):
        relevant_agencies(["yot"])
    with pytest.raises(ValueError, match="no mutation"):
        mutations.invalid_arrangements("NOPE-001")


def test_a_second_mutation_for_a_code_is_refused() -> None:
    with pytest.raises(ValueError, match="already registered"):
        mutations.mutation("PARTNERS-004", lambda arrangement, as_of: arrangement)


def test_modules_have_sorted_public_names() -> None:
    for module in (strategies, mutations):
        assert module.__all__ == sorted(module.__all__, key=lambda n: (not n.isupper(), n))
        assert all(hasattr(module, name) for name in module.__all__)


def test_the_core_library_never_imports_hypothesis() -> None:
    code = (
        "import sys; import safeguarding_partnership.cli, safeguarding_partnership.pipeline, "
        "safeguarding_partnership.rules.core; "
        "safeguarding_partnership.rules.core.core_rules(); "
        "print('hypothesis' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


@given(mutations.mutations(rules=["PUB-003", "SCRUT-001"]))
def test_mutations_draw_from_the_rules_asked_for(broken: mutations.Broken) -> None:
    from safeguarding_partnership.rules.core import (
        core_rules,
    )
    from safeguarding_partnership.rules.engine import run_rules

    assert broken.rule in {"PUB-003", "SCRUT-001"}
    found = run_rules(broken.arrangement, core_rules(), broken.as_of).findings
    assert broken.rule in {f.rule_id for f in found if f.severity.value != "info"}


def test_a_mutation_is_refused_on_a_day_it_cannot_break_its_rule() -> None:
    # SCRUT-004's mutation needs a day after the WT2023 revision deadline
    with pytest.raises(ValueError, match="cannot break it as of 2024-06-01"):
        mutations.invalid_arrangements("SCRUT-004", as_of=dt.date(2024, 6, 1))


@given(st.data())
def test_mutations_on_a_given_day_break_their_rule_that_day(data: st.DataObject) -> None:
    from safeguarding_partnership.rules.core import (
        core_rules,
    )
    from safeguarding_partnership.rules.engine import Selection, run_rules

    day = data.draw(strategies.as_of_dates(), label="as_of")
    broken = data.draw(mutations.mutations(as_of=day), label="broken")
    assert broken.as_of == day
    arrangement = broken.arrangement
    found = run_rules(
        arrangement,
        core_rules(),
        day,
        # not-commenced law runs as if commenced: LATER-001 and LATER-002 have mutations too
        selection=Selection(include_preview=True, include_not_commenced=True),
        settings=arrangement.settings,
    ).findings
    assert broken.rule in {f.rule_id for f in found if f.severity.value != "info"}


def test_the_simplest_choices_are_those_hypothesis_shrinks_to() -> None:
    """compliant_arrangement() builds with every choice where arrangements() shrinks it."""
    from hypothesis import HealthCheck, find, settings

    from safeguarding_partnership.testing.strategies._choices import SIMPLEST, Choices, drawn

    def make(c: Choices) -> tuple[object, ...]:
        return (
            c.boolean(),
            c.integer(3, 9),
            c.day(SINCE, AS_OF),
            c.one_of(("first", "second")),
            c.several(lambda d: d.integer(0, 5), max_size=3),
            c.several(lambda d: d.one_of("xyz"), min_size=1, max_size=3),
        )

    quick = settings(database=None, derandomize=True, suppress_health_check=list(HealthCheck))
    assert find(drawn(make), lambda _: True, settings=quick) == make(SIMPLEST)
    assert make(SIMPLEST) == (False, 3, SINCE, "first", [], ["x"])


AREA_DAYS = st.dates(dt.date(2018, 6, 29), dt.date(2027, 12, 31))


@st.composite
def _footprints(draw: st.DrawFn) -> tuple[dt.date, tuple[str, ...]]:
    day = draw(AREA_DAYS)
    codes = sorted(la.code for la in reference.upper_tier_areas_on(day))
    return day, tuple(draw(st.lists(st.sampled_from(codes), min_size=1, max_size=3, unique=True)))


@given(_footprints())
def test_compliant_arrangement_gives_no_finding_on_any_day_from_the_statute(
    case: tuple[dt.date, tuple[str, ...]],
) -> None:
    from safeguarding_partnership.rules.core import core_rules
    from safeguarding_partnership.rules.engine import Selection, run_rules

    day, codes = case
    arrangement = strategies.compliant_arrangement(as_of=day, areas=codes, not_commenced=True)
    assert [a.code for a in arrangement.areas] == sorted(codes)
    everything = Selection(include_preview=True, include_not_commenced=True)
    result = run_rules(
        arrangement, core_rules(), day, selection=everything, settings=arrangement.settings
    )
    assert result.failures == ()
    assert [(f.rule_id, f.path, f.message) for f in result.findings] == []


def test_compliant_arrangement_defaults_and_refusals() -> None:
    first = strategies.compliant_arrangement()
    assert [a.code for a in first.areas] == ["E06000001"]  # Hartlepool
    assert first.guidance_edition is not None and first.guidance_edition.value == "WT2023"
    assert first.valid_from == dt.date(2019, 1, 1)
    assert not first.notifications and len(first.groups or ()) == 2
    assert strategies.compliant_arrangement(as_of=AS_OF) == strategies.compliant_arrangement(
        as_of=AS_OF
    )
    bucks = strategies.compliant_arrangement(as_of=AS_OF, areas=["E06000060"])
    assert bucks.valid_from == dt.date(2020, 4, 1)  # the day Buckinghamshire became unitary
    with pytest.raises(ValueError, match="on or after 2018-06-29"):
        strategies.compliant_arrangement(as_of=dt.date(2018, 6, 28))
    with pytest.raises(ValueError, match="not upper-tier areas in existence"):
        strategies.compliant_arrangement(as_of=dt.date(2019, 7, 1), areas=["E06000060"])
    with pytest.raises(ValueError, match="does not apply"):
        strategies.compliant_arrangement(as_of=AS_OF, regime="WT2018")
