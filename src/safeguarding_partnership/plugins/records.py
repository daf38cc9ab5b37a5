"""Small records that plugins contribute: agency categories and input loaders."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import attrs

from safeguarding_partnership.findings import CORE

__all__ = ["AgencyCategory", "Loader"]


@attrs.frozen
class AgencyCategory:
    """A local label for a kind of relevant agency, mapped to a category of the Schedule.

    ``category`` must be an id of :func:`safeguarding_partnership.reference.schedule`, such as
    ``maintained-school-governing-body``; ``label`` is what the arrangements file writes, such
    as ``havering-school``. Rules see the Schedule category; reports can show the label.
    """

    label: str
    """What the arrangements file writes under ``relevant_agencies[].category``."""
    category: str
    """The Schedule category the label stands for."""
    description: str = ""
    """What the label covers locally."""
    replaces: str | None = None
    """The provider whose label of the same name this one deliberately replaces."""
    provider: str = CORE
    """The plugin that contributed the label (set by the plugin manager)."""


@attrs.frozen
class Loader:
    """Reads another input format into the plain data of an arrangements file.

    ``parse`` receives the file's text and returns a mapping (the same shape the YAML, TOML
    or JSON file would have). It raises ``ValueError`` with a message for bad input (with an
    ``int`` attribute ``line``, the message is located on that line). The data it returns
    must keep the core's depth and value limits, like a YAML, TOML or JSON file.
    """

    suffix: str
    """The file name ending this loader reads, such as ``.paths.csv``."""
    name: str
    """The format's name, shown in messages."""
    parse: Callable[[str], Any] = attrs.field(eq=False, repr=False)
    """Text in, plain data out."""
    replaces: str | None = None
    """The provider whose loader for the same suffix this one deliberately replaces."""
    provider: str = CORE
    """The plugin that contributed the loader (set by the plugin manager)."""
