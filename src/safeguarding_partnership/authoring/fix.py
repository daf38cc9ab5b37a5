"""Fixing an arrangements file after a reorganisation, keeping every other byte of it.

Where the reference data says a body in the file was succeeded by the as-of day (a clinical
commissioning group by its integrated care board on 1 July 2022, an ICB dissolved on 1 April
2026 by the merged ICB, a county council by its unitary successor), the old partner entry is
end-dated on the body's last day and the successor is added, as an organisation with its codes
and a partner entry from the next day. A body named without codes gets them when its name
matches one body of that kind for that area and day (:mod:`..reference.names`).

The file is edited through a ruamel.yaml round trip, so comments, key order and layout stay
as they were outside the lines that change. A file that does not round-trip byte for byte is
never written; nor is any file when a successor is ambiguous (a council split in two): the
candidates are returned instead. Writing is atomic.
"""

from __future__ import annotations

import datetime as dt
import difflib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import attrs

from safeguarding_partnership.authoring import _edit
from safeguarding_partnership.authoring._ids import unique_id
from safeguarding_partnership.authoring.start import body_id, organisation_name
from safeguarding_partnership.errors import ArrangementsFileError
from safeguarding_partnership.io.load import arrangement_files, load_data
from safeguarding_partnership.io.parse import Limits, format_of, parse_text, read_text
from safeguarding_partnership.model import Arrangement, Organisation, SafeguardingPartner
from safeguarding_partnership.reference import (
    HealthBody,
    LocalAuthority,
    council_successors,
    health_body,
    health_body_last_day,
    health_partners_for,
    local_authorities,
)
from safeguarding_partnership.reference.names import Candidate, Match, match_body

__all__ = ["Ambiguity", "FixResult", "fix_file", "fix_path", "fix_report"]

_ONE_DAY = dt.timedelta(days=1)
Path_ = tuple[str | int, ...]


@attrs.frozen
class Ambiguity:
    """A body the reference data gives more than one successor (or match) for."""

    subject: str
    path: str
    candidates: tuple[str, ...]

    def __str__(self) -> str:
        found = ", ".join(self.candidates) if self.candidates else "none in the reference data"
        return f"{self.path}: {self.subject}; candidates: {found}"


@attrs.frozen
class FixResult:
    """What fixing one file did, or would do."""

    path: Path
    changes: tuple[str, ...] = ()
    """One sentence per change made (or, when not written, that would be made)."""
    ambiguous: tuple[Ambiguity, ...] = ()
    """Successions the data cannot settle: nothing is written while there are any."""
    names: tuple[Ambiguity, ...] = ()
    """Bodies named without codes whose name matches several bodies: left as they are."""
    refused: str | None = None
    """Why the file was not (or could not be) written, if it was not."""
    original: str = ""
    fixed: str = ""
    written: bool = False

    @property
    def pending(self) -> bool:
        """Whether the file needs a fix that was not written."""
        return not self.written and bool(self.changes or self.ambiguous)

    def diff(self) -> str:
        """A unified diff from the file to the fixed file (empty if nothing changes)."""
        if self.fixed == self.original:
            return ""
        name = str(self.path)
        lines = difflib.unified_diff(
            self.original.splitlines(keepends=True),
            self.fixed.splitlines(keepends=True),
            fromfile=name,
            tofile=name,
        )
        return "".join(lines)


@attrs.define
class _NewPartner:
    """A successor to add: the body, the areas it succeeds for and its predecessors."""

    body: LocalAuthority | HealthBody
    start: dt.date
    anchor: int
    """Index of the partner entry it follows."""
    org_anchor: int | None
    areas: set[str]
    whole: bool
    predecessors: list[str]
    end: dt.date | None = None
    org_id: str = ""


