"""safeguarding-partnership: England's multi-agency safeguarding arrangements as checked code.

The package root stays small so that ``import safeguarding_partnership`` is fast: heavier
names are imported on first use through a module ``__getattr__``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ._lazy import lazy_names
from ._version import __version__
from .hookspecs import hookimpl

if TYPE_CHECKING:
    from .contributions import AgencyCategory, Loader
    from .io.load import load_arrangement
    from .model import Arrangement
    from .pipeline import check_path
    from .plugins import get_plugins

__all__ = [
    "AgencyCategory",
    "Arrangement",
    "Loader",
    "__version__",
    "check_path",
    "get_plugins",
    "hookimpl",
    "load_arrangement",
]

_LAZY = {
    "AgencyCategory": ".contributions",
    "Arrangement": ".model",
    "Loader": ".contributions",
    "check_path": ".pipeline",
    "get_plugins": ".plugins",
    "load_arrangement": ".io.load",
}


__getattr__, __dir__ = lazy_names(__name__, _LAZY, __all__)
