"""Which people's names are private, and how a withheld name is written.

A post's ``name`` is published only when ``publish_name`` is true. Every public output (the
rendered formats, a change log) withholds the others: :func:`private_names` finds them, and
:func:`scrub` replaces them by :data:`WITHHELD` inside free text.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from pydantic import BaseModel

from safeguarding_partnership.model.arrangement import Arrangement
from safeguarding_partnership.model.people import Post

__all__ = ["WITHHELD", "posts", "private_names", "scrub"]

WITHHELD = "[name withheld]"
"""What stands for a private name inside free text, such as a finding's message."""


def posts(value: Any) -> Iterator[Post]:
    """Every post in a record, at any depth."""
    if isinstance(value, Post):
        yield value
    if isinstance(value, BaseModel):
        for field in type(value).model_fields:
            yield from posts(getattr(value, field))
    elif isinstance(value, tuple | list):
        for item in value:
            yield from posts(item)


def private_names(*arrangements: Arrangement, all_names: bool = False) -> tuple[str, ...]:
    """The names marked ``publish_name: false`` in any of the arrangements (every name, with
    ``all_names``), longest first, as :func:`scrub` needs them."""
    names = {
        post.name
        for arrangement in arrangements
        for post in posts(arrangement)
        if post.name and (all_names or not post.publish_name)
    }
    return tuple(sorted(names, key=lambda n: (-len(n), n)))


def scrub(text: str, names: Iterable[str]) -> str:
    """``text`` with each of ``names`` (longest first) replaced by :data:`WITHHELD`."""
    for name in names:
        text = text.replace(name, WITHHELD)
    return text
