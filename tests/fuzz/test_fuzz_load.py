"""Fuzzing the loader and the check: random and mutated YAML, TOML, JSON and CSV input.

The only exceptions that may escape are the library's own, each with a message. The CI budget
is small; ``HYPOTHESIS_PROFILE=fuzz`` (see docs/explanation/threat-model.md) runs 100,000.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from safeguarding_partnership.errors import SafeguardingPartnershipError
from safeguarding_partnership.pipeline import check_path

from ._inputs import FUZZ, SEEDS, json_values, mutated


def _check(tmp_path: Path, name: str, data: str | bytes) -> None:
    path = tmp_path / name
    if isinstance(data, bytes):
        path.write_bytes(data)
    else:
        path.write_text(data, encoding="utf-8", errors="surrogatepass")
    try:
        run = check_path(path, as_of=dt.date(2024, 6, 1))
    except SafeguardingPartnershipError as exc:
        assert str(exc)
        return
    for error in run.load_errors:
        assert error.problems and all(p.message for p in error.problems)
        assert all(p.location.file == str(path) for p in error.problems)


@FUZZ
@given(text=mutated(SEEDS))
def test_mutated_yaml(tmp_path: Path, text: str) -> None:
    _check(tmp_path, "a.yaml", text)


@FUZZ
@given(data=st.binary(max_size=300))
def test_random_bytes(tmp_path: Path, data: bytes) -> None:
    _check(tmp_path, "a.yaml", data)


@FUZZ
@given(value=json_values)
def test_random_json(tmp_path: Path, value: object) -> None:
    _check(tmp_path, "a.json", json.dumps(value))


@FUZZ
@given(text=st.text(max_size=200))
def test_random_toml(tmp_path: Path, text: str) -> None:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return
    _check(tmp_path, "a.toml", 'id = "x"\n' + text)


@FUZZ
@given(rows=st.lists(st.lists(st.text(max_size=8), min_size=1, max_size=6), max_size=8))
def test_random_gias_csv(tmp_path: Path, rows: list[list[str]]) -> None:
    import csv
    import io

    from safeguarding_partnership.importers.gias import read_gias

    out = io.StringIO()
    writer = csv.writer(out)
    header = [
        "URN",
        "LA (code)",
        "EstablishmentName",
        "TypeOfEstablishment (name)",
        "EstablishmentStatus (name)",
        "CloseDate",
    ]
    writer.writerow(header[: max(1, len(rows[0]) if rows else 1)])
    writer.writerows(rows)
    path = tmp_path / "gias.csv"
    path.write_text(out.getvalue(), encoding="utf-8")
    try:
        list(read_gias(path))
    except SafeguardingPartnershipError as exc:
        assert str(exc)


def test_fuzz_seeds_are_valid(tmp_path: Path) -> None:
    """The seeds themselves load: mutations start from real files."""
    for i, seed in enumerate(SEEDS):
        path = tmp_path / f"seed{i}.yaml"
        path.write_text(seed)
        run = check_path(path, as_of=dt.date(2024, 6, 1))
        assert not run.load_errors


pytestmark = pytest.mark.fuzz
