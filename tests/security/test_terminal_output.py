"""What ``check`` prints on a terminal: text from the file is shown, never obeyed.

A name, a waiver reason or a file name is the file keeper's text. On a terminal the human
layout is drawn with rich, whose markup (``[bold]``, ``[link=...]``) must not apply to it,
and no control character from it (ESC, OSC, C1, NUL) may reach the terminal, where it could
clear the screen, set the title or plant a link.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

from safeguarding_partnership.output.text import render_check
from safeguarding_partnership.pipeline import check_path

AS_OF = dt.date(2024, 6, 1)
ANSI = re.compile(r"\x1b\[[0-9;]*m")


@pytest.fixture
def terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("TERM", "NO_COLOR", "FORCE_COLOR", "COLORTERM"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("TERM", "xterm-256color")


MARKUP = {
    "name": "Havering [/bold] closing",
    "reason": "[link=https://evil.example]click[/link] [blink]now[/blink]",
    "key": "[reverse]Havering[/reverse]",
}


def _marked_up(tmp_path: Path) -> Path:
    folder = tmp_path / "[red]files"
    folder.mkdir()
    path = folder / "[bold]a.yaml"
    path.write_text(
        f"id: t\nname: '{MARKUP['name']}'\n"
        "areas: [{code: E09000016, name: Havering}]\n"
        f"rules: {{ignore: [{{rule: PUB-001, reason: '{MARKUP['reason']}'}}]}}\n"
        "groups:\n  - {id: g, name: G, kind: executive, reports_to: [g]}\n",
        encoding="utf-8",
    )
    # a second file, whose load error quotes a key the format does not define
    (folder / "b.yaml").write_text(
        f"id: u\nname: U\nareas: [{{code: E09000016}}]\n'{MARKUP['key']}': 1\n",
        encoding="utf-8",
    )
    return path


@pytest.mark.usefixtures("terminal")
def test_rich_markup_in_the_file_prints_literally(tmp_path: Path) -> None:
    path = _marked_up(tmp_path)
    run = check_path(path.parent, as_of=AS_OF)
    text = render_check(run, "human", terminal=True, width=400)
    assert "\x1b[" in text  # styled: the rich layout was used
    plain = ANSI.sub("", text)
    for literal in (*MARKUP.values(), str(path)):
        assert literal in plain, literal
    assert "\x1b]8;" not in text  # no hyperlink
    assert "\x1b[5m" not in text and "\x1b[7m" not in text  # no blink, no reverse
