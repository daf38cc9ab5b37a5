"""Building blocks shared by every model: strict base, identifiers, dates, "unknown" versus "none".

A field that was not published or not found is ``None``: *unknown*. A list recorded as empty
(``[]`` or the word ``none``) is *none*. The rule engine treats unknown as "not recorded" and
never as non-compliant.
"""

from __future__ import annotations

import datetime as dt
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
    "Url",
    "none_word",
]

T = TypeVar("T")


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


Keyword = Annotated[str, KeywordText()]
"""Text that is a keyword or code, such as a Schedule category or a rule code."""

GssCode = Annotated[str, StringConstraints(pattern=r"^E(06|07|08|09|10)\d{6}$")]
"""ONS GSS code of an English local authority (unitary, district, metropolitan, London, county)."""

Url = Annotated[str, StringConstraints(pattern=r"^(https?://|mailto:)\S+$", max_length=2000)]
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
