"""Testing kit for users: hypothesis strategies, mutations and a pytest plugin.

``safeguarding_partnership.testing.strategies`` and ``.mutations`` need the ``testing`` extra
(hypothesis); this package imports neither hypothesis nor pytest, and the core library never
imports it. Names are imported on first use, so loading the pytest plugin loads nothing else.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from safeguarding_partnership._lazy import lazy_names

if TYPE_CHECKING:
    from safeguarding_partnership.testing.assertions import assert_findings

__all__ = ["assert_findings"]

_LAZY = {"assert_findings": ".assertions"}


__getattr__, __dir__ = lazy_names(__name__, _LAZY, __all__)
