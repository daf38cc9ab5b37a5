"""The rule catalogue (``statutory-rules.md``) read as data: one entry per catalogued rule.

The packaged copy of the catalogue is parsed, never retyped: each ``**ID — title**`` block and
each row of the PUB-004 to PUB-014 table gives an entry with its strength, lead regime, whether
it can be checked from data, the confidence of its sources, and its Source line split into
citations (with official addresses from the Source keys table) and evidence (see
:mod:`.citations`). Section 4 of the catalogue counts 91 entries; a test holds this module to
that table. Rules take their metadata from here (:func:`safeguarding_partnership.rules.rule`).

Parsing the text takes a few milliseconds, a fortieth of a one-file check, so the package
also holds the entries and Source keys it gives, as data (``statutory-rules.parsed.json``,
written by ``python -m safeguarding_partnership.reference.catalogue``), with the length and
CRC-32 of the text they were read from. They are used only while those match the packaged
text; a changed text is parsed, and a test says that the data is due to be written again.
The text stays the one source: the data is what parsing it gives, kept like a ``.pyc``.
"""

from __future__ import annotations

import functools
import json
import re
import sys
import zlib
from pathlib import Path
from typing import Any

import attrs

from safeguarding_partnership.law import Regime, Strength
from safeguarding_partnership.reference._files import read_text
from safeguarding_partnership.reference.citations import (
    Provision,
    SourceKey,
    SplitSource,
    address_of,
    parse_source_keys,
    split_source,
)

__all__ = [
    "CHECK_VALUES",
    "CatalogueEntry",
    "address",
    "catalogue_entries",
    "catalogue_text",
    "entry",
    "parse_catalogue",
    "source_keys",
]

CHECK_VALUES = ("yes", "partly", "no", "n/a")
"""The values of a catalogue entry's ``Check:`` line."""

_MAIN_STRENGTH: dict[str, Strength] = {"REPORT-005": Strength.SHOULD}
"""Mixed-strength entries whose main strength is not the first named (catalogue section 4)."""

_HEADER = re.compile(r"^\*\*(?P<id>[A-Z]+-\d{3}) — (?P<title>.+)\*\*\s*$")
_TABLE_HEADER = re.compile(
    r"^\*\*(?P<first>[A-Z]+-\d{3}) to (?P<last>[A-Z]+-\d{3}) — [^*]*\*\*\s*(\((?P<source>.*)\))?"
)
_TABLE_ROW = re.compile(r"^\| (?P<id>[A-Z]+-\d{3}) \| (?P<title>.+?) \| (?P<conf>[^|]+?) \|\s*$")
_SECTION = re.compile(r"^### (?P<section>[A-L]\. .+)$")
_STRENGTH = re.compile(r"\b(MUST|SHOULD|MAY|DEF)\b")
_REGIME = re.compile(r"\b(STATUTE|WT2018|WT2023|LATER)\b")
_CHECK = re.compile(r"^\*\*(?P<value>yes|partly|no|n/a)\*\*", re.IGNORECASE)
_CONF_LETTER = re.compile(r"\b([PSU])\b")


@attrs.frozen
class CatalogueEntry:
    """One catalogued rule: identifier, title and the facts of its metadata line.

    ``strength`` and ``regime`` are the main ones the catalogue counts it under (section 4);
    the ``*_text`` fields keep the catalogue's own wording.
    """

    id: str
    title: str
    strength: Strength
    regime: Regime
    check: str
    confidence: str
    section: str = ""
    strength_text: str = ""
    regime_text: str = ""
    effective: str = ""
    check_text: str = ""
    confidence_text: str = ""
    regimes: tuple[Regime, ...] = ()
    """Every regime the Regime field names outside brackets (``WT2018 and WT2023``), lead first."""
    source_text: str = ""
    citations: tuple[Provision, ...] = ()
    """The provisions the Source line cites, each with its official address where known."""
    evidence: tuple[str, ...] = ()
    """The secondary sources the wording was verified through (source keys, mostly)."""
    source_notes: tuple[str, ...] = ()
    """Parts of the Source line that are remarks, neither citation nor evidence."""

    @property
    def checkable(self) -> bool:
        """Whether a program can test it from data (``Check: yes`` or ``partly``)."""
        return self.check in ("yes", "partly")

    @property
    def prefix(self) -> str:
        return self.id.rsplit("-", 1)[0] + "-"


@functools.cache
def catalogue_text() -> str:
    """The packaged rule catalogue, as Markdown (read once: its entries and its source keys
    are parsed from the same text)."""
    return read_text("statutory-rules.md")


def _unbold(text: str) -> str:
    return text.replace("**", "").strip()


