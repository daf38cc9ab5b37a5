"""The catalogue's sources: its "Source keys" table, and each rule's Source line split in two.

Section 1 of the catalogue ("Citation versus evidence") says a rule's Source line mixes the
*citation*, the provision itself with the official address of the law or guidance, and the
*evidence*, the source keys of the secondary documents through which its wording was verified.
:func:`split_source` makes that split, so that a finding cites the provision and the rule's
documentation says what it was verified through. Every address comes from the Source keys
table; none is written here.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator, Mapping
from urllib.parse import urlsplit

import attrs

__all__ = [
    "Provision",
    "SourceKey",
    "SplitSource",
    "address_of",
    "official",
    "parse_source_keys",
    "split_source",
    "working_together_url",
]

_OFFICIAL_HOSTS = ("legislation.gov.uk", "www.gov.uk", "assets.publishing.service.gov.uk")
"""Where the law and the guidance are officially published (catalogue section 1)."""

_WORKING_TOGETHER_RECORD = "GOVDIFF-WT23"
"""The source key whose address ends with the gov.uk page of Working Together: the change
record of that page. The catalogue has no key for the page itself."""

_NAMES = {
    "CSWA17": "CSWA 2017",
    "REGS18": "SI 2018/789",
    "REGS18-SCH": "SI 2018/789 Schedule",
    "SI22-634": "SI 2022/634",
    "WT23-PDF25": "WT2023",
    "CWSA26-REV": "CWSA 2026 (revised data)",
}
"""How a citation names the instrument of a primary source key (``REGS18 reg.18`` is cited as
``SI 2018/789 reg.18``); the keys ``CA04-<section>`` and ``CWSA26-<section>`` are named by rule."""

_CA04 = re.compile(r"^CA04-(?P<section>\w+)$")
_BY_SECTION = (
    (_CA04, "CA2004"),
    (re.compile(r"^CWSA26-(?P<section>\d+)E?$"), "CWSA 2026"),
)
"""The keys named by rule: the instrument, then ``s.`` and the section the key holds
(``CA04-16G`` is cited as ``CA2004 s.16G``, ``CWSA26-3E`` as ``CWSA 2026 s.3``)."""

_INSERTED_BY = re.compile(r"inserting CA2004 ss\.16A")
_ROW = re.compile(r"^\| (?P<key>[A-Z][A-Z0-9-]*) \| (?P<title>.+?) \| (?P<urls>\S.*?) \|\s*$")
_ADDED = re.compile(r"^Source key added: (?P<key>[A-Z][A-Z0-9-]*) = (?P<url>\S+)\s*$")
_TOKEN = re.compile(r"[A-Z][A-Z0-9]*(?:-[A-Z0-9]+)*")
_INSTRUMENT = re.compile(r"^(CA2004|WT2018|WT2023|SI \d{4}/\d+)\b")
_CA2004_SECTION = re.compile(r"^CA2004 ss?\.(?P<section>\d+[A-Z]*)")
_REGIME = re.compile(r"\b(WT2018|WT2023)\b")
_PIN = re.compile(r"^(s|ss|reg|regs|ch|para|paras|p|pp)\.|^Schedule\b")
_CITING = re.compile(r"\(citing (?P<what>WT2018|WT2023)\)")
_DOMAIN = re.compile(r"^[a-z0-9-]+(\.[a-z0-9-]+)+\b")
_LEAD_INS = ("the duty itself is in ", "examples ", "example ")
"""Words that open a segment of a Source line before the source they introduce."""


@attrs.frozen
class SourceKey:
    """One row of the catalogue's Source keys table."""

    key: str
    title: str
    urls: tuple[str, ...]

    @property
    def url(self) -> str:
        return self.urls[0]

    @property
    def primary(self) -> bool:
        """Whether the source is the law or guidance itself, at its official address."""
        return any(official(u) for u in self.urls)


@attrs.frozen
class Provision:
    """A citation: the provision (``CA2004 s.16G(7)``), with the official address if known."""

    text: str
    url: str | None = None


@attrs.frozen
class SplitSource:
    """A Source line split as catalogue section 1 says."""

    citations: tuple[Provision, ...] = ()
    evidence: tuple[str, ...] = ()
    """Source keys of secondary sources, or a short description where the line has no key."""
    notes: tuple[str, ...] = ()
    """Parts of the line that are neither: remarks on how the source was read."""


@functools.lru_cache(maxsize=1024)
def official(url: str) -> bool:
    """Whether an address is on legislation.gov.uk or the gov.uk publishing service.

    Remembered by address: reading the catalogue asks about each key of its table for each
    of its ninety Source lines."""
    host = (urlsplit(url).hostname or "").rstrip(".")
    return any(host == h or host == f"www.{h}" for h in _OFFICIAL_HOSTS)


