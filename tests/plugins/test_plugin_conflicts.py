"""Contributions merge by key; a key from two providers is a conflict naming both."""

from __future__ import annotations

import datetime as dt

import pytest

from safeguarding_partnership import AgencyCategory, hookimpl
from safeguarding_partnership.errors import ExitCode, PluginConflictError
from safeguarding_partnership.law import Regime, Strength
from safeguarding_partnership.model import Group, GroupKind
from safeguarding_partnership.pipeline import check_path
from safeguarding_partnership.plugins.facade import merge_by_key
from safeguarding_partnership.rules.rule import rule

DAY = dt.date(2024, 6, 1)


def _group_plugin(group_id: str) -> type:
    class Plugin:
        @staticmethod
        @hookimpl
        def register_groups(arrangement):
            return [Group(id=group_id, name=group_id, kind=GroupKind.FORUM)]

    return Plugin


def test_two_plugins_contributing_one_group_id(small_file):
    run = check_path(
        small_file("alpha", "beta"),
        as_of=DAY,
        plugin_objects={"alpha": _group_plugin("forum"), "beta": _group_plugin("forum")},
    )
    assert run.exit_code == ExitCode.INCOMPLETE and run.results == ()
    (error,) = run.plugin_failures
    assert isinstance(error, PluginConflictError)
    assert str(error).startswith(
        "group 'forum' is contributed by both plugin 'alpha' and plugin 'beta'"
    )
    assert error.providers == ("alpha", "beta") and error.key == "forum"


def test_the_file_wins_over_a_plugin_contributing_a_group_it_declares(small_file):
    """The file, which its authors wrote, wins over a plugin's default, with a notice naming
    both (issue 14: this used to stop the check with exit status 3)."""
    run = check_path(
        small_file("alpha"), as_of=DAY, plugin_objects={"alpha": _group_plugin("board")}
    )
    assert run.plugin_failures == () and run.exit_code != ExitCode.INCOMPLETE
    (result,) = run.results
    board = [g for g in result.arrangement.groups or () if g.id == "board"]
    assert len(board) == 1 and board[0].kind is not GroupKind.FORUM  # the file's own group
    (notice,) = [f for f in result.findings if f.rule_id == "SP-003"]
    assert notice.severity.value == "info" and notice.path.startswith("groups[")
    assert "'board'" in notice.message and "plugin 'alpha'" in notice.message


def test_two_plugins_conflict_even_over_a_group_the_file_declares(small_file):
    run = check_path(
        small_file("alpha", "beta"),
        as_of=DAY,
        plugin_objects={"alpha": _group_plugin("board"), "beta": _group_plugin("board")},
    )
    (error,) = run.plugin_failures
    assert isinstance(error, PluginConflictError) and error.providers == ("alpha", "beta")


def _rule_plugin(code: str) -> type:
    @rule(code, "x", strength=Strength.SHOULD, regimes=[Regime.WT2023], citations=["local"])
    def check(ctx):
        return []

    class Plugin:
        @staticmethod
        @hookimpl
        def register_rules():
            return [check]

    return Plugin


def test_rule_under_a_core_prefix_is_rejected(sp_plugins):
    facade = sp_plugins(objects={"rogue": _rule_plugin("PARTNERS-900")})
    with pytest.raises(PluginConflictError, match=r"'PARTNERS-'.*'core'.*'rogue'"):
        facade.rules()


def test_rule_under_another_plugins_prefix_is_rejected(sp_plugins):
    facade = sp_plugins(
        objects={"one": _rule_plugin("LOCAL-001"), "two": _rule_plugin("LOCAL-002")}
    )
    with pytest.raises(PluginConflictError) as info:
        facade.rules()
    assert "rule code prefix 'LOCAL-' is contributed by both plugin 'one' and plugin 'two'" in str(
        info.value
    )


def test_plugin_rules_carry_their_provider(sp_plugins):
    facade = sp_plugins(objects={"leeds": _rule_plugin("LEEDS-001")})
    (leeds,) = [r for r in facade.rules() if r.code == "LEEDS-001"]
    assert leeds.provider == "leeds"
    codes = [r.code for r in facade.rules()]
    assert codes == sorted(codes)


def _label_plugin(category: str, replaces: str | None = None) -> type:
    class Plugin:
        @staticmethod
        @hookimpl
        def register_agency_categories():
            return [AgencyCategory("local-school", category, replaces=replaces)]

    return Plugin


def test_duplicate_label_conflicts_unless_replaced(sp_plugins):
    first = _label_plugin("maintained-school-governing-body")
    second = _label_plugin("academy-school-proprietor")
    with pytest.raises(PluginConflictError, match=r"'local-school'.*'a'.*'b'"):
        sp_plugins(objects={"a": first, "b": second}).agency_categories()
    replacing = _label_plugin("academy-school-proprietor", replaces="a")
    labels = sp_plugins(objects={"a": first, "b": replacing}).agency_categories()
    assert labels["local-school"].category == "academy-school-proprietor"
    assert labels["local-school"].provider == "b"


def test_merge_is_sorted_and_order_free():
    items = [("b", "zeta"), ("a", "alpha"), ("c", "mid")]
    forward = merge_by_key("thing", items, str)
    backward = merge_by_key("thing", list(reversed(items)), str)
    assert forward == backward == [("a", "alpha"), ("c", "mid"), ("b", "zeta")]
