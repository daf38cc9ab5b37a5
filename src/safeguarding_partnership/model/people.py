"""Posts and the people who hold them. Posts come first; a name is optional."""

from __future__ import annotations

from safeguarding_partnership.model.common import Dated, Id, Ref, Text

__all__ = ["Post"]


class Post(Dated):
    """A post in an organisation, such as "Director of Children's Services".

    A person's name is optional. ``publish_name: false`` keeps the name out of every
    published format.
    """

    id: Id | None = None
    """Identifier, so that groups and sign-offs can refer to this post."""
    title: Text
    """The post's title."""
    organisation: Ref | None = None
    """The organisation the post belongs to."""
    name: Text | None = None
    """The name of the person holding the post, if it is to be recorded."""
    publish_name: bool = True
    """Whether the name may appear in published output."""
