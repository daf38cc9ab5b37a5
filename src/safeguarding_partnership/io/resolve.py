"""Resolving references inside one arrangement: every id declared once, every reference found."""

from __future__ import annotations

from collections.abc import Collection, Iterator

from safeguarding_partnership.errors import Problem, did_you_mean
from safeguarding_partnership.io.locations import Locates, PathPart, format_path
from safeguarding_partnership.model import Arrangement, Post

__all__ = ["resolve"]

Path = tuple[PathPart, ...]


def _posts(arr: Arrangement) -> Iterator[tuple[Path, Post]]:
    for i, partner in enumerate(arr.partners or ()):
        if partner.lead is not None:
            yield ("partners", i, "lead"), partner.lead
        for j, post in enumerate(partner.delegates or ()):
            yield ("partners", i, "delegates", j), post
    for i, group in enumerate(arr.groups or ()):
        if group.chair is not None:
            yield ("groups", i, "chair"), group.chair
        for j, member in enumerate(group.members or ()):
            if member.post is not None:
                yield ("groups", i, "members", j, "post"), member.post
    if arr.chair is not None:
        for j, post in enumerate(arr.chair.posts or ()):
            yield ("chair", "posts", j), post
    if arr.independent_scrutiny is not None and arr.independent_scrutiny.scrutineer is not None:
        yield ("independent_scrutiny", "scrutineer"), arr.independent_scrutiny.scrutineer
    for i, other in enumerate(arr.other_members or ()):
        if other.post is not None:
            yield ("other_members", i, "post"), other.post


def _external(ref: str) -> bool:
    return ":" in ref


