"""Hypothesis's entry point: ``st.from_type`` gives generated arrangements and their parts.

Hypothesis calls :func:`register` whenever it is imported, so this module imports only the
model; the strategies (and the reference data they read) load on the first ``from_type``.
"""

from __future__ import annotations

from typing import Any

from hypothesis import strategies as st

from safeguarding_partnership.model import Area, Arrangement, Organisation, RelevantAgency

__all__ = ["register"]


def _deferred(name: str) -> Any:
    def strategy(_type: type) -> st.SearchStrategy[Any]:
        from safeguarding_partnership.testing import strategies

        made: st.SearchStrategy[Any] = getattr(strategies, name)()
        return made

    return strategy


def register() -> None:
    """Register type strategies for the public models (compliant arrangements)."""
    st.register_type_strategy(Arrangement, _deferred("arrangements"))
    st.register_type_strategy(Area, _deferred("areas"))
    st.register_type_strategy(Organisation, _deferred("organisations"))
    st.register_type_strategy(RelevantAgency, _deferred("relevant_agencies"))
