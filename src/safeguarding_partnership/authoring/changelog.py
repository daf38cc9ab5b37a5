"""A change log between two versions of an arrangements file, as text, Markdown or JSON.

The Markdown is ready to paste into the "what changed" section of republished arrangements:
one heading per kind of change, one bullet per change, and no name of a person marked
``publish_name: false`` (see :mod:`.diff`).
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence

import attrs

from safeguarding_partnership.authoring.diff import SECTIONS, Change, compare, private_names, scrub
from safeguarding_partnership.model import Arrangement

__all__ = ["FORMATS", "ArrangementChanges", "ChangeLog", "changelog", "render"]

FORMATS = ("text", "markdown", "json")
"""The formats a change log is written in."""


@attrs.frozen
class ArrangementChanges:
    """The changes to one arrangement (``old`` or ``new`` is ``None`` if it was added or
    removed)."""

    id: str
    name: str
    changes: tuple[Change, ...]
    status: str = "changed"
    """``changed``, ``added`` (only in the new version) or ``removed`` (only in the old)."""


@attrs.frozen
class ChangeLog:
    """The changes from one version of a file to another, arrangement by arrangement."""

    old_label: str
    new_label: str
    arrangements: tuple[ArrangementChanges, ...]

    @property
    def changed(self) -> bool:
        return any(a.changes or a.status != "changed" for a in self.arrangements)


def changelog(
    old: Sequence[Arrangement], new: Sequence[Arrangement], old_label: str, new_label: str
) -> ChangeLog:
    """Pair the arrangements of two versions by id (a lone pair by position) and compare."""
    pairs: list[tuple[Arrangement | None, Arrangement | None]]
    if len(old) == 1 and len(new) == 1:
        pairs = [(old[0], new[0])]
    else:
        before = {a.id: a for a in old}
        after = {a.id: a for a in new}
        pairs = [(before.get(i), after.get(i)) for i in dict.fromkeys([*before, *after])]
    found: list[ArrangementChanges] = []
    for was, now in pairs:
        if was is not None and now is not None:
            name = scrub(now.name, private_names(was, now))
            found.append(ArrangementChanges(now.id, name, compare(was, now)))
        elif now is not None:
            name = scrub(now.name, private_names(now))
            found.append(ArrangementChanges(now.id, name, (), status="added"))
        elif was is not None:
            name = scrub(was.name, private_names(was))
            found.append(ArrangementChanges(was.id, name, (), status="removed"))
    return ChangeLog(old_label, new_label, tuple(found))


def _sections(changes: Sequence[Change]) -> list[tuple[str, list[Change]]]:
    return [(title, [c for c in changes if c.section == key]) for key, title in SECTIONS.items()]


def _sentence(text: str) -> str:
    return text[:1].upper() + text[1:] + ("" if text.endswith(".") else ".")


def _text(log: ChangeLog) -> str:
    lines = [f"Changes from {log.old_label} to {log.new_label}"]
    for arrangement in log.arrangements:
        lines += ["", f"{arrangement.name} ({arrangement.id})"]
        if arrangement.status != "changed":
            lines.append(f"  {arrangement.status} in {log.new_label}")
        elif not arrangement.changes:
            lines.append("  no changes")
        for title, changes in _sections(arrangement.changes):
            if changes:
                lines.append(f"  {title}")
                lines += [f"    {c.kind:<8} {_sentence(c.text)}" for c in changes]
    return "\n".join(lines) + "\n"


_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]<>#|!])")


def _md(text: str) -> str:
    """Text with Markdown's special characters escaped, so a name cannot add markup."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", text)


def _markdown(log: ChangeLog) -> str:
    lines = [f"Changes from {_md(log.old_label)} to {_md(log.new_label)}."]
    several = len(log.arrangements) > 1
    for arrangement in log.arrangements:
        level = "###" if several else "##"
        if several:
            lines += ["", f"## {_md(arrangement.name)}"]
        if arrangement.status != "changed":
            lines += ["", f"{_md(arrangement.name)}: {arrangement.status}."]
            continue
        if not arrangement.changes:
            lines += ["", "No changes."]
        for title, changes in _sections(arrangement.changes):
            if changes:
                lines += ["", f"{level} {title}", ""]
                lines += [f"- {_md(_sentence(c.text))}" for c in changes]
    return "\n".join(lines) + "\n"


def _json(log: ChangeLog) -> str:
    data = {
        "from": log.old_label,
        "to": log.new_label,
        "arrangements": [
            {
                "id": a.id,
                "name": a.name,
                "status": a.status,
                "changes": [c.as_data() for c in a.changes],
            }
            for a in log.arrangements
        ],
    }
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def render(log: ChangeLog, fmt: str) -> str:
    """The change log as ``text``, ``markdown`` or ``json``."""
    writers = {"text": _text, "markdown": _markdown, "json": _json}
    if fmt not in writers:
        raise ValueError(f"unknown format {fmt!r}; use one of {', '.join(FORMATS)}")
    return writers[fmt](log)
