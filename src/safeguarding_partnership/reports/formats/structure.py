"""The ``structure`` format: partners, groups, reporting lines and areas as a diagram.

Mermaid (``structure.mmd``) and Graphviz DOT (``structure.dot``) are text, written always;
``structure.svg`` is added when Graphviz's ``dot`` program is on ``PATH`` (Graphviz is not a
Python dependency). Every label is quoted and escaped; node ids are generated, never taken
from the file.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
import shutil
import subprocess
from collections.abc import Mapping, Sequence

import attrs

from safeguarding_partnership.model import Arrangement
from safeguarding_partnership.model.common import CONTROL_CHARACTERS
from safeguarding_partnership.reports.format import RenderContext, ReportFormat

__all__ = [
    "FORMAT",
    "Diagram",
    "build_diagram",
    "dot_label",
    "mermaid_label",
    "render",
    "to_dot",
    "to_mermaid",
    "to_svg",
]

log = logging.getLogger(__name__)

_CONTROL = re.compile(f"{CONTROL_CHARACTERS.pattern}|\t")

DOT_TIMEOUT_SECONDS = 20
"""How long ``dot`` may take before the SVG is left out."""

SVG_MOST_ELEMENTS = 2000
"""The most nodes and edges drawn as SVG: Graphviz's layout time grows faster than the
square of the diagram's size (a loop of 1,000 groups: 2 s; of 2,000: 13 s), so a larger
diagram is written as DOT and Mermaid only."""


@attrs.frozen
class Node:
    id: str
    label: str
    cluster: str


@attrs.frozen
class Edge:
    source: str
    target: str
    label: str


@attrs.frozen
class Diagram:
    """Nodes in clusters (partners, groups, areas, other arrangements) and labelled edges."""

    title: str
    nodes: tuple[Node, ...]
    edges: tuple[Edge, ...]


CLUSTERS = (
    ("partners", "Safeguarding partners"),
    ("groups", "Groups"),
    ("areas", "Areas"),
    ("external", "Other arrangements"),
)


def build_diagram(
    arrangement: Arrangement, as_of: dt.date, related: Sequence[Arrangement] = ()
) -> Diagram:
    """Who is a partner for which areas, and which group reports to which, on a day."""
    arr = arrangement
    nodes: list[Node] = []
    edges: list[Edge] = []
    ids: dict[tuple[str, str], str] = {}
    others = {a.id: a for a in related}

    def node(kind: str, key: str, label: str) -> str:
        if (kind, key) not in ids:
            ids[(kind, key)] = f"{kind[0]}{len(ids) + 1}"
            nodes.append(Node(ids[(kind, key)], label, kind))
        return ids[(kind, key)]

    areas = arr.areas_on(as_of)
    for area in areas:
        node("areas", area.code, f"{area.name or area.code} ({area.code})")
    for partner in arr.partners or ():
        if not partner.in_force(as_of):
            continue
        org = arr.organisation(partner.organisation)
        role = partner.role.value.replace("_", " ")
        label = f"{org.name if org else partner.organisation}\n{role}"
        pid = node("partners", partner.organisation, label)
        for code in partner.areas if partner.areas is not None else [a.code for a in areas]:
            aid = node("areas", code, code)
            edges.append(Edge(pid, aid, "partner for"))
    groups = [g for g in arr.groups or () if g.in_force(as_of)]
    for group in groups:
        node("groups", group.id, f"{group.name}\n{group.kind.value.replace('_', ' ')}")
    for group in groups:
        gid = ids[("groups", group.id)]
        for ref in group.reports_to or ():
            home, sep, local = ref.partition(":")
            if not sep:
                target = ids.get(("groups", ref)) or node("groups", ref, ref)
            else:
                other = others.get(home)
                name = (
                    next((g.name for g in (other.groups or ()) if g.id == local), local)
                    if (other)
                    else local
                )
                where = other.name if other else home
                target = node("external", ref, f"{name}\n({where})")
            edges.append(Edge(gid, target, "reports to"))
        # a footprint that is the whole arrangement's adds nothing to the picture
        footprint = set(group.footprint or ())
        if footprint and footprint != {a.code for a in areas}:
            for code in group.footprint or ():
                edges.append(Edge(gid, node("areas", code, code), "covers"))
    return Diagram(f"{arr.name} as of {as_of.isoformat()}", tuple(nodes), tuple(edges))


def mermaid_label(text: str) -> str:
    """A Mermaid node label: quoted, with every character that could be syntax as an entity."""
    out = []
    for char in text:
        if char == "\n":
            out.append("<br>")
        elif (char.isalnum() and char.isascii()) or char in " ,.-'/()":
            out.append(char)
        else:
            out.append(f"#{ord(char)};")
    return '"' + "".join(out) + '"'


def dot_label(text: str) -> str:
    """A DOT string: quoted, backslashes and quotes escaped, line breaks as ``\\n``.

    Other control characters are dropped: Graphviz cannot put them in SVG (XML 1.0).
    """
    text = "".join(c for c in text if c == "\n" or not _CONTROL.match(c))
    escaped = text.replace("\\", "\\\\").replace('"', '\\"')
    escaped = escaped.replace("\r", "").replace("\n", "\\n")
    return f'"{escaped}"'


def to_mermaid(diagram: Diagram) -> str:
    """The diagram as a Mermaid flowchart."""
    lines = ["---", f"title: {mermaid_label(diagram.title)}", "---", "flowchart LR"]
    for cluster, title in CLUSTERS:
        members = [n for n in diagram.nodes if n.cluster == cluster]
        if not members:
            continue
        lines.append(f"  subgraph {cluster}[{mermaid_label(title)}]")
        lines.extend(f"    {n.id}[{mermaid_label(n.label)}]" for n in members)
        lines.append("  end")
    for edge in diagram.edges:
        lines.append(f"  {edge.source} -->|{mermaid_label(edge.label)}| {edge.target}")
    return "\n".join(lines) + "\n"


def to_dot(diagram: Diagram) -> str:
    """The diagram as a Graphviz digraph."""
    lines = [
        "digraph structure {",
        f"  label={dot_label(diagram.title)};",
        "  labelloc=t;",
        "  rankdir=LR;",
        '  fontname="Arial";',
        '  node [shape=box, style="rounded", fontname="Arial"];',
        '  edge [fontname="Arial", fontsize=10];',
    ]
    for cluster, title in CLUSTERS:
        members = [n for n in diagram.nodes if n.cluster == cluster]
        if not members:
            continue
        lines.append(f"  subgraph cluster_{cluster} {{")
        lines.append(f"    label={dot_label(title)};")
        lines.extend(f"    {n.id} [label={dot_label(n.label)}];" for n in members)
        lines.append("  }")
    for edge in diagram.edges:
        lines.append(f"  {edge.source} -> {edge.target} [label={dot_label(edge.label)}];")
    lines.append("}")
    return "\n".join(lines) + "\n"


def to_svg(dot_source: str) -> bytes | None:
    """The diagram drawn by Graphviz's ``dot`` as SVG, or ``None`` if ``dot`` is not available."""
    program = shutil.which("dot")
    if program is None:
        return None
    try:
        done = subprocess.run(
            [program, "-Tsvg"],
            input=dot_source.encode("utf-8"),
            capture_output=True,
            timeout=DOT_TIMEOUT_SECONDS,
            check=True,
        )
    except (subprocess.SubprocessError, OSError) as exc:
        log.warning("dot could not draw the structure diagram: %s", exc)
        return None
    return done.stdout


def render(ctx: RenderContext) -> Mapping[str, str | bytes]:
    """``structure.mmd``, ``structure.dot`` and, with Graphviz, ``structure.svg`` (for a
    diagram of at most :data:`SVG_MOST_ELEMENTS` nodes and edges)."""
    diagram = build_diagram(ctx.arrangement, ctx.as_of, ctx.related)
    dot = to_dot(diagram)
    files: dict[str, str | bytes] = {"structure.mmd": to_mermaid(diagram), "structure.dot": dot}
    if len(diagram.nodes) + len(diagram.edges) > SVG_MOST_ELEMENTS:
        log.warning("the structure diagram is too large to draw as SVG; see structure.dot")
        return files
    svg = to_svg(dot)
    if svg is not None:
        files["structure.svg"] = svg
    return files


FORMAT = ReportFormat(
    name="structure",
    title="Structure diagram",
    render=render,
    description="Partners, groups, reporting lines and areas as Mermaid and DOT (and SVG "
    "when Graphviz is installed).",
)