class _Planner:
    """The edits that bring one arrangement up to date with the reference data."""

    def __init__(self, arrangement: Arrangement, prefix: Path_, as_of: dt.date) -> None:
        self.arr = arrangement
        self.prefix = prefix
        self.as_of = as_of
        self.edits = _edit.Edits()
        self.changes: list[str] = []
        self.ambiguous: list[Ambiguity] = []
        self.names: list[Ambiguity] = []
        self.taken = {o.id for o in arrangement.organisations}
        self.orgs = {o.id: o for o in arrangement.organisations}
        self.ended: dict[int, dt.date] = {}
        self.spans = [(a.code, a.valid_from, a.valid_to) for a in arrangement.areas]
        self.new: list[_NewPartner] = []

    def at(self, *path: str | int) -> Path_:
        return (*self.prefix, *path)

    @property
    def partners(self) -> tuple[SafeguardingPartner, ...]:
        return self.arr.partners or ()

    def org_index(self, org_id: str) -> int | None:
        ids = [o.id for o in self.arr.organisations]
        return ids.index(org_id) if org_id in ids else None

    def end_partner(self, i: int, last: dt.date, why: str) -> None:
        partner = self.partners[i]
        if partner.valid_to is not None and partner.valid_to <= last:
            return
        self.ended[i] = last
        self.edits.set(self.at("partners", i), "valid_to", last)
        name = self.orgs[partner.organisation].name if partner.organisation in self.orgs else ""
        self.changes.append(f"partners[{i}] {name}: ends on {last} ({why})")

    # --- bodies named without codes -----------------------------------------------------

    def codes_by_name(self) -> None:
        """Give codes to partner bodies named without any, where the name matches one body."""
        for k, org in enumerate(self.arr.organisations):
            if org.ons_code is not None or org.ods_code is not None:
                continue
            day, areas = self._where(org)
            if not areas:
                continue
            match = _match(org, areas, day)
            if match is None:
                continue
            if match.code is None:
                self.names.append(_name_ambiguity(org, k, match, day))
                continue
            codes = {"ons_code": match.ons_code} if match.ons_code else {}
            if match.ods_code:
                codes["ods_code"] = match.ods_code
            for key, value in codes.items():
                self.edits.set(self.at("organisations", k), key, value)
            self.orgs[org.id] = org.model_copy(update=codes)
            shown = ", ".join(f"{key} {value}" for key, value in codes.items())
            self.changes.append(
                f"organisations[{k}] {org.name}: {shown} (its name matches {match.name} "
                f"for {', '.join(areas)} on {day})"
            )

    def _where(self, org: Organisation) -> tuple[dt.date, tuple[str, ...]]:
        """The day and areas to match a body's name on: the as-of day within the dates of the
        body and its partner entries, and the areas those entries name (else the footprint)."""
        entries = [p for p in self.partners if p.organisation == org.id]
        starts = [d for d in (org.valid_from, *(p.valid_from for p in entries)) if d]
        ends = [d for d in (org.valid_to, *(p.valid_to for p in entries)) if d]
        day = self.as_of
        if ends and entries and all(p.valid_to is not None for p in entries):
            day = min(day, max(ends))
        elif org.valid_to is not None:
            day = min(day, org.valid_to)
        if starts:
            day = max(day, min(starts))
        named = {c for p in entries for c in (p.areas or ())}
        if entries and all(p.areas is not None for p in entries):
            areas = tuple(sorted(named))
        else:
            areas = tuple(a.code for a in self.arr.areas_on(day)) or self.arr.area_codes
        return day, areas

    # --- councils --------------------------------------------------------------------------

    def councils(self) -> None:
        known = local_authorities()
        for j, area in enumerate(self.arr.areas):
            la = known.get(area.code)
            if la is None or la.valid_to is None or la.valid_to >= self.as_of:
                continue
            if (area.valid_to is not None and area.valid_to < la.valid_to) or (
                area.valid_from is not None and area.valid_from > la.valid_to
            ):
                continue
            successors = council_successors(la.code)
            present = [s for s in successors if s.code in self.arr.area_codes]
            if not present and len(successors) != 1:
                self.ambiguous.append(
                    Ambiguity(
                        f"area {la.code} ({la.name}) ended on {la.valid_to} and was divided",
                        f"areas[{j}]",
                        tuple(f"{s.name} ({s.code})" for s in successors),
                    )
                )
                continue
            self._end_area(j, la)
            if not present:
                self._add_council(j, la, successors[0])

    def _end_area(self, j: int, la: LocalAuthority) -> None:
        assert la.valid_to is not None
        area = self.arr.areas[j]
        self.spans[j] = (area.code, area.valid_from, la.valid_to)
        if area.valid_to is None or area.valid_to > la.valid_to:
            self.edits.set(self.at("areas", j), "valid_to", la.valid_to)
            self.changes.append(f"areas[{j}] {la.name} ({la.code}): ends on {la.valid_to}")
        for i, p in enumerate(self.partners):
            org = self.orgs.get(p.organisation)
            if p.role.value == "local_authority" and org is not None and org.ons_code == la.code:
                self.end_partner(i, la.valid_to, f"{la.name} council's last day")

    def _add_council(self, j: int, old: LocalAuthority, new: LocalAuthority) -> None:
        assert old.valid_to is not None
        vesting = old.valid_to + _ONE_DAY
        self.spans.append((new.code, vesting, None))
        alone = self.footprint_on(vesting) == [new.code]
        self.edits.insert(
            self.at("areas"), j, {"code": new.code, "name": new.name, "valid_from": vesting}
        )
        self.changes.append(f"added area {new.name} ({new.code}) from {vesting}")
        for i, p in enumerate(self.partners):
            org = self.orgs.get(p.organisation)
            if p.role.value == "local_authority" and org is not None and org.ons_code == old.code:
                if i in self.ended:
                    self.new.append(
                        _NewPartner(new, vesting, i, self.org_index(p.organisation),
                                    {new.code}, p.areas is None and alone, [p.organisation])
                    )  # fmt: skip
            elif (
                p.areas
                and old.code in p.areas
                and new.code not in p.areas
                and (p.valid_to is None or p.valid_to >= vesting)
            ):
                self.edits.append(self.at("partners", i, "areas"), new.code)
                self.changes.append(f"partners[{i}] {p.organisation}: also for {new.code}")

    # --- health bodies ---------------------------------------------------------------------

    def footprint_on(self, day: dt.date) -> list[str]:
        return [
            code
            for code, start, end in self.spans
            if (start is None or start <= day) and (end is None or day <= end)
        ]

    def health(self) -> None:
        for i, p in enumerate(self.partners):
            org = self.orgs.get(p.organisation)
            if not p.role.is_health or org is None:
                continue
            code = org.ods_code or org.ons_code
            last = health_body_last_day(code) if code else None
            if last is None or last >= self.as_of:
                continue
            if (p.valid_to is not None and p.valid_to < last) or (
                p.valid_from is not None and p.valid_from > last
            ):
                continue
            self.end_partner(i, last, f"{org.name}'s last day in the reference data")
            self._succeed(i, org, p.areas, last)

    def _succeed(
        self, i: int, org: Organisation, areas: tuple[str, ...] | None, last: dt.date
    ) -> None:
        day = last + _ONE_DAY
        codes = list(areas) if areas is not None else self.footprint_on(day)
        found: dict[str, tuple[HealthBody, set[str]]] = {}
        for code in codes:
            bodies = health_partners_for(code, day)
            if not bodies:
                self.ambiguous.append(
                    Ambiguity(f"{org.name} ended on {last}; no health body is recorded for "
                              f"area {code} on {day}", f"partners[{i}]", ())
                )  # fmt: skip
            for body in bodies:
                if not self._held(body, code, day):
                    found.setdefault(body.ods_code, (body, set()))[1].add(code)
                else:
                    self._also_succeeds(body, code, org.id, i)
        for body, covered in found.values():
            entry = next((n for n in self.new if n.body == body), None)
            if entry is not None:
                entry.areas |= covered
                for code in covered:
                    self._also_succeeds(body, code, org.id, i)
                continue
            entry = _NewPartner(body, day, i, self.org_index(org.id), covered,
                                areas is None and covered == set(codes), [org.id])  # fmt: skip
            self.new.append(entry)
            end = health_body_last_day(body.ods_code)
            if end is not None and end < self.as_of:  # succeeded again since: follow the chain
                entry.end = end
                entry.org_id = self._org_id(entry)
                chained = Organisation(id=entry.org_id, name=body.name, kind=body.kind,
                                       ods_code=body.ods_code)  # fmt: skip
                self._succeed(i, chained, None if entry.whole else tuple(sorted(entry.areas)), end)

    def _also_succeeds(self, body: HealthBody, code: str, org_id: str, i: int) -> None:
        """Record ``org_id`` (of partner entry ``i``) as a predecessor of a successor already
        being added, which then follows both."""
        for entry in self.new:
            if entry.body == body and code in entry.areas and org_id not in entry.predecessors:
                entry.predecessors.append(org_id)
                entry.anchor = max(entry.anchor, i)
                org_at = self.org_index(org_id)
                if org_at is not None:
                    entry.org_anchor = max(entry.org_anchor or 0, org_at)

    def _held(self, body: HealthBody, code: str, day: dt.date) -> bool:
        for i, p in enumerate(self.partners):
            org = self.orgs.get(p.organisation)
            if not p.role.is_health or org is None or not p.in_force(day):
                continue
            if i in self.ended and self.ended[i] < day:
                continue
            if p.areas is not None and code not in p.areas:
                continue
            if org.ons_code == body.ons_code or (org.ods_code and org.ods_code == body.ods_code):
                return True
        return any(
            n.body == body
            and code in n.areas
            and n.start <= day
            and (n.end is None or day <= n.end)
            for n in self.new
        )

    # --- writing the successors ------------------------------------------------------------

    def _org_id(self, entry: _NewPartner) -> str:
        if entry.org_id:
            return entry.org_id
        for org in self.arr.organisations:
            if isinstance(entry.body, LocalAuthority) and org.ons_code == entry.body.code:
                return org.id
            if isinstance(entry.body, HealthBody) and entry.body.ods_code in (
                org.ods_code,
                org.ons_code and self._ods_of(org.ons_code),
            ):
                return org.id
        ident = unique_id(body_id(entry.body), self.taken)
        self.taken.add(ident)
        entry.org_id = ident
        self._declare(entry)
        return ident

    @staticmethod
    def _ods_of(ons: str) -> str | None:
        body = health_body(ons)
        return body.ods_code if body is not None else None

    def _declare(self, entry: _NewPartner) -> None:
        body = entry.body
        item: dict[str, Any] = {"id": entry.org_id, "name": organisation_name(body)}
        if isinstance(body, LocalAuthority):
            item |= {"kind": "local_authority", "ons_code": body.code}
        else:
            item |= {"kind": body.kind, "ons_code": body.ons_code, "ods_code": body.ods_code}
        item["valid_from"] = entry.start
        if entry.end is not None:
            item["valid_to"] = entry.end
        item["predecessors"] = _edit.flow_list(entry.predecessors)
        anchor = entry.org_anchor if entry.org_anchor is not None else len(self.orgs) - 1
        self.edits.insert(self.at("organisations"), anchor, item)
        codes = item["ons_code"] + (f", ODS {item['ods_code']}" if "ods_code" in item else "")
        self.changes.append(f"added organisation {entry.org_id}: {item['name']} ({codes})")

    def successors(self) -> None:
        for entry in self.new:
            org_id = self._org_id(entry)
            role = "local_authority" if isinstance(entry.body, LocalAuthority) else entry.body.kind
            item: dict[str, Any] = {"role": role, "organisation": org_id}
            if not entry.whole:
                item["areas"] = _edit.flow_list(sorted(entry.areas))
            item["valid_from"] = entry.start
            if entry.end is not None:
                item["valid_to"] = entry.end
            self.edits.insert(self.at("partners"), entry.anchor, item)
            until = f" to {entry.end}" if entry.end is not None else ""
            self.changes.append(
                f"added partner {org_id} ({role.replace('_', ' ')}) from {entry.start}{until}, "
                f"succeeding {', '.join(entry.predecessors)}"
            )


