"""The ``structure`` format: partners, groups, reporting lines and areas as a diagram.

Mermaid (``structure.mmd``) and Graphviz DOT (``structure.dot``) are text, written always.
``structure.svg`` is written always too: drawn by Graphviz's ``dot`` program when it is on
``PATH`` (Graphviz is not a Python dependency), otherwise by a small layered layout in pure
Python (:func:`layered_svg`): other arrangements at the top, then groups by their depth in
the reporting lines, then areas, then the safeguarding partners, with lines for who reports
to whom, who is a partner for which area and which group covers which area. Its accessible
name and description (``<title>``, ``<desc>``, ``role="img"``) are written from the
partnership's own names. Every label is quoted and escaped; node ids are generated, never
taken from the file.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
import shutil
import subprocess
import textwrap
from collections.abc import Iterator, Mapping, Sequence
from xml.sax.saxutils import escape

import attrs

from safeguarding_partnership.model import Arrangement
from safeguarding_partnership.model.common import CONTROL_CHARACTERS
from safeguarding_partnership.reports.format import RenderContext, ReportFormat

__all__ = [
    "FORMAT",
    "Diagram",
    "build_diagram",
    "dot_label",
    "layered_svg",
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


_BOX_WIDTH = 232
_LINE = 16
_PAD = 10
_GAP_X = 24
_GAP_Y = 48
_BAND_TITLE = 28
_MARGIN = 16
_PER_ROW = 4
_WRAP = 30
_STYLE = {
    # cluster: (fill, stroke, dashed)
    "external": ("#fff7e0", "#594d00", True),
    "groups": ("#f3f2f1", "#0b0c0c", False),
    "areas": ("#ffffff", "#505a5f", False),
    "partners": ("#e8f1f8", "#1d4ed8", False),
}
_EDGE = {
    # label: (stroke, dash pattern, legend text)
    "reports to": ("#0b0c0c", "", "reports to"),
    "partner for": ("#1d4ed8", "6 4", "is a safeguarding partner for"),
    "covers": ("#505a5f", "2 3", "covers"),
}


def _xml(text: str) -> str:
    """Text safe in XML 1.0 element content and attributes."""
    kept = "".join(c for c in text if not _CONTROL.match(c))
    return escape(kept, {'"': "&quot;", "'": "&#39;"})


def _one_line(label: str) -> str:
    return " ".join(label.split())


def _name(node: Node) -> str:
    """A node as a sentence names it: ``Name (role)`` for a partner, a group by its name, an
    other arrangement's group with its arrangement, an area as labelled."""
    first, _, rest = node.label.partition("\n")
    if node.cluster == "partners" and rest:
        return f"{_one_line(first)} ({_one_line(rest)})"
    if node.cluster == "groups":
        return _one_line(first)
    return _one_line(node.label)


def _depths(diagram: Diagram) -> dict[str, int]:
    """Each group's depth in the reporting lines: 0 for a group that reports to no group."""
    up: dict[str, list[str]] = {}
    for edge in diagram.edges:
        if edge.label == "reports to":
            up.setdefault(edge.source, []).append(edge.target)
    groups = {n.id for n in diagram.nodes if n.cluster == "groups"}
    found: dict[str, int] = {}
    path: dict[str, int] = {}  # the groups being measured, each with how often it is there
    # a depth-first walk without recursion (a chain of a thousand groups would overflow
    # Python's stack): each frame is a group, the groups above it still to visit (those not
    # already on the path when it was reached) and the deepest found so far
    stack: list[tuple[str, Iterator[str], list[int]]] = []

    def enter(node: str) -> None:
        above = [t for t in up.get(node, ()) if t in groups and t not in path]
        path[node] = path.get(node, 0) + 1
        stack.append((node, iter(above), [-1]))

    for root in sorted(groups):
        if root in found:
            continue
        enter(root)
        while stack:
            node, above, deepest = stack[-1]
            target = next(above, None)
            if target is not None:
                if target in found:
                    deepest[0] = max(deepest[0], found[target])
                else:
                    enter(target)
                continue
            stack.pop()
            found[node] = value = deepest[0] + 1
            path[node] -= 1
            if not path[node]:
                del path[node]
            if stack:
                stack[-1][2][0] = max(stack[-1][2][0], value)
    return found


