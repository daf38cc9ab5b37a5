"""The ``arrangements`` format: the published arrangements page (HTML, Markdown and JSON)."""

from __future__ import annotations

import json
from collections.abc import Mapping

from safeguarding_partnership.model.common import CONTROL_CHARACTERS
from safeguarding_partnership.reports.document import build_document
from safeguarding_partnership.reports.format import RenderContext, ReportFormat
from safeguarding_partnership.reports.templating import render_template

__all__ = ["FORMAT", "render"]


def render(ctx: RenderContext) -> Mapping[str, str | bytes]:
    """``arrangements.html``, ``arrangements.md`` and ``arrangements.json`` from one document."""
    doc = build_document(ctx.arrangement, ctx.as_of, ctx.related)
    data = doc.model_dump(mode="json")
    return {
        "arrangements.html": render_template("arrangements.html", doc=doc),
        "arrangements.md": render_template("arrangements.md", doc=doc),
        "arrangements.json": _escape_controls(json.dumps(data, indent=2, ensure_ascii=False))
        + "\n",
    }


def _escape_controls(text: str) -> str:
    """JSON text with every control character (C1, noncharacters, lone surrogates, which
    ``ensure_ascii=False`` leaves raw) written as a ``\\u`` escape: the same JSON, printable."""
    return CONTROL_CHARACTERS.sub(lambda m: _json_escape(m.group()), text)


def _json_escape(char: str) -> str:
    code = ord(char)
    if code <= 0xFFFF:
        return f"\\u{code:04x}"
    code -= 0x10000  # beyond the BMP, JSON writes a surrogate pair
    return f"\\u{0xD800 + (code >> 10):04x}\\u{0xDC00 + (code & 0x3FF):04x}"


FORMAT = ReportFormat(
    name="arrangements",
    title="Published arrangements",
    render=render,
    description="The arrangements page with every item the guidance says to publish "
    "(PUB-001 to PUB-018), as HTML, Markdown and JSON.",
)
