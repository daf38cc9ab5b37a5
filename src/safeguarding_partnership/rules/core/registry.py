"""Registry rules: cross-arrangement consistency checks over many arrangements at once.

These are not duties of one partnership. They check that a set of arrangements (a folder, a
registry file, all of England) fits together: every local authority area has arrangements
(CA2004 s.16E(1) places the duty on the partners *for each local authority area*), no area is
claimed twice except where areas combine or nest (s.16J), and a body is the same body in every
file. The rule catalogue (``statutory-rules.md``) has no REGISTRY entries; the codes are ours.
"""

from __future__ import annotations

from collections.abc import Iterator

from safeguarding_partnership.findings import Citation
from safeguarding_partnership.law import IMPLEMENTATION_DEADLINE, Regime, Strength
from safeguarding_partnership.model import Area, Arrangement
from safeguarding_partnership.reference.catalogue import address
from safeguarding_partnership.rules.rule import (
    Issue,
    RegistryContext,
    RegistryIssue,
    Rule,
    Scope,
    rule,
)

__all__ = ["RULES", "RegistryContext", "RegistryIssue"]


def _cited(text: str) -> Citation:
    """A provision of the Act, with the official address the catalogue gives for it."""
    return Citation(text, address(text))


def _claims(ctx: RegistryContext, *, sure: bool = False) -> dict[str, list[tuple[int, int]]]:
    """Area code -> (arrangement index, area index) of every claim that may be in force on
    the day (with ``sure``, that is for sure: a month-level date may leave it open)."""

    def holds(item: Arrangement | Area) -> bool:
        return item.in_force_on(ctx.as_of) is True if sure else item.in_force(ctx.as_of)

    claims: dict[str, list[tuple[int, int]]] = {}
    for i, arr in enumerate(ctx.arrangements):
        if not holds(arr) or arr.statutory is False:
            continue  # a board within an umbrella partnership makes no claim of its own
        for j, area in enumerate(arr.areas):
            if holds(area):
                claims.setdefault(area.code, []).append((i, j))
    return claims


@rule(
    "REGISTRY-001",
    "Every area of England has arrangements",
    strength=Strength.MUST,
    regimes=[Regime.STATUTE],
    citations=[_cited("CA2004 s.16E(1): the safeguarding partners for each local authority area")],
    valid_from=IMPLEMENTATION_DEADLINE,
    scope=Scope.REGISTRY,
    england_only=True,
)
def no_area_without_arrangements(ctx: RegistryContext) -> Iterator[RegistryIssue]:
    """Every upper-tier local authority area of England has arrangements on the day.

    Runs only with ``check --england``, over the packaged list of areas in force on the day.
    An area claimed twice is REGISTRY-002's finding, not this one's.
    """
    if ctx.england is None:
        return
    claims = _claims(ctx)
    for code, name in sorted(ctx.england.items()):
        if code not in claims:
            yield RegistryIssue(
                None,
                Issue(f"{name} ({code}) is covered by no arrangement on {ctx.as_of}"),
            )


def _nested(ctx: RegistryContext) -> set[frozenset[str]]:
    """Pairs of arrangement ids linked as umbrella and part, in force on the day."""
    pairs: set[frozenset[str]] = set()
    for arr in ctx.arrangements:
        for link in arr.links or ():
            if link.relation in ("umbrella", "part") and link.in_force(ctx.as_of):
                pairs.add(frozenset((arr.id, link.arrangement)))
    return pairs


