"""The names of ``check``'s output formats, shared by the command line and the configuration
file (a module of its own, with no imports, so the command line starts fast)."""

from __future__ import annotations

__all__ = ["CHECK_FORMATS"]

CHECK_FORMATS = ("human", "text", "json", "sarif", "csv", "github", "gitlab")
"""The formats ``check`` prints: ``text`` is another name for ``human``; ``github`` prints
workflow commands (annotations) and ``gitlab`` code-quality JSON."""
