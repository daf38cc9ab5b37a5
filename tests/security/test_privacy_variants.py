"""A private name is found however free text writes it, and only in free text.

The scrubber matches names whole-word, in any case, in any Unicode form, with any white space
between their words (a line break, two spaces, a no-break space), and as ``repr`` quotes them;
it never changes an id, a link or a keyword. The render property puts such variants of
private names into every free text field of the Havering example and renders every format,
the core's and the plugins', with and without ``--redact``.
"""

from __future__ import annotations

import html
import re
import unicodedata
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pydantic import BaseModel

from reports._support import readable
from safeguarding_partnership.findings import Finding, Severity
from safeguarding_partnership.model import Post
from safeguarding_partnership.model.privacy import WITHHELD, NameScrubber
from safeguarding_partnership.reports.privacy import redact
from safeguarding_partnership.reports.render import render_formats
from security.test_privacy import AS_OF, _all_posts, _base, _formats, _rewrite

_LETTERS = "bcdfghjklmnpqrstvwxz"
words = st.text(alphabet=_LETTERS, min_size=4, max_size=8).map(lambda s: "Qv" + s)
names = st.lists(words, min_size=1, max_size=3).map(" ".join)

GAPS = [" ", "  ", "\n", "\n  ", "\u00a0", "\t", " \u2003"]


def _written(name: str, data: st.DataObject) -> str:
    """``name`` as free text might write it: its words re-spaced, re-cased, re-encoded."""
    gap = data.draw(st.sampled_from(GAPS), label="gap")
    text = gap.join(name.split())
    case = data.draw(st.sampled_from(["same", "upper", "lower", "swap"]), label="case")
    text = {"same": text, "upper": text.upper(), "lower": text.lower(), "swap": text.swapcase()}[
        case
    ]
    form = data.draw(st.sampled_from(["plain", "wide", "nfd"]), label="form")
    if form == "wide":  # full-width letters: the same name under NFKC
        text = "".join(chr(ord(c) + 0xFEE0) if "!" <= c <= "~" else c for c in text)
    elif form == "nfd":
        text = unicodedata.normalize("NFD", text)
    if data.draw(st.booleans(), label="repr"):
        text = repr(text)[1:-1]
    return text


def _mentions(output: str, name: str) -> bool:
    """Whether ``output`` still carries ``name`` in any written form (after undoing HTML,
    JSON, Markdown and iCalendar escapes and line folding)."""
    text = output.replace("\r\n ", "").replace("\r\n\t", "")
    text = re.sub(r"\\u([0-9a-fA-F]{4})", lambda m: chr(int(m.group(1), 16)), text)
    text = html.unescape(text).replace("\\n", "\n").replace("\\", "")
    folded = "".join(
        c for c in unicodedata.normalize("NFKD", text).casefold() if not unicodedata.combining(c)
    )
    pattern = r"\s+".join(re.escape(w) for w in name.casefold().split())
    return re.search(rf"(?<!\w){pattern}(?!\w)", folded) is not None


@given(name=names, data=st.data())
def test_the_scrubber_finds_every_written_form_of_a_name(name: str, data: st.DataObject) -> None:
    written = _written(name, data)
    text = f"Chaired by {written}, since 2019."
    scrubbed = NameScrubber([name])(text)
    assert not _mentions(scrubbed, name), (text, scrubbed)
    assert scrubbed.startswith("Chaired by ") and scrubbed.endswith(", since 2019.")
    assert WITHHELD in scrubbed


@given(name=names, other=words)
def test_the_scrubber_leaves_other_words_whole(name: str, other: str) -> None:
    longer = name.split()[0] + "ton"  # a word that starts like the name is another word
    text = f"{longer} met {other}son at https://example.org/{name.split()[0]}/x"
    assert NameScrubber([name])(text) == text


ids = st.text(alphabet="abcdefghijklmnopqrstuvwxyz0123456789-", min_size=1, max_size=12).filter(
    lambda s: s[0].isalnum()
)


def _fields(value: Any, keep: Any) -> list[tuple[str, Any]]:
    """Every field of a model tree that is not free text, with its value."""
    from safeguarding_partnership.reports.privacy import _text_fields

    found: list[tuple[str, Any]] = []
    if isinstance(value, BaseModel):
        text = _text_fields(type(value))
        for name in type(value).model_fields:
            current = getattr(value, name)
            if name not in text and not isinstance(current, BaseModel | tuple):
                found.append((f"{type(value).__name__}.{name}", current))
            found.extend(_fields(current, keep))
    elif isinstance(value, tuple):
        for item in value:
            found.extend(_fields(item, keep))
    return found


@settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    secret=st.sampled_from(["a", "https", "quarterly", "havering", "org", "E09000016", "uk"]) | ids
)
def test_redacting_never_changes_an_id_a_link_or_a_keyword(secret: str) -> None:
    base = _base()

    def post(p: Post) -> Post:
        return p.model_copy(update={"name": secret, "publish_name": False})

    arr = _rewrite(base, post, lambda t: t)
    out = redact(arr)
    before = [(k, v) for k, v in _fields(arr, None) if not k.startswith("Post.name")]
    after = [(k, v) for k, v in _fields(out, None) if not k.startswith("Post.name")]
    assert before == after


@settings(deadline=None, max_examples=15, suppress_health_check=[HealthCheck.too_slow])
@given(
    private=st.lists(names, min_size=1, max_size=2, unique=True),
    redact_all=st.booleans(),
    data=st.data(),
)
def test_no_written_form_of_a_private_name_in_any_public_format(
    private: list[str], redact_all: bool, data: st.DataObject
) -> None:
    base = _base()
    if any(a != b and (a in b or b in a) for a in private for b in private):
        return
    posts = iter(range(10_000))

    def post(p: Post) -> Post:
        return p.model_copy(
            update={"name": private[next(posts) % len(private)], "publish_name": False}
        )

    forms = [_written(private[i % len(private)], data) for i in range(8)]
    texts = iter(range(10_000))

    def text(t: str) -> str:
        i = next(texts)
        return f"{t} (ask {forms[i % len(forms)]})" if i % 3 == 0 else t

    arr = _rewrite(base, post, text)
    hidden = {p.name for p in _all_posts(arr) if p.name}
    message = f"the chair {forms[0]!r} is {forms[-1]}"
    finding = Finding("LEAK-001", Severity.INFO, message, path="groups")
    formats = _formats()
    files = render_formats(
        arr, formats, as_of=AS_OF, findings=[finding], related=[arr], redact_all=redact_all
    )
    public = {n for f in formats if f.public for n in render_formats(arr, [f], as_of=AS_OF)}
    assert public
    for file in public:
        output = files[file].decode("utf-8", "replace")
        for secret in hidden:
            assert not _mentions(output, secret), (file, secret)


def _render(tmp_path: Path, text: str, *extra: str) -> dict[str, str]:
    from adversarial._run import run_cli

    source = tmp_path / "a.yaml"
    source.write_text(text, encoding="utf-8")
    out = tmp_path / "out"
    outcome = run_cli(
        [
            "render",
            str(source),
            "--format",
            "all",
            "--out",
            str(out),
            "--as-of",
            "2024-06-01",
            *extra,
        ],
        timeout=60,
    )
    assert outcome.code in (0, 1), outcome.stderr[-3000:]
    return {  # a Word document by the text a reader sees
        p.name: readable(p.name, p.read_bytes()).decode("utf-8")
        for p in out.iterdir()
        if p.is_file()
    }


HEAD = "id: t\nname: Test partnership\nareas: [{code: E09000016}]\n"


@pytest.mark.parametrize("redact_flag", [(), ("--redact",)])
def test_a_name_wrapped_in_a_yaml_block_or_spaced_oddly_is_withheld(
    tmp_path: Path, redact_flag: tuple[str, ...]
) -> None:
    text = (
        HEAD
        + "chair: {posts: [{title: Chair, name: Qvjane Qvsmith, publish_name: false}]}\n"
        + "priorities:\n  - |\n    Led by Qvjane\n    Qvsmith, with partners.\n"
        + "  - 'Led by Qvjane  Qvsmith'\n"
        + '  - "Led by Qvjane\\u00a0QVSMITH"\n'
    )
    files = _render(tmp_path, text, *redact_flag)
    assert "arrangements.md" in files
    for name, content in files.items():
        assert not _mentions(content, "Qvjane Qvsmith"), name


def test_a_private_name_that_is_a_common_word_breaks_no_keyword_or_link(tmp_path: Path) -> None:
    text = (
        HEAD
        + "published_url: https://example.org/arrangements\n"
        + "chair: {posts: [{title: Chair, name: a, publish_name: false},"
        + " {title: Vice chair, name: https, publish_name: false}]}\n"
        + "groups:\n  - {id: exec, name: Executive, kind: executive, reports_to: none,"
        + " cadence: quarterly, meetings: [2024-01-10, 2024-04-10]}\n"
    )
    files = _render(tmp_path, text)
    assert "meetings.ics" in files
    assert "qu[name withheld]" not in "".join(files.values())
    assert "https://example.org/arrangements" in files["arrangements.md"]
    assert 'href="https://example.org/arrangements"' in files["arrangements.html"]
