"""Generate a synthetic national registry of safeguarding arrangements for England.

Every upper-tier local authority area on the day is covered exactly once; about 130
arrangements (some covering two areas under CA2004 s.16J), with the real integrated care
boards and police forces for each area from the packaged reference data. Schools, groups,
meetings and review records are synthetic ("Synthetic ..." names, made-up URNs) and describe
no real body or child.

    python benchmarks/generate.py                 # benchmarks/data/national.{json,yaml}
    python benchmarks/generate.py --scale 2       # benchmarks/data/national-x2.{json,yaml}
    python benchmarks/generate.py --seed 7 --out /tmp/x --scale 0.01
    python benchmarks/generate.py --area E09000016 --scale 0.1  # data/area-E09000016-x0.1.yaml

``--scale 10`` makes about 95 MB of JSON: 250,000 schools and ten times everything else in the
same 130 arrangements (England has 153 upper-tier areas, each covered once). ``--area`` writes
one area's arrangement alone (a one-area file, as a partnership keeps it), cut from the
registry of that scale. The same seed and scale give the same bytes.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from safeguarding_partnership.reference import (
    EDUCATION_AND_CHILDCARE,
    LocalAuthority,
    health_partners_for,
    police_forces_for,
    schedule,
    upper_tier_areas_on,
)

HERE = Path(__file__).resolve().parent
DATA = HERE / "data"

AS_OF = dt.date(2025, 4, 1)
"""The day the registry describes (ICB era, all of today's areas)."""
ARRANGEMENTS = 130
SCHOOLS = 25_000
GROUPS = 1_500
MEETINGS = 30_000
REVIEWS = 3_000

_SCHOOL_CATEGORIES = (
    "maintained-school-governing-body",
    "academy-school-proprietor",
    "independent-educational-institution-proprietor",
    "further-education-institution-governing-body",
    "pupil-referral-unit-governing-body",
)
_GROUP_KINDS = ("executive", "thematic_group", "subgroup", "place_group", "forum")
_THEMES = (
    "Learning and improvement",
    "Quality assurance",
    "Exploitation",
    "Neglect",
    "Education",
    "Health",
    "Voice of the child",
    "Training",
)


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def _footprints(
    areas: tuple[LocalAuthority, ...], target: int, rng: random.Random
) -> list[list[LocalAuthority]]:
    """Partition the areas into ``target`` footprints: pairs within a region, the rest single."""
    pairs_needed = max(0, len(areas) - target)
    by_region: dict[str, list[LocalAuthority]] = {}
    for la in areas:
        by_region.setdefault(la.region, []).append(la)
    footprints: list[list[LocalAuthority]] = []
    spare: list[LocalAuthority] = []
    regions = sorted(by_region)
    rng.shuffle(regions)
    for region in regions:
        members = by_region[region][:]
        rng.shuffle(members)
        while pairs_needed and len(members) >= 2:
            footprints.append(sorted(members[:2], key=lambda la: la.code))
            members = members[2:]
            pairs_needed -= 1
        spare.extend(members)
    footprints.extend([la] for la in spare)
    return sorted(footprints, key=lambda fp: fp[0].code)


def _spread(total: int, parts: int, rng: random.Random) -> list[int]:
    """``total`` split into ``parts`` positive-ish counts that add up exactly."""
    weights = [rng.uniform(0.5, 1.5) for _ in range(parts)]
    scale = total / sum(weights)
    counts = [int(w * scale) for w in weights]
    for i in range(total - sum(counts)):
        counts[i % parts] += 1
    return counts


def _day(rng: random.Random, start: dt.date, end: dt.date) -> dt.date:
    return start + dt.timedelta(days=rng.randrange((end - start).days + 1))


def _arrangement(
    number: int,
    footprint: list[LocalAuthority],
    counts: dict[str, int],
    rng: random.Random,
    next_urn: Iterator[int],
    as_of: dt.date,
) -> dict[str, Any]:
    names = " and ".join(la.name for la in footprint)
    ident = _slug(footprint[0].name) + (
        "-" + _slug(footprint[1].name) if len(footprint) > 1 else ""
    )
    codes = [la.code for la in footprint]
    organisations: list[dict[str, Any]] = []
    partners: list[dict[str, Any]] = []
    for la in footprint:
        org = f"la-{la.code.lower()}"
        organisations.append(
            {"id": org, "name": la.name, "kind": "local_authority", "ons_code": la.code}
        )
        partners.append(
            {
                "role": "local_authority",
                "organisation": org,
                "areas": [la.code],
                "lead": {"title": "Chief Executive", "organisation": org},
            }
        )
    health: dict[str, list[str]] = {}
    police: dict[str, list[str]] = {}
    bodies: dict[str, Any] = {}
    for la in footprint:
        for icb in health_partners_for(la.code, as_of):
            health.setdefault(icb.ons_code, []).append(la.code)
            bodies[icb.ons_code] = icb
        for force in police_forces_for(la.code, as_of):
            police.setdefault(force.ons_code, []).append(la.code)
            bodies[force.ons_code] = force
    for code, areas in sorted(health.items()):
        icb = bodies[code]
        org = f"icb-{icb.ods_code.lower()}"
        organisations.append(
            {
                "id": org,
                "name": icb.name,
                "kind": "integrated_care_board",
                "ons_code": icb.ons_code,
                "ods_code": icb.ods_code,
                "valid_from": "2022-07-01",
            }
        )
        partners.append(
            {
                "role": "integrated_care_board",
                "organisation": org,
                "areas": areas,
                "valid_from": "2022-07-01",
            }
        )
    for code, areas in sorted(police.items()):
        force = bodies[code]
        org = f"police-{code.lower()}"
        organisations.append(
            {
                "id": org,
                "name": f"{force.chief_officer_title} of {force.name}",
                "kind": "chief_officer_of_police",
                "ons_code": code,
            }
        )
        partners.append({"role": "chief_officer_of_police", "organisation": org, "areas": areas})
    agencies: list[dict[str, Any]] = []
    for _ in range(counts["schools"]):
        urn = next(next_urn)
        category = rng.choice(_SCHOOL_CATEGORIES)
        kind = "college" if category.startswith("further") else "school"
        area = rng.choice(codes)
        organisations.append(
            {
                "id": f"urn-{urn}",
                "name": f"Synthetic {kind.title()} {urn}",
                "kind": kind,
                "urn": urn,
            }
        )
        agencies.append(
            {
                "organisation": f"urn-{urn}",
                "category": category,
                "reason": "Synthetic school for benchmarks",
                "areas": [area],
            }
        )
    lsp = organisations[0]["id"]
    groups: list[dict[str, Any]] = [
        {
            "id": "partnership",
            "name": f"{names} Safeguarding Children Partnership meeting",
            "kind": "partnership_meeting",
            "reports_to": [],
            "cadence": "quarterly",
            "chair": {"title": "Director of Children's Services", "organisation": lsp},
            "members": [{"organisation": p["organisation"]} for p in partners],
        }
    ]
    others = max(counts["groups"] - 1, 0)
    meetings = _spread(counts["meetings"], others + 1, rng)
    start = dt.date(as_of.year - 3, 4, 1)
    groups[0]["meetings"] = sorted(
        {_day(rng, start, as_of).isoformat() for _ in range(meetings[0])}
    )
    for g in range(others):
        dates = sorted({_day(rng, start, as_of) for _ in range(meetings[g + 1])})
        theme = _THEMES[g % len(_THEMES)]
        group: dict[str, Any] = {
            "id": f"group-{g + 1}",
            "name": f"{theme} group {g + 1}",
            "kind": _GROUP_KINDS[g % len(_GROUP_KINDS)],
            "reports_to": ["partnership"],
            "cadence": "every 6 weeks",
            "meetings": [d.isoformat() for d in dates],
        }
        groups.append(group)
    notifications: list[dict[str, Any]] = []
    rapid: list[dict[str, Any]] = []
    practice: list[dict[str, Any]] = []
    third = counts["reviews"] // 3
    for r in range(counts["reviews"] - 2 * third):
        aware = _day(rng, dt.date(as_of.year - 3, 1, 1), as_of - dt.timedelta(days=120))
        ref = f"SIN-{number:03d}-{r + 1:04d}"
        notifications.append(
            {
                "reference": ref,
                "became_aware": aware.isoformat(),
                "notified": (aware + dt.timedelta(days=rng.randint(1, 5))).isoformat(),
            }
        )
        if r < third:
            started = aware + dt.timedelta(days=rng.randint(1, 7))
            rapid.append(
                {
                    "reference": f"RR-{number:03d}-{r + 1:04d}",
                    "notification": ref,
                    "started": started.isoformat(),
                    "completed": (started + dt.timedelta(days=rng.randint(10, 20))).isoformat(),
                    "decision": "local_review" if r % 2 == 0 else "no_local_review",
                }
            )
    for r in range(third):
        initiated = _day(rng, dt.date(as_of.year - 3, 6, 1), as_of - dt.timedelta(days=60))
        practice.append(
            {
                "reference": f"LCSPR-{number:03d}-{r + 1:04d}",
                "rapid_review": f"RR-{number:03d}-{r + 1:04d}",
                "initiated": initiated.isoformat(),
                "publication": "full",
            }
        )
    return {
        "schema_version": 1,
        "id": ident,
        "name": f"{names} Safeguarding Children Partnership",
        "guidance_edition": "WT2023",
        "valid_from": "2019-09-29",
        "combined_area": len(footprint) > 1,
        "areas": [{"code": la.code, "name": la.name} for la in footprint],
        "organisations": organisations,
        "partners": partners,
        "relevant_agencies": agencies,
        "groups": groups,
        "independent_scrutiny": {"model": "independent expert", "independent_of_partners": True},
        "notifications": notifications,
        "rapid_reviews": rapid,
        "practice_reviews": practice,
    }


def generate(seed: int = 1, scale: float = 1.0, as_of: dt.date = AS_OF) -> dict[str, Any]:
    """The registry as plain data: every upper-tier area on ``as_of`` covered once."""
    if EDUCATION_AND_CHILDCARE not in {c.group for c in schedule().values()}:
        raise SystemExit("reference data has no education Schedule categories")
    rng = random.Random(seed)
    areas = upper_tier_areas_on(as_of)
    footprints = _footprints(areas, min(ARRANGEMENTS, len(areas)), rng)
    n = len(footprints)
    totals = {
        "schools": round(SCHOOLS * scale),
        "groups": round(GROUPS * scale),
        "meetings": round(MEETINGS * scale),
        "reviews": round(REVIEWS * scale),
    }
    spread = {key: _spread(value, n, rng) for key, value in totals.items()}
    urns = iter(range(100000 + rng.randrange(1000), 999999))
    arrangements = [
        _arrangement(i + 1, fp, {key: spread[key][i] for key in spread}, rng, urns, as_of)
        for i, fp in enumerate(footprints)
    ]
    return {"schema_version": 1, "arrangements": arrangements}


def _yaml_scalar(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        return value
    return json.dumps(value, ensure_ascii=False)


def _yaml_lines(value: Any, indent: str) -> Iterator[str]:
    """Block-style YAML 1.2; strings double-quoted (JSON escapes are valid YAML)."""
    if isinstance(value, dict):
        for key, item in value.items():
            if isinstance(item, dict | list) and item:
                if isinstance(item, list) and not any(isinstance(x, dict | list) for x in item):
                    yield f"{indent}{key}: [{', '.join(_yaml_scalar(x) for x in item)}]"
                else:
                    yield f"{indent}{key}:"
                    yield from _yaml_lines(item, indent + "  ")
            elif isinstance(item, dict | list):
                yield f"{indent}{key}: {'{}' if isinstance(item, dict) else '[]'}"
            else:
                yield f"{indent}{key}: {_yaml_scalar(item)}"
    else:
        for item in value:
            if isinstance(item, dict):
                lines = list(_yaml_lines(item, indent + "  "))
                yield f"{indent}- {lines[0].lstrip()}"
                yield from lines[1:]
            else:
                yield f"{indent}- {_yaml_scalar(item)}"


def to_yaml(data: dict[str, Any]) -> str:
    """The registry as YAML text."""
    return "\n".join(_yaml_lines(data, "")) + "\n"


def to_json(data: dict[str, Any]) -> str:
    """The registry as JSON text (indented, so findings get useful line numbers)."""
    return json.dumps(data, indent=1, ensure_ascii=False) + "\n"


def write(out: Path, seed: int, scale: float) -> list[Path]:
    """Write ``national[-xN].json`` and ``.yaml`` into ``out``; return their paths."""
    data = generate(seed=seed, scale=scale)
    out.mkdir(parents=True, exist_ok=True)
    stem = "national" if scale == 1 else f"national-x{scale:g}"
    paths = [out / f"{stem}.json", out / f"{stem}.yaml"]
    paths[0].write_text(to_json(data), encoding="utf-8")
    paths[1].write_text(to_yaml(data), encoding="utf-8")
    return paths


def write_area(out: Path, seed: int, scale: float, area: str) -> Path:
    """Write the one arrangement covering only ``area`` as ``area-CODE[-xN].yaml`` in ``out``."""
    data = generate(seed=seed, scale=scale)
    found = [a for a in data["arrangements"] if [x["code"] for x in a["areas"]] == [area]]
    if not found:
        raise SystemExit(f"{area} is not an area with an arrangement of its own")
    out.mkdir(parents=True, exist_ok=True)
    path = out / (f"area-{area}.yaml" if scale == 1 else f"area-{area}-x{scale:g}.yaml")
    path.write_text(to_yaml(found[0]), encoding="utf-8")
    return path


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seed", type=int, default=1, help="random seed (default 1)")
    parser.add_argument("--scale", type=float, default=1.0, help="size multiplier (default 1)")
    parser.add_argument("--out", type=Path, default=DATA, help="output folder")
    parser.add_argument("--area", help="write only this area's arrangement (ONS code), as YAML")
    args = parser.parse_args(argv)
    paths = (
        [write_area(args.out, args.seed, args.scale, args.area)]
        if args.area
        else write(args.out, args.seed, args.scale)
    )
    for path in paths:
        print(f"{path} {path.stat().st_size} bytes")


if __name__ == "__main__":
    main()
