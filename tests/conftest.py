"""Shared fixtures. Every test builds its own plugin manager; nothing is loaded at import."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

# Hypothesis profiles, chosen by HYPOTHESIS_PROFILE: `ci` (default) keeps the whole suite
# quick on two cores; `dev` is hypothesis's usual 100 examples; `thorough` is the long run
# (at least 10,000 examples per property; see docs/tutorials/property-testing.md).
settings.register_profile("ci", max_examples=25, deadline=None)
settings.register_profile("dev", max_examples=100, deadline=None)
settings.register_profile(
    "thorough",
    max_examples=10_000,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
# `fuzz` is the fuzz harness's long run (tests/fuzz; docs/explanation/threat-model.md).
settings.register_profile(
    "fuzz",
    max_examples=100_000,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples" / "havering"


@pytest.fixture
def examples_dir() -> Path:
    return EXAMPLES
