"""Helpers for the report tests: fixed day, fixed findings, rendering the examples."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest

from safeguarding_partnership.findings import Citation
from safeguarding_partnership.io.load import load_path
from safeguarding_partnership.law import Regime, Strength
from safeguarding_partnership.model import Arrangement
from safeguarding_partnership.reports.formats import core_formats
from safeguarding_partnership.reports.render import render_formats
from safeguarding_partnership.rules.rule import Issue, Rule, RuleContext, rule

AS_OF = dt.date(2026, 11, 25)
EXAMPLES = Path(__file__).resolve().parents[2] / "examples" / "havering"
HAVERING = EXAMPLES / "havering.yaml"
BHR = EXAMPLES / "bhr.yaml"
THIN = Path(__file__).resolve().parents[1] / "fixtures" / "thin.yaml"
"""A thin but lawful file: the three safeguarding partners for one area, little else."""


def _fixed_rules() -> tuple[Rule, ...]:
    """Two rules with stable findings, so snapshots do not move when the catalogue grows."""

    @rule(
        "REPORT-001",
        "A yearly report is published",
        strength=Strength.MUST,
        regimes=[Regime.STATUTE],
        citations=[Citation("Children Act 2004 s.16G(7)")],
        provider="core",
    )
    def report(ctx: RuleContext) -> Iterator[Issue]:
        yield Issue("no yearly report is recorded", ("yearly_reports",))

    @rule(
        "PUB-005",
        "The geography is set out",
        strength=Strength.SHOULD,
        regimes=[Regime.STATUTE],
        citations=["Working Together 2018 ch.3"],
    )
    def geography(ctx: RuleContext) -> Iterator[Issue]:
        yield Issue("the published arrangements do not set out the geography", ("contents",))

    return (report, geography)


FIXED_RULES = _fixed_rules()


def load(path: Path) -> Arrangement:
    return load_path(path)[0].arrangement


def render_example(
    path: Path, names: tuple[str, ...] | None = None, related: tuple[Path, ...] = ()
) -> dict[str, bytes]:
    """Check an example with the fixed rules as of :data:`AS_OF` and render core formats."""
    from safeguarding_partnership.pipeline import check_path

    run = check_path(path, as_of=AS_OF, rules=FIXED_RULES)
    assert not run.load_errors, run.load_errors
    (result,) = run.results
    formats = [f for f in core_formats() if names is None or f.name in names]
    return render_formats(
        result.arrangement,
        formats,
        as_of=AS_OF,
        findings=result.findings,
        related=[load(p) for p in related],
    )


def needs_dot() -> pytest.MarkDecorator:
    import shutil

    return pytest.mark.skipif(shutil.which("dot") is None, reason="Graphviz dot not installed")


def readable(name: str, data: bytes) -> bytes:
    """What a reader sees in an output file: a Word document's text and properties, as UTF-8;
    any other file as it is."""
    if not name.endswith(".docx"):
        return data
    import io

    from docx import Document

    document = Document(io.BytesIO(data))
    props = document.core_properties
    text = [p.text for p in document.paragraphs]
    text += [props.title or "", props.subject or "", props.author or "", props.comments or ""]
    return "\n".join(text).encode("utf-8")
