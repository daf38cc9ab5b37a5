"""The adversarial corpus: hostile shapes of input, generated at a size ``n``.

Random fuzzing rarely reaches these shapes, and each once broke the command (issue 19):
cycles, long chains, wide fan-out, many files, deep keys, huge numbers, extreme dates,
control characters, private names written oddly, and special files and links. Each shape
builds its files under a folder and returns the commands to run on them (:class:`Case`).

Every case must end in time with a documented exit code and no traceback; some say more
(``codes``: the exit codes allowed; ``forbidden``: text no written file may contain).
``tests/adversarial/test_corpus.py`` runs every shape at a small ``n`` in the normal suite;
``tests/adversarial/long_run.sh`` at large ``n`` under ``ulimit -v 4000000``.
"""

from __future__ import annotations

import json
import os
import socket
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import attrs

__all__ = ["SHAPES", "Case", "build"]

DOCUMENTED = frozenset({0, 1, 2, 3, 4})
AS_OF = "2024-06-01"
AREAS = ("E09000016", "E09000002", "E09000026", "E08000025", "E06000001", "E10000014")


@attrs.frozen
class Case:
    """One command to run: ``args`` to ``safeguarding-partnership``, the exit codes allowed,
    text that no file under ``out`` may contain afterwards, and an optional environment."""

    shape: str
    name: str
    args: tuple[str, ...]
    codes: frozenset[int] = DOCUMENTED
    out: Path | None = None
    forbidden: tuple[str, ...] = ()
    env: tuple[tuple[str, str], ...] = ()

    @property
    def label(self) -> str:
        return f"{self.shape}/{self.name}"


def _arrangement(ident: str = "t", **fields: Any) -> dict[str, Any]:
    return {"id": ident, "name": f"Partnership {ident}", "areas": [{"code": AREAS[0]}], **fields}


def _write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def _json(path: Path, data: Any) -> Path:
    return _write(path, json.dumps(data))


def _check(shape: str, name: str, path: Path, *extra: str, **kw: Any) -> Case:
    return Case(shape, name, ("check", "--as-of", AS_OF, *extra, str(path)), **kw)


def _render(shape: str, name: str, path: Path, root: Path, *extra: str, **kw: Any) -> Case:
    out = root / f"out-{name}"
    args = ("render", str(path), "--format", "all", "--out", str(out), "--as-of", AS_OF, *extra)
    return Case(shape, f"render-{name}", args, out=out, **kw)


# --- the shapes ---------------------------------------------------------------------------


def cycles(n: int, root: Path) -> Iterator[Case]:
    """Loops: a YAML alias inside its own node, aliases nested ``n`` deep into a loop, and
    ``reports_to`` rings of ``n`` groups."""
    head = "id: t\nname: n\nareas: [{code: E09000016}]\n"
    yield _check("cycles", "self-alias", _write(root / "self.yaml", "&a\n" + head + "self: *a\n"))
    depth = min(n, 60)
    nested = "settings: &a\n" + "".join("  " * i + "  k:\n" for i in range(depth))
    nested += "  " * (depth + 1) + "back: *a\n"
    yield _check("cycles", "nested-alias", _write(root / "nested.yaml", head + nested))
    ring = [
        {"id": f"g{i}", "name": "G", "kind": "subgroup", "reports_to": [f"g{(i + 1) % n}"]}
        for i in range(n)
    ]
    path = _json(root / "ring.json", _arrangement(groups=ring))
    yield _check("cycles", "reports-to-ring", path)
    yield _render("cycles", "reports-to-ring", path, root)
    selves = [
        {"id": f"s{i}", "name": "S", "kind": "subgroup", "reports_to": [f"s{i}"]} for i in range(n)
    ]
    yield _check("cycles", "self-reports", _json(root / "selves.json", _arrangement(groups=selves)))


def chains(n: int, root: Path) -> Iterator[Case]:
    """Long chains: ``reports_to`` and ``part_of`` chains of ``n``, and ``n`` predecessors."""
    groups = [
        {"id": f"g{i}", "name": "G", "kind": "subgroup", "reports_to": [f"g{i + 1}"]}
        for i in range(n)
    ]
    groups.append({"id": f"g{n}", "name": "Top", "kind": "executive", "reports_to": "none"})
    path = _json(root / "chain.json", _arrangement(groups=groups))
    yield _check("chains", "reports-to", path)
    yield _render("chains", "reports-to", path, root)
    orgs = [{"id": "o0", "name": "O", "kind": "other"}] + [
        {"id": f"o{i}", "name": "O", "kind": "other", "part_of": f"o{i - 1}"} for i in range(1, n)
    ]
    yield _check(
        "chains", "part-of", _json(root / "part-of.json", _arrangement(organisations=orgs))
    )
    links = [{"arrangement": f"p{i}", "relation": "predecessor"} for i in range(n)]
    yield _check("chains", "links", _json(root / "links.json", _arrangement(links=links)))