def _confidence(text: str) -> str:
    letters: list[str] = []
    for letter in _CONF_LETTER.findall(_unbold(text)):
        if letter not in letters:
            letters.append(letter)
    return "/".join(letters)


def _regimes(text: str, lead: Regime) -> tuple[Regime, ...]:
    """The regimes a Regime field names outside its brackets, the lead one first."""
    named = [Regime[r] for r in _REGIME.findall(re.sub(r"\([^)]*\)", "", _unbold(text)))]
    return tuple(dict.fromkeys([lead, *named]))


def _sources(text: str, keys: dict[str, SourceKey], regime: Regime) -> SplitSource:
    """A Source line split into citations, evidence and notes.

    A line that cites no provision (only secondary sources) cites its lead regime's guidance.
    """
    split = split_source(text, keys)
    if not split.citations and regime in (Regime.WT2018, Regime.WT2023):
        split = attrs.evolve(split, citations=split_source(regime.key, keys).citations)
    return split


def _fields(meta: str) -> dict[str, str]:
    """``Strength: X · Regime: Y · Effective: Z · Conf: W`` as a mapping."""
    out: dict[str, str] = {}
    for part in meta.split(" · "):
        key, sep, value = part.partition(":")
        if sep:
            out.setdefault(key.strip().lower(), value.strip())
    return out


def _block_entry(
    ident: str, title: str, section: str, lines: list[str], keys: dict[str, SourceKey]
) -> CatalogueEntry:
    meta = next((ln for ln in lines if ln.startswith("- Strength:")), None)
    source = next((ln for ln in lines if ln.startswith("- Source:")), "- Source:")
    check = next((ln for ln in lines if ln.startswith("- Check:")), None)
    if meta is None or check is None:
        raise ValueError(f"catalogue entry {ident} lacks a Strength or Check line")
    fields = _fields(meta[2:])
    strength_text = fields.get("strength", "")
    regime_text = fields.get("regime", "")
    strength = _STRENGTH.search(strength_text)
    regime = _REGIME.search(regime_text)
    check_text = check.removeprefix("- Check:").strip()
    value = _CHECK.match(check_text)
    if strength is None or regime is None or value is None:
        raise ValueError(f"catalogue entry {ident}: cannot read strength, regime or check")
    lead = Regime[regime.group(1)]
    sources = _sources(source.removeprefix("- Source:").strip(), keys, lead)
    return CatalogueEntry(
        id=ident,
        title=_unbold(title),
        strength=_MAIN_STRENGTH.get(ident, Strength(strength.group(1))),
        regime=lead,
        check=value.group("value").lower(),
        confidence=_confidence(fields.get("conf", "")),
        section=section,
        strength_text=strength_text,
        regime_text=regime_text,
        effective=fields.get("effective", ""),
        check_text=check_text,
        confidence_text=fields.get("conf", ""),
        regimes=_regimes(regime_text, lead),
        source_text=source.removeprefix("- Source:").strip(),
        citations=sources.citations,
        evidence=sources.evidence,
        source_notes=sources.notes,
    )


def _table_entries(
    section: str, lines: list[str], source: str, keys: dict[str, SourceKey]
) -> list[CatalogueEntry]:
    """The rows of a table of SHOULD items (PUB-004 to PUB-014), with the block's facts."""
    intro = next((ln for ln in lines if "Regime:" in ln and "Check:" in ln), "")
    fields = _fields(intro)
    regime = _REGIME.search(fields.get("regime", ""))
    strength = _STRENGTH.search(intro)
    check = _CHECK.match(fields.get("check", ""))
    if regime is None or strength is None or check is None:
        raise ValueError("catalogue table lacks its strength, regime or check line")
    lead = Regime[regime.group(1)]
    sources = _sources(source, keys, lead)
    out = []
    for line in lines:
        row = _TABLE_ROW.match(line)
        if row is None or row.group("id") == "ID":
            continue
        out.append(
            CatalogueEntry(
                id=row.group("id"),
                title=row.group("title").strip(),
                strength=Strength(strength.group(1)),
                regime=lead,
                check=check.group("value").lower(),
                confidence=_confidence(row.group("conf")),
                section=section,
                strength_text=strength.group(1),
                regime_text=fields.get("regime", ""),
                effective=intro.split("Effective", 1)[1].split("·", 1)[0].strip()
                if "Effective" in intro
                else "",
                check_text=fields.get("check", ""),
                confidence_text=row.group("conf").strip(),
                regimes=_regimes(fields.get("regime", ""), lead),
                source_text=source,
                citations=sources.citations,
                evidence=sources.evidence,
                source_notes=sources.notes,
            )
        )
    return out


