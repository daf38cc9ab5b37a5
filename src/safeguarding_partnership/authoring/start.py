"""A starter arrangements file: the areas and the safeguarding partners right for a day.

The partners come from the packaged reference data (Children Act 2004 s.16E(3)): each area's
council, every clinical commissioning group (to 30 June 2022) or integrated care board (from
1 July 2022) and every police force covering any part of the footprint, with ONS and ODS
codes. Posts and everything else a partnership decides are left out, with a commented
pointer to what the guidance asks; nothing is invented.
"""

from __future__ import annotations

import datetime as dt
import re
import textwrap
from collections.abc import Iterable, Sequence
from pathlib import Path

import attrs

from safeguarding_partnership.authoring._ids import scalar, slug, unique_id
from safeguarding_partnership.errors import OutputError, SafeguardingPartnershipError
from safeguarding_partnership.law import CCG_TO_ICB, regime_for
from safeguarding_partnership.reference import (
    COVERAGE_START,
    HealthBody,
    LocalAuthority,
    PoliceForce,
    health_partners_for,
    local_authorities,
    police_forces_for,
)
from safeguarding_partnership.reference.catalogue import entry
from safeguarding_partnership.reference.names import reordered

__all__ = [
    "StartError",
    "Starter",
    "body_id",
    "organisation_name",
    "starter",
    "write_starter",
]


class StartError(SafeguardingPartnershipError, ValueError):
    """The areas or the day given cannot start a file (exit status 2)."""


@attrs.frozen
class Starter:
    """A starter arrangements file: its id, the partnership's name, the day and the text."""

    id: str
    name: str
    as_of: dt.date
    text: str


Body = LocalAuthority | HealthBody | PoliceForce


def organisation_name(body: Body) -> str:
    """The name written for a body: the reference data's name; for police, the chief
    officer, who is the partner in law."""
    if isinstance(body, PoliceForce):
        if body.chief_officer_title == "Chief Constable":
            return f"Chief Constable, {body.name}"
        return body.chief_officer_title  # the Met's and the City's name their force
    return body.name


def body_id(body: Body) -> str:
    """A readable file-local id for a body: ``havering-council``, ``north-east-london-icb``,
    ``havering-ccg``, ``metropolitan-police``."""
    if isinstance(body, LocalAuthority):
        return f"{slug(reordered(body.name))}-council"
    if isinstance(body, HealthBody):
        short = re.sub(r"^NHS\s+|\s+(Integrated Care Board|CCG)$", "", body.name)
        suffix = "icb" if body.kind == "integrated_care_board" else "ccg"
        return f"{slug(short)}-{suffix}"
    base = slug(reordered(body.name))
    return base if base.endswith("police") else f"{base}-police"


def _role(body: Body) -> str:
    if isinstance(body, LocalAuthority):
        return "local_authority"
    if isinstance(body, HealthBody):
        return body.kind
    return "chief_officer_of_police"


def _lead_title(body: Body) -> str:
    """The lead's post as the catalogue names it (LEAD-001, LEAD-002)."""
    if isinstance(body, PoliceForce):
        return body.chief_officer_title
    if isinstance(body, HealthBody) and body.kind == "clinical_commissioning_group":
        return "Accountable Officer"
    return "Chief Executive"


def _areas_on(codes: Sequence[str], day: dt.date) -> list[LocalAuthority]:
    if not codes:
        raise StartError("give at least one area (--area CODE)")
    if day < COVERAGE_START:
        raise StartError(
            f"{day}: the reference data records the safeguarding partners from "
            f"{COVERAGE_START} (Children Act 2004 s.16E in force); choose a day from then"
        )
    known = local_authorities()
    found: list[LocalAuthority] = []
    for code in dict.fromkeys(c.strip().upper() for c in codes):
        la = known.get(code)
        if la is None:
            raise StartError(
                f"{code} is not an upper-tier local authority area of England in the "
                "reference data (a county, unitary, metropolitan district or London borough)"
            )
        if la.valid_from is not None and day < la.valid_from:
            raise StartError(
                f"{code} ({la.name}) did not exist on {day}: created on {la.valid_from}"
            )
        if la.valid_to is not None and day > la.valid_to:
            raise StartError(
                f"{code} ({la.name}) did not exist on {day}: abolished, its last day was "
                f"{la.valid_to}"
            )
        found.append(la)
    return found


def _partnership_id(name: str, areas: Sequence[LocalAuthority]) -> str:
    short = re.split(r"\s+safeguarding\b", name, maxsplit=1, flags=re.IGNORECASE)[0]
    return slug(short or " and ".join(reordered(a.name) for a in areas))