def parse_source_keys(text: str) -> dict[str, SourceKey]:
    """The Source keys table, and any ``Source key added: KEY = address`` line after it."""
    keys: dict[str, SourceKey] = {}
    table = text.split("### Source keys", 1)[-1].split("\n## ", 1)[0] if text else ""
    for line in table.splitlines():
        row = _ROW.match(line)
        if row is None or row.group("key") == "Key":
            continue
        urls = tuple(u.strip() for u in row.group("urls").split(" ; ") if u.strip())
        keys[row.group("key")] = SourceKey(row.group("key"), row.group("title").strip(), urls)
    for line in text.splitlines():
        added = _ADDED.match(line)
        if added is not None and added.group("key") not in keys:
            key = added.group("key")
            keys[key] = SourceKey(key, key, (added.group("url"),))
    return keys


def working_together_url(keys: Mapping[str, SourceKey]) -> str | None:
    """The gov.uk page of Working Together, read from the address of its change record."""
    record = keys.get(_WORKING_TOGETHER_RECORD)
    if record is None:
        return None
    found = re.search(r"/(?P<page>www\.gov\.uk/\S+)$", record.url)
    return f"https://{found.group('page')}" if found else None


_SENTENCE = re.compile(r"\. (?=[A-Z])")
_SEGMENT = re.compile(r" — |; ")


def address_of(provision: str, keys: Mapping[str, SourceKey]) -> str | None:
    """The official address of a provision (``CA2004 s.16G(4)``, ``WT2023 ch.2``), if known.

    >>> keys = {"CSWA17": SourceKey("CSWA17", "CSWA 2017 (inserting CA2004 ss.16A–16Q)",
    ...                             ("https://www.legislation.gov.uk/ukpga/2017/16",))}
    >>> address_of("CA2004 s.16G(4)", keys)
    'https://www.legislation.gov.uk/ukpga/2017/16'
    """
    return _Splitter(keys).url_of(provision)


def _top_level(text: str, separator: re.Pattern[str]) -> Iterator[str]:
    """``text`` cut at each separator that is outside brackets and quotation marks.

    Only brackets, quotation marks and separators are looked at (a separator holds none of
    the three), found by one pattern rather than tried at each character."""
    depth, quoted, start = 0, False, 0
    for found in _marks(separator).finditer(text):
        char = found.group(0)
        if char == '"':
            quoted = not quoted
        elif char == "(" and not quoted:
            depth += 1
        elif char == ")" and not quoted:
            depth = max(depth - 1, 0)
        elif char not in '"()' and depth == 0 and not quoted:
            yield text[start : found.start()]
            start = found.end()
    yield text[start:]


@functools.cache
def _marks(separator: re.Pattern[str]) -> re.Pattern[str]:
    """A pattern finding a bracket, a quotation mark or ``separator``."""
    return re.compile(rf'["()]|{separator.pattern}')


def _first_sentence(text: str) -> str:
    """A Source line's first sentence: the later ones are remarks on it."""
    return next(_top_level(text, _SENTENCE)).strip().rstrip(".")


def _without_notes(text: str) -> str:
    return re.sub(r"\s*\([^()]*(\([^()]*\)[^()]*)*\)", "", text).strip()


_Addresses = tuple[str | None, Mapping[str, str], str | None]
"""The address of Working Together, of each CA2004 section by key, and of the inserting act."""


_LAST: list[tuple[Mapping[str, SourceKey], _Addresses]] = []
"""The last table of source keys and what it gives (one table serves every Source line)."""


def _addresses(keys: Mapping[str, SourceKey]) -> _Addresses:
    """What a table of source keys gives every Source line: the address of Working Together,
    of each CA2004 section by its key, and of the act inserting the sections no key of its own
    covers. Worked out once per table: the same table object again (the catalogue splits 90
    Source lines with one) is answered from the last."""
    if _LAST and _LAST[0][0] is keys:
        return _LAST[0][1]
    sections: dict[str, str] = {}
    inserting: str | None = None
    for key in keys.values():
        ca04 = _CA04.match(key.key)
        if ca04 is not None and key.primary:
            sections[ca04.group("section")] = key.url
        elif _INSERTED_BY.search(key.title) and key.primary:
            inserting = key.url
    found = (working_together_url(keys), sections, inserting)
    _LAST[:] = [(keys, found)]
    return found


