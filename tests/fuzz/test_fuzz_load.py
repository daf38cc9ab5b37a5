"""Fuzzing the loader and the check: random and mutated YAML, TOML, JSON and CSV input.

The only exceptions that may escape are the library's own, each with a message. The CI budget
is small; ``HYPOTHESIS_PROFILE=fuzz`` (see docs/explanation/threat-model.md) runs 100,000.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from safeguarding_partnership.errors import SafeguardingPartnershipError
from safeguarding_partnership.pipeline import check_path

ROOT = Path(__file__).resolve().parents[2]
SEEDS = [
    (ROOT / "examples" / "havering" / "havering.yaml").read_text(encoding="utf-8"),
    (ROOT / "examples" / "havering" / "bhr.yaml").read_text(encoding="utf-8"),
]
KEYS = [
    "id",
    "name",
    "areas",
    "code",
    "groups",
    "reports_to",
    "partners",
    "role",
    "cadence",
    "organisation",
    "valid_from",
    "none",
    "kind",
    "settings",
    "plugins",
    "rules",
    "ignore",
]

FUZZ = settings(
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
    deadline=None,
)


@st.composite
def mutated(draw: st.DrawFn, seeds: list[str]) -> str:
    text = draw(st.sampled_from(seeds))
    for _ in range(draw(st.integers(1, 4))):
        op = draw(st.sampled_from(["delete", "insert", "duplicate", "swap", "replace"]))
        lines = text.splitlines(keepends=True)
        if not lines:
            break
        i = draw(st.integers(0, len(lines) - 1))
        j = draw(st.integers(0, len(lines) - 1))
        if op == "delete":
            start = draw(st.integers(0, max(0, len(text) - 1)))
            text = text[:start] + text[start + draw(st.integers(1, 40)) :]
        elif op == "insert":
            start = draw(st.integers(0, len(text)))
            junk = draw(
                st.one_of(
                    st.text(max_size=20),
                    st.sampled_from(
                        [
                            ": ",
                            "- ",
                            "&a ",
                            "*a",
                            "[",
                            "{",
                            "}",
                            "]",
                            "'",
                            '"',
                            "\t",
                            "\n  ",
                            "!!python/object:os.system ",
                            "~",
                            "2019-02-30",
                        ]
                    ),
                )
            )
            text = text[:start] + junk + text[start:]
        elif op == "duplicate":
            lines.insert(j, lines[i])
            text = "".join(lines)
        elif op == "swap":
            lines[i], lines[j] = lines[j], lines[i]
            text = "".join(lines)
        else:
            key = draw(st.sampled_from(KEYS))
            lines[i] = lines[i].replace(draw(st.sampled_from(KEYS)), key, 1)
            text = "".join(lines)
    return text


json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=False)
    | st.text(max_size=10)
    | st.sampled_from(["E09000016", "none", "quarterly", "2020-01-01", "local_authority"]),
    lambda children: (
        st.lists(children, max_size=4)
        | st.dictionaries(st.sampled_from(KEYS) | st.text(max_size=5), children, max_size=5)
    ),
    max_leaves=30,
)


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
