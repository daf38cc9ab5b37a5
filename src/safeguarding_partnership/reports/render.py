"""Rendering formats for one arrangement, with private names removed before public formats run.

The check is not run here (reports never import rules): the caller passes the findings of
the check as of the same day, such as a :class:`~safeguarding_partnership.pipeline.CheckRun`
result's.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence

import attrs

from safeguarding_partnership.errors import OutputError, PluginHookError
from safeguarding_partnership.findings import CORE, Finding
from safeguarding_partnership.model import Arrangement
from safeguarding_partnership.model.readonly import read_only
from safeguarding_partnership.reports.format import RenderContext, RenderOptions, ReportFormat
from safeguarding_partnership.reports.live import is_markup, live_markup
from safeguarding_partnership.reports.privacy import private_names, redact, redact_findings

__all__ = ["render_formats", "render_together"]


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
        if fmt.provider == CORE:
            return out
    except KeyboardInterrupt:
        raise
    except BaseException as exc:  # a plugin format's sys.exit() too: contained, reported
        if fmt.provider == CORE:
            raise
        raise PluginHookError(
            fmt.provider, f"render of format {fmt.name!r}", f"raised {type(exc).__name__}: {exc}"
        ) from exc
    problem = _live_markup_in(out)  # a plugin's pages are untrusted output: checked first
    if problem:
        raise PluginHookError(fmt.provider, f"render of format {fmt.name!r}", problem)
    return out


def _live_markup_in(files: Mapping[str, bytes]) -> str:
    """What is wrong with the first HTML or SVG file holding live markup (a script, an event
    handler, a link that is not ``http(s)``, ``mailto`` or relative: see :mod:`.live`)."""
    for name, data in files.items():
        if is_markup(name):
            found = live_markup(data.decode("utf-8", "replace"))
            if found:
                more = f" and {len(found) - 5} more" if len(found) > 5 else ""
                return f"{name} holds live markup, which no page may: {'; '.join(found[:5])}{more}"
    return ""


@attrs.frozen
class _Views:
    """Read-only views of arrangements, as every format sees them and as public ones do."""

    full: tuple[Arrangement, ...]
    public: tuple[Arrangement, ...]

    @classmethod
    def of(cls, arrangements: Sequence[Arrangement], redact_all: bool) -> _Views:
        # formats get read-only views: a change in place raises, and is the format's fault
        return cls(
            tuple(read_only(a) for a in arrangements),
            tuple(read_only(redact(a, all_names=redact_all)) for a in arrangements),
        )


def render_formats(
    arrangement: Arrangement,
    formats: Iterable[ReportFormat],
    *,
    as_of: dt.date,
    findings: Sequence[Finding] = (),
    related: Sequence[Arrangement] = (),
    redact_all: bool = False,
    settings: Mapping[str, object] | None = None,
    options: RenderOptions | None = None,
) -> dict[str, bytes]:
    """Every file of every format, by relative name, as bytes.

    Public formats see the arrangement (and related arrangements and findings) with names
    marked ``publish_name: false`` removed, or every name with ``redact_all``. ``settings``
    are the validated settings of each provider (the core, a plugin) by name: a format sees
    its own provider's as :attr:`RenderContext.settings`. ``options`` say how pages are
    written (as fragments, from the user's templates).

    :raises OutputError: when two formats write the same file name.
    """
    views = _Views.of((arrangement, *related), redact_all)
    return _render(
        views, 0, formats, as_of, findings, redact_all, settings, options or RenderOptions()
    )


def render_together(
    items: Sequence[tuple[Arrangement, Iterable[ReportFormat], Sequence[Finding]]],
    *,
    as_of: dt.date,
    redact_all: bool = False,
    settings: Sequence[Mapping[str, object]] | None = None,
    options: RenderOptions | None = None,
) -> list[dict[str, bytes]]:
    """:func:`render_formats` for arrangements rendered together, each with the others as its
    related arrangements: each is made read-only and redacted once, not once per other.
    ``settings`` gives each item's providers' settings, in the order of ``items``."""
    views = _Views.of([arrangement for arrangement, _, _ in items], redact_all)
    given = list(settings) if settings is not None else [{} for _ in items]
    if len(given) != len(items):
        raise ValueError(f"settings for {len(given)} arrangements, but {len(items)} to render")
    return [
        _render(
            views, i, formats, as_of, findings, redact_all, given[i], options or RenderOptions()
        )
        for i, (_, formats, findings) in enumerate(items)
    ]


def _render(
    views: _Views,
    index: int,
    formats: Iterable[ReportFormat],
    as_of: dt.date,
    findings: Sequence[Finding],
    redact_all: bool,
    settings: Mapping[str, object] | None,
    options: RenderOptions,
) -> dict[str, bytes]:
    """Render the formats of ``views``' arrangement ``index``, the others being related."""

    def context(public: bool) -> RenderContext:
        seen = views.public if public else views.full
        found = tuple(findings)
        if public:
            names = private_names(views.full[index], all_names=redact_all)
            found = redact_findings(findings, names)
        others = seen[:index] + seen[index + 1 :]
        return RenderContext(seen[index], as_of, found, others, options=options)

    contexts: dict[bool, RenderContext] = {}
    out: dict[str, bytes] = {}
    owner: dict[str, str] = {}
    for fmt in sorted(formats, key=lambda f: f.name):
        if fmt.public not in contexts:
            contexts[fmt.public] = context(fmt.public)
        ctx = attrs.evolve(contexts[fmt.public], settings=(settings or {}).get(fmt.provider))
        for name, data in _call(fmt, ctx).items():
            if name in out:
                raise OutputError(
                    f"{name}: written by both format {owner[name]!r} and format {fmt.name!r}"
                )
            out[name] = data
            owner[name] = fmt.name
    return out
