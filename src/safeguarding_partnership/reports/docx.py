"""Word documents (``.docx``) with real heading styles, written byte for byte the same.

A :class:`WordDocument` is built block by block (title, headings, paragraphs, bullets, notes
for the author) and saved with :meth:`WordDocument.to_bytes`. Headings use Word's own
"Heading 1" and "Heading 2" styles, so Word and LibreOffice show a navigable outline. The
document's dates (core properties and every zip entry) come from a day passed in, never from
the clock, so the same input gives the same bytes.

python-docx is imported when a document is made, not when this module is.
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from typing import TYPE_CHECKING

from safeguarding_partnership.model.common import without_controls

if TYPE_CHECKING:
    from docx.document import Document

__all__ = ["WordDocument"]

_GENERATOR = "safeguarding-partnership"


class WordDocument:
    """A Word document being written, top to bottom."""

    def __init__(self, title: str, day: dt.date) -> None:
        import docx

        self._doc: Document = docx.Document()
        self._day = day
        self._doc.add_heading(_clean(title), level=0)
        props = self._doc.core_properties
        stamp = dt.datetime.combine(day, dt.time(), tzinfo=dt.UTC)
        props.title = _clean(title)
        props.author = _GENERATOR
        props.last_modified_by = _GENERATOR
        props.created = stamp
        props.modified = stamp
        props.last_printed = stamp
        props.revision = 1
        props.comments = ""
        props.keywords = ""
        props.subject = ""

    def heading(self, text: str, level: int) -> None:
        """A heading in the outline: level 1 or 2."""
        if level not in (1, 2):
            raise ValueError(f"heading level {level} is not 1 or 2")
        self._doc.add_heading(_clean(text), level=level)

    def paragraph(self, text: str, *, bold_prefix: str = "", italic: bool = False) -> None:
        """A paragraph of body text, optionally led by a bold label such as ``Status:``."""
        para = self._doc.add_paragraph()
        if bold_prefix:
            para.add_run(_clean(bold_prefix) + " ").bold = True
        para.add_run(_clean(text)).italic = italic

    def bullets(self, items: list[str] | tuple[str, ...]) -> None:
        """A bulleted list."""
        for item in items:
            self._doc.add_paragraph(_clean(item), style="List Bullet")

    def to_do(self, items: list[str] | tuple[str, ...]) -> None:
        """Bullets for the author, marked so they stand out: bold ``To do:`` on yellow."""
        from docx.enum.text import WD_COLOR_INDEX

        for item in items:
            para = self._doc.add_paragraph(style="List Bullet")
            label = para.add_run("To do: ")
            label.bold = True
            label.font.highlight_color = WD_COLOR_INDEX.YELLOW
            para.add_run(_clean(item)).font.highlight_color = WD_COLOR_INDEX.YELLOW

    def to_bytes(self) -> bytes:
        """The ``.docx`` file, every zip entry dated the document's day."""
        raw = io.BytesIO()
        self._doc.save(raw)
        # a ZIP entry can be dated only from 1980 to 2107: other days are stamped the nearest
        zipped = min(max(self._day, dt.date(1980, 1, 1)), dt.date(2107, 12, 31))
        stamp = (zipped.year, zipped.month, zipped.day, 0, 0, 0)
        out = io.BytesIO()
        with (
            zipfile.ZipFile(io.BytesIO(raw.getvalue())) as source,
            zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target,
        ):
            for info in source.infolist():
                entry = zipfile.ZipInfo(info.filename, date_time=stamp)
                entry.compress_type = zipfile.ZIP_DEFLATED
                entry.create_system = 0
                entry.external_attr = 0o644 << 16
                target.writestr(entry, source.read(info.filename))
        return out.getvalue()


def _clean(text: str) -> str:
    """Text Word can hold, and that shows as written: every control character (C0 but tab and
    line feed, DEL, C1, surrogates, noncharacters) replaced by U+FFFD, as in the other public
    formats (XML 1.0 refuses most of them; the rest would reach the reader as controls)."""
    return without_controls(text)