def _rows(diagram: Diagram) -> list[tuple[str, list[Node]]]:
    """Rows of nodes, top to bottom, each with the title of its band ('' for a band's later
    rows): other arrangements, groups by depth, areas, partners; at most four to a row."""
    depths = _depths(diagram)
    bands: list[tuple[str, list[Node]]] = []
    titles = dict(CLUSTERS)
    external = [n for n in diagram.nodes if n.cluster == "external"]
    bands.append((titles["external"], external))
    groups = [n for n in diagram.nodes if n.cluster == "groups"]
    for level in sorted({depths[n.id] for n in groups}):
        title = titles["groups"] if level == 0 else ""
        bands.append((title, [n for n in groups if depths[n.id] == level]))
    for cluster in ("areas", "partners"):
        bands.append((titles[cluster], [n for n in diagram.nodes if n.cluster == cluster]))
    rows: list[tuple[str, list[Node]]] = []
    for title, nodes in bands:
        for start in range(0, len(nodes), _PER_ROW):
            rows.append((title if start == 0 else "", nodes[start : start + _PER_ROW]))
    return [(title, nodes) for title, nodes in rows if nodes]


def _lines(label: str) -> list[tuple[str, bool]]:
    """A label wrapped to fit a box, each line with whether it is part of the name (bold)."""
    wrapped: list[tuple[str, bool]] = []
    for i, part in enumerate(label.split("\n")):
        lines = textwrap.wrap(_one_line(part), _WRAP, break_on_hyphens=False) or [""]
        wrapped.extend((line, i == 0) for line in lines)
    return wrapped


