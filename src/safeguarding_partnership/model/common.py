"""Building blocks shared by every model: strict base, identifiers, dates, "unknown" versus "none".

A field that was not published or not found is ``None``: *unknown*. A list recorded as empty
(``[]`` or the word ``none``) is *none*. The rule engine treats unknown as "not recorded" and
never as non-compliant.
"""

import datetime as dt
import re
import unicodedata
from collections.abc import Mapping
from typing import Annotated, Any, TypeVar

from pydantic import (
    ConfigDict,
    GetCoreSchemaHandler,
    GetJsonSchemaHandler,
    SerializerFunctionWrapHandler,
    StrictBool,
    StringConstraints,
    ValidatorFunctionWrapHandler,
)
from pydantic.json_schema import JsonSchemaValue
from pydantic_core import CoreSchema, PydanticCustomError

from safeguarding_partnership.model.dates import EARLIEST, LATEST, Day, earliest, in_window, latest
from safeguarding_partnership.model.schema_docs import DocumentedModel
from safeguarding_partnership.model.steps import After, Before, Wrap, WrapSerialiser

__all__ = [
    "CONTROL_CHARACTERS",
    "EARLIEST",
    "LATEST",
    "NONE",
    "Dated",
    "Day",
    "GssCode",
    "Id",
    "IncompleteList",
    "Keyword",
    "Listed",
    "Model",
    "NoneOr",
    "Recorded",
    "Ref",
    "Source",
    "Sourced",
    "Text",
    "Url",
    "in_window",
    "is_complete",
    "is_none",
    "none_word",
    "printable",
    "without_controls",
]

T = TypeVar("T")

CONTROL_CHARACTERS = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff\ufdd0-\ufdef\ufffe\uffff"
    + "".join(
        f"{chr(plane * 0x10000 + 0xFFFE)}{chr(plane * 0x10000 + 0xFFFF)}" for plane in range(1, 17)
    )
    + "]"
)
"""Characters no text may hold: C0 controls but tab and line feed (so carriage return too),
DEL, C1 controls, the bidirectional embeddings, overrides and isolates (U+202A-U+202E,
U+2066-U+2069), lone surrogates and Unicode's noncharacters. In a terminal they move the
cursor, clear the screen, set the title or plant links; in HTML, Markdown and iCalendar
(RFC 5545) they are invalid or break the file; a bidirectional override makes text read
other than it is (``txt.exe`` shown as ``exe.txt``). The marks U+200E and U+200F, which
right-to-left names need, are text."""


def printable(value: str) -> str:
    """``value``, if it holds no :data:`CONTROL_CHARACTERS`; else a ``ValueError`` naming
    the first one (the model refuses such text with its location)."""
    found = CONTROL_CHARACTERS.search(value)
    if found is not None:
        char = found.group()
        raise ValueError(
            f"contains the control character U+{ord(char):04X}"
            + (f" ({unicodedata.name(char)})" if unicodedata.name(char, "") else "")
            + "; text may hold tab and line breaks, no other control character"
        )
    return value


def without_controls(text: str, replacement: str = "\ufffd") -> str:
    """``text`` with each of the :data:`CONTROL_CHARACTERS` replaced (for an output)."""
    return CONTROL_CHARACTERS.sub(replacement, text)


Text = Annotated[str, After(printable)]
"""Free text: anything but a control character other than tab and line feed."""


class Model(DocumentedModel):
    """Base of every model: unknown keys are errors, values are frozen once loaded.

    Quick to import (:class:`~.schema_docs.DocumentedModel`): validators are built on first
    use, so importing the model builds none and a check builds only the arrangement's, and
    the docstring under each field becomes its description only when a JSON Schema is made.
    """

    model_config = ConfigDict(
        extra="forbid",
        frozen=True,
        str_strip_whitespace=True,
        validate_default=False,
    )


def none_word(value: Any) -> Any:
    """Read the word ``none`` (any case) as an empty list: recorded as none, not unknown."""
    if isinstance(value, str) and value.strip().lower() == "none":
        return ()
    return value


NONE = "none"
"""A single value recorded as none (``part_of: none``, ``in_kind: none``), as against left
out, which is unknown."""


def _none_scalar(value: Any) -> Any:
    """Read the word ``none`` (any case) as :data:`NONE`."""
    if isinstance(value, str) and value.strip().lower() == NONE:
        return NONE
    return value


