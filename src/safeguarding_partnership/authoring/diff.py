"""What changed between two versions of an arrangement: a semantic change log.

Records are matched by what identifies them (an organisation or group by id, a partner by
role and body, an area by code), so moving a list item or restyling the YAML is no change. An
id renamed while the record is otherwise the same is one change, and the references to it
follow. Names of people marked ``publish_name: false`` never appear in the change log, in any
format: a changed private name is reported as "not published".
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence
from typing import Any, Literal

import attrs
from pydantic import BaseModel

from safeguarding_partnership.authoring._show import WITHHELD, Shower, private_names, scrub
from safeguarding_partnership.model import (
    Arrangement,
    Group,
    Organisation,
    Post,
    RelevantAgency,
    SafeguardingPartner,
)

__all__ = ["SECTIONS", "WITHHELD", "Change", "ChangeKind", "compare", "private_names", "scrub"]

ChangeKind = Literal["added", "removed", "changed", "renamed"]

SECTIONS: Mapping[str, str] = {
    "partners": "Safeguarding partners",
    "leads": "Leads and delegates",
    "footprint": "Footprint",
    "organisations": "Organisations",
    "relevant_agencies": "Relevant agencies",
    "groups": "Groups and meetings",
    "scrutiny": "Chair and independent scrutiny",
    "publication": "Publication",
    "reports": "Reports and reviews",
    "plugins": "Plugins and rules",
    "other": "Other",
}
"""The sections of a change log, in order, with their headings."""


@attrs.frozen
class Change:
    """One change: its section, its kind, and a sentence saying what changed."""

    section: str
    kind: ChangeKind
    text: str
    path: str = ""
    """Where in the new file (or the old, for a removal), as ``partners[2].lead``."""

    def as_data(self) -> dict[str, str]:
        return {"section": self.section, "kind": self.kind, "text": self.text, "path": self.path}


# --- aligning renamed ids -------------------------------------------------------------------


def _mapped(data: Any, ids: Mapping[str, str]) -> Any:
    """Plain data with references to renamed ids replaced (``id`` keys themselves kept)."""
    if isinstance(data, dict):
        return {k: v if k == "id" else _mapped(v, ids) for k, v in data.items()}
    if isinstance(data, list):
        return [_mapped(v, ids) for v in data]
    if isinstance(data, str):
        return ids.get(data, data)
    return data


def _without_id(model: BaseModel, ids: Mapping[str, str]) -> Any:
    data = _mapped(model.model_dump(mode="json"), ids)
    data.pop("id", None)
    return data


def _renames(
    old: Sequence[Any], new: Sequence[Any], key: Callable[[Any], str | None], ids: Mapping[str, str]
) -> dict[str, str]:
    """Old id to new id for records equal but for their id (and references already renamed)."""
    new_keys = {key(n) for n in new}
    old_keys = {key(o) for o in old}
    gone = [o for o in old if key(o) is not None and key(o) not in new_keys]
    came = [n for n in new if key(n) is not None and key(n) not in old_keys]
    found: dict[str, str] = {}
    for o in gone:
        shape = _without_id(o, ids)
        match = [n for n in came if _without_id(n, ids) == shape]
        if len(match) == 1:  # two identical newcomers: no way to tell which, so no rename
            old_key, new_key = key(o), key(match[0])
            assert old_key is not None and new_key is not None
            found[old_key] = new_key
            came.remove(match[0])
    return found


def _align(old: Arrangement, new: Arrangement) -> tuple[Arrangement, list[Change]]:
    """``old`` with the ids ``new`` renamed (and references to them) changed to the new ids."""
    changes: list[Change] = []
    ids: dict[str, str] = {}
    kinds: tuple[tuple[str, str, Callable[[Arrangement], Sequence[Any]]], ...] = (
        ("organisations", "organisation", lambda a: a.organisations),
        ("groups", "group", lambda a: a.groups or ()),
        ("relevant_agencies", "relevant agency", lambda a: a.relevant_agencies or ()),
    )
    for section, label, items in kinds:
        found = _renames(items(old), items(new), lambda r: getattr(r, "id", None), ids)
        for before, after in sorted(found.items()):
            changes.append(
                Change(section, "renamed", f"{label} id {before} renamed to {after}", section)
            )
        ids.update(found)
    if not ids:
        return old, changes
    data = _mapped(old.model_dump(mode="json", exclude_unset=True), ids)
    for section, _, items in kinds:
        for record, was in zip(data.get(section) or (), items(old), strict=True):
            if isinstance(record, dict) and getattr(was, "id", None) in ids:
                record["id"] = ids[was.id]
    return Arrangement.model_validate(data), changes


# --- comparing ------------------------------------------------------------------------------


def _pair(
    old: Sequence[Any], new: Sequence[Any], key: Callable[[Any], Any]
) -> Iterator[tuple[int | None, Any, int | None, Any]]:
    """Old and new records paired by key (in order among equal keys): ``(i, old, j, new)``,
    with ``None`` for the side a record is missing from."""
    waiting: dict[Any, list[tuple[int, Any]]] = {}
    for j, item in enumerate(new):
        waiting.setdefault(key(item), []).append((j, item))
    for i, item in enumerate(old):
        queue = waiting.get(key(item))
        if queue:
            j, other = queue.pop(0)
            yield i, item, j, other
        else:
            yield i, item, None, None
    for queue in waiting.values():
        for j, item in queue:
            yield None, None, j, item


_DATES = {"valid_from": "start date", "valid_to": "end date"}


class _Comparer:
    def __init__(self, old: Arrangement, new: Arrangement, private: tuple[str, ...]) -> None:
        self.old, self.new = old, new
        self.show = Shower(private)
        self.changes: list[Change] = []

    def add(self, section: str, kind: ChangeKind, text: str, path: str = "") -> None:
        self.changes.append(Change(section, kind, text, path))

    def org(self, ref: str | None) -> str:
        if ref is None:
            return "not recorded"
        found = self.new.organisation(ref) or self.old.organisation(ref)
        return found.label if found is not None else ref

    def fields(
        self,
        section: str,
        subject: str,
        old: BaseModel | None,
        new: BaseModel | None,
        names: Sequence[str],
        path: str,
    ) -> None:
        """A sentence for each field that differs between two versions of one record."""
        for name in names:
            before = getattr(old, name) if old is not None else None
            after = getattr(new, name) if new is not None else None
            if before == after:
                continue
            label = _DATES.get(name, name.replace("_", " "))
            where = f"{path}.{name}" if path else name
            if isinstance(before, Post) and isinstance(after, Post) and before.title == after.title:
                self._post_name(section, f"{subject}: {label}", before, after, where)
            elif _long_text(before) or _long_text(after):
                self.add(section, "changed", f"{subject}: {label} changed", where)
            elif before is None and name in _DATES:
                verb = "starts" if name == "valid_from" else "ends"
                self.add(section, "added", f"{subject}: {verb} on {self.show(after)}", where)
            elif before is None:
                self.add(section, "added", f"{subject}: {label} set to {self.show(after)}", where)
            elif after is None:
                text = f"{subject}: {label} no longer recorded (was {self.show(before)})"
                self.add(section, "removed", text, where)
            else:
                text = f"{subject}: {label} changed from {self.show(before)} to {self.show(after)}"
                self.add(section, "changed", text, where)

    def _post_name(self, section: str, subject: str, before: Post, after: Post, path: str) -> None:
        shown_before, shown_after = self.show.post(before), self.show.post(after)
        if shown_before != shown_after:
            text = f"{subject} changed from {shown_before} to {shown_after}"
        elif before.name != after.name:
            what = (
                "recorded"
                if before.name is None
                else "removed"
                if after.name is None
                else "changed"
            )
            text = f"{subject} ({after.title}): the name {what} (not published)"
        else:
            text = f"{subject} ({after.title}) changed"
        self.add(section, "changed", text, path)

    # --- sections ---

    def partners(self) -> None:
        def key(p: SafeguardingPartner) -> tuple[str, str]:
            return (p.role.value, p.organisation)

        old, new = self.old.partners or (), self.new.partners or ()
        for i, before, j, after in _pair(old, new, key):
            record = after if after is not None else before
            assert isinstance(record, SafeguardingPartner)
            subject = f"{self.org(record.organisation)} ({self.show(record.role)})"
            if before is None:
                dates = _period(self.show, after)
                self.add("partners", "added", f"added safeguarding partner {subject}{dates}",
                         f"partners[{j}]")  # fmt: skip
                self.leads(subject, None, after, f"partners[{j}]")
            elif after is None:
                self.add("partners", "removed", f"removed safeguarding partner {subject}",
                         f"partners[{i}]")  # fmt: skip
            else:
                path = f"partners[{j}]"
                names = ("valid_from", "valid_to", "areas", "represented_by")
                self.fields("partners", subject, before, after, names, path)
                self.leads(subject, before, after, path)

    def leads(
        self,
        subject: str,
        before: SafeguardingPartner | None,
        after: SafeguardingPartner | None,
        path: str,
    ) -> None:
        self.fields("leads", subject, before, after, ("lead",), path)
        old = (before.delegates if before is not None else None) or ()
        new = (after.delegates if after is not None else None) or ()
        for i, was, j, now in _pair(old, new, lambda p: p.id or p.title):
            if was is None:
                text = f"{subject}: delegate added: {self.show.post(now)}"
                self.add("leads", "added", text, f"{path}.delegates[{j}]")
            elif now is None:
                text = f"{subject}: delegate removed: {self.show.post(was)}"
                self.add("leads", "removed", text, f"{path}.delegates[{i}]")
            elif was != now:
                if was.title != now.title:
                    text = (
                        f"{subject}: delegate changed from {self.show.post(was)} to "
                        f"{self.show.post(now)}"
                    )
                    self.add("leads", "changed", text, f"{path}.delegates[{j}]")
                else:
                    self._post_name("leads", f"{subject}: delegate", was, now,
                                    f"{path}.delegates[{j}]")  # fmt: skip

    def footprint(self) -> None:
        for i, before, j, after in _pair(self.old.areas, self.new.areas, lambda a: a.code):
            area = after if after is not None else before
            subject = f"area {area.code}" + (f" ({area.name})" if area.name else "")
            if before is None:
                self.add("footprint", "added", f"added {subject}{_period(self.show, after)}",
                         f"areas[{j}]")  # fmt: skip
            elif after is None:
                self.add("footprint", "removed", f"removed {subject}", f"areas[{i}]")
            else:
                self.fields("footprint", subject, before, after, ("valid_from", "valid_to"),
                            f"areas[{j}]")  # fmt: skip
        self.fields("footprint", "the arrangements", self.old, self.new, ("combined_area",), "")

    def organisations(self) -> None:
        names = ("name", "kind", "ons_code", "ods_code", "urn", "valid_from", "valid_to",
                 "part_of", "predecessors", "successors", "website")  # fmt: skip
        for i, before, j, after in _pair(
            self.old.organisations, self.new.organisations, lambda o: o.id
        ):
            if before is None:
                assert isinstance(after, Organisation)
                text = f"added organisation {after.name} ({self.show(after.kind)})"
                self.add("organisations", "added", text, f"organisations[{j}]")
            elif after is None:
                text = f"removed organisation {before.name} ({self.show(before.kind)})"
                self.add("organisations", "removed", text, f"organisations[{i}]")
            else:
                self.fields("organisations", f"organisation {before.name}", before, after, names,
                            f"organisations[{j}]")  # fmt: skip

    def agencies(self) -> None:
        def label(a: RelevantAgency) -> str:
            return self.org(a.organisation) if a.organisation else a.name or a.key

        names = ("category", "reason", "collaboration", "areas", "valid_from", "valid_to")
        old, new = self.old.relevant_agencies or (), self.new.relevant_agencies or ()
        for i, before, j, after in _pair(old, new, lambda a: a.key):
            if before is None:
                text = f"added relevant agency {label(after)} ({after.category})"
                self.add("relevant_agencies", "added", text, f"relevant_agencies[{j}]")
            elif after is None:
                text = f"removed relevant agency {label(before)} ({before.category})"
                self.add("relevant_agencies", "removed", text, f"relevant_agencies[{i}]")
            else:
                self.fields("relevant_agencies", f"relevant agency {label(after)}", before, after,
                            names, f"relevant_agencies[{j}]")  # fmt: skip

    def groups(self) -> None:
        names = ("name", "kind", "purpose", "chair", "cadence", "open_membership", "reports_to",
                 "owners", "footprint", "shared_with", "valid_from", "valid_to")  # fmt: skip
        old, new = self.old.groups or (), self.new.groups or ()
        for i, before, j, after in _pair(old, new, lambda g: g.id):
            if before is None:
                assert isinstance(after, Group)
                meets = f", meets {self.show(after.cadence)}" if after.cadence else ""
                text = f"added group {after.name} ({self.show(after.kind)}){meets}"
                self.add("groups", "added", text, f"groups[{j}]")
            elif after is None:
                self.add("groups", "removed", f"removed group {before.name}", f"groups[{i}]")
            else:
                path = f"groups[{j}]"
                self.fields("groups", f"group {after.name}", before, after, names, path)
                self.members(after.name, before, after, path)
                self.meetings(after.name, before, after, path)

    def members(self, name: str, before: Group, after: Group, path: str) -> None:
        def key(m: Any) -> tuple[str | None, str | None]:
            return (m.organisation, m.post.title if m.post is not None else None)

        def label(m: Any) -> str:
            parts = [self.show.post(m.post)] if m.post is not None else []
            if m.organisation is not None:
                parts.append(self.org(m.organisation))
            return ", ".join(parts)

        for i, was, j, now in _pair(before.members or (), after.members or (), key):
            if was is None:
                self.add("groups", "added", f"group {name}: member added: {label(now)}",
                         f"{path}.members[{j}]")  # fmt: skip
            elif now is None:
                self.add("groups", "removed", f"group {name}: member removed: {label(was)}",
                         f"{path}.members[{i}]")  # fmt: skip
            elif was != now:
                self.add("groups", "changed", f"group {name}: member {label(now)} changed",
                         f"{path}.members[{j}]")  # fmt: skip

    def meetings(self, name: str, before: Group, after: Group, path: str) -> None:
        old, new = set(before.meetings or ()), set(after.meetings or ())
        if new - old:
            days = ", ".join(d.isoformat() for d in sorted(new - old))
            self.add("groups", "added", f"group {name}: meetings recorded on {days}",
                     f"{path}.meetings")  # fmt: skip
        if old - new:
            days = ", ".join(d.isoformat() for d in sorted(old - new))
            self.add("groups", "removed", f"group {name}: meetings no longer recorded on {days}",
                     f"{path}.meetings")  # fmt: skip

    def scrutiny(self) -> None:
        old, new = self.old.independent_scrutiny, self.new.independent_scrutiny
        names = ("scrutineer", "organisation", "independent_of_partners", "model", "plan_url",
                 "chairs_partnership", "outputs")  # fmt: skip
        if (old is None) != (new is None):
            kind: ChangeKind = "added" if old is None else "removed"
            what = "recorded" if old is None else "no longer recorded"
            self.add("scrutiny", kind, f"independent scrutiny {what}", "independent_scrutiny")
        self.fields("scrutiny", "independent scrutiny", old, new, names, "independent_scrutiny")
        chair_old, chair_new = self.old.chair, self.new.chair
        self.fields("scrutiny", "partnership chair", chair_old, chair_new,
                    ("model", "posts", "rotation_months"), "chair")  # fmt: skip

    def publication(self) -> None:
        names = ("name", "guidance_edition", "valid_from", "valid_to", "first_published",
                 "published", "published_url", "scope", "also_covers", "priorities",
                 "purposes")  # fmt: skip
        self.fields("publication", "the arrangements", self.old, self.new, names, "")
        for part in ("contents", "documents"):
            old, new = getattr(self.old, part), getattr(self.new, part)
            self.fields("publication", part, old, new, _field_names(old, new), part)
        self.keyed("publication", "sign-off", "sign_offs", lambda s: (s.document, s.date),
                   lambda s: f"{s.document.replace('_', ' ')} on {self.show(s.date)}")  # fmt: skip
        self.keyed("publication", "link", "links", lambda x: (x.arrangement, x.relation),
                   lambda x: f"{x.relation} {x.arrangement}")  # fmt: skip

    def reports(self) -> None:
        self.keyed("reports", "yearly report", "yearly_reports",
                   lambda r: r.id or (r.period_start, r.period_end), _report)  # fmt: skip
        for field, label in (("notifications", "serious incident notification"),
                             ("rapid_reviews", "rapid review"),
                             ("practice_reviews", "practice review")):  # fmt: skip
            self.keyed("reports", label, field, lambda r: r.reference, lambda r: r.reference)
        old, new = self.old.child_death_review, self.new.child_death_review
        self.fields("reports", "child death review", old, new, _field_names(old, new),
                    "child_death_review")  # fmt: skip
        self.keyed("reports", "funding", "funding", lambda f: (f.year, f.contributor),
                   lambda f: f"{f.year} from {self.org(f.contributor)}")  # fmt: skip

    def keyed(
        self,
        section: str,
        label: str,
        field: str,
        key: Callable[[Any], Any],
        describe: Callable[[Any], str],
    ) -> None:
        old, new = getattr(self.old, field) or (), getattr(self.new, field) or ()
        for i, before, j, after in _pair(old, new, key):
            if before is None:
                self.add(section, "added", f"{label} added: {describe(after)}", f"{field}[{j}]")
            elif after is None:
                self.add(section, "removed", f"{label} removed: {describe(before)}",
                         f"{field}[{i}]")  # fmt: skip
            elif before != after:
                self.fields(section, f"{label} {describe(after)}", before, after,
                            tuple(type(after).model_fields), f"{field}[{j}]")  # fmt: skip

    def plugins(self) -> None:
        old, new = self.old.plugins, self.new.plugins
        for name in new:
            if name not in old:
                self.add("plugins", "added", f"plugin {name} added", "plugins")
        for name in old:
            if name not in new:
                self.add("plugins", "removed", f"plugin {name} removed", "plugins")
        settings_old, settings_new = self.old.settings or {}, self.new.settings or {}
        for name in sorted(set(settings_old) | set(settings_new)):
            if settings_old.get(name) != settings_new.get(name):
                self.add("plugins", "changed", f"settings of {name} changed", f"settings.{name}")
        if self.old.rules != self.new.rules:
            self.add("plugins", "changed", "rule selection or waivers changed", "rules")

    def other(self, handled: set[str]) -> None:
        for name in Arrangement.model_fields:
            if name in handled or getattr(self.old, name) == getattr(self.new, name):
                continue
            self.add("other", "changed", f"{name.replace('_', ' ')} changed", name)


_HANDLED = {
    "schema_version", "id", "partners", "areas", "combined_area", "organisations",
    "relevant_agencies", "groups", "independent_scrutiny", "chair", "name", "guidance_edition",
    "valid_from", "valid_to", "first_published", "published", "published_url", "scope",
    "also_covers", "priorities", "purposes", "contents", "documents", "sign_offs", "links",
    "yearly_reports", "notifications", "rapid_reviews", "practice_reviews",
    "child_death_review", "funding", "plugins", "settings", "rules",
}  # fmt: skip


def _report(report: Any) -> str:
    """A yearly report as "for 2024-04-01 to 2025-03-31, published 2025-09-30"."""
    parts = []
    if report.period_start is not None or report.period_end is not None:
        start, end = report.period_start, report.period_end
        parts.append(f"for {start or 'an unrecorded start'} to {end or 'an unrecorded end'}")
    if report.published is not None:
        parts.append(f"published {report.published}")
    return ", ".join(parts) or (report.id or "dates not recorded")


def _long_text(value: Any) -> bool:
    """Free text too long to quote in a change log (links are always quoted)."""
    return isinstance(value, str) and len(value) > 80 and not value.startswith(("http", "mailto"))


def _field_names(old: BaseModel | None, new: BaseModel | None) -> tuple[str, ...]:
    """The fields of a record present in either version (none if it is in neither)."""
    record = new if new is not None else old
    return tuple(type(record).model_fields) if record is not None else ()


def _period(show: Shower, record: Any) -> str:
    parts = []
    if getattr(record, "areas", None):
        parts.append(f" for {show(record.areas)}")
    if record.valid_from is not None:
        parts.append(f" from {record.valid_from}")
    if record.valid_to is not None:
        parts.append(f" to {record.valid_to}")
    return "".join(parts)


def compare(old: Arrangement, new: Arrangement) -> tuple[Change, ...]:
    """Every change from ``old`` to ``new``, by section, private names withheld."""
    private = private_names(old, new)
    aligned, renamed = _align(old, new)
    comparer = _Comparer(aligned, new, private)
    comparer.changes.extend(renamed)
    comparer.partners()
    comparer.footprint()
    comparer.organisations()
    comparer.agencies()
    comparer.groups()
    comparer.scrutiny()
    comparer.publication()
    comparer.reports()
    comparer.plugins()
    comparer.other(_HANDLED)
    order = {name: n for n, name in enumerate(SECTIONS)}
    found = [attrs.evolve(c, text=scrub(c.text, private)) for c in comparer.changes]
    return tuple(sorted(found, key=lambda c: order[c.section]))
