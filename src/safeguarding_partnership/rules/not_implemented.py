"""Catalogue entries marked checkable (yes or partly) that no rule implements, and why.

Each family module's author adds the entries of their family here. A test compares this with
the catalogue, so that every checkable entry is either a rule or listed here with a reason.
"""

from __future__ import annotations

__all__ = ["NOT_IMPLEMENTED"]

NOT_IMPLEMENTED: dict[str, str] = {
    # "CODE-000": "reason it is not implemented",
}
