"""Local authority areas and footprints."""

from safeguarding_partnership.model.common import Dated, GssCode, Text

__all__ = ["Area"]


class Area(Dated):
    """A local authority area in England, named by its ONS GSS code.

    ``valid_from``/``valid_to`` say when the area belongs to this arrangement's footprint
    (a footprint can change over time).
    """

    code: GssCode
    """ONS GSS code, for example ``E09000016`` for Havering."""
    name: Text | None = None
    """The area's name, for people (the code is what counts)."""