def fan_out(n: int, root: Path) -> Iterator[Case]:
    """Wide fan-out: ``n`` organisations and agencies, ``n`` groups under one, ``n`` meetings."""
    orgs = [{"id": f"o{i}", "name": f"School {i}", "kind": "school"} for i in range(n)]
    agencies = [
        {"category": "maintained-school-governing-body", "organisation": f"o{i}"} for i in range(n)
    ]
    path = _json(root / "orgs.json", _arrangement(organisations=orgs, relevant_agencies=agencies))
    yield _check("fan-out", "organisations", path)
    yield _render("fan-out", "organisations", path, root)
    groups = [{"id": "top", "name": "Top", "kind": "executive", "reports_to": "none"}] + [
        {"id": f"g{i}", "name": f"G{i}", "kind": "subgroup", "reports_to": ["top"]}
        for i in range(n)
    ]
    path = _json(root / "fan-in.json", _arrangement(groups=groups))
    yield _render("fan-out", "fan-in", path, root)
    days = [
        f"{1900 + (i // 365) % 300}-{1 + (i // 28) % 12:02d}-{1 + i % 28:02d}" for i in range(n)
    ]
    meets = [
        {
            "id": "g",
            "name": "G",
            "kind": "executive",
            "reports_to": "none",
            "cadence": "quarterly",
            "meetings": days,
        }
    ]
    path = _json(root / "meetings.json", _arrangement(groups=meets))
    yield _render("fan-out", "meetings", path, root)


def many_files(n: int, root: Path) -> Iterator[Case]:
    """Many files: a folder of ``n`` distinct arrangements, and one of ``n`` claiming one area."""
    folder = root / "many"
    for i in range(n):
        code = AREAS[i % len(AREAS)]
        _write(folder / f"a{i:06d}.yaml", f"id: a{i}\nname: A{i}\nareas: [{{code: {code}}}]\n")
    yield _check("many-files", "distinct", folder)
    claims = root / "claims"
    for i in range(n):  # each REGISTRY-002 message names three earlier claimants, counts the rest
        _write(claims / f"c{i:06d}.yaml", f"id: c{i}\nname: C{i}\nareas: [{{code: {AREAS[0]}}}]\n")
    yield _check("many-files", "one-area", claims, "--format", "json")


def deep_keys(n: int, root: Path) -> Iterator[Case]:
    """Deep keys and nesting: TOML dotted keys and table headers of ``n`` parts, YAML and
    JSON nesting ``n`` deep, and a ``.paths.csv`` field path of ``n`` parts (havering)."""
    head = 'id = "t"\nname = "n"\nareas = [{code = "E09000016"}]\n'
    yield _check(
        "deep-keys",
        "toml-dotted",
        _write(root / "dotted.toml", head + "[settings]\n" + ".".join(["a"] * n) + " = 1\n"),
    )
    yield _check(
        "deep-keys",
        "toml-table",
        _write(root / "table.toml", head + "[" + ".".join(['"k"'] * n) + "]\n"),
    )
    yield _check(
        "deep-keys",
        "yaml-nesting",
        _write(root / "deep.yaml", "id: t\nsettings: " + "[" * n + "]" * n + "\n"),
    )
    yield _check(
        "deep-keys",
        "yaml-mapping",
        _write(root / "deepmap.yaml", "id: t\nsettings: " + "{a: " * n + "1" + "}" * n + "\n"),
    )
    yield _check(
        "deep-keys",
        "json-nesting",
        _write(root / "deep.json", '{"id": "t", "settings": ' + "[" * n + "]" * n + "}"),
    )
    rows = "path,value\nid,t\nname,n\nplugins[0],havering\nareas[0].code,E09000016\n"
    yield _check(
        "deep-keys",
        "paths-csv",
        _write(root / "deep.paths.csv", rows + "settings.havering." + ".".join(["a"] * n) + ",x\n"),
        "--plugin",
        "havering",
    )