def _pointer(codes: Iterable[str]) -> str:
    """Rule codes, checked against the catalogue (a missing code is a ``KeyError``)."""
    return ", ".join(entry(code).id for code in codes)


_SECTIONS: tuple[tuple[str, tuple[str, ...], str, tuple[str, ...]], ...] = (
    (
        "Relevant agencies",
        ("RA-001", "RA-004", "PUB-006", "PUB-007"),
        "the bodies from the Schedule you chose, why, and how they work with you",
        (
            "relevant_agencies:",
            "  - {organisation: <id>, category: <Schedule id>, reason: <why>}",
        ),
    ),
    (
        "Groups",
        ("PARTNERS-004", "EDU-002", "CDR-007"),
        "the partnership meeting and its groups, each with kind, cadence and reports_to",
        (
            "groups:",
            "  - {id: <id>, name: <name>, kind: partnership_meeting, cadence: quarterly,"
            " reports_to: none}",
        ),
    ),
    (
        "Chair",
        ("LEAD-005",),
        "how the partnership is chaired (WT2023: the partnership chair)",
        ("chair: {model: <independent|partner|rotating|co_chairs>}",),
    ),
    (
        "Independent scrutiny",
        ("SCRUT-001", "SCRUT-002", "SCRUT-003"),
        "who scrutinises the arrangements, independent of the three partners",
        ("independent_scrutiny: {independent_of_partners: <true|false>, model: <how>}",),
    ),
    (
        "What the published arrangements set out",
        ("PARTNERS-005", "PUB-003", "PUB-004", "PUB-014"),
        "true, false, or where each part is",
        ("contents: {needs_identification_and_response: <true|heading|link>}",),
    ),
    (
        "Published documents",
        ("PUB-014",),
        "links to the threshold document, escalation policy, procedures and budget",
        ("documents: {threshold: <https://...>}",),
    ),
    (
        "Sign-off",
        ("PUB-015", "FUND-002"),
        "WT2023: the lead safeguarding partners sign off the key documents",
        ("sign_offs:", "  - {document: arrangements, date: <YYYY-MM-DD>, by: [<partner ids>]}"),
    ),
    (
        "Yearly reports",
        ("REPORT-001",),
        "a report published at least once in every 12 months",
        ("yearly_reports:", "  - {period_start: <date>, period_end: <date>, published: <date>}"),
    ),
    (
        "Serious incidents and practice reviews",
        ("CSPR-002", "CSPR-004", "CSPR-012"),
        "notifications, rapid reviews and local child safeguarding practice reviews",
        ("practice_reviews:", "  - {reference: <ref>, initiated: <date>, published: <date>}"),
    ),
    (
        "Child death review",
        ("CDR-001", "CDR-008"),
        "the child death review partners, panel and published arrangements",
        ("child_death_review: {partners: [<ids>], panel: <group id>, published_url: <url>}",),
    ),
    (
        "Funding",
        ("PARTNERS-009", "FUND-001", "FUND-002"),
        "who contributes what, each year",
        ("funding:", "  - {year: <2025-26>, contributor: <id>, amount: <pounds>}"),
    ),
)


def _comment_block(lines: Iterable[str]) -> list[str]:
    return [f"# {line}".rstrip() for line in lines]


def _para(text: str) -> list[str]:
    """A paragraph as comment lines of at most 94 characters."""
    return [f"# {line}" for line in textwrap.wrap(text, width=92, break_on_hyphens=False)]


