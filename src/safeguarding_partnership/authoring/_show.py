"""Values as short phrases for a change log, with people's private names withheld.

A name marked ``publish_name: false`` anywhere in either version is never shown: a post is
shown by its title, and the name is replaced by :data:`WITHHELD` inside free text.
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Iterable
from typing import Any

from pydantic import BaseModel

from safeguarding_partnership.model import Cadence, Post
from safeguarding_partnership.model.privacy import WITHHELD, private_names, scrub

__all__ = ["WITHHELD", "Shower", "private_names", "scrub"]


class Shower:
    """Values as short phrases; private names never shown."""

    def __init__(self, private: Iterable[str]) -> None:
        self.private = frozenset(private)

    def post(self, post: Post) -> str:
        if post.name and post.publish_name and post.name not in self.private:
            return f"{post.label} ({post.name})"
        return post.label

    def __call__(self, value: Any) -> str:
        if value is None:
            return "not recorded"
        if isinstance(value, bool):
            return "yes" if value else "no"
        if isinstance(value, dt.date):
            return value.isoformat()
        if isinstance(value, enum.Enum):
            return str(value.value).replace("_", " ")
        if isinstance(value, Post):
            return self.post(value)
        if isinstance(value, Cadence):
            return value.describe()
        if isinstance(value, tuple):
            return ", ".join(self(v) for v in value) if value else "none"
        if isinstance(value, BaseModel):
            return "recorded"
        return str(value)
