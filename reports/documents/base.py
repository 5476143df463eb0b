"""What every document shares besides the PDF machinery (`reports.documents.pdf`): numbered captions of tables and
figures (per chapter, in document order, so the lists can be printed before them) and the markup of a chart.
"""

from __future__ import annotations

import base64
import re
from dataclasses import dataclass

from django.db.models.fields.files import FieldFile
from django.utils.safestring import mark_safe

from sakip.uploads import image_type


@dataclass(frozen=True)
class Caption:
    kind: str  # table | figure
    key: str
    number: str  # "3.2"
    title: str

    @property
    def label(self) -> str:
        return f"{'Tabel' if self.kind == 'table' else 'Gambar'} {self.number}"

    @property
    def anchor(self) -> str:
        return f"{self.kind}-{self.key}"


class Numbering:
    """Numbers captions per kind and chapter as they are added: "3.2" is the second table of BAB III."""

    def __init__(self) -> None:
        self.captions: dict[str, Caption] = {}
        self.counts: dict[tuple[str, int | str], int] = {}

    def add(self, kind: str, chapter: int | str, key: str, title: str) -> None:
        if key in self.captions:
            raise ValueError(f"caption key used twice: {key}")
        n = self.counts.get((kind, chapter), 0) + 1
        self.counts[(kind, chapter)] = n
        self.captions[key] = Caption(kind, key, f"{chapter}.{n}", title)


class CaptionedDocument:
    """What every document object offers its templates: its numbered tables and figures (for the lists before
    them) and its section texts. A document dataclass with `captions` and `texts` fields inherits it."""

    captions: dict[str, Caption]
    texts: dict[str, tuple[str, bool]]  # section key -> (text, generated?)

    @property
    def tables(self) -> list[Caption]:
        return [c for c in self.captions.values() if c.kind == "table"]

    @property
    def figures(self) -> list[Caption]:
        return [c for c in self.captions.values() if c.kind == "figure"]

    def text(self, key: str) -> str:
        return self.texts.get(key, ("", True))[0]


def chart_markup(svg: str, *, as_image: bool = False) -> str:
    if not svg:
        return ""
    if not as_image:
        return mark_safe(svg)  # drawn by reports.lkjip.charts from figures, labels escaped there
    title = re.search(r"<title>([^<]*)</title>", svg)
    data = base64.b64encode(svg.encode()).decode("ascii")
    alt = title[1] if title else ""  # already escaped in the SVG
    return mark_safe(f'<img class="chart-image" alt="{alt}" src="data:image/svg+xml;base64,{data}">')


def logo_data_url(field_file: FieldFile) -> str:
    """An uploaded logo (a FieldFile, PNG or JPEG by content) as a data: URL, so the page and the PDF embed the
    same bytes and a PDF worker reads no file. "" when there is none or it cannot be read."""
    if not field_file:
        return ""
    try:
        with field_file.open("rb") as handle:
            data = handle.read()
    except OSError:
        return ""
    kind = image_type(data[:16])
    return f"data:{kind};base64,{base64.b64encode(data).decode('ascii')}" if kind else ""