def is_none(value: Any) -> bool:
    """Whether a single value is recorded as none (the word ``none``), not left unknown."""
    return isinstance(value, str) and value == NONE


def _none_word_schema(description: str) -> JsonSchemaValue:
    """The JSON Schema of the word ``none`` in any case, as :func:`none_word` reads it."""
    return {
        "type": "string",
        "pattern": r"^\s*[Nn][Oo][Nn][Ee]\s*$",
        "examples": ["none"],
        "description": description,
    }


class _ScalarNoneSchema:
    """Adds the word ``none`` (any case) to a single value's JSON Schema."""

    def __get_pydantic_json_schema__(
        self, core_schema: CoreSchema, handler: GetJsonSchemaHandler
    ) -> JsonSchemaValue:
        word = _none_word_schema("Recorded as none (left out, it is unknown).")
        return {"anyOf": [handler(core_schema), word]}


NoneOr = Annotated[T | None, Before(_none_scalar), _ScalarNoneSchema()]
"""A single value that may be unknown (``None``), recorded as none (the word ``none``, read
as :data:`NONE`), or known."""


class IncompleteList(tuple[T, ...]):
    """The items known of a list that is not complete: there may be others.

    A list in the file is complete unless written ``{complete: false, items: [...]}``. Rules
    draw conclusions from what a list lacks only when it is complete (:func:`is_complete`).
    It is a tuple, so code that only reads the items needs no change.
    """

    __slots__ = ()

    def __repr__(self) -> str:
        return f"IncompleteList({tuple.__repr__(self)})"


def is_complete(items: tuple[Any, ...] | None) -> bool:
    """Whether a list is recorded in full: known (not ``None``) and not an
    :class:`IncompleteList`."""
    return items is not None and not isinstance(items, IncompleteList)


_COMPLETENESS_KEYS = frozenset({"complete", "items"})


def _completeness(value: Any, handler: ValidatorFunctionWrapHandler) -> Any:
    """Read ``{complete: false, items: [...]}``: the items, marked incomplete."""
    if not isinstance(value, Mapping):
        return handler(value)
    keys = set(value)
    if "complete" not in keys or not keys <= _COMPLETENESS_KEYS:
        raise PydanticCustomError(
            "list_completeness",
            "a list is written as a list, 'none', or {complete: false, items: [...]}",
        )
    complete = value["complete"]
    if not isinstance(complete, bool):
        raise PydanticCustomError("list_completeness", "complete must be true or false")
    items = handler(value.get("items", ()))
    if items is None:
        raise PydanticCustomError("list_completeness", "items must be a list")
    return tuple(items) if complete else IncompleteList(items)


def _dump_listed(value: Any, handler: SerializerFunctionWrapHandler) -> Any:
    if isinstance(value, IncompleteList):
        return {"complete": False, "items": handler(tuple(value))}
    return handler(value)


class _ListedSteps:
    """What makes a list :data:`Listed`, as one annotation: the word ``none`` read as empty
    (:func:`none_word`), ``{complete: false, items: [...]}`` read as an
    :class:`IncompleteList` and written back so (:func:`_completeness`, :func:`_dump_listed`),
    and the JSON Schema of the three forms. The same core schema as the three steps and the
    schema hook written as four annotations, which pydantic would wrap in a handler each, for
    each of the model's lists, each time the validator is built."""

    STEPS = (Before(none_word), Wrap(_completeness), WrapSerialiser(_dump_listed))
    """In the order they wrap the list's own schema."""

    def __get_pydantic_core_schema__(
        self, source: Any, handler: GetCoreSchemaHandler
    ) -> CoreSchema:
        schema = handler(source)
        for step in self.STEPS:
            schema = step.apply(schema)
        return schema

    def __get_pydantic_json_schema__(
        self, core_schema: CoreSchema, handler: GetJsonSchemaHandler
    ) -> JsonSchemaValue:
        """A list's JSON Schema: the list, the word ``none``, or the list marked incomplete."""
        schema = handler(core_schema)
        arrays = [s for s in schema.get("anyOf", [schema]) if s.get("type") == "array"]
        partial = {
            "type": "object",
            "properties": {
                "complete": {
                    "type": "boolean",
                    "description": "false: the items are those known, and there may be others.",
                },
                **({"items": arrays[0]} if arrays else {}),
            },
            "required": ["complete"],
            "additionalProperties": False,
            "description": "A list that may not be complete.",
        }
        return {"anyOf": [schema, _none_word_schema("Recorded as none."), partial]}