def _match(org: Organisation, areas: tuple[str, ...], day: dt.date) -> Match | None:
    """The body ``org`` names, area by area; an area abolished by ``day`` (a county before
    its unitary) is matched on its own last day."""
    if org.name is None:
        return None  # a body known to exist, its name not recorded: nothing to match
    known = local_authorities()
    exact: dict[str, Candidate] = {}
    close: dict[str, Candidate] = {}
    for code in areas:
        la = known.get(code)
        on = min(day, la.valid_to) if la is not None and la.valid_to is not None else day
        match = match_body(org.name, org.kind.value, [code], on)
        if match is not None:
            found = exact if match.exact else close
            found.update((c.ons_code, c) for c in match.candidates)
    if exact:
        return Match(org.name, tuple(exact.values()))
    return Match(org.name, tuple(close.values()), exact=False) if close else None


def _name_ambiguity(org: Organisation, k: int, match: Match, day: dt.date) -> Ambiguity:
    kind = org.kind.value.replace("_", " ")
    if match.exact:
        subject = f"{org.name!r} is the name of more than one {kind} on {day}; no code added"
    else:
        subject = f"{org.name!r} is not the name of any {kind} for the area on {day}; no code added"
    return Ambiguity(
        subject,
        f"organisations[{k}]",
        tuple(f"{c.name} ({c.code})" for c in match.candidates),
    )


