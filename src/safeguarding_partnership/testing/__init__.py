"""Testing kit for users: hypothesis strategies, mutations and a pytest plugin.

Hypothesis and pytest sit behind the ``testing`` extra; the core library imports neither.
"""

from __future__ import annotations

__all__: list[str] = []
