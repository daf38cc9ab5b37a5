"""The ``arrangements`` format: the public arrangements page (HTML, Markdown and JSON).

The page is for the public: who the safeguarding partners are, what the arrangements cover,
scrutiny, groups, agencies, reviews, funding, documents and reports, in plain words. A section
the file says nothing about is left out rather than shown as unknown, and no rule code
appears; the compliance view (each item the guidance says to publish, with its rule) is on
the findings page.
"""

from __future__ import annotations

import json
from collections.abc import Mapping

from safeguarding_partnership.model.common import CONTROL_CHARACTERS
from safeguarding_partnership.reports.document import ArrangementsDocument, build_document
from safeguarding_partnership.reports.format import RenderContext, ReportFormat
from safeguarding_partnership.reports.templating import render_template

__all__ = ["FORMAT", "public_sections", "render"]


def _scrutiny_known(doc: ArrangementsDocument) -> bool:
    s = doc.independent_scrutiny
    if s is None:
        return False
    told = (s.model, s.scrutineer, s.organisation, s.plan_url, s.independent_of_partners)
    return any(x is not None for x in told) or bool(s.outputs) or bool(s.chairs_partnership)


def public_sections(doc: ArrangementsDocument) -> tuple[tuple[str, str], ...]:
    """The page's sections the file has something to say in, as (anchor, heading), in order."""
    covered = any(s.status == "set_out" for s in doc.contents)
    sections = {
        "sp-about": ("About these arrangements", True),
        "sp-partners": (
            "Who the safeguarding partners are",
            bool(doc.partners) or bool(doc.other_members),
        ),
        "sp-area": ("The area covered", bool(doc.areas)),
        "sp-cover": (
            "What the arrangements cover",
            covered or bool(doc.priorities) or bool(doc.purposes),
        ),
        "sp-leadership": (
            "Leadership and independent scrutiny",
            bool(doc.chairs) or doc.chair_model is not None or _scrutiny_known(doc),
        ),
        "sp-groups": ("Groups and meetings", bool(doc.groups)),
        "sp-agencies": ("Other agencies working with the partners", bool(doc.relevant_agencies)),
        "sp-reviews": (
            "Learning from serious cases",
            bool(doc.practice_reviews) or doc.child_death_review_url is not None,
        ),
        "sp-funding": ("Funding", bool(doc.funding)),
        "sp-documents": ("Policies and documents", any(d.url for d in doc.documents)),
        "sp-reports": ("Yearly reports and sign-off", bool(doc.yearly_reports or doc.sign_offs)),
        "sp-related": ("Related arrangements", bool(doc.related)),
    }
    return tuple((anchor, title) for anchor, (title, shown) in sections.items() if shown)


def render(ctx: RenderContext) -> Mapping[str, str | bytes]:
    """``arrangements.html``, ``arrangements.md`` and ``arrangements.json`` from one document."""
    doc = build_document(ctx.arrangement, ctx.as_of, ctx.related)
    data = doc.model_dump(mode="json")
    sections = dict(public_sections(doc))
    return {
        "arrangements.html": render_template(
            "arrangements.html", ctx.options, doc=doc, sections=sections
        ),
        "arrangements.md": render_template(
            "arrangements.md", ctx.options, doc=doc, sections=sections
        ),
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
    description="The public arrangements page: partners, area, what the arrangements cover, "
    "scrutiny, groups, agencies, reviews, funding and reports, as HTML, Markdown and JSON.",
)