def starter(area_codes: Sequence[str], as_of: dt.date, *, name: str | None = None) -> Starter:
    """The starter file for the areas (ONS codes) as of a day.

    :raises StartError: for an unknown area, an area that did not exist on ``as_of``, or a
        day before the reference data begins.
    """
    areas = _areas_on(area_codes, as_of)
    several = len(areas) > 1
    places = " and ".join(reordered(a.name) for a in areas)
    title = name.strip() if name and name.strip() else f"{places} Safeguarding Children Partnership"
    ident = _partnership_id(title, areas)
    footprint = tuple(a.code for a in areas)

    # every body, in the order council, health, police, with the areas it covers
    bodies: dict[str, tuple[Body, list[str]]] = {}
    for la in areas:
        bodies[f"la:{la.code}"] = (la, [la.code])
    for la in areas:
        for health_body in health_partners_for(la.code, as_of):
            bodies.setdefault(f"health:{health_body.ons_code}", (health_body, []))[1].append(
                la.code
            )
    for la in areas:
        for force in police_forces_for(la.code, as_of):
            bodies.setdefault(f"police:{force.ons_code}", (force, []))[1].append(la.code)

    taken: set[str] = {ident}
    org_lines: list[str] = []
    partner_lines: list[str] = []
    for body, covered in bodies.values():
        org = unique_id(body_id(body), taken)
        taken.add(org)
        org_lines += [
            f"  - id: {org}",
            f"    name: {scalar(organisation_name(body))}",
            f"    kind: {_role(body)}",
            f"    ons_code: {body.code if isinstance(body, LocalAuthority) else body.ons_code}",
        ]
        if isinstance(body, HealthBody):
            org_lines.append(f"    ods_code: {scalar(body.ods_code)}")
        partner_lines += [f"  - role: {_role(body)}", f"    organisation: {org}"]
        if tuple(covered) != footprint:
            partner_lines.append(f"    areas: [{', '.join(covered)}]")
        partner_lines += [
            f"    # lead: {{title: {_lead_title(body)}, organisation: {org}}}",
            f"    # delegates: [{{title: <post>, organisation: {org}}}]",
        ]

    regime = regime_for(as_of)
    wt2023 = regime is not None and regime.key == "WT2023"
    health = "integrated care board" if as_of >= CCG_TO_ICB else "clinical commissioning group"
    leads = ["LEAD-002"] if wt2023 else ["LEAD-001"]
    delegates = ["LEAD-004", "PUB-016"] if wt2023 else ["LEAD-001"]
    out: list[str] = [
        *_para(f"{title}: multi-agency safeguarding arrangements."),
        "#",
        *_para(
            f"Started by `safeguarding-partnership init` for {as_of} from the packaged reference "
            "data: the areas, and the safeguarding partners on that day with their ONS and ODS "
            "codes. The rest is for you to fill in. Leave out what you do not know: a key that "
            'is absent means "unknown", never "none". Codes such as PARTNERS-001 are the rules '
            "that check each part. Check the file with:"
        ),
        f"#   safeguarding-partnership check {ident}.yaml --as-of {as_of}",
        "schema_version: 1",
        f"id: {ident}",
        f"name: {scalar(title)}",
    ]
    if regime is not None:
        out += _para(
            f"The edition of Working Together in force on {as_of} "
            f"({_pointer(['PARTNERS-011'])}); change it if your arrangements follow another."
        )
        out.append(f"guidance_edition: {regime.key}")
    out += ["", *_para(f"Publication ({_pointer(['PUB-001', 'PUB-002'])}):")]
    out += _comment_block(
        [
            "valid_from: <YYYY-MM-DD>      # the day the arrangements took effect",
            "published: <YYYY-MM-DD>       # the day the current arrangements were published",
            "published_url: <https://...>  # where they are published",
        ]
    )
    areas_note = f"Areas ({_pointer(['PUB-005'])}): the local authority areas covered."
    if several:
        areas_note += (
            f" If they agreed to be treated as one area ({_pointer(['PARTNERS-006'])}), add "
            "combined_area: true; if not, combined_area: false."
        )
    out += ["", *_para(areas_note), "areas:"]
    out += [f"  - {{code: {a.code}, name: {scalar(a.name)}}}" for a in areas]
    out += [
        "",
        *_para(
            "Organisations: every body named in the file. These are the safeguarding partners "
            f"on {as_of}, with the reference data's names (ONS names for councils); a name may "
            "be changed to the body's own, the codes are what count. Add other bodies here too."
        ),
        "organisations:",
        *org_lines,
        "",
        *_para(
            "Safeguarding partners "
            f"({_pointer(['PARTNERS-001', 'PARTNERS-002', 'PARTNERS-003'])}): each council, "
            f"every {health} and every chief officer of police covering any part of the "
            f"footprint on {as_of}. Fill in each lead ({_pointer(leads)}) and delegates "
            f"({_pointer(delegates)}); a person's name is optional."
        ),
        "partners:",
        *partner_lines,
    ]
    for heading, codes, pointer, example in _SECTIONS:
        out += ["", *_para(f"{heading} ({_pointer(codes)}): {pointer}.")]
        out += _comment_block(example)
    return Starter(id=ident, name=title, as_of=as_of, text="\n".join(out) + "\n")


def write_starter(path: Path, made: Starter) -> None:
    """Write the starter file at ``path``, never over an existing file.

    :raises OutputError: if ``path`` exists or cannot be written (exit status 4).
    """
    from safeguarding_partnership.io.write import atomic_write, cannot_write

    if path.exists() or path.is_symlink():
        raise OutputError(f"{path}: already exists; not overwritten (choose another --out)")
    with cannot_write(path):
        atomic_write(path, made.text.encode("utf-8"))