def resolve(
    arr: Arrangement,
    locator: Locates,
    *,
    categories: Collection[str] | None = None,
) -> list[Problem]:
    """Every duplicate id and dangling reference in ``arr``, located.

    ``categories`` are the relevant-agency categories known (the Schedule plus plugin labels);
    ``None`` skips that check.
    """
    problems: list[Problem] = []

    def problem(path: Path, message: str) -> None:
        problems.append(Problem(locator.locate(path), format_path(path), message))

    def declare(kind: str, items: list[tuple[Path, str]]) -> set[str]:
        seen: dict[str, Path] = {}
        for path, ident in items:
            if ident in seen:
                first = locator.locate(seen[ident])
                where = f" (first declared at line {first.line})" if first.line else ""
                problem(path, f"duplicate {kind} id {ident!r}{where}")
            else:
                seen[ident] = path
        return set(seen)

    orgs = declare(
        "organisation",
        [(("organisations", i, "id"), o.id) for i, o in enumerate(arr.organisations)],
    )
    groups = declare("group", [(("groups", i, "id"), g.id) for i, g in enumerate(arr.groups or ())])
    declare("post", [((*p, "id"), post.id) for p, post in _posts(arr) if post.id])
    declare(
        "relevant agency",
        [(("relevant_agencies", i), a.key) for i, a in enumerate(arr.relevant_agencies or ())],
    )
    declare("area", [(("areas", i, "code"), a.code) for i, a in enumerate(arr.areas)])
    notifications = declare(
        "notification",
        [
            (("notifications", i, "reference"), n.reference)
            for i, n in enumerate(arr.notifications or ())
        ],
    )
    rapid = declare(
        "rapid review",
        [
            (("rapid_reviews", i, "reference"), r.reference)
            for i, r in enumerate(arr.rapid_reviews or ())
        ],
    )
    declare(
        "practice review",
        [
            (("practice_reviews", i, "reference"), r.reference)
            for i, r in enumerate(arr.practice_reviews or ())
        ],
    )
    areas = set(arr.area_codes)

    def ref(path: Path, value: str | None, known: set[str], kind: str) -> None:
        if value is None or _external(value) or value in known:
            return
        problem(path, f"unknown {kind} {value!r}{did_you_mean(value, known)}")

    def area(path: Path, code: str) -> None:
        if code not in areas:
            problem(path, f"area {code!r} is not one of this arrangement's areas")

    owners_known = orgs | {arr.id}
    for i, o in enumerate(arr.organisations):
        ref(("organisations", i, "part_of"), o.part_of, orgs, "organisation")
        for j, other in enumerate(o.predecessors or ()):
            ref(("organisations", i, "predecessors", j), other, orgs, "organisation")
        for j, other in enumerate(o.successors or ()):
            ref(("organisations", i, "successors", j), other, orgs, "organisation")
    for path, post in _posts(arr):
        ref((*path, "organisation"), post.organisation, orgs, "organisation")
    for i, p in enumerate(arr.partners or ()):
        ref(("partners", i, "organisation"), p.organisation, orgs, "organisation")
        ref(("partners", i, "represented_by"), p.represented_by, orgs, "organisation")
        for j, code in enumerate(p.areas or ()):
            area(("partners", i, "areas", j), code)
    for i, m in enumerate(arr.other_members or ()):
        ref(("other_members", i, "organisation"), m.organisation, orgs, "organisation")
    for i, a in enumerate(arr.relevant_agencies or ()):
        ref(("relevant_agencies", i, "organisation"), a.organisation, orgs, "organisation")
        if a.organisation is None and a.name is None:
            problem(("relevant_agencies", i), "a relevant agency needs an organisation or a name")
        for k, category in enumerate((a.category, *(a.also_categories or ()))):
            if categories is None or category in categories:
                continue
            hint = did_you_mean(category, categories)
            valid = ", ".join(sorted(categories))
            problem(
                ("relevant_agencies", i, "category")
                if k == 0
                else ("relevant_agencies", i, "also_categories", k - 1),
                f"unknown relevant agency category {category!r}{hint} (the categories are "
                f"the Schedule's and this file's plugins' labels: {valid}); a body outside "
                "the Schedule that takes part goes under participants",
            )
        for j, code in enumerate(a.areas or ()):
            area(("relevant_agencies", i, "areas", j), code)
    for i, participant in enumerate(arr.participants or ()):
        ref(("participants", i, "organisation"), participant.organisation, orgs, "organisation")
        if not (participant.organisation or participant.name or participant.description):
            problem(
                ("participants", i), "a participant needs an organisation, a name or a description"
            )
    for i, g in enumerate(arr.groups or ()):
        for j, target in enumerate(g.reports_to or ()):
            ref(("groups", i, "reports_to", j), target, groups, "group")
        for j, owner in enumerate(g.owners or ()):
            ref(("groups", i, "owners", j), owner, owners_known, "owner")
        for j, member in enumerate(g.members or ()):
            ref(
                ("groups", i, "members", j, "organisation"),
                member.organisation,
                orgs,
                "organisation",
            )
        for j, report in enumerate(g.progress_reports or ()):
            ref(("groups", i, "progress_reports", j, "to"), report.to, groups, "group")
    if arr.independent_scrutiny is not None:
        ref(
            ("independent_scrutiny", "organisation"),
            arr.independent_scrutiny.organisation,
            orgs,
            "organisation",
        )
    for i, s in enumerate(arr.sign_offs or ()):
        for j, who in enumerate(s.by or ()):
            ref(("sign_offs", i, "by", j), who, orgs, "organisation")
    for i, r in enumerate(arr.yearly_reports or ()):
        for j, who in enumerate(r.signed_off_by or ()):
            ref(("yearly_reports", i, "signed_off_by", j), who, orgs, "organisation")
    for i, rr in enumerate(arr.rapid_reviews or ()):
        ref(("rapid_reviews", i, "notification"), rr.notification, notifications, "notification")
    for i, pr in enumerate(arr.practice_reviews or ()):
        ref(("practice_reviews", i, "rapid_review"), pr.rapid_review, rapid, "rapid review")
    for i, f in enumerate(arr.funding or ()):
        ref(("funding", i, "contributor"), f.contributor, orgs, "organisation")
    if arr.child_death_review is not None:
        cdr = arr.child_death_review
        for j, who in enumerate(cdr.partners or ()):
            ref(("child_death_review", "partners", j), who, orgs, "organisation")
        ref(("child_death_review", "panel"), cdr.panel, groups, "group")
    for j, team in enumerate(arr.macpts or ()):
        ref(("macpts", j), team, groups, "group")
    return problems
