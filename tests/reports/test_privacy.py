"""Names marked ``publish_name: false`` never reach a public format, core or plugin."""

from __future__ import annotations

from functools import cache

from hypothesis import given, settings
from hypothesis import strategies as st

from safeguarding_partnership.findings import Finding, Severity
from safeguarding_partnership.model import (
    Arrangement,
    Chair,
    IndependentScrutiny,
    OtherMember,
    Post,
)
from safeguarding_partnership.plugins.manager import get_plugins
from safeguarding_partnership.reports.format import ReportFormat
from safeguarding_partnership.reports.privacy import WITHHELD, private_names, redact
from safeguarding_partnership.reports.render import render_formats

from ._support import AS_OF, FIXED_RULES, HAVERING, readable


@cache
def _base() -> Arrangement:
    from safeguarding_partnership.pipeline import check_path

    return check_path(HAVERING, as_of=AS_OF, rules=FIXED_RULES).results[0].arrangement


@cache
def _formats() -> tuple[ReportFormat, ...]:
    plugins = get_plugins(["havering", "bhr"])
    return plugins.report_formats()


def _with_names(private: str, public: str) -> Arrangement:
    arr = _base()
    secret = Post(title="Delegated safeguarding partner", name=private, publish_name=False)
    shown = Post(title="Independent scrutineer", name=public)
    partners = list(arr.partners or ())
    partners[0] = partners[0].model_copy(update={"lead": secret, "delegates": (secret,)})
    groups = list(arr.groups or ())
    groups[0] = groups[0].model_copy(update={"chair": secret})
    return arr.model_copy(
        update={
            "partners": tuple(partners),
            "groups": tuple(groups),
            "chair": Chair(posts=(secret,)),
            "independent_scrutiny": IndependentScrutiny(scrutineer=shown),
            "other_members": (OtherMember(title="Fourth partner", post=secret),),
        }
    )


names = st.text(alphabet="abcdefghijklmnopqrstuvwxyz", min_size=6, max_size=12).map(
    lambda s: "Qz" + s.capitalize()
)


@settings(max_examples=15, deadline=None)
@given(private=names, public=names)
def test_private_name_is_in_no_public_format(private: str, public: str) -> None:
    if private in public or public in private:
        return
    arr = _with_names(private, public)
    leak = Finding("LEAK-001", Severity.INFO, f"{private} chairs the group", path="groups[0]")
    formats = [f for f in _formats() if f.public]
    assert {"arrangements", "findings", "havering-quarterly", "bhr-summary"} <= {
        f.name for f in formats
    }
    files = render_formats(arr, formats, as_of=AS_OF, findings=[leak])
    assert "yearly-report.docx" in files  # a zip: its text is read, not its bytes
    for name, data in files.items():
        assert private.encode() not in readable(name, data), name
    page = files["arrangements.html"].decode()
    assert public in page  # names that may be published still are
    assert WITHHELD in files["findings.html"].decode()


def test_redact_leaves_the_original_and_can_remove_every_name() -> None:
    arr = _with_names("QzSecret", "QzShown")
    once = redact(arr)
    assert private_names(arr) == ("QzSecret",)
    assert "QzSecret" not in once.model_dump_json()
    assert "QzShown" in once.model_dump_json()
    assert "QzSecret" in arr.model_dump_json()  # the input is not changed
    every = redact(arr, all_names=True)
    assert "QzShown" not in every.model_dump_json()
    assert every.model_dump(
        exclude={"partners", "groups", "chair", "other_members", "independent_scrutiny"}
    ) == arr.model_dump(
        exclude={"partners", "groups", "chair", "other_members", "independent_scrutiny"}
    )


def test_redact_returns_the_same_object_when_nothing_is_private() -> None:
    arr = _base()
    assert redact(arr) is arr


def test_rendering_together_gives_what_rendering_each_gives() -> None:
    from safeguarding_partnership.io.load import load_path
    from safeguarding_partnership.reports.formats import core_formats
    from safeguarding_partnership.reports.render import render_together

    from ._support import BHR

    (havering,) = load_path(HAVERING)
    (bhr,) = load_path(BHR)
    arrangements = [havering.arrangement, bhr.arrangement]
    # a name kept private in one arrangement must stay out of the other's public formats too
    for redact_all in (False, True):
        together = render_together(
            [(a, core_formats(), ()) for a in arrangements], as_of=AS_OF, redact_all=redact_all
        )
        for a, files in zip(arrangements, together, strict=True):
            others = [b for b in arrangements if b is not a]
            alone = render_formats(
                a, core_formats(), as_of=AS_OF, related=others, redact_all=redact_all
            )
            assert files == alone
