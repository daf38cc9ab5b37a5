"""The pytest plugin (``pytest11`` entry point): fixtures prefixed ``sp_``, none autouse.

Nothing from the library is imported at module level: fixtures import inside their bodies,
so coverage sees the library's import-time lines.
"""

from __future__ import annotations