def huge_numbers(n: int, root: Path) -> Iterator[Case]:
    """Numbers of ``n`` digits (and more than Python makes into an integer), and exponents."""
    digits = "9" * max(n, 4400)
    yield _check(
        "huge-numbers", "toml-int", _write(root / "n.toml", f'id = "t"\npriorities = [{digits}]\n')
    )
    yield _check(
        "huge-numbers", "yaml-int", _write(root / "n.yaml", f"id: t\npriorities: [{digits}]\n")
    )
    yield _check(
        "huge-numbers",
        "json-int",
        _write(root / "n.json", f'{{"id": "t", "priorities": [{digits}]}}'),
    )
    funding = [{"contributor": "x", "year": "2024", "amount": 1}]
    text = json.dumps(_arrangement(funding=funding)).replace('"amount": 1', f'"amount": 1e{n}')
    yield _check("huge-numbers", "json-exponent", _write(root / "e.json", text))
    text = json.dumps(_arrangement()).replace('"id": "t"', f'"id": "t", "schema_version": 1e{n}')
    yield _check("huge-numbers", "json-float", _write(root / "exp.json", text))
    text = f"id: t\nname: n\nareas: [{{code: E09000016}}]\nschema_version: 1.{digits}\n"
    yield _check("huge-numbers", "yaml-float", _write(root / "f.yaml", text))


def extreme_dates(n: int, root: Path) -> Iterator[Case]:
    """Dates at and past the ends of what Python and the tool read, in files and options."""
    head = "id: t\nname: n\nareas: [{code: E09000016}]\n"
    for day in ("0001-01-01", "1900-01-01", "2199-12-31", "9999-12-31"):
        text = (
            head
            + f"valid_from: {day}\npublished: {day}\n"
            + f"yearly_reports: [{{period_start: {day}, period_end: {day}, published: {day}}}]\n"
            + "groups:\n  - {id: g, name: G, kind: executive, reports_to: none,"
            + f" cadence: quarterly, meetings: [{day}]}}\n"
        )
        path = _write(root / f"d{day}.yaml", text)
        yield _check("extreme-dates", f"file-{day}", path)
        yield _render("extreme-dates", f"file-{day}", path, root)
    plain = _write(root / "plain.yaml", head)
    for day in ("0001-01-01", "9999-12-31", "1900-01-01", "2199-12-31", "20240601", "2024-W23-1"):
        yield Case("extreme-dates", f"as-of-{day}", ("check", str(plain), "--as-of", day))
    every = [f"{1900 + i % 300}-01-01" for i in range(n)]
    path = _json(
        root / "many-dates.json",
        _arrangement(
            groups=[
                {
                    "id": "g",
                    "name": "G",
                    "kind": "executive",
                    "reports_to": "none",
                    "cadence": {"dates": every},
                    "meetings": every,
                }
            ]
        ),
    )
    yield _render("extreme-dates", "many-dates", path, root)


CONTROLS = (
    "\\e[2J",
    "\\e]0;owned\\a",
    "\\e]8;;https://evil.example\\e\\\\x\\e]8;;\\e\\\\",
    "\\0",
    "\\x9b31m",
    "\\uFFFE",
    "\\x85",
    "\\r",
)


