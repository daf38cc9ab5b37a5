"""``check`` behaves like the linters users already run: comma lists, ``--exit-zero``,
``--fail-on``, ``--statistics``, ``-`` for standard input, ``--format text``, several PATHs,
and the ``github`` and ``gitlab`` formats."""

from __future__ import annotations

import io
import json
import sys
from pathlib import Path

import jsonschema
import pytest

from safeguarding_partnership.cli import main

DATA = Path(__file__).resolve().parent / "data"

FILE = """\
schema_version: 1
id: tst
name: Test Partnership
areas:
  - {code: E09000016, name: Havering}
"""

# A local plugin whose rules find an error (with characters workflow commands must escape),
# a warning and an info, each at a known place.
PLUGIN = """\
from safeguarding_partnership.plugins import Issue, Regime, Severity, Strength, hookimpl, rule


@rule("LOC-001", "An error", strength=Strength.MUST, regimes=[Regime.STATUTE],
      citations=["CA2004 s.16E(1)"])
def _error(ctx):
    yield Issue("50% of partners, named: none\\nsecond line", ("name",))


@rule("LOC-002", "A warning", strength=Strength.SHOULD, regimes=[Regime.STATUTE],
      citations=["WT2023 ch.2"])
def _warning(ctx):
    yield Issue("the area could be named better", ("areas", 0, "name"))


@rule("LOC-003", "A note", strength=Strength.MAY, regimes=[Regime.STATUTE], citations=[])
def _info(ctx):
    yield Issue("not recorded: the groups", (), Severity.INFO)
    yield Issue("not recorded: the chair", (), Severity.INFO)


@hookimpl
def register_rules():
    return [_error, _warning, _info]
"""


