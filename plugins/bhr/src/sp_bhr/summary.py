"""The tri-borough summary: the tri-borough group and each borough's local group."""

from __future__ import annotations

from collections.abc import Mapping

from safeguarding_partnership.plugins import RenderContext, escape_markdown
from sp_bhr.footprint import BOROUGHS, TRI_BOROUGH, local_groups

__all__ = ["render_summary"]


def render_summary(ctx: RenderContext) -> Mapping[str, str]:
    """``bhr-summary.md``: the footprint as of ``ctx.as_of``."""
    arr = ctx.arrangement
    groups = [g for g in arr.groups or () if g.in_force(ctx.as_of)]
    lines = [
        f"# {escape_markdown(arr.name)}: tri-borough summary as of {ctx.as_of.isoformat()}",
        "",
    ]
    tri = next((g for g in groups if g.id == TRI_BOROUGH), None)
    if tri is None:
        lines.append("Tri-borough group: not recorded.")
    else:
        cadence = tri.cadence.describe() if tri.cadence is not None else "not recorded"
        lines.append(f"Tri-borough group: {escape_markdown(tri.name)}, meets {cadence}.")
    lines.append("")
    lines.append("| Borough | GSS code | Local group |")
    lines.append("| --- | --- | --- |")
    for borough in BOROUGHS:
        local = sorted(escape_markdown(g.name) for g in local_groups(arr, borough.code, ctx.as_of))
        lines.append(f"| {borough.name} | {borough.code} | {'; '.join(local) or 'not recorded'} |")
    return {"bhr-summary.md": "\n".join(lines) + "\n"}
