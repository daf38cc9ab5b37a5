"""The JSON Schema of the arrangements file, for editors and other validators."""

from __future__ import annotations

import json
from typing import Any

from safeguarding_partnership.model import Arrangement

__all__ = ["arrangement_schema", "schema_text"]

SCHEMA_ID = "https://safeguarding-partnership.readthedocs.io/schema/arrangements-1.json"


def arrangement_schema() -> dict[str, Any]:
    """JSON Schema (draft 2020-12) of one arrangements file."""
    schema = Arrangement.model_json_schema(mode="validation")
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["$id"] = SCHEMA_ID
    return schema


def schema_text() -> str:
    """The schema as stable, indented JSON text."""
    return json.dumps(arrangement_schema(), indent=2, sort_keys=True) + "\n"
