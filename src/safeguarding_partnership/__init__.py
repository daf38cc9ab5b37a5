"""safeguarding-partnership: England's multi-agency safeguarding arrangements as checked code.

The package root stays small so that ``import safeguarding_partnership`` is fast: every name
but ``__version__`` is imported on first use through a module ``__getattr__`` (even
``hookimpl``, so that importing the model never imports pluggy).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from safeguarding_partnership._lazy import lazy_names
from safeguarding_partnership._version import __version__

if TYPE_CHECKING:
    from safeguarding_partnership.io.load import load_arrangement
    from safeguarding_partnership.model import Arrangement
    from safeguarding_partnership.pipeline import check_path
    from safeguarding_partnership.plugins.hookspecs import hookimpl
    from safeguarding_partnership.plugins.manager import get_plugins
    from safeguarding_partnership.plugins.records import AgencyCategory, Loader

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
    "AgencyCategory": ".plugins.records",
    "Arrangement": ".model",
    "Loader": ".plugins.records",
    "check_path": ".pipeline",
    "get_plugins": ".plugins.manager",
    "hookimpl": ".plugins.hookspecs",
    "load_arrangement": ".io.load",
}


__getattr__, __dir__ = lazy_names(__name__, _LAZY, __all__)