@rule(
    "REGISTRY-002",
    "No area is claimed by two arrangements",
    strength=Strength.MUST,
    regimes=[Regime.STATUTE],
    citations=[
        _cited("CA2004 s.16E(1): arrangements for each local authority area"),
        _cited("CA2004 s.16J: areas combined by agreement"),
    ],
    valid_from=IMPLEMENTATION_DEADLINE,
    scope=Scope.REGISTRY,
)
def no_area_claimed_twice(ctx: RegistryContext) -> Iterator[RegistryIssue]:
    """No area is claimed by two arrangements in force on the same day.

    An arrangement linked to another as ``umbrella`` or ``part`` (a borough's partnership inside
    a tri-borough one) is not a double claim. Reported at each later claim.
    """
    partners: dict[str, set[str]] = {}  # each id with the ids it is nested with
    for pair in _nested(ctx):
        first, *rest = pair
        second = rest[0] if rest else first
        partners.setdefault(first, set()).add(second)
        partners.setdefault(second, set()).add(first)
    for code, claims in sorted(_claims(ctx, sure=True).items()):
        if len(claims) < 2:
            continue
        kept: list[str] = []  # the ids of the earlier claims, in order
        counts: dict[str, int] = {}
        for i, j in claims:
            arr = ctx.arrangements[i]
            nested_with = partners.get(arr.id, set())
            # linear in the claims: the clashing earlier claims are counted, not listed, and
            # at most _NAMED of them are named (a folder of 10,000 files claiming one area
            # gave messages whose total grew with the square of the files)
            clashes = len(kept) - sum(counts.get(other, 0) for other in nested_with)
            if clashes:
                named: list[str] = []
                for other in kept:
                    if other not in nested_with:
                        named.append(repr(other))
                        if len(named) == _NAMED:
                            break
                others = ", ".join(named)
                if clashes > len(named):
                    others += f" and {clashes - len(named):,} other arrangement(s)"
                yield RegistryIssue(
                    i,
                    Issue(
                        f"area {code} is also claimed by {others} on {ctx.as_of}, and neither "
                        "is linked to the other as umbrella or part",
                        ("areas", j, "code"),
                    ),
                )
            kept.append(arr.id)
            counts[arr.id] = counts.get(arr.id, 0) + 1


_NAMED = 3
"""How many earlier claimants a REGISTRY-002 message names; the rest are counted."""


def _norm(text: str) -> str:
    return " ".join(text.lower().split())


@rule(
    "REGISTRY-003",
    "A body is the same body in every arrangement",
    strength=Strength.SHOULD,
    regimes=[],
    citations=["cross-arrangement consistency check (no statutory duty)"],
    scope=Scope.REGISTRY,
)
def same_body_everywhere(ctx: RegistryContext) -> Iterator[RegistryIssue]:
    """An organisation is the same body wherever it appears.

    The same organisation id must not carry different ONS codes, ODS codes or names in
    different arrangements; the same ONS or ODS code must not be given to organisations of
    different kinds under different ids. Reported at each later, differing occurrence.
    """
    first_by_id: dict[str, tuple[int, object]] = {}
    first_by_code: dict[tuple[str, str], tuple[int, str, str]] = {}
    for i, arr in enumerate(ctx.arrangements):
        for k, org in enumerate(arr.organisations):
            seen = first_by_id.get(org.id)
            if seen is None:
                first_by_id[org.id] = (i, org)
            elif seen[0] != i:
                other = seen[1]
                first_arr = ctx.arrangements[seen[0]].id
                for field in ("ons_code", "ods_code", "name"):
                    mine, theirs = getattr(org, field), getattr(other, field)
                    if mine is None or theirs is None:
                        continue
                    differs = _norm(mine) != _norm(theirs) if field == "name" else mine != theirs
                    if differs:
                        yield RegistryIssue(
                            i,
                            Issue(
                                f"organisation {org.id!r} has {field} {mine!r} here but "
                                f"{theirs!r} in {first_arr!r}",
                                ("organisations", k, field),
                            ),
                        )
            for field in ("ons_code", "ods_code"):
                code = getattr(org, field)
                if code is None:
                    continue
                known = first_by_code.get((field, code))
                if known is None:
                    first_by_code[(field, code)] = (i, org.id, org.kind.value)
                elif known[1] != org.id and known[2] != org.kind.value:
                    first_arr = ctx.arrangements[known[0]].id
                    yield RegistryIssue(
                        i,
                        Issue(
                            f"{field} {code} is {org.id!r} ({org.kind.value}) here but "
                            f"{known[1]!r} ({known[2]}) in {first_arr!r}",
                            ("organisations", k, "kind"),
                        ),
                    )


RULES: tuple[Rule, ...] = (
    no_area_without_arrangements,
    no_area_claimed_twice,
    same_body_everywhere,
)
"""Every registry rule, sorted by code."""
