"""Shared fixtures. Every test builds its own plugin manager; nothing is loaded at import."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples" / "havering"


@pytest.fixture
def examples_dir() -> Path:
    return EXAMPLES