@pytest.fixture
def here(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A folder with the file and the plugin, as the working folder (relative names)."""
    (tmp_path / "arrangements.yaml").write_text(FILE, encoding="utf-8")
    (tmp_path / "loc.py").write_text(PLUGIN, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    with pytest.raises(SystemExit) as info:
        main(["check", *args])
    captured = capsys.readouterr()
    return int(info.value.code or 0), captured.out, captured.err


LOCAL = ("--plugin", "loc.py", "--as-of", "2025-01-01")


def codes(out: str) -> list[str]:
    return sorted(f["rule"] for a in json.loads(out)["arrangements"] for f in a["findings"])


# -- selection ----------------------------------------------------------------------------


def test_select_takes_a_comma_list(here: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(
        capsys, "arrangements.yaml", *LOCAL, "--select", "LOC-002,LOC-003", "--format", "json"
    )
    assert code == 0
    assert codes(out) == ["LOC-002", "LOC-003", "LOC-003"]
    _, again, _ = run(
        capsys,
        "arrangements.yaml",
        *LOCAL,
        "--select",
        "LOC-002",
        "--select",
        "LOC-003",
        "--format",
        "json",
    )
    assert codes(again) == codes(out)


def test_ignore_takes_a_comma_list_with_a_reason_each(here: Path, capsys) -> None:
    code, out, _ = run(
        capsys,
        "arrangements.yaml",
        *LOCAL,
        "--select",
        "LOC-",
        "--ignore",
        "LOC-001=named in the minutes, see p. 3,LOC-003=not recorded anywhere",
        "--format",
        "json",
    )
    assert code == 0
    assert codes(out) == ["LOC-002"]
    waivers = {w["rule"]: w["reason"] for w in json.loads(out)["arrangements"][0]["waivers"]}
    assert waivers == {
        "LOC-001": "named in the minutes, see p. 3",
        "LOC-003": "not recorded anywhere",
    }


@pytest.mark.parametrize("given", ["LOC-001", "LOC-001=ok,LOC-003", "LOC-001=,LOC-003=x", "=x"])
def test_every_ignore_needs_a_reason(here: Path, capsys, given: str) -> None:
    code, out, err = run(capsys, "arrangements.yaml", *LOCAL, "--ignore", given)
    assert code == 2 and out == ""
    assert "give each rule a reason, as CODE=REASON" in err


# -- exit status --------------------------------------------------------------------------


def test_exit_zero_turns_findings_into_success(here: Path, capsys) -> None:
    code, out, _ = run(capsys, "arrangements.yaml", *LOCAL, "--select", "LOC-")
    assert code == 1 and "LOC-001" in out
    code, out, _ = run(capsys, "arrangements.yaml", *LOCAL, "--select", "LOC-", "--exit-zero")
    assert code == 0 and "LOC-001" in out


def test_exit_zero_never_hides_an_input_error(here: Path, capsys) -> None:
    Path("broken.yaml").write_text("id: [\n", encoding="utf-8")
    code, out, _ = run(capsys, "broken.yaml", "--exit-zero")
    assert code == 2 and "broken.yaml:" in out


def test_fail_on_warning(here: Path, capsys) -> None:
    only_warning = (*LOCAL, "--select", "LOC-002,LOC-003")
    assert run(capsys, "arrangements.yaml", *only_warning)[0] == 0
    assert run(capsys, "arrangements.yaml", *only_warning, "--fail-on", "error")[0] == 0
    assert run(capsys, "arrangements.yaml", *only_warning, "--fail-on", "warning")[0] == 1
    infos = (*LOCAL, "--select", "LOC-003", "--fail-on", "warning")
    assert run(capsys, "arrangements.yaml", *infos)[0] == 0
    code = run(capsys, "arrangements.yaml", *only_warning, "--fail-on", "warning", "--exit-zero")
    assert code[0] == 0


# -- statistics ---------------------------------------------------------------------------


def test_statistics_counts_findings_per_rule(here: Path, capsys) -> None:
    code, out, _ = run(capsys, "arrangements.yaml", *LOCAL, "--select", "LOC-", "--statistics")
    assert code == 1
    assert out == (
        "2\tLOC-003\t[info] A note\n1\tLOC-001\t[error] An error\n1\tLOC-002\t[warning] A warning\n"
    )
    _, data, _ = run(
        capsys, "arrangements.yaml", *LOCAL, "--select", "LOC-", "--statistics", "--format", "json"
    )
    assert json.loads(data) == [
        {"code": "LOC-003", "title": "A note", "severity": "info", "count": 2},
        {"code": "LOC-001", "title": "An error", "severity": "error", "count": 1},
        {"code": "LOC-002", "title": "A warning", "severity": "warning", "count": 1},
    ]


def test_statistics_agree_with_the_findings_of_an_example(capsys) -> None:
    example = str(Path(__file__).resolve().parents[1] / "examples" / "havering" / "bhr.yaml")
    _, out, _ = run(capsys, example, "--as-of", "2025-01-01", "--format", "json")
    _, stats, _ = run(capsys, example, "--as-of", "2025-01-01", "--format", "json", "--statistics")
    counted = {(s["code"], s["severity"]): s["count"] for s in json.loads(stats)}
    found: dict[tuple[str, str], int] = {}
    for a in json.loads(out)["arrangements"]:
        for f in a["findings"]:
            found[(f["rule"], f["severity"])] = found.get((f["rule"], f["severity"]), 0) + 1
    assert counted == found and counted


def test_statistics_reports_load_errors_on_stderr(here: Path, capsys) -> None:
    Path("broken.yaml").write_text("id: [\n", encoding="utf-8")
    code, out, err = run(capsys, "broken.yaml", "--statistics")
    assert code == 2 and out == ""
    assert err.startswith("broken.yaml:")


def test_statistics_refuses_other_formats(here: Path, capsys) -> None:
    code, _, err = run(capsys, "arrangements.yaml", "--statistics", "--format", "sarif")
    assert code == 2 and "--statistics prints text or json" in err


# -- standard input -----------------------------------------------------------------------


def _stdin(monkeypatch: pytest.MonkeyPatch, text: str) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(text.encode("utf-8"))))


def test_dash_reads_standard_input_under_its_name(here: Path, capsys, monkeypatch) -> None:
    _stdin(monkeypatch, FILE)
    code, out, _ = run(
        capsys,
        "-",
        *LOCAL,
        "--select",
        "LOC-",
        "--stdin-filename",
        "docs/partnership.yaml",
        "--format",
        "json",
    )
    assert code == 1
    data = json.loads(out)
    assert data["arrangements"][0]["file"] == "docs/partnership.yaml"
    lines = {f["rule"]: (f["file"], f["line"]) for f in data["arrangements"][0]["findings"]}
    assert lines["LOC-001"] == ("docs/partnership.yaml", 3)


def test_dash_defaults_to_stdin_yaml(here: Path, capsys, monkeypatch) -> None:
    _stdin(monkeypatch, "id: [\n")
    code, out, _ = run(capsys, "-")
    assert code == 2
    assert out.startswith("stdin.yaml:")


def test_stdin_filename_suffix_picks_the_parser(here: Path, capsys, monkeypatch) -> None:
    _stdin(monkeypatch, '{"schema_version": 1, "id": "tst", "name": "Test", "areas": []}')
    code, out, _ = run(capsys, "-", "--stdin-filename", "arr.json", "--format", "json")
    assert code == 2
    (problem,) = json.loads(out)["load_errors"]
    assert problem["file"] == "arr.json" and problem["path"] == "areas"


def test_stdin_finds_the_config_beside_its_name(here: Path, capsys, monkeypatch) -> None:
    Path("team").mkdir()
    Path("team", "safeguarding-partnership.toml").write_text('select = ["LOC-002"]\n')
    _stdin(monkeypatch, FILE)
    _, out, _ = run(capsys, "-", *LOCAL, "--stdin-filename", "team/a.yaml", "--format", "json")
    assert codes(out) == ["LOC-002"]


def test_stdin_size_limit(here: Path, capsys, monkeypatch) -> None:
    _stdin(monkeypatch, FILE)
    code, _, err = run(capsys, "-", "--max-bytes", "10")
    assert code == 2 and "stdin.yaml: standard input is over the limit of 10 bytes" in err


def test_stdin_only_once(here: Path, capsys, monkeypatch) -> None:
    _stdin(monkeypatch, FILE)
    code, _, err = run(capsys, "-", "-")
    assert code == 2 and "only once" in err


# -- formats and paths --------------------------------------------------------------------


def test_format_text_is_the_human_output(here: Path, capsys) -> None:
    _, text, _ = run(capsys, "arrangements.yaml", *LOCAL, "--format", "text")
    _, human, _ = run(capsys, "arrangements.yaml", *LOCAL, "--format", "human")
    assert text == human and "LOC-001" in text


def test_several_paths_in_one_call(here: Path, capsys) -> None:
    Path("other.yaml").write_text(FILE.replace("id: tst", "id: other"), encoding="utf-8")
    code, out, _ = run(
        capsys, "arrangements.yaml", "other.yaml", *LOCAL, "--select", "LOC-001", "--format", "json"
    )
    assert code == 1
    files = [a["file"] for a in json.loads(out)["arrangements"]]
    assert files == ["arrangements.yaml", "other.yaml"]


def test_github_format(here: Path, capsys, snapshot) -> None:
    Path("broken.yaml").write_text("id: tst\nname: [\n", encoding="utf-8")
    code, out, _ = run(
        capsys, "arrangements.yaml", "broken.yaml", *LOCAL, "--select", "LOC-", "--format", "github"
    )
    assert code == 2
    assert out == snapshot
    lines = out.splitlines()
    assert all(line.startswith(("::error ", "::warning ", "::notice ")) for line in lines)
    assert (
        "::error file=arrangements.yaml,line=3,col=7,title=LOC-001::50%25 of partners, named: "
        "none%0Asecond line (CA2004 s.16E(1))"
    ) in lines


def _gitlab(capsys, *args: str) -> list[dict]:
    _, out, _ = run(capsys, *args, "--format", "gitlab")
    return json.loads(out)


def test_gitlab_format(here: Path, capsys, snapshot) -> None:
    Path("broken.yaml").write_text("id: tst\nname: [\n", encoding="utf-8")
    issues = _gitlab(capsys, "arrangements.yaml", "broken.yaml", *LOCAL, "--select", "LOC-")
    assert issues == snapshot
    schema = json.loads((DATA / "gitlab-code-quality.schema.json").read_text(encoding="utf-8"))
    jsonschema.Draft7Validator.check_schema(schema)
    jsonschema.Draft7Validator(schema).validate(issues)
    fingerprints = [i["fingerprint"] for i in issues]
    assert len(set(fingerprints)) == len(fingerprints)
    by_rule = {i["check_name"]: i for i in issues}
    assert by_rule["LOC-001"]["severity"] == "critical"
    assert by_rule["LOC-002"]["severity"] == "major"
    assert by_rule["LOC-003"]["severity"] == "info"
    assert by_rule["load-error"]["severity"] == "blocker"
    assert by_rule["LOC-002"]["location"] == {"path": "arrangements.yaml", "lines": {"begin": 5}}


def test_gitlab_fingerprints_survive_moved_lines(here: Path, capsys) -> None:
    before = _gitlab(capsys, "arrangements.yaml", *LOCAL, "--select", "LOC-")
    Path("arrangements.yaml").write_text("# a comment\n\n" + FILE, encoding="utf-8")
    after = _gitlab(capsys, "arrangements.yaml", *LOCAL, "--select", "LOC-")
    assert [i["fingerprint"] for i in after] == [i["fingerprint"] for i in before]
    assert [i["location"]["lines"]["begin"] for i in after] != [
        i["location"]["lines"]["begin"] for i in before
    ]


def test_the_gitlab_schema_refuses_what_gitlab_would(here: Path, capsys) -> None:
    schema = json.loads((DATA / "gitlab-code-quality.schema.json").read_text(encoding="utf-8"))
    issue = _gitlab(capsys, "arrangements.yaml", *LOCAL, "--select", "LOC-001")[0]
    validator = jsonschema.Draft7Validator(schema)
    for broken in (
        {k: v for k, v in issue.items() if k != "fingerprint"},
        {**issue, "severity": "error"},
        {**issue, "location": {"path": "./arrangements.yaml", "lines": {"begin": 3}}},
        {**issue, "location": {"path": "arrangements.yaml"}},
    ):
        with pytest.raises(jsonschema.ValidationError):
            validator.validate([broken])
