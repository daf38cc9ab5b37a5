"""Finding a safeguarding partner body by the name an arrangements file gives it.

Files often name a body without its codes: "NEL ICB", "Kent Police", "London Borough of
Havering". A name is normalised (case, punctuation, ``&``, "NHS", "the", "Integrated Care
Board"/"ICB", "Clinical Commissioning Group"/"CCG", "Constabulary"/"Police", "Council",
"London Borough of" and the like) and compared with the reference data's names, the chief
officers' titles and the aliases in ``aliases.csv``, for the bodies of that kind covering the
given areas on the given day only. A name is never matched across areas or dates, and a name
that fits two bodies gives both as candidates and no code.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Mapping, Sequence
from functools import cache
from types import MappingProxyType

import attrs

from safeguarding_partnership.reference._files import read_csv
from safeguarding_partnership.reference.areas import LocalAuthority, local_authorities
from safeguarding_partnership.reference.bodies import HealthBody, PoliceForce
from safeguarding_partnership.reference.coverage import health_partners_for, police_forces_for

__all__ = [
    "KINDS",
    "Alias",
    "Candidate",
    "Match",
    "aliases",
    "candidates_for",
    "match_body",
    "normalise",
    "reordered",
]

KINDS = (
    "local_authority",
    "integrated_care_board",
    "clinical_commissioning_group",
    "chief_officer_of_police",
)
"""The kinds of organisation that are safeguarding partners, as the file names them."""

_PHRASES: Mapping[str, tuple[str, ...]] = {
    "local_authority": (
        "london borough of",
        "royal borough of",
        "metropolitan borough of",
        "borough of",
    ),
    "integrated_care_board": ("integrated care board",),
    "clinical_commissioning_group": ("clinical commissioning group",),
    "chief_officer_of_police": ("chief constable",),
}
_WORDS: Mapping[str, frozenset[str]] = {
    "local_authority": frozenset(
        {"council", "county", "borough", "city", "of", "corporation", "metropolitan", "royal",
         "district", "unitary", "authority"}
    ),
    "integrated_care_board": frozenset({"icb"}),
    "clinical_commissioning_group": frozenset({"ccg"}),
    "chief_officer_of_police": frozenset(
        {"police", "constabulary", "service", "force", "area", "of"}
    ),
}  # fmt: skip
_EVERY_KIND = frozenset({"the", "nhs"})


def reordered(name: str) -> str:
    """ONS's ``"Bristol, City of"`` as ``"City of Bristol"`` (other names unchanged)."""
    match = re.fullmatch(r"(.+), ((?:city|county) of)", name.strip(), flags=re.IGNORECASE)
    return f"{match.group(2)} {match.group(1)}" if match else name


def normalise(name: str, kind: str) -> str:
    """The comparable form of a body's name: lower case ASCII words, without punctuation,
    "NHS", "the" and the words that only say what kind of body it is."""
    text = unicodedata.normalize("NFKD", reordered(name)).encode("ascii", "ignore").decode()
    text = re.sub(r"['`]", "", text.lower().replace("&", " and "))
    text = f" {' '.join(re.findall(r'[a-z0-9]+', text))} "
    for phrase in _PHRASES.get(kind, ()):
        text = text.replace(f" {phrase} ", " ")
    drop = _EVERY_KIND | _WORDS.get(kind, frozenset())
    return " ".join(word for word in text.split() if word not in drop)


@attrs.frozen
class Alias:
    """Another name for a body, with where it was seen."""

    kind: str
    code: str
    """ONS code (councils, police) or ODS code (ICBs, CCGs)."""
    alias: str
    source: str


@cache
def aliases() -> tuple[Alias, ...]:
    """The packaged aliases (``aliases.csv``)."""
    return tuple(
        Alias(row["kind"], row["code"], row["alias"], row["source"])
        for row in read_csv("aliases.csv")
    )


