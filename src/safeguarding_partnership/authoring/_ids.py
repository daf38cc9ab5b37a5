"""Identifiers and YAML scalars for text this package writes into arrangements files."""

from __future__ import annotations

import io
import re
import unicodedata
from collections.abc import Collection

__all__ = ["scalar", "slug", "unique_id"]


def slug(text: str) -> str:
    """``text`` as a file-local id: lower case ASCII letters and digits joined by ``-``."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    words = re.findall(r"[a-z0-9]+", ascii_text.lower().replace("&", " and "))
    return "-".join(words)[:120].strip("-") or "body"


def unique_id(wanted: str, taken: Collection[str]) -> str:
    """``wanted``, or ``wanted-2``, ``wanted-3`` ... if it is already taken."""
    if wanted not in taken:
        return wanted
    n = 2
    while f"{wanted}-{n}" in taken:
        n += 1
    return f"{wanted}-{n}"


def scalar(value: str) -> str:
    """``value`` as a YAML scalar that reads back as the same string in flow and block
    context: plain where that is safe, double-quoted otherwise."""
    from ruamel.yaml import YAML

    if re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9 .'()/&-]*", value) and not value.endswith(" "):
        from ruamel.yaml.error import YAMLError

        try:
            loaded = YAML(typ="safe", pure=True).load(io.StringIO(f"{{k: {value}}}"))
        except YAMLError:  # anything the parser refuses is quoted
            loaded = None
        if isinstance(loaded, dict) and loaded.get("k") == value:
            return value
    import json

    return json.dumps(value, ensure_ascii=False)
