"""The JSON Schema of the arrangements file, for editors and other validators."""

from __future__ import annotations

import json
from typing import Any

from safeguarding_partnership.io.schema_draft import with_draft
from safeguarding_partnership.io.schema_strings import StrippedStrings
from safeguarding_partnership.model import Arrangement

__all__ = ["arrangement_schema", "schema_text"]

SCHEMA_ID = "https://safeguarding-partnership.readthedocs.io/schema/arrangements-1.json"


def arrangement_schema(draft: str = "draft-07") -> dict[str, Any]:
    """JSON Schema of one arrangements file, declared as ``draft`` (``draft-07``, which
    editors read best, or ``2020-12``; see :mod:`.io.schema_draft`)."""
    schema = Arrangement.model_json_schema(mode="validation", schema_generator=StrippedStrings)
    return with_draft(schema, draft, SCHEMA_ID)


def schema_text(draft: str = "draft-07") -> str:
    """The schema as stable, indented JSON text."""
    return json.dumps(arrangement_schema(draft), indent=2, sort_keys=True) + "\n"
