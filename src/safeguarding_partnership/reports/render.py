"""Rendering formats for one arrangement, with private names removed before public formats run.

The check is not run here (reports never import rules): the caller passes the findings of
the check as of the same day, such as a :class:`~safeguarding_partnership.pipeline.CheckRun`
result's.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence

from ..errors import OutputError, PluginHookError
from ..findings import Finding
from ..model import Arrangement
from ..model.readonly import read_only
from .format import RenderContext, ReportFormat
from .privacy import private_names, redact, redact_findings

__all__ = ["render_formats"]


def _call(fmt: ReportFormat, ctx: RenderContext) -> dict[str, bytes]:
    try:
        files = fmt.render(ctx)
        out: dict[str, bytes] = {}
        for name, content in files.items():
            if not isinstance(name, str):
                raise TypeError(f"file name {name!r} is not a string")
            if isinstance(content, str):
                out[name] = content.encode("utf-8")
            elif isinstance(content, bytes):
                out[name] = content
            else:
                raise TypeError(f"{name}: content is {type(content).__name__}, not str or bytes")
        return out
    except Exception as exc:
        if fmt.provider == "core":
            raise
        raise PluginHookError(
            fmt.provider, f"render of format {fmt.name!r}", f"raised {type(exc).__name__}: {exc}"
        ) from exc


def render_formats(
    arrangement: Arrangement,
    formats: Iterable[ReportFormat],
    *,
    as_of: dt.date,
    findings: Sequence[Finding] = (),
    related: Sequence[Arrangement] = (),
    redact_all: bool = False,
    settings: object | None = None,
) -> dict[str, bytes]:
    """Every file of every format, by relative name, as bytes.

    Public formats see the arrangement (and related arrangements and findings) with names
    marked ``publish_name: false`` removed, or every name with ``redact_all``.

    :raises OutputError: when two formats write the same file name.
    """
    names = private_names(arrangement, all_names=redact_all)
    # formats get read-only views: a change in place raises, and is the format's fault
    full = RenderContext(
        read_only(arrangement),
        as_of,
        tuple(findings),
        tuple(read_only(r) for r in related),
        settings,
    )
    public = RenderContext(
        read_only(redact(arrangement, all_names=redact_all)),
        as_of,
        redact_findings(findings, names),
        tuple(read_only(redact(r, all_names=redact_all)) for r in related),
        settings,
    )
    out: dict[str, bytes] = {}
    owner: dict[str, str] = {}
    for fmt in sorted(formats, key=lambda f: f.name):
        for name, data in _call(fmt, public if fmt.public else full).items():
            if name in out:
                raise OutputError(
                    f"{name}: written by both format {owner[name]!r} and format {fmt.name!r}"
                )
            out[name] = data
            owner[name] = fmt.name
    return out
