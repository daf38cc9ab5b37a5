"""Posts and the people who hold them, and members: a body, a post, or both. Posts come first; a
name is optional."""

from pydantic import StrictBool

from safeguarding_partnership.model.common import Dated, Id, Ref, Text

__all__ = ["Member", "Post"]


class Post(Dated):
    """A post in an organisation, such as "Director of Children's Services".

    A person's name is optional, and so is the title (a chair known by name only); a post
    with neither says only that the post exists. ``publish_name: false`` keeps the name out
    of every published format.
    """

    id: Id | None = None
    """Identifier, so that groups and sign-offs can refer to this post."""
    title: Text | None = None
    """The post's title; unknown when only the holder's name is known."""
    organisation: Ref | None = None
    """The organisation the post belongs to."""
    name: Text | None = None
    """The name of the person holding the post, if it is to be recorded."""
    publish_name: StrictBool = True
    """Whether the name may appear in published output."""

    @property
    def label(self) -> str:
        """How people read the post: its title, else "a post" (the name is never used here,
        so a withheld name cannot leak through it)."""
        return self.title or "a post (title not recorded)"


class Member(Dated):
    """A member of something (a group, the partnership): a body, a post, or both."""

    organisation: Ref | None = None
    """The member body, if it is a body."""
    post: Post | None = None
    """The member post, if it is a person in a post."""

    @property
    def body(self) -> str | None:
        """The member's body: the one recorded, else its post's (unknown if neither says)."""
        return self.organisation or (self.post.organisation if self.post else None)
