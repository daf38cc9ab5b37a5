"""Hypothesis strategies for arrangements (being written)."""

from __future__ import annotations

__all__: list[str] = []


def _hypothesis_setup_hook() -> None:
    """Register type strategies with hypothesis (called through its entry point)."""
