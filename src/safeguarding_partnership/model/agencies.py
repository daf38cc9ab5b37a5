"""Relevant agencies (Children Act 2004 s.16E(1)(b); SI 2018/789 Schedule)."""

from safeguarding_partnership.model.common import Dated, GssCode, Id, Keyword, Listed, Ref, Text

__all__ = ["Participant", "RelevantAgency"]


class _Body(Dated):
    """A body that takes part: one declared under ``organisations``, or one only named."""

    id: Id | None = None
    """Identifier."""
    organisation: Ref | None = None
    """The body, declared under ``organisations``."""
    name: Text | None = None
    """The body's name, when it is not declared as an organisation."""


class RelevantAgency(_Body):
    """A body the safeguarding partners have chosen to work with.

    ``category`` is an id of the Schedule (``relevant-agencies.yaml``, such as
    ``maintained-school-governing-body``) or a local label that a plugin maps to one.
    """

    id: Id | None = None
    """Identifier; defaults to the organisation's id."""
    category: Keyword
    """Schedule category id, or a local label registered by a plugin."""
    also_categories: tuple[Keyword, ...] | None = None
    """Further Schedule categories one entry stands for (generic "schools": maintained
    schools, academies and independent schools)."""
    local_label: Keyword | None = None
    """The plugin's local label this agency was written with, once mapped to ``category``."""
    reason: Text | None = None
    """Why the partners chose this agency (WT2018 ch.3; RA-004)."""
    collaboration: Text | None = None
    """How the agency works with the partners."""
    areas: Listed[GssCode] = None
    """Areas in which the agency works with children; unknown means all."""

    @property
    def key(self) -> str:
        """The key this agency is merged by."""
        return self.id or self.organisation or (self.name or "").lower()


class Participant(_Body):
    """A body that takes part in the arrangements but is not of a Schedule description
    (adult social care, a voluntary sector body, a police force of another area): it is not
    bound by s.16G(4) to act in accordance with the arrangements (RA-005)."""

    description: Text | None = None
    """What takes part, when no one body: "voluntary and community sector organisations"."""
    sector: Keyword | None = None
    """Sector tag, such as ``adult_social_care``, ``voluntary`` or ``police``."""
    role: Text | None = None
    """How it takes part ("member of the partnership meeting")."""