def control_characters(n: int, root: Path) -> Iterator[Case]:
    """Names and reasons holding ESC, OSC, NUL, C1 and noncharacters (YAML and JSON escapes),
    a name of ``n`` such sequences, and rich markup."""
    for i, seq in enumerate(CONTROLS):
        text = f'id: t\nname: "a{seq}b"\nareas: [{{code: E09000016}}]\n'
        yield _check(
            "control-characters",
            f"yaml-{i}",
            _write(root / f"c{i}.yaml", text),
            codes=frozenset({2}),
        )
    long = "".join(CONTROLS) * max(1, n // len(CONTROLS))
    yield _check(
        "control-characters",
        "long",
        _write(root / "long.yaml", f'id: t\nname: "{long}"\n'),
        codes=frozenset({2}),
    )
    escaped = (
        '{"id": "t", "name": "\\u001b]0;x\\u0007\\u0000\\ud800", "areas": [{"code": "E09000016"}]}'
    )
    yield _check(
        "control-characters", "json", _write(root / "c.json", escaped), codes=frozenset({2})
    )
    markup = (
        "id: t\nname: 'Havering [/bold] [link=https://evil.example]closing[/link]'\n"
        "areas: [{code: E09000016}]\n"
        'rules: {ignore: [{rule: PUB-001, reason: "a\\nAll checks passed."}]}\n'
    )
    path = _write(root / "markup.yaml", markup)
    yield _check("control-characters", "markup", path)
    yield _render("control-characters", "markup", path, root)


def private_names(n: int, root: Path) -> Iterator[Case]:
    """A private name written into free text with line breaks, double and no-break spaces,
    other case and full-width letters, rendered with and without ``--redact``."""
    name = "Qvjane Qvsmith"
    forms = [
        "Qvjane\n    Qvsmith",
        "Qvjane  Qvsmith",
        "QVJANE\\u00a0qvsmith",
        "Ｑｖｊａｎｅ Ｑｖｓｍｉｔｈ",
    ]
    priorities = "".join(f'  - "Led by {f}"\n' for f in forms[2:])
    priorities += "  - |\n    Led by " + forms[0] + "\n" + f"  - 'Led by {forms[1]}'\n"
    priorities *= max(1, n // 100)
    text = (
        "id: t\nname: n\nareas: [{code: E09000016}]\n"
        + f"chair: {{posts: [{{title: Chair, name: {name}, publish_name: false}}]}}\n"
        + "priorities:\n"
        + priorities
    )
    path = _write(root / "private.yaml", text)
    forbidden = ("Qvsmith", "qvsmith", "QVSMITH", "Ｑｖｓｍｉｔｈ")
    yield _render("private-names", "plain", path, root, forbidden=forbidden)
    yield _render("private-names", "redact", path, root, "--redact", forbidden=forbidden)


def special_files(n: int, root: Path) -> Iterator[Case]:
    """Symlink layouts and special files: links out of the folder, dangling links, FIFOs,
    a socket, a link to ``/dev/zero``, a link loop, and ``import-gias`` on special files."""
    folder = root / "folder"
    _write(folder / "good.yaml", "id: good\nname: G\nareas: [{code: E09000016}]\n")
    secret = _write(root / "secret.yaml", "id: secret\nname: S\nareas: [{code: E09000016}]\n")
    for i in range(min(n, 200)):
        (folder / f"out{i}.yaml").symlink_to(secret)
    (folder / "dangling.yaml").symlink_to(folder / "nothing.yaml")
    os.mkfifo(folder / "fifo.yaml")
    (folder / "zero.json").symlink_to("/dev/zero")
    (folder / "loop").symlink_to(folder)
    (folder / "sub").mkdir()
    (folder / "sub" / "self.yaml").symlink_to(folder / "sub" / "self.yaml")
    held = socket.socket(socket.AF_UNIX)
    cwd = os.getcwd()
    try:
        os.chdir(folder)
        held.bind("sock.yaml")
    finally:
        os.chdir(cwd)
        held.close()
    yield _check("special-files", "folder", folder, "--format", "json", codes=frozenset({2}))
    os.mkfifo(root / "gias.csv")
    (root / "zero.csv").symlink_to("/dev/zero")
    for name in ("gias.csv", "zero.csv"):
        yield Case(
            "special-files",
            f"import-gias-{name}",
            (
                "import-gias",
                str(root / name),
                "--area",
                AREAS[0],
                "--out",
                str(root / f"{name}.yaml"),
            ),
            codes=frozenset({2}),
        )
    yield _check("special-files", "fifo", folder / "fifo.yaml", codes=frozenset({2}))


def big_files(n: int, root: Path) -> Iterator[Case]:
    """Files of about ``n`` kilobytes (capped just over each format's limit) of the costliest
    text we know: a list of tiny values, one validation error each."""
    from safeguarding_partnership.io.parse import MAX_BYTES

    for fmt, item in (("yaml", "{a: 1}"), ("toml", "{a=1}"), ("json", '{"a":1}')):
        size = min(n * 1024, MAX_BYTES[fmt] + 1024)
        head = {
            "yaml": "id: t\npriorities: [",
            "toml": 'id = "t"\npriorities = [',
            "json": '{"id": "t", "priorities": [',
        }[fmt]
        tail = "]}" if fmt == "json" else "]\n"
        count = max(1, (size - len(head)) // (len(item) + 1))
        yield _check(
            "big-files", fmt, _write(root / f"big.{fmt}", head + ",".join([item] * count) + tail)
        )


SHAPES: dict[str, Callable[[int, Path], Iterator[Case]]] = {
    "cycles": cycles,
    "chains": chains,
    "fan-out": fan_out,
    "many-files": many_files,
    "deep-keys": deep_keys,
    "huge-numbers": huge_numbers,
    "extreme-dates": extreme_dates,
    "control-characters": control_characters,
    "private-names": private_names,
    "special-files": special_files,
    "big-files": big_files,
}


def build(shape: str, n: int, root: Path) -> list[Case]:
    """The cases of one shape at size ``n``, their files written under ``root``."""
    folder = root / shape
    folder.mkdir(parents=True, exist_ok=True)
    return list(SHAPES[shape](n, folder))
