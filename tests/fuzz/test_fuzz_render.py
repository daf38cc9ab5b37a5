"""Fuzzing the whole ``render`` pipeline: load, plugins, check, every format, the writer.

Inputs are the examples in YAML, JSON and TOML, mutated as text, or with a few values
replaced (most of those still load, so the formats render odd and hostile values), and
random JSON. Every registered format runs: the core's five and the havering and bhr plugins'
(the examples name both plugins). The only exceptions that may escape are the library's own,
each with a message; through the command line, only the documented exit codes.

The CI budget is the ``ci`` profile's; ``HYPOTHESIS_PROFILE=fuzz`` runs 100,000 examples per
test (see docs/explanation/threat-model.md for the long run and its figures).
"""

from __future__ import annotations

import datetime as dt
import io
import json
import tempfile
from pathlib import Path
from typing import Any

import pytest
from docx import Document
from hypothesis import given
from hypothesis import strategies as st

from safeguarding_partnership.cli import main
from safeguarding_partnership.errors import ExitCode, SafeguardingPartnershipError
from safeguarding_partnership.pipeline import check_path
from safeguarding_partnership.plugins.manager import get_plugins
from safeguarding_partnership.reports.render import render_formats

from ._inputs import FUZZ, TEXT_SEEDS, as_syntax, json_values, mutated, near_valid

AS_OF = dt.date(2026, 11, 25)
SUFFIX = {"yaml": ".yaml", "json": ".json", "toml": ".toml"}
EXIT_CODES = {
    ExitCode.OK,
    ExitCode.FINDINGS,
    ExitCode.INPUT,
    ExitCode.INCOMPLETE,
    ExitCode.OUTPUT,
}

pytestmark = pytest.mark.fuzz


def _write(folder: Path, syntax: str, text: str) -> Path:
    path = folder / f"arrangements{SUFFIX[syntax]}"
    path.write_text(text, encoding="utf-8", errors="surrogatepass")
    return path


def _render(path: Path) -> dict[str, bytes]:
    """What ``render --format all`` does, without writing: every format of every arrangement."""
    try:
        run = check_path(path, as_of=AS_OF)
    except SafeguardingPartnershipError as exc:
        assert str(exc)
        return {}
    for error in run.load_errors:
        assert error.problems and all(p.message for p in error.problems)
        assert all(p.location.file == str(path) for p in error.problems)
    if run.load_errors or run.plugin_failures:
        return {}
    files: dict[str, bytes] = {}
    for result in run.results:
        arr = result.arrangement
        formats = get_plugins(arr.plugins).report_formats()
        assert {f.name for f in formats} >= {
            "arrangements",
            "calendar",
            "findings",
            "structure",
            "yearly-report",
        }
        try:
            rendered = render_formats(arr, formats, as_of=AS_OF, findings=result.findings)
        except SafeguardingPartnershipError as exc:
            assert str(exc)
            continue
        assert rendered, arr.id
        for name, data in rendered.items():
            assert isinstance(data, bytes), name
            if name.endswith(".docx"):  # a Word document: a zip that python-docx opens
                Document(io.BytesIO(data))
            elif not name.endswith(".svg"):
                data.decode("utf-8")  # every text format is valid UTF-8
        files.update({f"{arr.id}/{n}": d for n, d in rendered.items()})
    return files


def _fuzz(syntax: str, text: str) -> dict[str, bytes]:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        text = text.encode("utf-8", "replace").decode("utf-8")
    with tempfile.TemporaryDirectory() as folder:
        return _render(_write(Path(folder), syntax, text))


@FUZZ
@given(syntax=st.sampled_from(sorted(TEXT_SEEDS)), data=st.data())
def test_render_mutated_text(syntax: str, data: st.DataObject) -> None:
    _fuzz(syntax, data.draw(mutated(TEXT_SEEDS[syntax])))


@FUZZ
@given(syntax=st.sampled_from(sorted(TEXT_SEEDS)), value=near_valid())
def test_render_near_valid_data(syntax: str, value: Any) -> None:
    _fuzz(syntax, as_syntax(value, syntax))


@FUZZ
@given(value=json_values)
def test_render_random_json(value: Any) -> None:
    _fuzz("json", json.dumps(value))


@FUZZ
@given(syntax=st.sampled_from(sorted(TEXT_SEEDS)), data=st.data())
def test_render_command_exits_with_a_documented_code(syntax: str, data: st.DataObject) -> None:
    """The command itself, writing files: only documented exit codes, messages on stderr."""
    text = data.draw(mutated(TEXT_SEEDS[syntax]) | near_valid().map(lambda v: as_syntax(v, syntax)))
    with tempfile.TemporaryDirectory() as folder:
        path = _write(Path(folder), syntax, text.encode("utf-8", "replace").decode("utf-8"))
        out = Path(folder) / "out"
        with pytest.raises(SystemExit) as exit_info:
            main(
                ["render", str(path), "--format", "all", "--out", str(out), "--as-of", "2026-11-25"]
            )
        assert exit_info.value.code in EXIT_CODES
        if exit_info.value.code in (ExitCode.OK, ExitCode.FINDINGS):
            assert (out / ".safeguarding-partnership-manifest.json").is_file()
        else:
            assert not out.exists()


def test_seeds_render_in_every_syntax() -> None:
    """The seeds themselves render in all three syntaxes: mutations start from real files."""
    for syntax, seeds in TEXT_SEEDS.items():
        for seed in seeds:
            files = _fuzz(syntax, seed)
            assert any(n.endswith("/arrangements.html") for n in files), syntax
            assert any(n.endswith("/structure.mmd") for n in files), syntax
    (havering, _bhr) = TEXT_SEEDS["yaml"]
    assert "havering/havering-quarterly.md" in _fuzz("yaml", havering)  # a plugin format ran