class _Splitter:
    """Reads the segments of one Source line into citations, evidence and notes.

    A segment opening with a source key is a citation if the key is the law or guidance at its
    official address, else evidence (citing the edition its title names when a pin such as
    ``ch.5 para 3`` follows: a secondary copy of Working Together). A segment opening with an
    instrument (``CA2004 s.16G(7)``, ``WT2023 ch.2``) is a citation. A remark in lower case is
    a note.
    """

    def __init__(self, keys: Mapping[str, SourceKey]) -> None:
        self.keys = keys
        self.wt_url, self.sections, self.inserting = _addresses(keys)
        self.citations: list[Provision] = []
        self.evidence: list[str] = []
        self.notes: list[str] = []

    def name(self, key: str) -> str:
        for pattern, instrument in _BY_SECTION:
            found = pattern.match(key)
            if found is not None:
                return f"{instrument} s.{found.group('section')}"
        return _NAMES.get(key, key)

    def url_of(self, citation: str) -> str | None:
        if _REGIME.match(citation):
            return self.wt_url
        section = _CA2004_SECTION.match(citation)
        if section is not None:
            return self.sections.get(section.group("section"), self.inserting)
        return None

    def secondary(self, text: str) -> list[str]:
        """The secondary source keys named in a text."""
        found = (t for t in _TOKEN.findall(text) if t in self.keys)
        return [t for t in found if not self.keys[t].primary]

    def cite(self, text: str, url: str | None) -> None:
        """Cite a provision; a remark in brackets that names a secondary source is evidence."""
        for remark in re.findall(r"\s*\([^()]*\)", text):
            named = self.secondary(remark)
            if named:
                self.evidence.extend(named)
                text = text.replace(remark, "")
        if Provision(text, url) not in self.citations:
            self.citations.append(Provision(text, url))

    def leading_key(self, segment: str) -> str | None:
        token = _TOKEN.match(segment)
        return token.group(0) if token is not None and token.group(0) in self.keys else None

    def key_segment(self, segment: str) -> None:
        bare = _without_notes(segment)
        parts = [p.strip() for p in re.split(r",\s*|\s+and\s+", bare) if p.strip()]
        if len(parts) > 1 and all(p in self.keys for p in parts):
            note = segment[len(bare) :].strip() if segment.startswith(bare) else ""
            for i, part in enumerate(parts):
                self.one_key(part, note if i == len(parts) - 1 else "")
            return
        key = self.leading_key(segment)
        assert key is not None
        self.one_key(key, segment[len(key) :].strip())

    def one_key(self, key: str, rest: str) -> None:
        source = self.keys[key]
        if source.primary:
            name = self.name(key)
            text = f"{name} {rest}".strip()
            if not _PIN.match(rest):
                if any(c.url == source.url for c in self.citations):
                    return  # the provision is already cited, more exactly
                for i, cited in enumerate(self.citations):
                    if cited.text == name:
                        self.citations[i] = Provision(text, source.url)
                        return
            self.cite(text, source.url)
            return
        self.evidence.append(key)
        regime = _REGIME.search(source.title)
        if _PIN.match(rest) and regime is not None:
            pin = re.sub(rf"\s*\({regime.group(1)}\)$", "", rest)
            self.cite(f"{regime.group(1)} {pin}", self.wt_url)
        citing = _CITING.search(rest)
        if citing is not None:
            self.cite(citing.group("what"), self.wt_url)

    def segment(self, segment: str) -> None:
        for lead in _LEAD_INS:
            if segment.startswith(lead):
                segment = segment[len(lead) :]
        if not segment:
            return
        if self.leading_key(segment) is not None:
            self.key_segment(segment)
        elif _INSTRUMENT.match(segment):
            provision, via, through = segment.partition(" via ")
            self.cite(provision.strip(), self.url_of(provision))
            if via:
                self.evidence.append(through.strip())
        elif (domain := _DOMAIN.match(segment)) is not None:
            if official(f"https://{domain.group(0)}"):
                self.cite(segment, None)
            else:
                self.evidence.append(_without_notes(segment))
        elif segment[0].isupper():
            self.cite(segment, None)
        else:
            self.notes.append(segment)
            self.evidence.extend(self.secondary(segment))


def split_source(text: str, keys: Mapping[str, SourceKey]) -> SplitSource:
    """A rule's Source line as its citations (provisions) and its evidence (secondary keys).

    Only the first sentence is read: later sentences remark on how the source was read.

    >>> keys = {"CSWA17": SourceKey("CSWA17", "CSWA 2017 (inserting CA2004 ss.16A–16Q)",
    ...                             ("https://www.legislation.gov.uk/ukpga/2017/16",)),
    ...         "LEEDS": SourceKey("LEEDS", "Leeds SCP", ("https://leedsscp.org.uk/",))}
    >>> split = split_source("CA2004 s.16G(7) — CSWA17 s.18; LEEDS.", keys)
    >>> [c.text for c in split.citations], split.evidence
    (['CA2004 s.16G(7)', 'CSWA 2017 s.18'], ('LEEDS',))
    """
    splitter = _Splitter(keys)
    for segment in _top_level(_first_sentence(text), _SEGMENT):
        if segment.strip():
            splitter.segment(segment.strip())
    return SplitSource(
        tuple(splitter.citations), tuple(dict.fromkeys(splitter.evidence)), tuple(splitter.notes)
    )
