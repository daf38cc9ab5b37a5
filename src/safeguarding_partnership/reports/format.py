"""The report format record that the core and plugins register."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path

import attrs

from safeguarding_partnership.findings import CORE, Finding
from safeguarding_partnership.model import Arrangement

__all__ = ["RenderContext", "RenderOptions", "ReportFormat"]


@attrs.frozen
class RenderOptions:
    """How pages are written, chosen by the person rendering rather than by the file.

    ``fragment`` writes each HTML page as its content only (an ``<article>`` without
    ``<html>``, ``<head>``, ``<body>`` or styles), to embed in another site's page.
    ``template_dir`` is a folder of templates that replace the packaged ones of the same name;
    the packaged ones stay reachable as ``default/<name>`` to extend.
    """

    fragment: bool = False
    template_dir: Path | None = None


@attrs.frozen
class RenderContext:
    """What a format renders from: one arrangement as checked on a day, with its findings.

    ``arrangement`` has already had private names removed when the output is public.
    ``settings`` is the format's provider's settings model, validated from the file's
    ``settings: {<provider>: ...}`` section (``None`` for a provider with no settings model).
    """

    arrangement: Arrangement
    as_of: dt.date
    findings: Sequence[Finding] = ()
    related: Sequence[Arrangement] = ()
    settings: object | None = None
    options: RenderOptions = RenderOptions()


@attrs.frozen
class ReportFormat:
    """A named output: ``render`` returns file names (relative) mapped to their content.

    ``public`` formats are published, so the pipeline strips names marked not for
    publication before they render.
    """

    name: str
    title: str
    render: Callable[[RenderContext], Mapping[str, str | bytes]] = attrs.field(eq=False)
    description: str = ""
    public: bool = True
    provider: str = CORE