def _plan(text: str, name: str, as_of: dt.date, limits: Limits) -> list[_Planner]:
    parsed = parse_text(name, text, "yaml", limits)
    planners = []
    for loaded in load_data(parsed, resolve_references=False):
        planner = _Planner(loaded.arrangement, loaded.prefix, as_of)
        planner.codes_by_name()
        planner.councils()
        planner.health()
        planner.successors()
        planners.append(planner)
    return planners


def fix_file(
    path: Path, as_of: dt.date, *, write: bool = True, limits: Limits | None = None
) -> FixResult:
    """Fix one YAML file as of a day; with ``write=False`` only say what would change.

    :raises ArrangementsFileError: if the file cannot be read or loaded.
    """
    limits = limits or Limits.from_env()
    if format_of(path) != "yaml":
        return FixResult(path, refused="only YAML files can be fixed")
    raw = path.read_bytes()
    text = read_text(path, limits)
    planners = _plan(text, str(path), as_of, limits)
    changes = tuple(c for p in planners for c in p.changes)
    ambiguous = tuple(a for p in planners for a in p.ambiguous)
    names = tuple(a for p in planners for a in p.names)
    result = FixResult(path, changes, ambiguous, names, original=text, fixed=text)
    if not changes and not ambiguous:
        return result
    if ambiguous:
        return attrs.evolve(result, refused="a successor is ambiguous: nothing written")
    original = raw.decode("utf-8", errors="replace")
    document = _edit.Document.load(original)
    if document is None:
        return attrs.evolve(
            result,
            refused="the file does not survive a YAML round trip byte for byte, so it is left "
            "as it is: make the changes by hand (or reformat the file once)",
        )
    for planner in planners:
        planner.edits.apply(document.data)
    fixed = document.dump()
    result = attrs.evolve(result, fixed=fixed)
    if not write:
        return result
    from safeguarding_partnership.io.write import atomic_write, cannot_write

    with cannot_write(path):
        atomic_write(path, fixed.encode("utf-8"))
    return attrs.evolve(result, written=True)


