"""A plugin's settings section is validated by its model, with located problems."""

from __future__ import annotations

import datetime as dt
from typing import ClassVar

from pydantic import BaseModel, ConfigDict

from safeguarding_partnership import hookimpl
from safeguarding_partnership.pipeline import check_path

DAY = dt.date(2024, 6, 1)


class Settings(BaseModel):
    model_config = ConfigDict(extra="forbid")
    meeting: str
    every_weeks: int = 6


class WithSettings:
    seen: ClassVar[list[object]] = []

    @staticmethod
    @hookimpl
    def register_settings_model():
        return Settings

    @staticmethod
    @hookimpl
    def register_groups(arrangement, settings):
        WithSettings.seen.append(settings)
        return []


class NoSettings:
    @staticmethod
    @hookimpl
    def register_rules():
        return []


def _problems(run):
    return [p for e in run.load_errors for p in e.problems]


def test_valid_settings_reach_the_hooks(small_file):
    WithSettings.seen.clear()
    path = small_file("local", extra="settings:\n  local: {meeting: board, every_weeks: '4'}\n")
    run = check_path(path, as_of=DAY, plugin_objects={"local": WithSettings})
    assert run.load_errors == ()
    assert WithSettings.seen == [Settings(meeting="board", every_weeks=4)]


def test_bad_value_is_located_with_field_path(small_file):
    path = small_file(
        "local", extra="settings:\n  local:\n    meeting: board\n    every_weeks: often\n"
    )
    (problem,) = _problems(check_path(path, as_of=DAY, plugin_objects={"local": WithSettings}))
    assert problem.path == "settings.local.every_weeks"
    assert (problem.location.line, problem.location.column) == (10, 18)
    assert "'often'" in problem.message


def test_missing_section_reports_missing_key(small_file):
    (problem,) = _problems(
        check_path(small_file("local"), as_of=DAY, plugin_objects={"local": WithSettings})
    )
    assert problem.path == "settings.local.meeting"
    assert "missing required key 'meeting'" in problem.message


def test_section_for_a_plugin_the_file_does_not_name(small_file):
    path = small_file("local", extra="settings:\n  local: {meeting: b}\n  lokal: {x: 1}\n")
    (problem,) = _problems(check_path(path, as_of=DAY, plugin_objects={"local": WithSettings}))
    assert problem.path == "settings.lokal" and problem.location.line == 9
    assert "not one of this file's plugins; did you mean 'local'?" in problem.message


def test_section_for_a_plugin_without_settings(small_file):
    path = small_file("plain", extra="settings:\n  plain: {x: 1}\n")
    (problem,) = _problems(check_path(path, as_of=DAY, plugin_objects={"plain": NoSettings}))
    assert problem.message == "plugin 'plain' takes no settings"