def parse_catalogue(text: str) -> tuple[CatalogueEntry, ...]:
    """Every entry of a catalogue text, in the catalogue's order."""
    keys = parse_source_keys(text)
    rules_part = text.split("\n## 2. Rules", 1)[-1].split("\n## 3.", 1)[0]
    entries: list[CatalogueEntry] = []
    section = ""
    head: tuple[str, str] | None = None
    table: str | None = None
    body: list[str] = []

    def flush() -> None:
        if head is not None:
            entries.append(_block_entry(head[0], head[1], section, body, keys))
        elif table is not None:
            entries.extend(_table_entries(section, body, table, keys))

    for line in rules_part.splitlines():
        if not line.startswith(("### ", "**")):  # neither a section nor an entry's heading
            body.append(line)
            continue
        sec = _SECTION.match(line)
        match = _HEADER.match(line)
        tabled = _TABLE_HEADER.match(line)
        if sec is None and match is None and tabled is None:
            body.append(line)
            continue
        flush()
        body = []
        head, table = None, None
        if sec is not None:
            section = sec.group("section")
        elif match is not None:
            head = (match.group("id"), match.group("title"))
        elif tabled is not None:
            table = tabled.group("source") or ""
    flush()
    return tuple(entries)


PARSED = "statutory-rules.parsed.json"
"""The packaged catalogue's entries and Source keys as data: what parsing its text gives."""


def _checksum(text: str) -> list[int]:
    """The length and CRC-32 of a catalogue text: which text parsed data was read from."""
    data = text.encode("utf-8")
    return [len(data), zlib.crc32(data)]


def _as_data(value: Any) -> Any:
    """An entry, a Source key or one of their values as JSON data."""
    if isinstance(value, Regime | Strength):
        return value.name
    if isinstance(value, tuple):
        return [_as_data(v) for v in value]
    if attrs.has(type(value)):
        return {f.name: _as_data(getattr(value, f.name)) for f in attrs.fields(type(value))}
    return value


def parsed_data(text: str) -> dict[str, Any]:
    """What parsing a catalogue text gives, as data, with the text's checksum."""
    return {
        "checksum": _checksum(text),
        "keys": [_as_data(key) for key in parse_source_keys(text).values()],
        "entries": [_as_data(e) for e in parse_catalogue(text)],
    }


def _entry(data: dict[str, Any]) -> CatalogueEntry:
    return CatalogueEntry(
        **{
            **data,
            "strength": Strength[data["strength"]],
            "regime": Regime[data["regime"]],
            "regimes": tuple(Regime[r] for r in data["regimes"]),
            "citations": tuple(Provision(**c) for c in data["citations"]),
            "evidence": tuple(data["evidence"]),
            "source_notes": tuple(data["source_notes"]),
        }
    )


@functools.cache
def _parsed() -> tuple[dict[str, SourceKey], tuple[CatalogueEntry, ...]] | None:
    """The packaged parsed data, if it was read from the packaged text; else ``None``."""
    try:
        data = json.loads(read_text(PARSED))
    except (OSError, ValueError):
        return None
    if data.get("checksum") != _checksum(catalogue_text()):
        return None
    keys = {k["key"]: SourceKey(k["key"], k["title"], tuple(k["urls"])) for k in data["keys"]}
    return keys, tuple(_entry(e) for e in data["entries"])


@functools.cache
def catalogue_entries() -> tuple[CatalogueEntry, ...]:
    """Every entry of the packaged catalogue, in its order (91 in the current edition)."""
    parsed = _parsed()
    return parsed[1] if parsed is not None else parse_catalogue(catalogue_text())


@functools.cache
def source_keys() -> dict[str, SourceKey]:
    """The packaged catalogue's Source keys table, by key."""
    parsed = _parsed()
    return dict(parsed[0]) if parsed is not None else parse_source_keys(catalogue_text())


def address(provision: str) -> str | None:
    """The official address the packaged catalogue gives for a provision (``CA2004 s.16G(4)``).

    For a rule the catalogue does not have that still cites the law, such as STRUCT-001.
    """
    return address_of(provision, source_keys())


def entry(ident: str) -> CatalogueEntry:
    """The catalogue entry with an identifier; ``KeyError`` if there is none."""
    for e in catalogue_entries():
        if e.id == ident:
            return e
    raise KeyError(ident)


def write_parsed(folder: Path | None = None) -> Path:
    """Write :data:`PARSED` for the packaged text into ``folder`` (the package's data folder)."""
    out = (folder or Path(__file__).parent / "data") / PARSED
    text = json.dumps(parsed_data(catalogue_text()), ensure_ascii=False, indent=1)
    out.write_text(text + "\n", encoding="utf-8")
    return out


if __name__ == "__main__":  # pragma: no cover - the maintainers' command, run after an update
    sys.stdout.write(f"wrote {write_parsed()}\n")
