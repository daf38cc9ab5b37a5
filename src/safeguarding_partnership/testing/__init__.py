"""Testing kit for users: hypothesis strategies, mutations and a pytest plugin.

``safeguarding_partnership.testing.strategies`` and ``.mutations`` need the ``testing`` extra
(hypothesis); this package imports neither hypothesis nor pytest, and the core library never
imports it. Names are imported on first use, so loading the pytest plugin loads nothing else.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .assertions import assert_findings

__all__ = ["assert_findings"]

_LAZY = {"assert_findings": ".assertions"}


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(module, __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
