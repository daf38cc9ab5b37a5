"""Names shared by the command line, the configuration and the loader, in a module with no
imports so that the command line starts fast."""

from __future__ import annotations

__all__ = ["CHECK_FORMATS", "CONFIG_FILE"]

CHECK_FORMATS = ("human", "text", "json", "sarif", "csv", "github", "gitlab")
"""The formats ``check`` prints: ``text`` is another name for ``human``; ``github`` prints
workflow commands (annotations) and ``gitlab`` code-quality JSON."""

CONFIG_FILE = "safeguarding-partnership.toml"
"""The standalone configuration file's name (see :mod:`.io.config`)."""
