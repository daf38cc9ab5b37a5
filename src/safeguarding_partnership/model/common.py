"""Building blocks shared by every model: strict base, identifiers, dates, "unknown" versus "none".

A field that was not published or not found is ``None``: *unknown*. A list recorded as empty
(``[]`` or the word ``none``) is *none*. The rule engine treats unknown as "not recorded" and
never as non-compliant.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from typing import Annotated, Any, TypeVar

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    GetJsonSchemaHandler,
    StringConstraints,
)
from pydantic.json_schema import JsonSchemaValue
from pydantic_core import CoreSchema

__all__ = [
    "CONTROL_CHARACTERS",
    "EARLIEST",
    "LATEST",
    "Dated",
    "Day",
    "GssCode",
    "Id",
    "Keyword",
    "Listed",
    "Model",
    "Ref",
    "Text",
    "Url",
    "none_word",
    "printable",
    "without_controls",
]

T = TypeVar("T")

CONTROL_CHARACTERS = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\ufdd0-\ufdef\ufffe\uffff"
    + "".join(
        f"{chr(plane * 0x10000 + 0xFFFE)}{chr(plane * 0x10000 + 0xFFFF)}" for plane in range(1, 17)
    )
    + "]"
)
"""Characters no text may hold: C0 controls but tab and line feed (so carriage return too),
DEL, C1 controls, lone surrogates and Unicode's noncharacters. In a terminal they move the
cursor, clear the screen, set the title or plant links; in HTML, Markdown and iCalendar
(RFC 5545) they are invalid or break the file."""


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


Text = Annotated[str, AfterValidator(printable)]
"""Free text: anything but a control character other than tab and line feed."""


class Model(BaseModel):
    """Base of every model: unknown keys are errors, values are frozen once loaded."""

    model_config = ConfigDict(
        extra="forbid",
        frozen=True,
        str_strip_whitespace=True,
        validate_default=False,
        use_attribute_docstrings=True,
    )


def none_word(value: Any) -> Any:
    """Read the word ``none`` (any case) as an empty list: recorded as none, not unknown."""
    if isinstance(value, str) and value.strip().lower() == "none":
        return ()
    return value


class _NoneWordSchema:
    """Adds the word ``none`` to a list's JSON Schema, so editors accept it too."""

    def __get_pydantic_json_schema__(
        self, core_schema: CoreSchema, handler: GetJsonSchemaHandler
    ) -> JsonSchemaValue:
        schema = handler(core_schema)
        return {"anyOf": [schema, {"const": "none", "description": "Recorded as none."}]}


Listed = Annotated[tuple[T, ...] | None, BeforeValidator(none_word), _NoneWordSchema()]
"""A list that may be unknown (``None``), recorded as none (``()``), or have items."""

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


Keyword = Annotated[str, KeywordText(), AfterValidator(printable)]
"""Text that is a keyword or code, such as a Schedule category or a rule code."""

GssCode = Annotated[str, StringConstraints(pattern=r"^E(06|07|08|09|10)\d{6}$")]
"""ONS GSS code of an English local authority (unitary, district, metropolitan, London, county)."""

Url = Annotated[
    str,
    StringConstraints(pattern=r"^(https?://|mailto:)\S+$", max_length=2000),
    AfterValidator(printable),
]
"""A link to a published document: ``http``, ``https`` or ``mailto`` only."""


EARLIEST = dt.date(1900, 1, 1)
"""The first day this tool reads, in a file or as ``--as-of``."""
LATEST = dt.date(2199, 12, 31)
"""The last day this tool reads. Inside the window, every date sum the rules and reports
make (a year on, a deadline in working days) stays inside what Python's dates can hold."""


def in_window(day: dt.date) -> dt.date:
    """``day``, if it is inside the window of dates this tool reads; else a ``ValueError``."""
    if not EARLIEST <= day <= LATEST:
        raise ValueError(
            f"{day.isoformat()} is outside the dates this tool reads "
            f"({EARLIEST.isoformat()} to {LATEST.isoformat()})"
        )
    return day


Day = Annotated[dt.date, AfterValidator(in_window)]
"""A date written ``YYYY-MM-DD``, between :data:`EARLIEST` and :data:`LATEST`."""


class Dated(Model):
    """Something that holds from one date to another. Either end may be unknown (open)."""

    valid_from: Day | None = None
    """First day on which this holds."""
    valid_to: Day | None = None
    """Last day on which this holds."""

    def in_force(self, on: dt.date) -> bool:
        """Whether this holds on the given day (an open end counts as holding)."""
        if self.valid_from is not None and on < self.valid_from:
            return False
        return not (self.valid_to is not None and on > self.valid_to)