def _and(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def _description(diagram: Diagram) -> str:
    """What the picture shows, in sentences: one per node and kind of line."""
    by_id = {n.id: n for n in diagram.nodes}
    sentences = []
    for label in ("partner for", "reports to", "covers"):
        verb = _EDGE[label][2]
        targets: dict[str, list[str]] = {}
        for edge in diagram.edges:
            if edge.label == label:
                targets.setdefault(edge.source, []).append(_name(by_id[edge.target]))
        for source, names in targets.items():
            sentences.append(f"{_name(by_id[source])} {verb} {_and(names)}.")
    joined = {e.source for e in diagram.edges} | {e.target for e in diagram.edges}
    for node in diagram.nodes:
        if node.id not in joined:
            sentences.append(f"{_name(node)}.")
    return " ".join(sentences)


def layered_svg(diagram: Diagram) -> bytes:
    """The diagram drawn without Graphviz: boxes in layered rows joined by lines, as SVG.

    Its ``<title>`` and ``<desc>`` (named by ``aria-labelledby``) say in words what the
    picture shows, from the partnership's own names.
    """
    rows = _rows(diagram)
    boxes: dict[str, tuple[float, float, float, float]] = {}
    width = _MARGIN * 2 + _PER_ROW * _BOX_WIDTH + (_PER_ROW - 1) * _GAP_X
    body: list[str] = []
    y = float(_MARGIN)
    for title, nodes in rows:
        if title:
            body.append(
                f'<text x="{_MARGIN}" y="{y + 18:g}" font-weight="bold">{_xml(title)}</text>'
            )
            y += _BAND_TITLE
        heights = [len(_lines(n.label)) * _LINE + 2 * _PAD for n in nodes]
        row_height = max(heights)
        used = len(nodes) * _BOX_WIDTH + (len(nodes) - 1) * _GAP_X
        x = (width - used) / 2
        for node, box_height in zip(nodes, heights, strict=True):
            boxes[node.id] = (x, y, _BOX_WIDTH, float(box_height))
            x += _BOX_WIDTH + _GAP_X
        y += row_height + _GAP_Y
    legend_y = y
    height = legend_y + len(_EDGE) * 20 + _MARGIN
    for edge in diagram.edges:
        sx, sy, sw, sh = boxes[edge.source]
        tx, ty, tw, th = boxes[edge.target]
        if ty + th <= sy:  # target above
            x1, y1, x2, y2 = sx + sw / 2, sy, tx + tw / 2, ty + th
        elif ty >= sy + sh:  # target below
            x1, y1, x2, y2 = sx + sw / 2, sy + sh, tx + tw / 2, ty
        else:  # same row
            left = tx > sx
            x1, y1 = (sx + sw if left else sx), sy + sh / 2
            x2, y2 = (tx if left else tx + tw), ty + th / 2
        kind = list(_EDGE).index(edge.label) if edge.label in _EDGE else 0
        stroke, dash, _ = _EDGE.get(edge.label, _EDGE["reports to"])
        dashes = f' stroke-dasharray="{dash}"' if dash else ""
        body.insert(
            0,
            f'<line x1="{x1:g}" y1="{y1:g}" x2="{x2:g}" y2="{y2:g}" stroke="{stroke}" '
            f'stroke-width="1.5"{dashes} marker-end="url(#sp-arrow-{kind})"/>',
        )
    for node in diagram.nodes:
        x, top, w, h = boxes[node.id]
        fill, stroke, dashed = _STYLE[node.cluster]
        dashes = ' stroke-dasharray="5 3"' if dashed else ""
        body.append(
            f'<g><rect x="{x:g}" y="{top:g}" width="{w:g}" height="{h:g}" rx="6" '
            f'fill="{fill}" stroke="{stroke}" stroke-width="1.5"{dashes}/>'
        )
        body.append(f'<text x="{x + w / 2:g}" y="{top + _PAD:g}" text-anchor="middle">')
        for i, (line, bold) in enumerate(_lines(node.label)):
            weight = ' font-weight="bold"' if bold else ""
            dy = 12 if i == 0 else _LINE
            body.append(f'<tspan x="{x + w / 2:g}" dy="{dy}"{weight}>{_xml(line)}</tspan>')
        body.append("</text></g>")
    for i, (stroke, dash, text) in enumerate(_EDGE.values()):
        ly = legend_y + i * 20 + 6
        dashes = f' stroke-dasharray="{dash}"' if dash else ""
        body.append(
            f'<line x1="{_MARGIN}" y1="{ly:g}" x2="{_MARGIN + 40}" y2="{ly:g}" '
            f'stroke="{stroke}" stroke-width="1.5"{dashes} marker-end="url(#sp-arrow-{i})"/>'
            f'<text x="{_MARGIN + 50}" y="{ly + 4:g}">{_xml(text)}</text>'
        )
    title = f"Groups, safeguarding partners and areas of {diagram.title}"
    head = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width:g}" height="{height:g}" '
        f'viewBox="0 0 {width:g} {height:g}" role="img" '
        'aria-labelledby="sp-diagram-title sp-diagram-desc" '
        'font-family="Arial, Helvetica, sans-serif" font-size="13" fill="#0b0c0c">',
        f'<title id="sp-diagram-title">{_xml(title)}</title>',
        f'<desc id="sp-diagram-desc">{_xml(_description(diagram))}</desc>',
        "<defs>"
        + "".join(
            f'<marker id="sp-arrow-{i}" viewBox="0 0 10 10" refX="10" refY="5" '
            'markerWidth="7" markerHeight="7" orient="auto">'
            f'<path d="M 0 0 L 10 5 L 0 10 z" fill="{stroke}"/></marker>'
            for i, (stroke, _, _) in enumerate(_EDGE.values())
        )
        + "</defs>",
        f'<rect width="{width:g}" height="{height:g}" fill="#ffffff"/>',
    ]
    return ("\n".join([*head, *body, "</svg>"]) + "\n").encode("utf-8")


def render(ctx: RenderContext) -> Mapping[str, str | bytes]:
    """``structure.mmd``, ``structure.dot`` and ``structure.svg`` (by Graphviz when it is
    installed, else by :func:`layered_svg`), the SVG only for a diagram of at most
    :data:`SVG_MOST_ELEMENTS` nodes and edges."""
    diagram = build_diagram(ctx.arrangement, ctx.as_of, ctx.related)
    dot = to_dot(diagram)
    files: dict[str, str | bytes] = {"structure.mmd": to_mermaid(diagram), "structure.dot": dot}
    if len(diagram.nodes) + len(diagram.edges) > SVG_MOST_ELEMENTS:
        log.warning("the structure diagram is too large to draw as SVG; see structure.dot")
        return files
    svg = to_svg(dot)
    files["structure.svg"] = svg if svg is not None else layered_svg(diagram)
    return files


FORMAT = ReportFormat(
    name="structure",
    title="Structure diagram",
    render=render,
    description="Partners, groups, reporting lines and areas as Mermaid, DOT and SVG (drawn "
    "by Graphviz when it is installed, else in pure Python).",
)
