"""The package root is small and lazy: ``__version__`` at once, the rest (hookimpl too) later."""

from __future__ import annotations

import subprocess
import sys

import safeguarding_partnership as sp


def _fresh(code: str) -> str:
    """What ``code`` prints, run in a fresh interpreter."""
    return subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout.strip()


def test_every_name_in_all_resolves():
    for name in sp.__all__:
        assert getattr(sp, name) is not None
    assert sorted(sp.__all__) == sorted(set(sp.__all__))
    assert set(sp.__all__) <= set(dir(sp))


def test_hookimpl_is_the_projects_marker():
    from safeguarding_partnership.plugins.hookspecs import hookimpl

    assert sp.hookimpl is hookimpl
    assert sp.hookimpl.project_name == "safeguarding_partnership"


def test_import_does_not_load_the_heavy_parts():
    code = (
        "import sys, safeguarding_partnership as sp; "
        "heavy = [m for m in ('safeguarding_partnership.pipeline',"
        " 'safeguarding_partnership.model', 'safeguarding_partnership.plugins.manager',"
        " 'pydantic', 'jinja2', 'pluggy') if m in sys.modules]; "
        "print(heavy)"
    )
    assert _fresh(code) == "[]"


def test_unknown_attribute_is_an_attribute_error():
    import pytest

    with pytest.raises(AttributeError, match="no attribute 'nope'"):
        _ = sp.nope  # type: ignore[attr-defined]


def test_the_plugin_kit_re_exports_the_rule_authors_names():
    """``safeguarding_partnership.plugins`` takes the rule kit from the rule author's import,
    so the two cannot drift apart."""
    from safeguarding_partnership import plugins, rules

    kit = plugins._RULE_KIT
    assert set(kit) <= set(rules.__all__) & set(plugins.__all__)
    for name in kit:
        assert getattr(plugins, name) is getattr(rules, name), name


def test_the_plugin_kit_loads_the_rule_engine_only_for_a_rule_name():
    code = (
        "import sys; from safeguarding_partnership.plugins import AgencyCategory, hookimpl; "
        "before = 'safeguarding_partnership.rules.engine' in sys.modules; "
        "from safeguarding_partnership.plugins import Issue; "
        "print([before, 'safeguarding_partnership.rules.engine' in sys.modules])"
    )
    assert _fresh(code) == "[False, True]"
