"""The render command: the check's real findings reach the pages; --redact removes every name."""

from __future__ import annotations

from pathlib import Path

import pytest

from safeguarding_partnership.cli import main
from safeguarding_partnership.pipeline import check_path

from ._support import AS_OF, HAVERING, readable


def _render(capsys: pytest.CaptureFixture[str], *args: str) -> int:
    with pytest.raises(SystemExit) as exc:
        main(["render", *args, "--as-of", AS_OF.isoformat()])
    capsys.readouterr()
    return int(exc.value.code or 0)


def test_findings_page_holds_every_finding_of_the_check(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert _render(capsys, str(HAVERING), "--format", "findings", "--out", str(tmp_path)) == 0
    page = (tmp_path / "findings.html").read_text()
    (result,) = check_path(HAVERING, as_of=AS_OF).results
    assert result.findings  # the example has findings, so this test can fail
    for finding in result.findings:
        assert f'<th scope="row">{finding.rule_id}</th>' in page
    assert f"are {len(result.findings)} findings" in page


def test_redact_removes_names_that_may_be_published(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "havering.yaml"
    text = HAVERING.read_text(encoding="utf-8")
    marker = "lead: {title: Chief Executive, organisation: havering-council}"
    assert marker in text
    source.write_text(
        text.replace(marker, marker[:-1] + ", name: Qzpublic Person}"), encoding="utf-8"
    )
    args = [str(source), "--format", "arrangements"]
    assert _render(capsys, *args, "--out", str(tmp_path / "open")) == 0
    assert "Qzpublic Person" in (tmp_path / "open" / "arrangements.html").read_text()
    assert _render(capsys, *args, "--redact", "--out", str(tmp_path / "closed")) == 0
    for page in (tmp_path / "closed").iterdir():
        assert b"Qzpublic" not in readable(page.name, page.read_bytes()), page.name


def test_render_path_checks_renders_and_writes(tmp_path: Path) -> None:
    from safeguarding_partnership.pipeline import render_path

    done = render_path(HAVERING, ["findings"], tmp_path, as_of=AS_OF)
    assert not done.stopped and done.exit_code == 0
    assert [p.name for p in done.written] == ["findings.html", "findings.md"]
    assert done.check.results[0].findings  # rendered from a real check


def test_render_path_refuses_an_unknown_format_before_writing(tmp_path: Path) -> None:
    from safeguarding_partnership.pipeline import UnknownFormatError, render_path

    with pytest.raises(UnknownFormatError, match="unknown format nope for havering;"):
        render_path(HAVERING, ["nope"], tmp_path / "out", as_of=AS_OF)
    assert not (tmp_path / "out").exists()


def test_the_command_line_builds_no_plugin_manager() -> None:
    import safeguarding_partnership.cli as cli

    source = "".join(
        path.read_text(encoding="utf-8") for path in Path(cli.__file__).parent.glob("*.py")
    )
    assert "def render(" in source and "def check(" in source  # every command module read
    assert "get_plugins" not in source
    assert "render_together" not in source and "write_outputs" not in source


def test_fragment_and_template_dir_options(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    args = [str(HAVERING), "--format", "arrangements"]
    assert _render(capsys, *args, "--fragment", "--out", str(tmp_path / "embed")) == 0
    page = (tmp_path / "embed" / "arrangements.html").read_text()
    assert page.startswith("<article") and "<body" not in page
    own = tmp_path / "templates"
    own.mkdir()
    (own / "_style.css").write_text("body { color: #123456; }\n", encoding="utf-8")
    out = tmp_path / "own"
    assert _render(capsys, *args, "--template-dir", str(own), "--out", str(out)) == 0
    assert "#123456" in (out / "arrangements.html").read_text()
    assert _render(capsys, *args, "--template-dir", str(tmp_path / "missing")) == 2