def fix_path(
    path: Path, as_of: dt.date, *, write: bool = True, limits: Limits | None = None
) -> list[FixResult]:
    """Fix a file, or every YAML file in a folder; a file that cannot be loaded is skipped
    (``check`` then reports why)."""
    files = arrangement_files(path) if path.is_dir() else [path]
    results = []
    for file in files:
        try:
            results.append(fix_file(file, as_of, write=write, limits=limits))
        except ArrangementsFileError as exc:
            results.append(FixResult(file, refused=f"cannot be loaded: {exc.problems[0]}"))
    return results


def _lines(result: FixResult) -> Iterator[str]:
    done = "fixed" if result.written else "would fix"
    if result.changes and (result.written or result.refused is None):
        yield f"{done} {result.path}:"
        yield from (f"  {change}" for change in result.changes)
    for ambiguity in result.ambiguous:
        yield f"{result.path}: {ambiguity}"
    for ambiguity in result.names:
        yield f"{result.path}: {ambiguity}"
    if result.refused is not None and (result.changes or result.ambiguous):
        yield f"{result.path}: not fixed: {result.refused}"
        yield from (f"  would: {change}" for change in result.changes)
    elif result.refused is not None and format_of(result.path) != "yaml":
        yield f"{result.path}: not fixed: {result.refused}"


def fix_report(results: list[FixResult]) -> str:
    """What fixing did, one line per change, ambiguity or refusal (empty if nothing)."""
    lines = [line for result in results for line in _lines(result)]
    return "\n".join(lines) + "\n" if lines else ""