@cache
def _alias_forms() -> Mapping[tuple[str, str], frozenset[str]]:
    forms: dict[tuple[str, str], set[str]] = {}
    for alias in aliases():
        forms.setdefault((alias.kind, alias.code), set()).add(normalise(alias.alias, alias.kind))
    return MappingProxyType({key: frozenset(value) for key, value in forms.items()})


@attrs.frozen
class Candidate:
    """A reference body a name may stand for."""

    kind: str
    name: str
    ons_code: str
    ods_code: str | None = None

    @property
    def code(self) -> str:
        """The code to show: ODS for health bodies, ONS for the others."""
        return self.ods_code or self.ons_code


@attrs.frozen
class Match:
    """The bodies a name was matched with.

    ``exact`` when the normalised name equals a name of each candidate; otherwise the
    candidates only resemble it (every word of one is in the other). A code is given only
    for one exact candidate.
    """

    name: str
    candidates: tuple[Candidate, ...]
    exact: bool = True

    @property
    def found(self) -> Candidate | None:
        """The one body the name stands for, or ``None``."""
        return self.candidates[0] if self.exact and len(self.candidates) == 1 else None

    @property
    def code(self) -> str | None:
        return self.found.code if self.found is not None else None

    @property
    def ons_code(self) -> str | None:
        return self.found.ons_code if self.found is not None else None

    @property
    def ods_code(self) -> str | None:
        return self.found.ods_code if self.found is not None else None


def _candidate(body: LocalAuthority | HealthBody | PoliceForce) -> Candidate:
    if isinstance(body, LocalAuthority):
        return Candidate("local_authority", body.name, body.code)
    if isinstance(body, HealthBody):
        return Candidate(body.kind, body.name, body.ons_code, body.ods_code)
    return Candidate("chief_officer_of_police", body.name, body.ons_code)


def candidates_for(
    kind: str, areas: Sequence[str], day: dt.date
) -> tuple[tuple[Candidate, frozenset[str]], ...]:
    """The bodies of a kind covering the areas on a day, each with its normalised names."""
    bodies: dict[str, LocalAuthority | HealthBody | PoliceForce] = {}
    titles: dict[str, str] = {}
    for code in areas:
        if kind == "local_authority":
            la = local_authorities().get(code)
            if la is not None and la.in_force(day):
                bodies[la.code] = la
        elif kind == "chief_officer_of_police":
            for force in police_forces_for(code, day):
                bodies[force.ons_code] = force
                titles[force.ons_code] = force.chief_officer_title
        elif kind in KINDS:
            for nhs in health_partners_for(code, day):
                if nhs.kind == kind:
                    bodies[nhs.ons_code] = nhs
    found = []
    for key, body in sorted(bodies.items()):
        candidate = _candidate(body)
        forms = {normalise(candidate.name, kind)}
        if key in titles and titles[key] != "Chief Constable":
            forms.add(normalise(titles[key], kind))  # the Met's and the City's name the force
        forms |= _alias_forms().get((kind, candidate.code), frozenset())
        found.append((candidate, frozenset(f for f in forms if f)))
    return tuple(found)


def match_body(name: str, kind: str, areas: Sequence[str], day: dt.date) -> Match | None:
    """The bodies of ``kind`` covering ``areas`` on ``day`` that ``name`` stands for.

    ``None`` when no body matches (or the kind is not a partner kind). A :class:`Match`
    with one exact candidate gives its codes; several, or only resembling ones, give
    candidates and no code.
    """
    wanted = normalise(name, kind)
    if kind not in KINDS or not wanted:
        return None
    known = candidates_for(kind, areas, day)
    exact = tuple(c for c, forms in known if wanted in forms)
    if exact:
        return Match(name, exact)
    words = set(wanted.split())
    close = tuple(
        c
        for c, forms in known
        if any(words <= set(f.split()) or set(f.split()) <= words for f in forms)
    )
    return Match(name, close, exact=False) if close else None