Listed = Annotated[tuple[T, ...] | None, _ListedSteps()]
"""A list that may be unknown (``None``), recorded as none (``()``), or have items; written
``{complete: false, items: [...]}`` it is an :class:`IncompleteList`."""

Id = Annotated[
    str,
    StringConstraints(pattern=r"^[A-Za-z0-9][A-Za-z0-9._-]*$", max_length=120),
]
"""An identifier local to the file: letters, digits, ``.``, ``_`` and ``-``."""

Ref = Annotated[
    str,
    StringConstraints(
        pattern=r"^([A-Za-z0-9][A-Za-z0-9._-]*:)?[A-Za-z0-9][A-Za-z0-9._-]*$", max_length=241
    ),
]
"""A reference to an identifier declared elsewhere in the file, or ``arrangement:id`` for one
declared in another arrangement (resolved only when arrangements are checked together)."""


class KeywordText:
    """Marks a text field whose value is a keyword or code (a category, a rule code, a
    plugin name), not free text: the privacy scrubber never rewrites it."""

    def __repr__(self) -> str:
        return "KeywordText()"


Keyword = Annotated[str, KeywordText(), After(printable)]
"""Text that is a keyword or code, such as a Schedule category or a rule code."""

GssCode = Annotated[str, StringConstraints(pattern=r"^E(06|07|08|09|10)\d{6}$")]
"""ONS GSS code of an English local authority (unitary, district, metropolitan, London, county)."""

Url = Annotated[
    str,
    StringConstraints(pattern=r"^(https?://|mailto:)\S+$", max_length=2000),
    After(printable),
]
"""A link to a published document: ``http``, ``https`` or ``mailto`` only."""


class Source(Model):
    """Where a fact was read: an address, a title and the day it was seen."""

    url: Url | None = None
    """The address of the page or document."""
    title: Text | None = None
    """Its title, for people."""
    dated: Day | None = None
    """The day the source itself is dated (a news item's day), if it is."""
    seen: Day | None = None
    """The day it was read (a month or a year will do)."""


class Sourced(Model):
    """When a record's facts were seen, and where from.

    ``as_at`` is the day the facts were seen. Checked as of a later day, a fact is "last known
    on" that day, never a present fact that breaks a rule, unless ``current: true`` says it
    still holds. A record without ``as_at`` takes the file's.
    """

    as_at: Day | None = None
    """The day these facts were seen to be true (a month or a year will do)."""
    current: StrictBool | None = None
    """``true`` if the facts are known to hold still, whatever ``as_at`` says."""
    sources: Listed[Source] = None
    """Where the facts were read."""


class Recorded(Sourced):
    """A record with free notes besides its sources (records about incidents and reviews
    have no notes, so that no one writes about a child there)."""

    notes: Text | None = None
    """Free notes for the people keeping the file; never published unless ``notes_public``."""
    notes_public: StrictBool = False
    """Whether ``notes`` may appear in published formats."""


class Dated(Recorded):
    """Something that holds from one date to another. Either end may be unknown (open).

    Either end may be a month or a year (``2019-09``): then on some days whether it holds
    cannot be told (:meth:`in_force_on`).
    """

    valid_from: Day | None = None
    """First day on which this holds."""
    valid_to: Day | None = None
    """Last day on which this holds."""

    def in_force(self, on: dt.date) -> bool:
        """Whether this may hold on the given day (an open end counts as holding).

        With a month- or year-level end this is "possibly"; :meth:`in_force_on` says whether
        it holds for sure."""
        if self.valid_from is not None and on < earliest(self.valid_from):
            return False
        return not (self.valid_to is not None and on > latest(self.valid_to))

    def in_force_on(self, on: dt.date, as_at: dt.date | None = None) -> bool | None:
        """Whether this holds on the day: ``True``, ``False``, or ``None`` when it cannot be
        told (a month- or year-level end, or no end recorded and the facts seen, ``as_at``
        this record's or the given file's, only before the day)."""
        state: bool | None = True
        if self.valid_from is not None:
            if on < earliest(self.valid_from):
                return False
            if on < latest(self.valid_from):
                state = None
        if self.valid_to is not None:
            if on > latest(self.valid_to):
                return False
            if on > earliest(self.valid_to):
                state = None
        else:
            seen = self.as_at or as_at
            if seen is not None and not self.current and on > latest(seen):
                state = None
        return state
