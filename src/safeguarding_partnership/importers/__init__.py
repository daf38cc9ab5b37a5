"""Importers that turn published registers into relevant agencies and organisations.

Each importer is its own module, imported by name (``importers.gias``).
"""

from __future__ import annotations

__all__: list[str] = []
