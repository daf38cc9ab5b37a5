"""A name marked ``publish_name: false`` reaches no public format, core or plugin; ``--redact``
removes every name.

The property runs over every report format registered with the havering and bhr plugins
installed, with private and public names put in every post of the Havering example, and the
private names also written into free text elsewhere (a note, a title, a purpose).
"""

from __future__ import annotations

import datetime as dt
import types
import typing
from functools import cache
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pydantic import BaseModel

from safeguarding_partnership.cli import main
from safeguarding_partnership.findings import Finding, Severity
from safeguarding_partnership.model import (
    Arrangement,
    Chair,
    IndependentScrutiny,
    Membership,
    OtherMember,
    Post,
)
from safeguarding_partnership.pipeline import check_path
from safeguarding_partnership.plugins.manager import get_plugins
from safeguarding_partnership.reports.format import ReportFormat
from safeguarding_partnership.reports.render import render_formats

ROOT = Path(__file__).resolve().parents[2]
HAVERING = ROOT / "examples" / "havering" / "havering.yaml"
AS_OF = dt.date(2026, 11, 25)


@cache
def _base() -> Arrangement:
    """The Havering example as checked, with a post in every place the model has one."""
    run = check_path(HAVERING, as_of=AS_OF)
    (result,) = run.results
    arr = result.arrangement

    def post(title: str) -> Post:
        return Post(title=title, name="Placeholder")

    partners = tuple(
        p.model_copy(update={"lead": post("Lead"), "delegates": (post("Delegate"),)})
        for p in arr.partners or ()
    )
    groups = tuple(
        g.model_copy(
            update={
                "chair": post("Chair"),
                "members": (*(g.members or ()), Membership(post=post("Member"))),
            }
        )
        for g in arr.groups or ()
    )
    scrutiny = arr.independent_scrutiny or IndependentScrutiny()
    return arr.model_copy(
        update={
            "partners": partners,
            "groups": groups,
            "chair": (arr.chair or Chair()).model_copy(
                update={"posts": (post("Chair"), post("Co-chair"))}
            ),
            "independent_scrutiny": scrutiny.model_copy(update={"scrutineer": post("Scrutineer")}),
            "other_members": (
                *(arr.other_members or ()),
                OtherMember(title="Fourth partner", post=post("Head of education")),
            ),
        }
    )


@cache
def _formats() -> tuple[ReportFormat, ...]:
    return get_plugins(["havering", "bhr"]).report_formats()


def _is_text(annotation: Any) -> bool:
    if annotation is str:
        return True
    if typing.get_origin(annotation) in (typing.Union, types.UnionType):
        return set(typing.get_args(annotation)) == {str, type(None)}
    return False


def _rewrite(value: Any, post: Any, text: Any) -> Any:
    """A copy with every post passed through ``post`` and every free text field through
    ``text`` (fields with constraints, such as ids and URLs, are left alone)."""
    if isinstance(value, Post):
        value = post(value)
    if isinstance(value, BaseModel):
        changes: dict[str, Any] = {}
        for name, info in type(value).model_fields.items():
            current = getattr(value, name)
            if isinstance(value, Post) and name == "name":
                continue
            if _is_text(info.annotation) and not info.metadata and isinstance(current, str):
                changes[name] = text(current)
            elif current is not None:
                changes[name] = _rewrite(current, post, text)
        return value.model_copy(update=changes)
    if isinstance(value, tuple):
        return tuple(_rewrite(item, post, text) for item in value)
    return value


def _count_posts(value: Any) -> int:
    count = 0

    def post(p: Post) -> Post:
        nonlocal count
        count += 1
        return p

    _rewrite(value, post, lambda t: t)
    return count


names = st.text(alphabet="bcdfghjklmnpqrstvwxz", min_size=7, max_size=10).map(
    lambda s: "Qy" + s.capitalize() + " O'" + s[::-1].capitalize()
)


@settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    private=st.lists(names, min_size=1, max_size=3, unique=True),
    public=names,
    choices=st.lists(st.booleans(), min_size=40, max_size=40),
    leaks=st.lists(st.booleans(), min_size=200, max_size=200),
    redact_all=st.booleans(),
)
def test_no_private_name_in_any_public_format(
    private: list[str], public: str, choices: list[bool], leaks: list[bool], redact_all: bool
) -> None:
    if any(public in p or p in public for p in private):
        return
    base = _base()
    assert _count_posts(base) >= 12
    posts = iter(range(10_000))
    texts = iter(range(10_000))

    def post(p: Post) -> Post:
        i = next(posts)
        if choices[i % len(choices)]:
            return p.model_copy(update={"name": private[i % len(private)], "publish_name": False})
        return p.model_copy(update={"name": public, "publish_name": True})

    def text(t: str) -> str:
        i = next(texts)
        return f"{t} (ask {private[i % len(private)]})" if leaks[i % len(leaks)] else t

    arr = _rewrite(base, post, text)
    hidden = {p.name for p in _all_posts(arr) if p.name and not p.publish_name}
    if not hidden:
        return
    finding = Finding("LEAK-001", Severity.INFO, f"{sorted(hidden)[0]} chairs it", path="groups")
    formats = _formats()
    assert {f.provider for f in formats} >= {"core", "havering", "bhr"}
    files = render_formats(
        arr, formats, as_of=AS_OF, findings=[finding], related=[arr], redact_all=redact_all
    )
    public_files = {n for f in formats if f.public for n in render_formats(arr, [f], as_of=AS_OF)}
    assert public_files, "no public format"
    for name in public_files:
        data = files[name]
        for secret in hidden:
            for form in _encodings(secret):
                assert form not in data, (name, secret)
        if redact_all:
            for form in _encodings(public):
                assert form not in data, (name, public)


def _all_posts(value: Any) -> list[Post]:
    found: list[Post] = []

    def post(p: Post) -> Post:
        found.append(p)
        return p

    _rewrite(value, post, lambda t: t)
    return found


def _encodings(name: str) -> set[bytes]:
    """The forms a name could take in the outputs: plain, HTML-escaped, Markdown-escaped,
    and its surname alone (the part after the space)."""
    import html

    forms = {name, html.escape(name), html.escape(name, quote=False), name.replace("'", "\\'")}
    forms.add(name.split(" ")[0])
    return {f.encode() for f in forms}


def test_cli_render_all_formats_keeps_private_names_out(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import io

    from ruamel.yaml import YAML

    yaml = YAML()
    data = yaml.load(HAVERING.read_text(encoding="utf-8"))
    data["independent_scrutiny"]["scrutineer"] = {
        "title": "Independent scrutineer",
        "name": "Qyzzpublic Shown",
    }
    data["other_members"] = [
        {
            "title": "Fourth partner",
            "post": {"title": "Head", "name": "Qyzzsecret Hidden", "publish_name": False},
        }
    ]
    data["groups"][0]["name"] = "Partnership meeting (Qyzzsecret Hidden chairs)"
    stream = io.StringIO()
    yaml.dump(data, stream)
    source = tmp_path / "havering.yaml"
    source.write_text(stream.getvalue(), encoding="utf-8")
    out = tmp_path / "out"
    with pytest.raises(SystemExit) as exit_info:
        main(["render", str(source), "--format", "all", "--out", str(out), "--as-of", "2026-11-25"])
    capsys.readouterr()
    assert exit_info.value.code == 0
    written = {p.name: p.read_bytes() for p in out.iterdir()}
    assert "havering-quarterly.md" in written and "bhr-summary.md" in written
    assert all(b"Qyzzsecret" not in data for data in written.values())
    assert any(b"Qyzzpublic Shown" in data for data in written.values())
    # --redact: every name goes, the published one too
    redacted = tmp_path / "redacted"
    with pytest.raises(SystemExit) as exit_info:
        main(
            [
                "render",
                str(source),
                "--format",
                "all",
                "--redact",
                "--out",
                str(redacted),
                "--as-of",
                "2026-11-25",
            ]
        )
    capsys.readouterr()
    assert exit_info.value.code == 0
    for path in redacted.iterdir():
        data = path.read_bytes()
        assert b"Qyzzsecret" not in data and b"Qyzzpublic" not in data, path.name
