"""The made-up words generated records use: people's names, group themes, reasons, web
addresses and identifiers made from names."""

from __future__ import annotations

NAMES = (
    "Alex Morgan",
    "Sam Patel",
    "Jo Okafor",
    "Chris Evans",
    "Priya Shah",
    "Tom Byrne",
    "Aisha Rahman",
    "Kate Lewis",
)
THEMES = (
    "Learning and Improvement",
    "Quality Assurance",
    "Child Exploitation",
    "Education Safeguarding",
    "Neglect",
    "Training",
    "Voice of the Child",
    "Early Help",
)
REASONS = (
    "works with children in the area every day",
    "holds information the partners need to keep children safe",
    "provides services to children and families in the area",
)
COLLABORATION = (
    "attends the thematic groups and takes part in multi-agency audits",
    "is represented at the partnership meeting",
    "takes part in training and practice reviews",
)


def url(path: str) -> str:
    """An address on the made-up partnership website."""
    return f"https://safeguarding.example.org.uk/{path}"


def slug(text: str) -> str:
    """An identifier made from ``text``: lower case, words joined by hyphens."""
    out = "".join(c if c.isalnum() else "-" for c in text.lower())
    return "-".join(part for part in out.split("-") if part)
