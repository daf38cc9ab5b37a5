"""The partnership chair and independent scrutiny (CA2004 s.16G(3); WT2023 ch.2)."""

import enum

from pydantic import StrictBool, StrictInt

from safeguarding_partnership.model.common import Listed, Recorded, Ref, Text, Url
from safeguarding_partnership.model.people import Post

__all__ = ["Chair", "ChairingModel", "IndependentScrutiny"]


class ChairingModel(enum.StrEnum):
    """How the partnership is chaired."""

    INDEPENDENT = "independent"
    PARTNER = "partner"
    ROTATING = "rotating"
    CO_CHAIRS = "co_chairs"
    SCRUTINEER = "scrutineer"


class Chair(Recorded):
    """The partnership chair (WT2023) or the chair of the partnership's top group."""

    model: ChairingModel | None = None
    """The chairing model."""
    posts: Listed[Post] = None
    """The post or posts that chair (several for co-chairs or a rotation)."""
    rotation_months: StrictInt | None = None
    """For a rotating chair, how many months each holder chairs."""


class IndependentScrutiny(Recorded):
    """Arrangements for scrutiny by an independent person (CA2004 s.16G(3); SCRUT-001)."""

    scrutineer: Post | None = None
    """The independent person (a post; the name is optional)."""
    organisation: Ref | None = None
    """The body providing scrutiny, if it is a body."""
    independent_of_partners: StrictBool | None = None
    """Whether the scrutineer is independent of the three safeguarding partners."""
    model: Text | None = None
    """How scrutiny is done (for example "independent expert", "scrutiny panel")."""
    plan_url: Url | None = None
    """The published scrutiny plan."""
    chairs_partnership: StrictBool | None = None
    """Whether the scrutineer also chairs the partnership."""
    outputs: Listed[Url] = None
    """Published scrutiny reports."""
