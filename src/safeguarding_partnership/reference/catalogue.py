"""The rule catalogue (``statutory-rules.md``) read as data: one entry per catalogued rule.

The packaged copy of the catalogue is parsed, never retyped: each ``**ID — title**`` block and
each row of the PUB-004 to PUB-014 table gives an entry with its strength, lead regime, whether
it can be checked from data, and the confidence of its sources. Section 4 of the catalogue
counts 91 entries; a test holds this module to that table.
"""

from __future__ import annotations

import functools
import re
from importlib.resources import files

import attrs

from safeguarding_partnership.law import Regime, Strength

__all__ = [
    "CHECK_VALUES",
    "CatalogueEntry",
    "catalogue_entries",
    "catalogue_text",
    "entry",
    "parse_catalogue",
]

CHECK_VALUES = ("yes", "partly", "no", "n/a")
"""The values of a catalogue entry's ``Check:`` line."""

_MAIN_STRENGTH: dict[str, Strength] = {"REPORT-005": Strength.SHOULD}
"""Mixed-strength entries whose main strength is not the first named (catalogue section 4)."""

_HEADER = re.compile(r"^\*\*(?P<id>[A-Z]+-\d{3}) — (?P<title>.+)\*\*\s*$")
_TABLE_HEADER = re.compile(r"^\*\*(?P<first>[A-Z]+-\d{3}) to (?P<last>[A-Z]+-\d{3}) — ")
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

    @property
    def checkable(self) -> bool:
        """Whether a program can test it from data (``Check: yes`` or ``partly``)."""
        return self.check in ("yes", "partly")

    @property
    def prefix(self) -> str:
        return self.id.rsplit("-", 1)[0] + "-"


def catalogue_text() -> str:
    """The packaged rule catalogue, as Markdown."""
    data = files("safeguarding_partnership.reference").joinpath("data", "statutory-rules.md")
    return data.read_text(encoding="utf-8")


def _unbold(text: str) -> str:
    return text.replace("**", "").strip()


def _confidence(text: str) -> str:
    letters: list[str] = []
    for letter in _CONF_LETTER.findall(_unbold(text)):
        if letter not in letters:
            letters.append(letter)
    return "/".join(letters)


def _fields(meta: str) -> dict[str, str]:
    """``Strength: X · Regime: Y · Effective: Z · Conf: W`` as a mapping."""
    out: dict[str, str] = {}
    for part in meta.split(" · "):
        key, sep, value = part.partition(":")
        if sep:
            out.setdefault(key.strip().lower(), value.strip())
    return out


def _block_entry(ident: str, title: str, section: str, lines: list[str]) -> CatalogueEntry:
    meta = next((ln for ln in lines if ln.startswith("- Strength:")), None)
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
    return CatalogueEntry(
        id=ident,
        title=_unbold(title),
        strength=_MAIN_STRENGTH.get(ident, Strength(strength.group(1))),
        regime=Regime[regime.group(1)],
        check=value.group("value").lower(),
        confidence=_confidence(fields.get("conf", "")),
        section=section,
        strength_text=strength_text,
        regime_text=regime_text,
        effective=fields.get("effective", ""),
        check_text=check_text,
        confidence_text=fields.get("conf", ""),
    )


def _table_entries(section: str, lines: list[str]) -> list[CatalogueEntry]:
    """The rows of a table of SHOULD items (PUB-004 to PUB-014), with the block's facts."""
    intro = next((ln for ln in lines if "Regime:" in ln and "Check:" in ln), "")
    fields = _fields(intro)
    regime = _REGIME.search(fields.get("regime", ""))
    strength = _STRENGTH.search(intro)
    check = _CHECK.match(fields.get("check", ""))
    if regime is None or strength is None or check is None:
        raise ValueError("catalogue table lacks its strength, regime or check line")
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
                regime=Regime[regime.group(1)],
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
            )
        )
    return out


def parse_catalogue(text: str) -> tuple[CatalogueEntry, ...]:
    """Every entry of a catalogue text, in the catalogue's order."""
    rules_part = text.split("\n## 2. Rules", 1)[-1].split("\n## 3.", 1)[0]
    entries: list[CatalogueEntry] = []
    section = ""
    head: tuple[str, str] | None = None
    table = False
    body: list[str] = []

    def flush() -> None:
        if head is not None:
            entries.append(_block_entry(head[0], head[1], section, body))
        elif table:
            entries.extend(_table_entries(section, body))

    for line in rules_part.splitlines():
        sec = _SECTION.match(line)
        match = _HEADER.match(line)
        if sec is None and match is None and _TABLE_HEADER.match(line) is None:
            body.append(line)
            continue
        flush()
        body = []
        head, table = None, False
        if sec is not None:
            section = sec.group("section")
        elif match is not None:
            head = (match.group("id"), match.group("title"))
        else:
            table = True
    flush()
    return tuple(entries)


@functools.cache
def catalogue_entries() -> tuple[CatalogueEntry, ...]:
    """Every entry of the packaged catalogue, in its order (91 in the current edition)."""
    return parse_catalogue(catalogue_text())


def entry(ident: str) -> CatalogueEntry:
    """The catalogue entry with an identifier; ``KeyError`` if there is none."""
    for e in catalogue_entries():
        if e.id == ident:
            return e
    raise KeyError(ident)
